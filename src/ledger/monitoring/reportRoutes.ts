/**
 * Manual forecasts, and the monitoring reports published to the board: publishing one, the list, and each as it
 * was published (page and workbook), with the movement since the report before it.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { financialYearLabel } from '../../kernel/dates.js';
import type { FormBody } from '../../kernel/forms.js';
import { idParam, withProblems } from '../../http/request.js';
import { listSchemes } from '../funds/index.js';
import { listForecasts, recordForecast } from './forecastStore.js';
import { readForecastForm, WHOLE_SCHEME } from './forecastForm.js';
import {
  getPublished,
  lastPublishedBefore,
  listPublished,
  publishReport,
  type PublishedReport,
} from './publication.js';
import { monitoringWorkbook } from './workbook.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import { MONTHS, readReportQuery, reportViewData, workbookInput, XLSX_TYPE } from './view.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadFund>>>;
type ReportParams = FundParams & { reportId: string };

export const reportRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const base = (l: Loaded) => `/partnerships/${l.partnership.id}/funds/${l.fund.id}`;

  const showForecastForm = async (reply: FastifyReply, loaded: Loaded, extra: Record<string, unknown>) => {
    const schemes = await listSchemes(db, loaded.partnership.id, loaded.fund.id);
    const code = new Map(schemes.map((sc) => [sc.id, `${sc.code} ${sc.name}`]));
    const recorded = (await listForecasts(db, loaded.partnership.id, loaded.fund.id)).reverse().map((f) => ({
      ...f,
      scheme: code.get(f.schemeId) ?? '',
      partner: f.organisationId === null ? 'Whole scheme' : loaded.nameOf(f.organisationId),
    }));
    return reply.view('ledger/monitoring/views/forecastForm.njk', {
      pageTitle: 'Record a manual forecast',
      navSection: 'partnerships',
      breadcrumbs: [
        ...fundCrumbs(loaded.partnership, loaded.fund),
        { text: 'Monitoring', href: `${base(loaded)}/monitoring` },
      ],
      partnership: loaded.partnership,
      fund: loaded.fund,
      schemes,
      partners: loaded.partners,
      periods: MONTHS.map((m, i) => ({ value: i + 1, text: `P${i + 1} (${m})` })),
      whole: WHOLE_SCHEME,
      recorded,
      values: {},
      ...extra,
    });
  };

  app.get<{ Params: FundParams; Querystring: { period?: string } }>(
    '/partnerships/:partnershipId/funds/:fundId/forecasts/new',
    { config: { action: 'forecast:edit' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { period } = readReportQuery(req.query);
      return showForecastForm(reply, loaded, { values: { period, organisationId: WHOLE_SCHEME } });
    },
  );

  app.post<{ Params: FundParams; Body: FormBody }>(
    '/partnerships/:partnershipId/funds/:fundId/forecasts',
    { config: { action: 'forecast:edit' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund, partners } = loaded;
      const body = req.body;
      const schemes = await listSchemes(db, partnership.id, fund.id);
      const read = readForecastForm(
        body,
        schemes,
        partners.map((p) => p.id),
      );
      if (!read.ok)
        return showForecastForm(reply.code(400), loaded, { values: body, ...withProblems(read.problems) });
      const f = read.value;
      await transaction(db, (trx) =>
        recordForecast(trx, actorFor(req.principal), partnership.id, fund.id, f),
      );
      const scheme = schemes.find((s) => s.id === f.schemeId);
      req.session.flash = `Recorded a manual forecast for ${scheme?.code ?? ''} ${scheme?.name ?? ''} at P${f.period}`;
      return reply.redirect(`${base(loaded)}/monitoring?period=${f.period}#forecasts`, 303);
    },
  );

  app.post<{ Params: FundParams; Body: FormBody }>(
    '/partnerships/:partnershipId/funds/:fundId/reports',
    { config: { action: 'monitoring:publish' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund, partners } = loaded;
      const body = req.body;
      const { period, method } = readReportQuery({
        period: typeof body.period === 'string' ? body.period : '',
        method: typeof body.method === 'string' ? body.method : '',
      });
      const outcome = await publishReport({
        db,
        actor: actorFor(req.principal),
        partnershipId: partnership.id,
        fund,
        period,
        method,
        partnerNames: Object.fromEntries(partners.map((p) => [String(p.id), p.short_name ?? p.name])),
      });
      if (!outcome.ok) {
        return reply.code(409).view('ledger/monitoring/views/reports.njk', {
          pageTitle: `Monitoring reports published to the board, ${fund.name}`,
          navSection: 'partnerships',
          breadcrumbs: fundCrumbs(partnership, fund),
          partnership,
          fund,
          yearLabel: financialYearLabel(fund.financial_year),
          reports: await listPublished(db, partnership.id, fund.id),
          errorList: [{ text: outcome.problem, href: '#reports' }],
        });
      }
      req.session.flash = `Published the P${period} monitoring report to the board`;
      return reply.redirect(`${base(loaded)}/reports/${outcome.id}`, 303);
    },
  );

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/reports',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund } = loaded;
      return reply.view('ledger/monitoring/views/reports.njk', {
        pageTitle: `Monitoring reports published to the board, ${fund.name}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(partnership, fund),
        partnership,
        fund,
        yearLabel: financialYearLabel(fund.financial_year),
        reports: await listPublished(db, partnership.id, fund.id),
      });
    },
  );

  /** A published report and the one before it, or a 404 page sent. */
  async function loadPublished(req: { params: ReportParams }, reply: FastifyReply, loaded: Loaded) {
    const id = idParam(req.params.reportId);
    const published =
      id === null ? undefined : await getPublished(db, loaded.partnership.id, loaded.fund.id, id);
    if (!published) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    const previous = await lastPublishedBefore(db, loaded.partnership.id, loaded.fund.id, published.period);
    const names = published.partnerNames;
    return {
      published,
      content: {
        report: published.report,
        forecasts: published.forecasts,
        reconciliation: published.reconciliation,
        partnerName: (o: number) => names[String(o)] ?? `Organisation ${o}`,
        previous,
      },
    };
  }

  app.get<{ Params: ReportParams }>(
    '/partnerships/:partnershipId/funds/:fundId/reports/:reportId',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const found = await loadPublished(req, reply, loaded);
      if (!found) return reply;
      const { published, content } = found;
      return reply.view('ledger/monitoring/views/monitoring.njk', {
        pageTitle: `Monitoring report, ${published.fund.name}, P${published.period}, as published`,
        navSection: 'partnerships',
        breadcrumbs: [
          ...fundCrumbs(loaded.partnership, loaded.fund),
          { text: 'Published reports', href: `${base(loaded)}/reports` },
        ],
        partnership: loaded.partnership,
        fund: loaded.fund,
        yearLabel: financialYearLabel(published.fund.financialYear),
        period: published.period,
        method: published.method,
        published: publishedInfo(published),
        ...reportViewData(content),
      });
    },
  );

  app.get<{ Params: ReportParams }>(
    '/partnerships/:partnershipId/funds/:fundId/reports/:reportId/workbook.xlsx',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const found = await loadPublished(req, reply, loaded);
      if (!found) return reply;
      const { published, content } = found;
      const bytes = await monitoringWorkbook(
        workbookInput(
          content,
          published.fund,
          `Published to the board ${published.publishedAt.slice(0, 10)} by ${published.publishedBy}`,
        ),
      );
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="monitoring-${published.fund.id}-P${published.period}-published.xlsx"`,
        )
        .send(bytes);
    },
  );
};

const publishedInfo = (p: PublishedReport) => ({
  id: p.id,
  publishedAt: p.publishedAt,
  publishedBy: p.publishedBy,
});
