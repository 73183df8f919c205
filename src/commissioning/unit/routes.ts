/**
 * The integrated commissioning unit: a year's staff by employer, each partner's share of the cost and the
 * recharges between partners, and the running cost against the budget; forms to add a post and to set the year's
 * budget and sharing basis.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import {
  financialYearLabel,
  financialYearOf,
  parseFinancialYear,
  todayInLondon,
} from '../../kernel/dates.js';
import { formBody, type FormBody } from '../../kernel/forms.js';
import { toDecimalString } from '../../kernel/money.js';
import { breadcrumbsFor, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { listDecisionsForLinking } from '../../appraisal/decisionLink/index.js';
import { SHARING_BASES, formatFte, formatPercent } from './rules.js';
import { readPostForm, readUnitYearForm } from './schema.js';
import { createPost, getUnitYear, loadUnitCosting, setUnitYear, unitYears } from './store.js';

type YearQuery = { Querystring: { year?: string } };
type Partnership = { id: number; name: string };
type Partner = { id: number; name: string };

/** The financial years offered: from 2013-14 (the unit's first, seed 003) to two years ahead. */
function yearChoices(): { value: string; text: string }[] {
  const out = [];
  for (let y = financialYearOf(todayInLondon()) + 2; y >= 2013; y -= 1)
    out.push({ value: financialYearLabel(y), text: financialYearLabel(y) });
  return out;
}

export const unitRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const crumbs = (partnership: Partnership) =>
    breadcrumbsFor(partnership, {
      text: 'Integrated commissioning unit',
      href: `/partnerships/${partnership.id}/unit`,
    });

  /** The year asked for, or the latest with a budget, or the current one. */
  async function yearOf(req: FastifyRequest<YearQuery>, partnershipId: number) {
    const years = await unitYears(db, partnershipId);
    const asked = req.query.year ? parseFinancialYear(req.query.year) : null;
    return { years, year: asked ?? years[0] ?? financialYearOf(todayInLondon()) };
  }

  app.get<{ Params: PartnershipParams } & YearQuery>(
    '/partnerships/:partnershipId/unit',
    { config: { action: 'unit:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const { years, year } = await yearOf(req, partnership.id);
      const u = await loadUnitCosting(
        db,
        partnership.id,
        year,
        partners.map((p) => p.id),
      );
      const partnerName = (id: number | null) => partners.find((p) => p.id === id)?.name ?? '';
      const decision =
        u.settings?.decisionId == null
          ? null
          : ((await listDecisionsForLinking(db, partnership.id)).find(
              (d) => d.id === u.settings?.decisionId,
            ) ?? null);
      const inYear = u.posts.filter((p) => p.costInYearPence > 0);
      return reply.view('commissioning/unit/views/unit.njk', {
        pageTitle: `Integrated commissioning unit, ${financialYearLabel(year)}`,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership, { text: 'Integrated commissioning unit' }),
        partnership,
        year,
        yearLabel: financialYearLabel(year),
        years: [...new Set([...years, year])].sort((a, b) => b - a).map(financialYearLabel),
        employers: u.cost.byEmployer.map((e) => ({
          ...e,
          name: partnerName(e.organisationId),
          fte: formatFte(e.fteHundredths),
          posts: inYear
            .filter((p) => p.employerOrganisationId === e.organisationId)
            .map((p) => ({ ...p, fte: formatFte(p.fteHundredths) })),
        })),
        cost: { ...u.cost, fte: formatFte(u.cost.fteHundredths) },
        settings: u.settings,
        host: partnerName(u.settings?.hostOrganisationId ?? null),
        basisLabel: u.settings ? SHARING_BASES[u.settings.sharingBasis] : null,
        decision,
        sharing: u.sharing,
        shares:
          u.recharges?.map((r) => {
            const w = u.sharing?.ok
              ? u.sharing.shares.find((s) => s.organisationId === r.organisationId)
              : null;
            return {
              ...r,
              name: partnerName(r.organisationId),
              basis:
                u.settings?.sharingBasis === 'split'
                  ? formatPercent(w?.weight ?? 0)
                  : `${toDecimalString(w?.weight ?? 0)} contributed`,
            };
          }) ?? null,
        contributionsTotalPence: u.contributionsTotalPence,
        budget: u.budget,
        can: canIn(req, partnership.id),
      });
    },
  );

  const showPostForm = (
    reply: FastifyReply,
    partnership: Partnership,
    partners: Partner[],
    data: { values: FormBody; problems?: Record<string, string> },
  ) =>
    reply.view('commissioning/unit/views/unitPostForm.njk', {
      pageTitle: 'Add a post to the unit',
      navSection: 'partnerships',
      breadcrumbs: crumbs(partnership),
      partnership,
      partners,
      values: data.values,
      ...(data.problems ? withProblems(data.problems, ['startsOn', 'endsOn']) : {}),
    });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/unit/posts/new',
    { config: { action: 'unit:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showPostForm(reply, loaded.partnership, loaded.partners, { values: {} });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/unit/posts',
    { config: { action: 'unit:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const parsed = readPostForm(req.body, new Set(partners.map((p) => p.id)));
      if (!parsed.ok)
        return showPostForm(reply.code(400), partnership, partners, {
          values: body,
          problems: parsed.problems,
        });
      await transaction(db, (trx) => createPost(trx, actorFor(req.principal), partnership.id, parsed.value));
      req.session.flash = `Post added: ${parsed.value.postTitle}`;
      return reply.redirect(
        `/partnerships/${partnership.id}/unit?year=${financialYearLabel(financialYearOf(parsed.value.startsOn))}`,
        303,
      );
    },
  );

  const showYearForm = async (
    reply: FastifyReply,
    partnership: Partnership,
    partners: Partner[],
    data: { values: FormBody; problems?: Record<string, string> },
  ) =>
    reply.view('commissioning/unit/views/unitYearForm.njk', {
      pageTitle: 'Set the unit’s budget and how its cost is shared',
      navSection: 'partnerships',
      breadcrumbs: crumbs(partnership),
      partnership,
      partners,
      years: yearChoices(),
      bases: SHARING_BASES,
      decisions: await listDecisionsForLinking(db, partnership.id),
      values: data.values,
      ...(data.problems ? withProblems(data.problems) : {}),
    });

  app.get<{ Params: PartnershipParams } & YearQuery>(
    '/partnerships/:partnershipId/unit/budget',
    { config: { action: 'unit:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const { year } = await yearOf(req, partnership.id);
      const current = await getUnitYear(db, partnership.id, year);
      const values: FormBody = { financialYear: financialYearLabel(year), sharingBasis: 'split' };
      if (current) {
        values.budget = toDecimalString(current.budgetPence);
        values.hostOrganisationId =
          current.hostOrganisationId === null ? '' : String(current.hostOrganisationId);
        values.sharingBasis = current.sharingBasis;
        values.decisionId = current.decisionId === null ? '' : String(current.decisionId);
        values.notes = current.notes;
        for (const s of current.split)
          values[`share-${String(s.organisationId)}`] = formatPercent(s.basisPoints).replace('%', '');
      }
      return showYearForm(reply, partnership, partners, { values });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/unit/budget',
    { config: { action: 'unit:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const decisions = await listDecisionsForLinking(db, partnership.id);
      const parsed = readUnitYearForm(
        req.body,
        partners.map((p) => p.id),
        new Set(decisions.map((d) => d.id)),
      );
      if (!parsed.ok)
        return showYearForm(reply.code(400), partnership, partners, {
          values: body,
          problems: parsed.problems,
        });
      const { financialYear: year, input } = parsed.value;
      await transaction(db, (trx) => setUnitYear(trx, actorFor(req.principal), partnership.id, year, input));
      req.session.flash = `Budget and sharing set for ${financialYearLabel(year)}`;
      return reply.redirect(`/partnerships/${partnership.id}/unit?year=${financialYearLabel(year)}`, 303);
    },
  );
};
