/**
 * Quarterly partner statements: the list (a page per partner per quarter), each page, its CSV and its PDF. A
 * finance officer of a partner other than the host sees their own organisation's only (ledger/statements/access.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { csvLines } from '../../kernel/csv.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { toDecimalString } from '../../kernel/money.js';
import { idParam } from '../../http/request.js';
import { fundPartners, getRiskSharePolicy } from '../settlement/index.js';
import { loadPartnerStatement } from './store.js';
import { renderStatementPdf } from './pdf.js';
import { parseQuarter, quarterLabel, type Quarter } from './rules.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import { mayReadPartnerOf, scopeFor } from './routeAccess.js';

type StatementParams = FundParams & { quarter: string; organisationId: string };

/** Pounds as a number, not text: the CSV writer guards text that starts with a minus as a possible formula. */
const money = (p: number) => Number(toDecimalString(p));

export async function statementRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/statements',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund } = loaded;
      const scope = scopeFor(req, loaded);
      const partners = await fundPartners(db, partnership.id, fund.id);
      return reply.view('ledger/statements/views/statements.njk', {
        pageTitle: `Partner statements, ${fund.name}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(partnership, fund),
        partnership,
        fund,
        yearLabel: financialYearLabel(fund.financial_year),
        partners: scope.kind === 'all' ? partners : partners.filter((p) => p.id === scope.organisationId),
        ownOnly: scope.kind === 'own',
        hostName: loaded.nameOf(fund.host_organisation_id),
        quarters: ([1, 2, 3, 4] as Quarter[]).map((q) => ({
          q,
          label: quarterLabel(q, fund.financial_year),
        })),
      });
    },
  );

  /** The statement a URL names, or a 404 page sent and null returned. */
  async function load(req: FastifyRequest<{ Params: StatementParams }>, reply: FastifyReply) {
    const loaded = await loadFund(db, req, reply);
    if (!loaded) return null;
    const quarter = parseQuarter(req.params.quarter);
    const organisationId = idParam(req.params.organisationId);
    const stored = await getRiskSharePolicy(db, loaded.partnership.id, loaded.fund.id);
    const statement =
      quarter === null || organisationId === null
        ? null
        : await loadPartnerStatement(
            db,
            loaded.partnership.id,
            loaded.fund,
            organisationId,
            quarter,
            stored?.policy ?? null,
          );
    if (!statement) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    if (!(await mayReadPartnerOf(req, reply, loaded, statement.partner.organisationId))) return null;
    return { ...loaded, statement, policyRecorded: stored !== null };
  }

  app.get<{ Params: StatementParams }>(
    '/partnerships/:partnershipId/funds/:fundId/statements/:quarter/:organisationId',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await load(req, reply);
      if (!l) return reply;
      const { partnership, fund, statement } = l;
      return reply.view('ledger/statements/views/statement.njk', {
        pageTitle: `${statement.partner.name}: statement for ${statement.label}`,
        navSection: 'partnerships',
        breadcrumbs: [
          ...fundCrumbs(partnership, fund),
          { text: 'Partner statements', href: `/partnerships/${partnership.id}/funds/${fund.id}/statements` },
        ],
        partnership,
        fund,
        yearLabel: financialYearLabel(fund.financial_year),
        statement,
        policyRecorded: l.policyRecorded,
        csvHref: `${req.url.split('?')[0] ?? ''}/statement.csv`,
        pdfHref: `${req.url.split('?')[0] ?? ''}/statement.pdf`,
      });
    },
  );

  app.get<{ Params: StatementParams }>(
    '/partnerships/:partnershipId/funds/:fundId/statements/:quarter/:organisationId/statement.csv',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await load(req, reply);
      if (!l) return reply;
      const { fund, statement: s } = l;
      const rows = [
        [
          `${fund.name} ${financialYearLabel(fund.financial_year)}: statement for ${s.partner.name}, ${s.label}`,
        ],
        ['Line', `Quarter P${s.periods[0]}-P${s.periods[2]} (£)`, `Year to date P1-P${s.periods[2]} (£)`],
        ...s.rows.map((r) => [r.label, money(r.quarterPence), money(r.yearToDatePence)]),
        ['Contributions less spend incurred, year to date', '', money(s.netYearToDatePence)],
        ['Annual contribution', '', money(s.annualContributionPence)],
        [],
        ['Forecast as at', `P${s.forecast.asAtPeriod}`],
        ['Forecast spend of the pool (£)', money(s.forecast.forecastSpendPence)],
        ['Forecast variance of the pool (£)', money(s.forecast.variancePence)],
        [`Forecast share of ${s.partner.name} (£)`, money(s.forecast.sharePence)],
        [s.forecast.text],
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="statement-${fund.id}-Q${s.quarter}-${s.partner.organisationId}.csv"`,
        )
        .send(csvLines(rows));
    },
  );

  app.get<{ Params: StatementParams }>(
    '/partnerships/:partnershipId/funds/:fundId/statements/:quarter/:organisationId/statement.pdf',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await load(req, reply);
      if (!l) return reply;
      const { fund, statement: s } = l;
      const bytes = await renderStatementPdf({
        fundName: fund.name,
        yearLabel: financialYearLabel(fund.financial_year),
        statement: s,
        policyRecorded: l.policyRecorded,
      });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="statement-${fund.id}-Q${s.quarter}-${s.partner.organisationId}.pdf"`,
        )
        .send(Buffer.from(bytes));
    },
  );
}
