/** Reads what the monitoring report needs: schemes with budgets and profiles, the per-period summaries, the
 * manual forecasts, and the totals of the imported files it reconciles to. */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { pence } from '../../kernel/money.js';
import {
  monitoringReport,
  type ActualFact,
  type ActualsToDate,
  type ForecastMethod,
  type MonitoringReport,
  type SchemeFacts,
} from './rules.js';
import { reconcile, type Reconciliation } from './rollups.js';
import { listForecasts, type RecordedForecast } from './forecastStore.js';
import { listSchemes, type SchemeWithBudget } from '../funds/index.js';

export interface LoadedReport {
  report: MonitoringReport;
  forecasts: RecordedForecast[];
  reconciliation: Reconciliation;
}

const schemeFacts = (s: SchemeWithBudget): SchemeFacts => ({
  schemeId: s.id,
  code: s.code,
  name: s.name,
  schemeType: s.schemeType,
  budgets: s.budgets,
  profile: s.profile,
});

/** The facts the report is worked out from: schemes, actuals by period, and manual forecasts. */
export async function loadMonitoringFacts(db: Executor, partnershipId: number, fundId: number) {
  const schemes = await listSchemes(db, partnershipId, fundId);
  const actuals = await db
    .selectFrom('scheme_actuals')
    .select(['scheme_id', 'organisation_id', 'period', 'actual_pence'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .execute();
  const forecasts = await listForecasts(db, partnershipId, fundId);
  return {
    schemes: schemes.map(schemeFacts),
    actuals: actuals.map((a): ActualFact => ({
      schemeId: a.scheme_id,
      organisationId: a.organisation_id,
      period: a.period,
      actualPence: pence(a.actual_pence),
    })),
    forecasts,
  };
}

/**
 * The fund's actual spend as at the end of `asAtPeriod`, added up from the summaries in one read: each scheme
 * and partner with spend in any period, with its actual to date, and the fund's actual in each period (some
 * 1,500 and 12 rows where the summaries hold 18,000 for 500 schemes and 3 partners).
 */
export async function loadActualsToDate(
  db: Executor,
  partnershipId: number,
  fundId: number,
  asAtPeriod: number,
): Promise<ActualsToDate> {
  const rows = await db
    .selectFrom('scheme_actuals')
    .select([
      'scheme_id',
      'organisation_id',
      'period',
      sql<number>`coalesce(sum(actual_pence) filter (where period <= ${asAtPeriod}), 0)::bigint`.as(
        'to_date',
      ),
      sql<number>`sum(actual_pence)::bigint`.as('in_period'),
      // 1 on the rows of the grouping by period (which have no scheme or partner), 0 on the cells'
      sql<number>`grouping(scheme_id)`.as('by_period'),
    ])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .groupBy(sql`grouping sets ((scheme_id, organisation_id), (period))`)
    .execute();
  const cells: ActualsToDate['cells'][number][] = [];
  const byPeriod = Array.from({ length: 12 }, () => pence(0));
  for (const r of rows) {
    if (r.by_period === 1) byPeriod[r.period - 1] = pence(r.in_period);
    else
      cells.push({
        schemeId: r.scheme_id,
        organisationId: r.organisation_id,
        actualToDatePence: pence(r.to_date),
      });
  }
  return { asAtPeriod, cells, byPeriod };
}

/** What the report as at `asAtPeriod` is worked out from: schemes, actuals to date, and manual forecasts. */
async function loadReportFacts(db: Executor, partnershipId: number, fundId: number, asAtPeriod: number) {
  const schemes = await listSchemes(db, partnershipId, fundId);
  const actuals = await loadActualsToDate(db, partnershipId, fundId, asAtPeriod);
  const forecasts = await listForecasts(db, partnershipId, fundId);
  return { schemes: schemes.map(schemeFacts), actuals, forecasts };
}

/** The report as at `asAtPeriod`, with the manual forecasts recorded for the fund. */
export async function loadMonitoringReport(
  db: Executor,
  partnershipId: number,
  fundId: number,
  asAtPeriod: number,
  method: ForecastMethod,
): Promise<MonitoringReport> {
  const facts = await loadReportFacts(db, partnershipId, fundId, asAtPeriod);
  return monitoringReport(facts.schemes, facts.actuals, asAtPeriod, method, facts.forecasts);
}

/** The report, the forecasts behind it, and its reconciliation with the imported files. */
export async function loadMonitoring(
  db: Executor,
  partnershipId: number,
  fundId: number,
  asAtPeriod: number,
  method: ForecastMethod,
): Promise<LoadedReport> {
  const facts = await loadReportFacts(db, partnershipId, fundId, asAtPeriod);
  const report = monitoringReport(facts.schemes, facts.actuals, asAtPeriod, method, facts.forecasts);
  const forecasts = facts.forecasts;
  const imports = await db
    .selectFrom('ledger_imports')
    .select([
      sql<string>`count(*)`.as('count'),
      sql<string>`coalesce(sum(total_pence), 0)::bigint`.as('total'),
    ])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .executeTakeFirstOrThrow();
  // Entries other than imports are few (corrections, reversals, settlements): read their scheme postings only.
  const other = await db
    .selectFrom('journal_entries')
    .innerJoin('postings', (j) =>
      j
        .onRef('postings.partnership_id', '=', 'journal_entries.partnership_id')
        .onRef('postings.entry_id', '=', 'journal_entries.id'),
    )
    .select(sql<string>`coalesce(sum(postings.amount_pence), 0)::bigint`.as('total'))
    .where('journal_entries.partnership_id', '=', partnershipId)
    .where('journal_entries.fund_id', '=', fundId)
    .where('journal_entries.source', '<>', 'import')
    .where('postings.scheme_id', 'is not', null)
    .where('postings.organisation_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    report,
    forecasts,
    reconciliation: reconcile(
      report,
      { count: Number(imports.count), totalPence: pence(BigInt(imports.total)) },
      pence(BigInt(other.total)),
    ),
  };
}

/** The postings behind a figure: a scheme's spend to a period, with the import file and line each came from. */
export async function postingsBehind(
  db: Executor,
  partnershipId: number,
  fundId: number,
  schemeId: number,
  uptoPeriod: number,
  organisationId?: number,
) {
  let q = db
    .selectFrom('postings')
    .innerJoin('journal_entries', (j) =>
      j
        .onRef('journal_entries.partnership_id', '=', 'postings.partnership_id')
        .onRef('journal_entries.id', '=', 'postings.entry_id'),
    )
    .leftJoin('ledger_imports', (j) =>
      j
        .onRef('ledger_imports.partnership_id', '=', 'journal_entries.partnership_id')
        .onRef('ledger_imports.id', '=', 'journal_entries.import_id'),
    )
    .select([
      'postings.entry_id',
      'postings.line',
      'postings.period',
      'postings.amount_pence',
      'postings.organisation_id',
      'postings.reference',
      'postings.supplier',
      'postings.description',
      'postings.import_line',
      'journal_entries.source',
      'journal_entries.import_id',
      'ledger_imports.filename',
    ])
    .where('postings.partnership_id', '=', partnershipId)
    .where('postings.fund_id', '=', fundId)
    .where('postings.scheme_id', '=', schemeId)
    .where('postings.period', '<=', uptoPeriod);
  if (organisationId !== undefined) q = q.where('postings.organisation_id', '=', organisationId);
  return q
    .orderBy('postings.period')
    .orderBy('postings.entry_id')
    .orderBy('postings.line')
    .limit(5000)
    .execute();
}

/** A scheme's actual spend to a period by partner, with the number of postings behind each figure. */
export async function actualsBehind(
  db: Executor,
  partnershipId: number,
  fundId: number,
  schemeId: number,
  uptoPeriod: number,
) {
  const rows = await db
    .selectFrom('scheme_actuals')
    .select([
      'organisation_id',
      sql<string>`sum(actual_pence)::bigint`.as('total'),
      sql<string>`sum(posting_count)::bigint`.as('postings'),
    ])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('scheme_id', '=', schemeId)
    .where('period', '<=', uptoPeriod)
    .groupBy('organisation_id')
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    totalPence: pence(BigInt(r.total)),
    postings: Number(r.postings),
  }));
}

/** The imports into a fund, newest first. */
export async function listImports(db: Executor, partnershipId: number, fundId: number) {
  return db
    .selectFrom('ledger_imports')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .orderBy('id', 'desc')
    .execute();
}
