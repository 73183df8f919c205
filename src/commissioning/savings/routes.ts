/**
 * Savings plans: a year's lines with their roll-ups per partner budget, per partner and for the partnership (and
 * as CSV); a line with its months; adding a line; recording a month's achieved amount.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { csvLines } from '../../kernel/csv.js';
import { formBody, type FormBody } from '../../kernel/forms.js';
import {
  financialYearLabel,
  financialYearOf,
  parseFinancialYear,
  todayInLondon,
} from '../../kernel/dates.js';
import { toDecimalString } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import {
  BUDGET_LINES,
  CONFIDENCES,
  PERIODS,
  RAG_LABELS,
  RAG_RULE,
  SAVING_TYPES,
  asAtPeriod,
  lineFigures,
  periodLabel,
  rollUp,
} from './rules.js';
import { readAchievedForm, readLineProjectForm, readSavingsLineForm } from './schema.js';
import { listProjects } from '../projects/index.js';
import {
  createSavingsLine,
  getSavingsLine,
  listSavingsLines,
  recordAchieved,
  savingsYears,
  updateSavingsLine,
  setSavingsLineProject,
} from './store.js';

type LineParams = PartnershipParams & { savingsLineId: string };
type YearQuery = { Querystring: { year?: string } };

const labels = { BUDGET_LINES, SAVING_TYPES, CONFIDENCES, RAG_LABELS, RAG_RULE };
const periods = PERIODS.map((p) => ({ value: String(p), text: periodLabel(p) }));

/** The financial years offered in the form: from 2013-14 (the seeds' earliest) to two years ahead. */
function yearChoices(): { value: string; text: string }[] {
  const out = [];
  for (let y = financialYearOf(todayInLondon()) + 2; y >= 2013; y -= 1)
    out.push({ value: financialYearLabel(y), text: financialYearLabel(y) });
  return out;
}

export const savingsRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  /** The year asked for, or the latest with lines, or the current one. */
  async function yearOf(req: FastifyRequest<YearQuery>, partnershipId: number) {
    const years = await savingsYears(db, partnershipId);
    const asked = req.query.year ? parseFinancialYear(req.query.year) : null;
    return { years, year: asked ?? years[0] ?? financialYearOf(todayInLondon()) };
  }

  async function yearView(partnershipId: number, year: number, partners: { id: number; name: string }[]) {
    const lines = await listSavingsLines(db, partnershipId, year);
    const roll = rollUp(
      lines,
      partners.map((p) => p.id),
    );
    const partnerName = (id: number) => partners.find((p) => p.id === id)?.name ?? `Organisation ${id}`;
    const projects = await listProjects(db, partnershipId);
    return {
      lines: lines.map((l) => ({
        ...l,
        project: projects.find((p) => p.id === l.projectId) ?? null,
        partner: partnerName(l.organisationId),
        f: lineFigures(l, roll.asAt),
      })),
      roll,
      partnerName,
      asAtLabel: roll.asAt === 0 ? null : periodLabel(roll.asAt),
    };
  }

  app.get<{ Params: PartnershipParams } & YearQuery>(
    '/partnerships/:partnershipId/savings',
    { config: { action: 'savings:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const { years, year } = await yearOf(req, partnership.id);
      const view = await yearView(partnership.id, year, partners);
      return reply.view('commissioning/savings/views/savings.njk', {
        pageTitle: `Savings plan, ${financialYearLabel(year)}`,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        year,
        yearLabel: financialYearLabel(year),
        years: years.map(financialYearLabel),
        ...view,
        labels,
        can: canIn(req, partnership.id),
      });
    },
  );

  app.get<{ Params: PartnershipParams } & YearQuery>(
    '/partnerships/:partnershipId/savings.csv',
    { config: { action: 'savings:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const { year } = await yearOf(req, partnership.id);
      const { roll, partnerName, asAtLabel } = await yearView(partnership.id, year, partners);
      const money = (f: (typeof roll)['partnership']) => [
        toDecimalString(f.plannedPence),
        toDecimalString(f.plannedToDatePence),
        toDecimalString(f.achievedToDatePence),
        toDecimalString(f.forecastPence),
        toDecimalString(f.variancePence),
        RAG_LABELS[f.rag],
      ];
      const rows = [
        [
          'Financial year',
          'As at',
          'Level',
          'Partner',
          'Budget',
          'Planned (£)',
          'Planned to date (£)',
          'Achieved to date (£)',
          'Forecast (£)',
          'Variance (£)',
          'RAG',
        ],
        ...roll.byBudget.map((b) => [
          financialYearLabel(year),
          asAtLabel ?? '',
          'Partner budget',
          partnerName(b.organisationId),
          BUDGET_LINES[b.budgetLine],
          ...money(b.figures),
        ]),
        ...roll.byPartner.map((p) => [
          financialYearLabel(year),
          asAtLabel ?? '',
          'Partner',
          partnerName(p.organisationId),
          '',
          ...money(p.figures),
        ]),
        [
          financialYearLabel(year),
          asAtLabel ?? '',
          'Partnership',
          partnership.name,
          '',
          ...money(roll.partnership),
        ],
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${partnership.slug}-savings-${financialYearLabel(year)}.csv"`,
        )
        .send(csvLines(rows));
    },
  );

  const showForm = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('commissioning/savings/views/savingsLineForm.njk', {
      pageTitle: 'Add a savings line',
      navSection: 'partnerships',
      labels,
      years: yearChoices(),
      periods,
      ...data,
    });

  /** The form's values for a stored line: its fields and its planned months in pounds. */
  const lineValues = (line: NonNullable<Awaited<ReturnType<typeof getSavingsLine>>>): FormBody => {
    const values: FormBody = {
      financialYear: financialYearLabel(line.financialYear),
      organisationId: String(line.organisationId),
      budgetLine: line.budgetLine,
      description: line.description,
      projectReference: line.projectReference,
      savingType: line.savingType,
      confidence: line.confidence,
    };
    for (const m of line.months)
      values[`planned-${m.period}`] = m.plannedPence === 0 ? '' : toDecimalString(m.plannedPence);
    return values;
  };

  /** The change-a-line form, filled from the line or with what the user typed. */
  const showEditForm = (
    reply: FastifyReply,
    partnership: { id: number; name: string },
    partners: { id: number; name: string }[],
    line: NonNullable<Awaited<ReturnType<typeof getSavingsLine>>>,
    values: FormBody,
    problems?: FieldProblems,
  ) =>
    showForm(reply, {
      pageTitle: 'Change a savings line',
      formAction: `/partnerships/${partnership.id}/savings/${line.id}`,
      submitText: 'Save changes',
      breadcrumbs: breadcrumbsFor(
        partnership,
        {
          text: `Savings, ${financialYearLabel(line.financialYear)}`,
          href: `/partnerships/${partnership.id}/savings?year=${financialYearLabel(line.financialYear)}`,
        },
        { text: line.description, href: `/partnerships/${partnership.id}/savings/${line.id}` },
      ),
      partnership,
      partners,
      values,
      ...(problems ? withProblems(problems) : {}),
    });

  app.get<{ Params: PartnershipParams } & YearQuery>(
    '/partnerships/:partnershipId/savings/new',
    { config: { action: 'savings:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const { year } = await yearOf(req, partnership.id);
      return showForm(reply, {
        projects: await listProjects(db, partnership.id),
        breadcrumbs: breadcrumbsFor(partnership, {
          text: 'Savings',
          href: `/partnerships/${partnership.id}/savings`,
        }),
        partnership,
        partners,
        values: { financialYear: financialYearLabel(year) },
      });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/savings',
    { config: { action: 'savings:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const projects = await listProjects(db, partnership.id);
      const parsed = readSavingsLineForm(
        req.body,
        new Set(partners.map((p) => p.id)),
        new Set(projects.map((p) => p.id)),
      );
      if (!parsed.ok) {
        return showForm(reply.code(400), {
          projects,
          breadcrumbs: breadcrumbsFor(partnership, {
            text: 'Savings',
            href: `/partnerships/${partnership.id}/savings`,
          }),
          partnership,
          partners,
          values: body,
          ...withProblems(parsed.problems),
        });
      }
      const id = await transaction(db, (trx) =>
        createSavingsLine(trx, actorFor(req.principal), partnership.id, parsed.value),
      );
      req.session.flash = `Savings line added: ${parsed.value.description}`;
      return reply.redirect(`/partnerships/${partnership.id}/savings/${id}`, 303);
    },
  );

  async function showLine(req: FastifyRequest<{ Params: LineParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const { partnership, partners } = loaded;
    const id = idParam(req.params.savingsLineId);
    const line = id === null ? undefined : await getSavingsLine(db, partnership.id, id);
    if (!line) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    return { partnership, partners, line };
  }

  async function renderLine(
    req: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: number; name: string },
    partners: { id: number; name: string }[],
    line: NonNullable<Awaited<ReturnType<typeof getSavingsLine>>>,
    form?: { values: FormBody; problems: FieldProblems },
  ) {
    // a line is rated as at its plan's as-at month, so that it reads the same here as in the year's table
    const asAt = asAtPeriod(await listSavingsLines(db, partnership.id, line.financialYear));
    const can = canIn(req, partnership.id);
    const projects = await listProjects(db, partnership.id);
    return reply.view('commissioning/savings/views/savingsLine.njk', {
      projects,
      project: projects.find((p) => p.id === line.projectId) ?? null,
      pageTitle: line.description,
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(partnership, {
        text: `Savings, ${financialYearLabel(line.financialYear)}`,
        href: `/partnerships/${partnership.id}/savings?year=${financialYearLabel(line.financialYear)}`,
      }),
      partnership,
      line,
      partner: partners.find((p) => p.id === line.organisationId)?.name ?? '',
      f: lineFigures(line, asAt),
      asAtLabel: asAt === 0 ? null : periodLabel(asAt),
      months: line.months.map((m) => ({ ...m, label: periodLabel(m.period) })),
      periods,
      labels,
      values: form?.values ?? {},
      ...(form ? withProblems(form.problems) : {}),
      can,
      history: can('history:view') ? describeHistory(await historyOf(db, 'savings_line', line.id)) : null,
    });
  }

  app.get<{ Params: LineParams }>(
    '/partnerships/:partnershipId/savings/:savingsLineId',
    { config: { action: 'savings:view' } },
    async (req, reply) => {
      const found = await showLine(req, reply);
      if (!found) return reply;
      return renderLine(req, reply, found.partnership, found.partners, found.line);
    },
  );

  app.get<{ Params: LineParams }>(
    '/partnerships/:partnershipId/savings/:savingsLineId/edit',
    { config: { action: 'savings:edit' } },
    async (req, reply) => {
      const found = await showLine(req, reply);
      if (!found) return reply;
      return showEditForm(reply, found.partnership, found.partners, found.line, lineValues(found.line));
    },
  );

  app.post<{ Params: LineParams }>(
    '/partnerships/:partnershipId/savings/:savingsLineId',
    { config: { action: 'savings:edit' } },
    async (req, reply) => {
      const found = await showLine(req, reply);
      if (!found) return reply;
      const { partnership, partners, line } = found;
      const body = formBody(req.body);
      const parsed = readSavingsLineForm(req.body, new Set(partners.map((p) => p.id)));
      if (!parsed.ok)
        return showEditForm(reply.code(400), partnership, partners, line, body, parsed.problems);
      await transaction(db, (trx) =>
        updateSavingsLine(trx, actorFor(req.principal), partnership.id, line.id, parsed.value),
      );
      req.session.flash = `Savings line changed: ${parsed.value.description}`;
      return reply.redirect(`/partnerships/${partnership.id}/savings/${line.id}`, 303);
    },
  );

  app.post<{ Params: LineParams }>(
    '/partnerships/:partnershipId/savings/:savingsLineId/achieved',
    { config: { action: 'savings:edit' } },
    async (req, reply) => {
      const found = await showLine(req, reply);
      if (!found) return reply;
      const body = formBody(req.body);
      const parsed = readAchievedForm(req.body);
      const { partnership, partners, line } = found;
      if (!parsed.ok) {
        return renderLine(req, reply.code(400), partnership, partners, line, {
          values: body,
          problems: parsed.problems,
        });
      }
      await transaction(db, (trx) =>
        recordAchieved(
          trx,
          actorFor(req.principal),
          partnership.id,
          line.id,
          parsed.value.period,
          parsed.value.achievedPence,
        ),
      );
      req.session.flash = `Achieved for ${periodLabel(parsed.value.period)} recorded`;
      return reply.redirect(`/partnerships/${partnership.id}/savings/${line.id}`, 303);
    },
  );

  app.post<{ Params: LineParams }>(
    '/partnerships/:partnershipId/savings/:savingsLineId/project',
    { config: { action: 'savings:edit' } },
    async (req, reply) => {
      const found = await showLine(req, reply);
      if (!found) return reply;
      const { partnership, partners, line } = found;
      const body = formBody(req.body);
      const projects = await listProjects(db, partnership.id);
      const parsed = readLineProjectForm(req.body, new Set(projects.map((p) => p.id)));
      if (!parsed.ok)
        return renderLine(req, reply.code(400), partnership, partners, line, {
          values: body,
          problems: parsed.problems,
        });
      const project = projects.find((p) => p.id === parsed.value.projectId) ?? null;
      await transaction(db, (trx) =>
        setSavingsLineProject(trx, actorFor(req.principal), partnership.id, line.id, project?.id ?? null),
      );
      req.session.flash = project ? `Delivered by ${project.title}` : 'Project link removed';
      return reply.redirect(`/partnerships/${partnership.id}/savings/${line.id}`, 303);
    },
  );
};
