/**
 * Better Care Fund returns as XLSX (DOMAIN.md §8), and the partnership's year across its arrangements: the
 * pooled fund and the aligned budgets planned beside it, each fund's report rolled up together.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { sumPence } from '../../kernel/money.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { bcfRows, templateFor } from './returns.js';
import { bcfWorkbook, type BcfReturnKind } from './workbook.js';
import { loadBcfSchemes } from './store.js';
import { monitoringCells } from '../monitoring/index.js';
import { loadMonitoring, loadMonitoringFacts } from '../monitoring/index.js';
import { partnershipYearView } from '../monitoring/index.js';
import { partnershipYearWorkbook } from './partnershipYearWorkbook.js';
import { listFunds } from '../funds/index.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import { MONTHS, readReportQuery, XLSX_TYPE } from '../monitoring/index.js';

const RETURNS: Record<string, { kind: BcfReturnKind; title: string }> = {
  'expenditure-plan': { kind: 'plan', title: 'Better Care Fund expenditure plan' },
  'year-end-actuals': { kind: 'actuals', title: 'Better Care Fund year-end actual expenditure' },
};

export const bcfRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  for (const [slug, which] of Object.entries(RETURNS))
    app.get<{ Params: FundParams }>(
      `/partnerships/:partnershipId/funds/:fundId/bcf/${slug}.xlsx`,
      { config: { action: 'fund:view' } },
      async (req, reply) => {
        const loaded = await loadFund(db, req, reply);
        if (!loaded) return reply;
        const { partnership, fund, partners } = loaded;
        const template = templateFor(fund.financial_year);
        const schemes = await loadBcfSchemes(db, partnership.id, fund);
        const kinds = new Map(partners.map((p) => [p.id, p.kind as string]));
        const kindOf = (o: number) => kinds.get(o) ?? 'other';
        let cells;
        if (which.kind === 'actuals') {
          const facts = await loadMonitoringFacts(db, partnership.id, fund.id);
          cells = monitoringCells(facts.schemes, facts.actuals, 12, 'profile').cells;
        }
        const rows = bcfRows(template, schemes, kindOf, cells);
        const bytes = await bcfWorkbook({
          template,
          kind: which.kind,
          title: `${which.title}, ${financialYearLabel(fund.financial_year)}: ${fund.name}, ${partnership.name}`,
          rows,
          totalPence: sumPence(rows.map((r) => r.expenditurePence)),
        });
        return reply
          .type(XLSX_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="bcf-${slug}-${fund.financial_year}-${fund.id}.xlsx"`,
          )
          .send(bytes);
      },
    );

  /** Every fund of the partnership in the year asked (the latest by default), each with its report. */
  async function loadYear(partnershipId: number, query: { year?: string; period?: string; method?: string }) {
    const all = await listFunds(db, partnershipId);
    const years = [...new Set(all.map((f) => f.financial_year))].sort((a, b) => b - a);
    const asked = Number(query.year);
    const year = years.includes(asked) ? asked : (years[0] ?? null);
    const { period, method } = readReportQuery(query);
    const funds = await Promise.all(
      all
        .filter((f) => f.financial_year === year)
        .map(async (f) => ({
          fundId: f.id,
          name: f.name,
          kind: f.kind,
          ...(await loadMonitoring(db, partnershipId, f.id, period, method)),
        })),
    );
    return { years, year, period, method, funds, view: partnershipYearView(funds) };
  }

  app.get<{ Params: PartnershipParams; Querystring: { year?: string; period?: string; method?: string } }>(
    '/partnerships/:partnershipId/monitoring.xlsx',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const { year, period, funds, view } = await loadYear(partnership.id, req.query);
      const name = new Map(partners.map((p) => [p.id, p.short_name ?? p.name]));
      const bytes = await partnershipYearWorkbook({
        title: `${partnership.name}: monitoring across arrangements, ${year === null ? '' : financialYearLabel(year)}, as at P${period}`,
        view,
        partnerName: (o) => name.get(o) ?? '',
        reconciliations: funds.map((f) => ({ name: f.name, ...f.reconciliation })),
      });
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="monitoring-${partnership.id}-${year ?? ''}-P${period}.xlsx"`,
        )
        .send(bytes);
    },
  );

  app.get<{ Params: PartnershipParams; Querystring: { year?: string; period?: string; method?: string } }>(
    '/partnerships/:partnershipId/monitoring',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const { years, year, period, method, funds, view } = await loadYear(partnership.id, req.query);
      const name = new Map(partners.map((p) => [p.id, p.short_name ?? p.name]));
      return reply.view('ledger/bcf/views/partnershipYear.njk', {
        pageTitle: `Monitoring across arrangements, ${partnership.name}${year === null ? '' : `, ${financialYearLabel(year)}`}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(partnership),
        partnership,
        year,
        years: years.map((y) => ({ value: y, text: financialYearLabel(y), selected: y === year })),
        period,
        method,
        periods: MONTHS.map((m, i) => ({
          value: i + 1,
          text: `P${i + 1} (${m})`,
          selected: i + 1 === period,
        })),
        view,
        byPartner: view.byPartner.map((p) => ({ ...p, label: name.get(p.organisationId) ?? '' })),
        reconciliations: funds.map((f) => ({ fundId: f.fundId, name: f.name, ...f.reconciliation })),
        importedPence: sumPence(funds.map((f) => f.reconciliation.importedPence)),
        otherEntriesPence: sumPence(funds.map((f) => f.reconciliation.otherEntriesPence)),
        actualAllPeriodsPence: sumPence(funds.map((f) => f.reconciliation.actualAllPeriodsPence)),
        laterPeriodsPence: sumPence(funds.map((f) => f.reconciliation.laterPeriodsPence)),
      });
    },
  );
};
