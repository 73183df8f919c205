/** The monthly monitoring report: on screen with its chart, as CSV, and the postings behind each figure. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { csvLines } from '../../kernel/csv.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { sumPence, toDecimalString } from '../../kernel/money.js';
import { idParam } from '../../partnerships/routes/common.js';
import { loadMonitoringReport, postingsBehind } from '../monitoringStore.js';
import { cumulativeChart } from '../monitoringChart.js';
import type { ForecastMethod } from '../monitoring.js';
import { fundCrumbs, loadFund, type FundParams } from './common.js';

type Query = { period?: string; method?: string };
const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];

/** The period and forecast method asked for: P12 and the profile by default (spend in care is seasonal, so a
 * straight run rate misleads in the first half of the year). */
function readQuery(q: Query): { period: number; method: ForecastMethod } {
  const p = Number((q.period ?? '').replace(/^P/i, ''));
  return {
    period: Number.isInteger(p) && p >= 1 && p <= 12 ? p : 12,
    method: q.method === 'run-rate' ? 'run-rate' : 'profile',
  };
}

export const monitoringRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: FundParams; Querystring: Query }>(
    '/partnerships/:partnershipId/funds/:fundId/monitoring',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund, nameOf } = loaded;
      const { period, method } = readQuery(req.query);
      const report = await loadMonitoringReport(db, partnership.id, fund.id, period, method);
      return reply.view('ledger/views/monitoring.njk', {
        pageTitle: `Monitoring report, ${fund.name}, P${period}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(partnership, fund),
        partnership,
        fund,
        yearLabel: financialYearLabel(fund.financial_year),
        period,
        method,
        periods: MONTHS.map((m, i) => ({ value: i + 1, text: `P${i + 1} (${m})` })),
        report,
        byPartner: report.byPartner.map((p) => ({ ...p, name: nameOf(p.organisationId) })),
        chart: cumulativeChart(report.profileByPeriod, report.actualByPeriod, period, MONTHS),
        months: MONTHS.map((m, i) => ({
          month: m,
          profile: report.profileByPeriod[i] ?? 0,
          actual: report.actualByPeriod[i] ?? 0,
          reported: i < period,
        })),
      });
    },
  );

  app.get<{ Params: FundParams; Querystring: Query }>(
    '/partnerships/:partnershipId/funds/:fundId/monitoring.csv',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund, nameOf } = loaded;
      const { period, method } = readQuery(req.query);
      const r = await loadMonitoringReport(db, partnership.id, fund.id, period, method);
      const money = (x: number) => toDecimalString(x);
      const line = (label: string[], f: (typeof r)['total']) => [
        ...label,
        money(f.budgetPence),
        money(f.profiledToDatePence),
        money(f.actualToDatePence),
        money(f.actualToDatePence - f.profiledToDatePence),
        money(f.forecastOutturnPence),
        money(f.variancePence),
        f.rag.toUpperCase(),
      ];
      const head = [
        'Budget (£)',
        'Budget to date (£)',
        'Actual to date (£)',
        'Variance to date (£)',
        'Forecast outturn (£)',
        'Forecast variance (£)',
        'RAG',
      ];
      const rows = [
        [
          `${fund.name} ${financialYearLabel(fund.financial_year)}: monitoring report as at P${period}, forecast by ${method}`,
        ],
        ['Scheme ID', 'Scheme', 'Scheme type', ...head],
        ...r.schemes.map((s) => line([s.code, s.name, s.schemeType], s)),
        line(['', 'Total', ''], r.total),
        [],
        ['Partner', '', '', ...head],
        ...r.byPartner.map((p) => line([nameOf(p.organisationId), '', ''], p)),
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="monitoring-${fund.id}-P${period}.csv"`)
        .send(csvLines(rows));
    },
  );

  app.get<{ Params: FundParams & { schemeId: string }; Querystring: Query }>(
    '/partnerships/:partnershipId/funds/:fundId/schemes/:schemeId/postings',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund, nameOf } = loaded;
      const schemeId = idParam(req.params.schemeId);
      const scheme =
        schemeId === null
          ? undefined
          : await db
              .selectFrom('schemes')
              .selectAll()
              .where('partnership_id', '=', partnership.id)
              .where('fund_id', '=', fund.id)
              .where('id', '=', schemeId)
              .executeTakeFirst();
      if (!scheme) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const { period } = readQuery(req.query);
      const postings = await postingsBehind(db, partnership.id, fund.id, scheme.id, period);
      return reply.view('ledger/views/postings.njk', {
        pageTitle: `${scheme.code} ${scheme.name}: postings to P${period}`,
        navSection: 'partnerships',
        breadcrumbs: [
          ...fundCrumbs(partnership, fund),
          {
            text: `Monitoring, P${period}`,
            href: `/partnerships/${partnership.id}/funds/${fund.id}/monitoring?period=${period}`,
          },
        ],
        scheme,
        period,
        postings: postings.map((p) => ({ ...p, partner: nameOf(p.organisation_id) })),
        totalPence: sumPence(postings.map((p) => p.amount_pence)),
      });
    },
  );
};
