/** Budget areas: the areas of spend of a financial year, how each is arranged, and each partner's contribution. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import {
  financialYearLabel,
  financialYearOf,
  parseFinancialYear,
  todayInLondon,
} from '../../kernel/dates.js';
import { toDecimalString } from '../../kernel/money.js';
import {
  budgetAreaNameTaken,
  createBudgetArea,
  deleteBudgetArea,
  getBudgetArea,
  updateBudgetArea,
  type BudgetArea,
} from '../budgetStore.js';
import { ARRANGEMENTS, validateBudgetArea } from '../rules.js';
import { readBudgetAreaForm } from '../schema.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from './common.js';
import type { BudgetAreaFields } from '../budgetStore.js';

type AreaParams = PartnershipParams & { budgetAreaId: string };

/** The financial years offered in the form: from 2013-14 (the seeds' earliest) to two years ahead. */
function yearChoices(): { value: string; text: string }[] {
  const last = financialYearOf(todayInLondon()) + 2;
  const out = [];
  for (let y = last; y >= 2013; y -= 1)
    out.push({ value: financialYearLabel(y), text: financialYearLabel(y) });
  return out;
}

const areaValues = (a: BudgetArea) => ({
  financialYear: financialYearLabel(a.financialYear),
  name: a.name,
  arrangement: a.arrangement,
  hostOrganisationId: a.hostOrganisationId ?? '',
  notes: a.notes,
  ...Object.fromEntries(
    a.contributions.map((c) => [`contribution-${c.organisationId}`, toDecimalString(c.amountPence)]),
  ),
});

export const budgetAreaRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('partnerships/views/budgetAreaForm.njk', {
      navSection: 'partnerships',
      arrangements: ARRANGEMENTS,
      years: yearChoices(),
      ...data,
    });

  /** The form checked whole: shape, then the partnership's rules, then a name unique within the year. */
  async function check(body: FormBody, partnershipId: number, partnerIds: Set<number>, exceptId?: number) {
    const parsed = readBudgetAreaForm(body);
    if (!parsed.ok) return { problems: parsed.problems, value: null };
    const problems = validateBudgetArea(parsed.value, partnerIds);
    if (
      await budgetAreaNameTaken(db, partnershipId, parsed.value.financialYear, parsed.value.name, exceptId)
    ) {
      problems.name = `There is already an area of spend called ${parsed.value.name} in ${financialYearLabel(parsed.value.financialYear)}`;
    }
    return { problems, value: parsed.value };
  }

  const save = async (
    reply: FastifyReply,
    {
      body,
      title,
      action,
      problems,
      value,
    }: {
      body: FormBody;
      title: string;
      action: string;
      problems: Record<string, string>;
      value: BudgetAreaFields | null;
    },
    context: Record<string, unknown>,
  ): Promise<BudgetAreaFields | null> => {
    if (hasProblems(problems) || !value) {
      await showForm(reply.code(400), {
        pageTitle: title,
        action,
        values: body,
        ...context,
        ...withProblems(problems),
      });
      return null;
    }
    return value;
  };

  app.get<{ Params: PartnershipParams; Querystring: { year?: string } }>(
    '/partnerships/:partnershipId/budget-areas/new',
    { config: { action: 'budget:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const year =
        (req.query.year ? parseFinancialYear(req.query.year) : null) ?? financialYearOf(todayInLondon());
      return showForm(reply, {
        pageTitle: 'Add an area of spend',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        partners,
        action: `/partnerships/${partnership.id}/budget-areas`,
        values: { financialYear: financialYearLabel(year) },
      });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/budget-areas',
    { config: { action: 'budget:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const action = `/partnerships/${partnership.id}/budget-areas`;
      const checked = await check(body, partnership.id, new Set(partners.map((p) => p.id)));
      const value = await save(
        reply,
        { body, title: 'Add an area of spend', action, ...checked },
        { breadcrumbs: breadcrumbsFor(partnership), partnership, partners },
      );
      if (!value) return reply;
      await transaction(db, (trx) => createBudgetArea(trx, actorFor(req.principal), partnership.id, value));
      req.session.flash = `${value.name} added to ${financialYearLabel(value.financialYear)}`;
      return reply.redirect(
        `/partnerships/${partnership.id}?year=${financialYearLabel(value.financialYear)}#budget`,
        303,
      );
    },
  );

  const loadArea = async (req: { params: AreaParams }, partnershipId: number) => {
    const id = idParam(req.params.budgetAreaId);
    return id === null ? undefined : getBudgetArea(db, partnershipId, id);
  };

  app.get<{ Params: AreaParams }>(
    '/partnerships/:partnershipId/budget-areas/:budgetAreaId',
    { config: { action: 'partnership:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const area = await loadArea(req, partnership.id);
      if (!area) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const can = canIn(req, partnership.id);
      return reply.view('partnerships/views/budgetArea.njk', {
        pageTitle: `${area.name}, ${financialYearLabel(area.financialYear)}`,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        partners,
        area,
        host: partners.find((p) => p.id === area.hostOrganisationId) ?? null,
        arrangements: ARRANGEMENTS,
        can,
        history: can('history:view') ? describeHistory(await historyOf(db, 'budget_area', area.id)) : null,
      });
    },
  );

  app.get<{ Params: AreaParams }>(
    '/partnerships/:partnershipId/budget-areas/:budgetAreaId/edit',
    { config: { action: 'budget:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const area = await loadArea(req, partnership.id);
      if (!area) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return showForm(reply, {
        pageTitle: `Change ${area.name}`,
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        partners,
        action: `/partnerships/${partnership.id}/budget-areas/${area.id}/edit`,
        values: areaValues(area),
      });
    },
  );

  app.post<{ Params: AreaParams }>(
    '/partnerships/:partnershipId/budget-areas/:budgetAreaId/edit',
    { config: { action: 'budget:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const area = await loadArea(req, partnership.id);
      if (!area) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const body = formBody(req.body);
      const action = `/partnerships/${partnership.id}/budget-areas/${area.id}/edit`;
      const checked = await check(body, partnership.id, new Set(partners.map((p) => p.id)), area.id);
      const value = await save(
        reply,
        { body, title: `Change ${area.name}`, action, ...checked },
        { breadcrumbs: breadcrumbsFor(partnership), partnership, partners },
      );
      if (!value) return reply;
      await transaction(db, (trx) =>
        updateBudgetArea(trx, actorFor(req.principal), partnership.id, area.id, value),
      );
      req.session.flash = `${value.name} saved`;
      return reply.redirect(`/partnerships/${partnership.id}/budget-areas/${area.id}`, 303);
    },
  );

  app.post<{ Params: AreaParams }>(
    '/partnerships/:partnershipId/budget-areas/:budgetAreaId/delete',
    { config: { action: 'budget:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const area = await loadArea(req, partnership.id);
      if (!area) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      await transaction(db, (trx) => deleteBudgetArea(trx, actorFor(req.principal), partnership.id, area.id));
      req.session.flash = `${area.name} removed from ${financialYearLabel(area.financialYear)}`;
      return reply.redirect(
        `/partnerships/${partnership.id}?year=${financialYearLabel(area.financialYear)}#budget`,
        303,
      );
    },
  );
};
