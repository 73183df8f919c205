/** The partnerships list, a partnership's page with its budget totals, its history, and the forms to make and change one. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { actorFor } from '../../auth/index.js';
import { transaction, type Db } from '../../db/connection.js';
import { visiblePartnershipIds } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOfPartnership } from '../../audit/index.js';
import { dateInputValues, hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import { financialYearLabel, parseFinancialYear } from '../../kernel/dates.js';
import { csvLines } from '../../kernel/csv.js';
import { toDecimalString } from '../../kernel/money.js';
import { listAgreements } from '../agreementStore.js';
import { budgetYears, listBudgetAreas } from '../budgetStore.js';
import {
  ARRANGEMENTS,
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  ORGANISATION_KINDS,
  budgetTotals,
  validatePartnershipMembers,
} from '../rules.js';
import { readPartnershipForm } from '../schema.js';
import {
  createPartnership,
  listOrganisations,
  listPartnerships,
  slugTaken,
  unknownOrganisationIds,
  updatePartnership,
} from '../store.js';
import { breadcrumbsFor, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from './common.js';

const DATE_FIELDS = ['formedOn'];

export const partnershipRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/partnerships', { config: { action: 'partnerships:list' } }, async (req, reply) => {
    const principal = req.principal;
    const partnerships = principal ? await listPartnerships(db, visiblePartnershipIds(principal)) : [];
    return reply.view('partnerships/views/list.njk', {
      pageTitle: 'Partnerships',
      navSection: 'partnerships',
      partnerships,
      can: canIn(req),
    });
  });

  const showForm = async (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('partnerships/views/partnershipForm.njk', {
      navSection: 'partnerships',
      organisations: await listOrganisations(db),
      kinds: ORGANISATION_KINDS,
      ...data,
    });

  app.get('/partnerships/new', { config: { action: 'partnership:create' } }, async (_req, reply) =>
    showForm(reply, {
      pageTitle: 'Create a partnership',
      values: { organisationIds: [] },
      action: '/partnerships',
    }),
  );

  /** Checks a partnership form against the database: known organisations, two or more, a free web address. */
  async function problemsWith(body: FormBody, exceptId?: number) {
    const parsed = readPartnershipForm(body);
    if (!parsed.ok) return { problems: parsed.problems, value: null };
    const problems = validatePartnershipMembers(parsed.value.organisationIds);
    const unknown = await unknownOrganisationIds(db, parsed.value.organisationIds);
    if (unknown.length > 0)
      problems.organisationIds = `There is no organisation ${unknown.join(', ')}; select partners from the list`;
    if (await slugTaken(db, parsed.value.slug, exceptId))
      problems.slug = `Another partnership already uses the web address name ${parsed.value.slug}`;
    return { problems, value: parsed.value };
  }

  const formValues = (body: FormBody) => ({
    ...body,
    organisationIds: ([] as string[]).concat(body.organisationIds ?? []).map(Number),
  });

  app.post('/partnerships', { config: { action: 'partnership:create' } }, async (req, reply) => {
    const body = formBody(req.body);
    const { problems, value } = await problemsWith(body);
    if (hasProblems(problems) || !value) {
      return showForm(reply.code(400), {
        pageTitle: 'Create a partnership',
        values: formValues(body),
        action: '/partnerships',
        ...withProblems(problems, DATE_FIELDS),
      });
    }
    const id = await transaction(db, (trx) => createPartnership(trx, actorFor(req.principal), value));
    req.session.flash = `Partnership ${value.name} created`;
    return reply.redirect(`/partnerships/${id}`, 303);
  });

  app.get<{ Params: PartnershipParams; Querystring: { year?: string } }>(
    '/partnerships/:partnershipId',
    { config: { action: 'partnership:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const years = await budgetYears(db, partnership.id);
      const asked = req.query.year ? parseFinancialYear(req.query.year) : null;
      const year = asked ?? years[0] ?? null;
      const areas = year === null ? [] : await listBudgetAreas(db, partnership.id, year);
      const totals = budgetTotals(
        areas,
        partners.map((p) => p.id),
      );
      return reply.view('partnerships/views/show.njk', {
        pageTitle: partnership.name,
        navSection: 'partnerships',
        breadcrumbs: [{ text: 'Partnerships', href: '/partnerships' }],
        partnership,
        partners,
        agreements: await listAgreements(db, partnership.id),
        years: years.map((y) => ({ year: y, label: financialYearLabel(y) })),
        year,
        yearLabel: year === null ? null : financialYearLabel(year),
        areas: areas.map((a) => ({
          ...a,
          host: partners.find((p) => p.id === a.hostOrganisationId)?.name ?? null,
          cells: partners.map(
            (p) => a.contributions.find((c) => c.organisationId === p.id)?.amountPence ?? null,
          ),
        })),
        totals,
        arrangements: ARRANGEMENTS,
        agreementKinds: AGREEMENT_KINDS,
        agreementStatuses: AGREEMENT_STATUSES,
        kinds: ORGANISATION_KINDS,
        can: canIn(req, partnership.id),
      });
    },
  );

  app.get<{ Params: PartnershipParams; Querystring: { year?: string } }>(
    '/partnerships/:partnershipId/budget.csv',
    { config: { action: 'partnership:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const year =
        (req.query.year ? parseFinancialYear(req.query.year) : null) ??
        (await budgetYears(db, partnership.id))[0];
      const areas = year === undefined ? [] : await listBudgetAreas(db, partnership.id, year);
      const totals = budgetTotals(
        areas,
        partners.map((p) => p.id),
      );
      const amount = (a: (typeof areas)[number], orgId: number) =>
        a.contributions.find((c) => c.organisationId === orgId)?.amountPence ?? 0;
      const rows = [
        [
          'Financial year',
          'Area of spend',
          'Arrangement',
          'Host or lead',
          ...partners.map((p) => `${p.name} (£)`),
          'Total (£)',
        ],
        ...areas.map((a) => [
          financialYearLabel(a.financialYear),
          a.name,
          ARRANGEMENTS[a.arrangement].label,
          partners.find((p) => p.id === a.hostOrganisationId)?.name ?? '',
          ...partners.map((p) => toDecimalString(amount(a, p.id))),
          toDecimalString(a.totalPence),
        ]),
        [
          '',
          'Total',
          '',
          '',
          ...totals.byPartner.map((t) => toDecimalString(t.totalPence)),
          toDecimalString(totals.totalPence),
        ],
      ];
      const name = `${partnership.slug}-budget-${year === undefined ? 'none' : financialYearLabel(year)}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csvLines(rows));
    },
  );

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/edit',
    { config: { action: 'partnership:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      return showForm(reply, {
        pageTitle: `Change ${partnership.name}`,
        breadcrumbs: breadcrumbsFor(partnership),
        action: `/partnerships/${partnership.id}/edit`,
        editing: true,
        values: {
          ...partnership,
          ...dateInputValues('formedOn', partnership.formed_on),
          organisationIds: partners.map((p) => p.id),
        },
      });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/edit',
    { config: { action: 'partnership:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const body = formBody(req.body);
      const { problems, value } = await problemsWith(body, partnership.id);
      if (hasProblems(problems) || !value) {
        return showForm(reply.code(400), {
          pageTitle: `Change ${partnership.name}`,
          breadcrumbs: breadcrumbsFor(partnership),
          action: `/partnerships/${partnership.id}/edit`,
          editing: true,
          values: formValues(body),
          ...withProblems(problems, DATE_FIELDS),
        });
      }
      const { kept } = await transaction(db, (trx) =>
        updatePartnership(trx, actorFor(req.principal), partnership.id, value),
      );
      req.session.flash =
        kept.length > 0
          ? `Partnership saved. ${kept.length === 1 ? 'One partner stays' : `${kept.length} partners stay`} because agreements or budgets name them.`
          : 'Partnership saved';
      return reply.redirect(`/partnerships/${partnership.id}`, 303);
    },
  );

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/history',
    { config: { action: 'history:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      return reply.view('partnerships/views/history.njk', {
        pageTitle: `History of ${partnership.name}`,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        lines: describeHistory(await historyOfPartnership(db, partnership.id)),
      });
    },
  );
};
