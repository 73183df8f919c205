/**
 * Publishing the monthly monitoring report to the board. The pooled fund manager reports to the partners at
 * least quarterly, often monthly (DOMAIN.md §4, SI 2000/617 reg 7): what the board is shown is frozen as a
 * snapshot, so that later imports, forecasts and corrections never change a published report, and the next
 * report can show the movement since it.
 */
import { transaction, type Db, type Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import type { ForecastMethod, MonitoringReport } from './rules.js';
import type { Reconciliation } from './rollups.js';
import type { RecordedForecast } from './forecastStore.js';
import { loadMonitoring } from './store.js';

/** What the board saw: the report and everything needed to show it again as it was. */
export interface PublishedReport {
  id: number;
  fund: { id: number; name: string; financialYear: number; kind: 'pooled' | 'aligned' };
  period: number;
  method: ForecastMethod;
  partnerNames: Record<string, string>;
  report: MonitoringReport;
  forecasts: RecordedForecast[];
  reconciliation: Reconciliation;
  publishedBy: string;
  publishedAt: string;
}

export type PublishOutcome = { ok: true; id: number } | { ok: false; problem: string };

/** Publishes the report of a fund for a period, once: a period already published is refused. */
export async function publishReport(props: {
  db: Db;
  actor: Actor;
  partnershipId: number;
  fund: { id: number; name: string; financial_year: number; kind: 'pooled' | 'aligned' };
  period: number;
  method: ForecastMethod;
  partnerNames: Record<string, string>;
}): Promise<PublishOutcome> {
  const { db, actor, partnershipId, fund, period, method } = props;
  return transaction(db, async (trx) => {
    const already = await trx
      .selectFrom('monitoring_reports')
      .select(['id', 'published_at', 'published_by'])
      .where('partnership_id', '=', partnershipId)
      .where('fund_id', '=', fund.id)
      .where('period', '=', period)
      .executeTakeFirst();
    if (already)
      return {
        ok: false as const,
        problem: `The report for P${period} was published already, by ${already.published_by}: a published report is not changed. Publish the next period's report instead.`,
      };
    const loaded = await loadMonitoring(trx, partnershipId, fund.id, period, method);
    const publishedAt = new Date().toISOString();
    const snapshot: Omit<PublishedReport, 'id'> = {
      fund: { id: fund.id, name: fund.name, financialYear: fund.financial_year, kind: fund.kind },
      period,
      method,
      partnerNames: props.partnerNames,
      ...loaded,
      publishedBy: actor.label,
      publishedAt,
    };
    const row = await trx
      .insertInto('monitoring_reports')
      .values({
        partnership_id: partnershipId,
        fund_id: fund.id,
        period,
        method,
        snapshot: JSON.stringify(snapshot),
        total_budget_pence: loaded.report.total.budgetPence,
        total_actual_pence: loaded.report.total.actualToDatePence,
        total_forecast_pence: loaded.report.total.forecastOutturnPence,
        published_by: actor.label,
        published_by_user_id: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, actor, {
      action: 'create',
      entityType: 'monitoring_report',
      entityId: row.id,
      partnershipId,
      after: {
        fundId: fund.id,
        period,
        method,
        totals: loaded.report.total,
        reconciliation: loaded.reconciliation,
      },
    });
    return { ok: true as const, id: row.id };
  });
}

/** The reports published for a fund, by period. */
export async function listPublished(db: Executor, partnershipId: number, fundId: number) {
  return db
    .selectFrom('monitoring_reports')
    .select([
      'id',
      'period',
      'method',
      'total_budget_pence',
      'total_actual_pence',
      'total_forecast_pence',
      'published_by',
      'published_at',
    ])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .orderBy('period')
    .execute();
}

function revive(row: { id: number; snapshot: unknown }): PublishedReport {
  const s = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as Omit<
    PublishedReport,
    'id'
  >;
  return {
    ...s,
    id: row.id,
    forecasts: s.forecasts.map((f) => ({ ...f, recordedAt: new Date(f.recordedAt) })),
  };
}

/** One published report, as it was published. */
export async function getPublished(
  db: Executor,
  partnershipId: number,
  fundId: number,
  reportId: number,
): Promise<PublishedReport | undefined> {
  const row = await db
    .selectFrom('monitoring_reports')
    .select(['id', 'snapshot'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('id', '=', reportId)
    .executeTakeFirst();
  return row ? revive(row) : undefined;
}

/** The last report published for a period before `period`: what "movement since last report" compares with. */
export async function lastPublishedBefore(
  db: Executor,
  partnershipId: number,
  fundId: number,
  period: number,
): Promise<PublishedReport | undefined> {
  const row = await db
    .selectFrom('monitoring_reports')
    .select(['id', 'snapshot'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('period', '<', period)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? revive(row) : undefined;
}
