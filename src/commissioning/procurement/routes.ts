/**
 * Procurements: the partnership's list (status, value, next date), adding a procurement, and a procurement's
 * page (lots, timetable and its statutory check, value by partner, bids, evaluation, awards). Lots, bids,
 * scores and awards are added by commissioning/procurement/partRoutes.ts.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { authorize } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { formBody, type FormBody } from '../../kernel/forms.js';
import { todayInLondon } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { loadBankHolidayChanges } from '../../governance/dates/index.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { PROCEDURES, REGIMES, STATUSES, STEP_LABELS, TIMETABLE_STEPS } from './rules.js';
import { DATE_FIELDS, readProcurementForm } from './schema.js';
import { createProcurement, getProcurement, listProcurements, procurementIdByReference } from './store.js';
import { PROCUREMENT_LABELS, procurementView } from './view.js';

export type ProcurementParams = PartnershipParams & { procurementId: string };

const procedureItems = Object.entries(PROCEDURES).map(([value, p]) => ({
  value,
  text: `${p.label} (${REGIMES[p.regime].label})`,
}));
const steps = TIMETABLE_STEPS.map((step) => ({ step, label: STEP_LABELS[step] }));

/** The procurement a URL names in the partnership, or a 404 sent and null returned. */
export async function loadProcurement(
  db: Db,
  req: FastifyRequest<{ Params: ProcurementParams }>,
  reply: FastifyReply,
) {
  const loaded = await loadPartnership(db, req, reply);
  if (!loaded) return null;
  const id = idParam(req.params.procurementId);
  const procurement = id === null ? undefined : await getProcurement(db, loaded.partnership.id, id);
  if (!procurement) {
    await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
    return null;
  }
  return { ...loaded, procurement };
}

export const procurementRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/procurements',
    { config: { action: 'procurement:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const procurements = await listProcurements(db, partnership.id, todayInLondon());
      return reply.view('commissioning/procurement/views/list.njk', {
        pageTitle: 'Procurements',
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        procurements,
        labels: { PROCEDURES, STATUSES },
        can: canIn(req, partnership.id),
      });
    },
  );

  const showForm = (
    reply: FastifyReply,
    partnership: { id: number; name: string },
    partners: { id: number; name: string }[],
    values: FormBody,
    problems?: FieldProblems,
  ) =>
    reply.view('commissioning/procurement/views/form.njk', {
      pageTitle: 'Add a procurement',
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(partnership, {
        text: 'Procurements',
        href: `/partnerships/${partnership.id}/procurements`,
      }),
      partnership,
      partners,
      values,
      regimes: REGIMES,
      procedureItems,
      steps,
      ...(problems ? withProblems(problems, DATE_FIELDS) : {}),
    });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/procurements/new',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showForm(reply, loaded.partnership, loaded.partners, {});
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/procurements',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const parsed = readProcurementForm(body, partners, await loadBankHolidayChanges(db));
      const problems = parsed.ok ? {} : parsed.problems;
      if (
        parsed.ok &&
        (await procurementIdByReference(db, partnership.id, parsed.value.reference)) !== undefined
      )
        problems.reference = `There is already a procurement with the reference ${parsed.value.reference}`;
      if (!parsed.ok || Object.keys(problems).length > 0)
        return showForm(reply.code(400), partnership, partners, body, problems);
      const id = await transaction(db, (trx) =>
        createProcurement(trx, actorFor(req.principal), partnership.id, parsed.value),
      );
      req.session.flash = `Procurement added: ${parsed.value.title}`;
      return reply.redirect(`/partnerships/${partnership.id}/procurements/${id}`, 303);
    },
  );

  app.get<{ Params: ProcurementParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId',
    { config: { action: 'procurement:view' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      const { partnership, partners, procurement } = found;
      const can = canIn(req, partnership.id);
      const view = procurementView(
        procurement,
        partners,
        todayInLondon(),
        authorize(req.principal, 'procurement:bids', partnership.id),
        await loadBankHolidayChanges(db),
      );
      return reply.view('commissioning/procurement/views/show.njk', {
        pageTitle: procurement.title,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership, {
          text: 'Procurements',
          href: `/partnerships/${partnership.id}/procurements`,
        }),
        partnership,
        procurement,
        view,
        labels: PROCUREMENT_LABELS,
        can,
        history: can('history:view')
          ? describeHistory(await historyOf(db, 'procurement', procurement.id))
          : null,
      });
    },
  );
};
