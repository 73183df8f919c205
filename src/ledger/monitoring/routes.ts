/** The monthly monitoring report: on screen with its chart, as CSV and XLSX, and the postings behind a figure. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { csvLines } from '../../kernel/csv.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { sumPence, toDecimalString } from '../../kernel/money.js';
import { canIn } from '../../auth/index.js';
import { idParam } from '../../http/request.js';
import { actualsBehind, loadMonitoring, postingsBehind } from './store.js';
import { METHOD_LABELS, type Figures } from './figures.js';
import { STREAM_NOTE } from './streams.js';
import { lastPublishedBefore, listPublished } from './publication.js';
import { monitoringWorkbook } from './workbook.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import {
  MONTHS,
  readReportQuery,
  reportViewData,
  workbookInput,
  XLSX_TYPE,
  type ReportContent,
} from './view.js';

type Query = { period?: string; method?: string };
type Req = FastifyRequest<{ Params: FundParams; Querystring: Query }>;

export const monitoringRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  /** The live report for the period asked, compared with the last report published before it. */
  async function liveContent(req: Req, loaded: NonNullable<Awaited<ReturnType<typeof loadFund>>>) {
    const { partnership, fund, nameOf } = loaded;
    const { period, method } = readReportQuery(req.query);
    const live = await loadMonitoring(db, partnership.id, fund.id, period, method);
    const previous = await lastPublishedBefore(db, partnership.id, fund.id, period);
    const content: ReportContent = { ...live, partnerName: nameOf, previous };
    return { period, method, content };
  }

  app.get<{ Params: FundParams; Querystring: Query }>(
    '/partnerships/:partnershipId/funds/:fundId/monitoring',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund } = loaded;
      const { period, method, content } = await liveContent(req, loaded);
      const published = await listPublished(db, partnership.id, fund.id);
      return reply.view('ledger/monitoring/views/monitoring.njk', {
        pageTitle: `Monitoring report, ${fund.name}, P${period}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(partnership, fund),
        partnership,
        fund,
        yearLabel: financialYearLabel(fund.financial_year),
        period,
        method,
        live: true,
        publishedForPeriod: published.find((p) => p.period === period) ?? null,
        publishedCount: published.length,
        periods: MONTHS.map((m, i) => ({ value: i + 1, text: `P${i + 1} (${m})` })),
        can: canIn(req, partnership.id),
        ...reportViewData(content),
      });
    },
  );

  app.get<{ Params: FundParams; Querystring: Query }>(
    '/partnerships/:partnershipId/funds/:fundId/monitoring.xlsx',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { fund } = loaded;
      const { period, content } = await liveContent(req, loaded);
      const bytes = await monitoringWorkbook(
        workbookInput(
          content,
          { name: fund.name, financialYear: fund.financial_year },
          'Live figures, not yet published',
        ),
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="monitoring-${fund.id}-P${period}.xlsx"`)
        .send(bytes);
    },
  );

  app.get<{ Params: FundParams; Querystring: Query }>(
    '/partnerships/:partnershipId/funds/:fundId/monitoring.csv',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { fund, nameOf } = loaded;
      const { period, method, content } = await liveContent(req, loaded);
      const r = content.report;
      const money = (x: number) => toDecimalString(x);
      const line = (label: string[], f: Figures) => [
        ...label,
        money(f.budgetPence),
        money(f.profiledToDatePence),
        money(f.actualToDatePence),
        money(f.actualToDatePence - f.profiledToDatePence),
        money(f.forecastOutturnPence),
        money(f.variancePence),
        f.rag.toUpperCase(),
        METHOD_LABELS[f.method],
      ];
      const head = [
        'Budget (£)',
        'Budget to date (£)',
        'Actual to date (£)',
        'Variance to date (£)',
        'Forecast outturn (£)',
        'Forecast variance (£)',
        'RAG',
        'Forecast method',
      ];
      const rows = [
        [
          `${fund.name} ${financialYearLabel(fund.financial_year)}: monitoring report as at P${period}, forecast by ${method} where no manual forecast is recorded`,
        ],
        ['Scheme ID', 'Scheme', 'Scheme type', ...head],
        ...r.schemes.map((s) => line([s.code, s.name, s.schemeType], s)),
        line(['', 'Total', ''], r.total),
        [],
        ['Partner', '', '', ...head],
        ...r.byPartner.map((p) => line([nameOf(p.organisationId), '', ''], p)),
        [],
        ['Funding stream', '', '', ...head],
        ...r.byStream.map((s) => line([s.stream, '', ''], s)),
        [STREAM_NOTE],
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="monitoring-${fund.id}-P${period}.csv"`)
        .send(csvLines(rows));
    },
  );

  app.get<{ Params: FundParams & { schemeId: string }; Querystring: Query & { partner?: string } }>(
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
      const { period } = readReportQuery(req.query);
      const byPartner = await actualsBehind(db, partnership.id, fund.id, scheme.id, period);
      const partner = byPartner.find((p) => String(p.organisationId) === req.query.partner);
      const postings = await postingsBehind(
        db,
        partnership.id,
        fund.id,
        scheme.id,
        period,
        partner?.organisationId,
      );
      const shown = partner ? [partner] : byPartner;
      return reply.view('ledger/journal/views/postings.njk', {
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
        byPartner: byPartner.map((p) => ({ ...p, name: nameOf(p.organisationId) })),
        partner: partner ? { ...partner, name: nameOf(partner.organisationId) } : null,
        totalPence: sumPence(shown.map((p) => p.totalPence)),
        postingCount: shown.reduce((a, p) => a + p.postings, 0),
        fundPath: `/partnerships/${partnership.id}/funds/${fund.id}`,
      });
    },
  );
};
