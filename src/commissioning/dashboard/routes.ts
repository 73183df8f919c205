/**
 * The partnership dashboard (issue 6, scope 8): the board's first page, as at today or any date asked for (the
 * day of a board meeting, say), each tile linking to its detail.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { formatLongDate, isoDate, todayInLondon } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { dateInputValues, errorSummary, readDateInput, type FormBody } from '../../kernel/forms.js';
import { loadBankHolidayChanges } from '../../governance/dates/index.js';
import { breadcrumbsFor } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import {
  callInTile,
  contractsTile,
  outcomesTile,
  poolTile,
  procurementsTile,
  projectsTile,
  savingsTile,
  unitTile,
  type Tile,
} from './rules.js';
import { procurementsDashboardTile } from '../procurement/index.js';
import { contractsEndingTile } from '../contracts/index.js';
import { projectsDashboardTile } from '../projects/index.js';
import { unitDashboardTile } from '../unit/index.js';
import { outcomesDashboardTile } from '../outcomes/index.js';
import { decisionsAwaitingCallIn, poolPosition, savingsPosition, unitYearAsAt } from './store.js';

export const dashboardRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: PartnershipParams; Querystring: FormBody }>(
    '/partnerships/:partnershipId/dashboard',
    { config: { action: 'partnership:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const can = canIn(req, partnership.id);
      const asked = readDateInput(req.query, 'asAt', 'the date to show the dashboard as at');
      const problems: FieldProblems = asked.problem ? { asAt: asked.problem } : {};
      const asAt = asked.value ? isoDate(asked.value) : todayInLondon();
      const base = `/partnerships/${partnership.id}`;

      const tiles: Tile[] = [];
      if (can('fund:view'))
        tiles.push(poolTile(await poolPosition(db, partnership.id, asAt), `${base}/funds`));
      if (can('savings:view'))
        tiles.push(
          savingsTile(
            await savingsPosition(
              db,
              partnership.id,
              partners.map((p) => p.id),
              asAt,
            ),
            `${base}/savings`,
          ),
        );
      if (can('outcomes:view')) tiles.push(outcomesTile(await outcomesDashboardTile(db, partnership.id)));
      if (can('procurement:view'))
        tiles.push(procurementsTile(await procurementsDashboardTile(db, partnership.id, asAt)));
      if (can('contracts:view'))
        tiles.push(contractsTile(await contractsEndingTile(db, partnership.id, asAt)));
      if (can('governance:view'))
        tiles.push(
          callInTile(
            await decisionsAwaitingCallIn(db, partnership.id, asAt, await loadBankHolidayChanges(db)),
            asAt,
            `/public/partnerships/${partnership.slug}/decisions`,
          ),
        );

      if (can('projects:view')) tiles.push(projectsTile(await projectsDashboardTile(db, partnership.id)));
      if (can('unit:view'))
        tiles.push(
          unitTile(await unitDashboardTile(db, partnership.id, await unitYearAsAt(db, partnership.id, asAt))),
        );

      if (asked.problem) reply.code(400);
      return reply.view('commissioning/dashboard/views/dashboard.njk', {
        pageTitle: `Dashboard${asked.problem ? ' (error)' : ''}`,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        tiles,
        asAt,
        asAtLabel: formatLongDate(asAt),
        isToday: asAt === todayInLondon(),
        values: asked.problem ? req.query : dateInputValues('asAt', asked.value),
        errors: problems,
        errorList: errorSummary(problems, ['asAt']),
      });
    },
  );
};
