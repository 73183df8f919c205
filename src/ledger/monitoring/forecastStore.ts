/**
 * Manual forecasts of outturn: recorded with commentary and author, never changed in place (a new forecast
 * supersedes the old), each audited in the same transaction.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { pence, type Pence } from '../../kernel/money.js';
import type { ManualForecast } from './figures.js';

export interface ForecastFields {
  schemeId: number;
  /** null: the whole scheme. */
  organisationId: number | null;
  period: number;
  outturnPence: Pence;
  commentary: string;
}

export async function recordForecast(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  f: ForecastFields,
): Promise<number> {
  const row = await trx
    .insertInto('scheme_forecasts')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      scheme_id: f.schemeId,
      organisation_id: f.organisationId,
      period: f.period,
      outturn_pence: f.outturnPence,
      commentary: f.commentary.trim(),
      author: actor.label,
      author_user_id: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'scheme_forecast',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

export type RecordedForecast = ManualForecast & { recordedAt: Date };

/** Every forecast recorded for a fund, oldest first. */
export async function listForecasts(
  db: Executor,
  partnershipId: number,
  fundId: number,
): Promise<RecordedForecast[]> {
  const rows = await db
    .selectFrom('scheme_forecasts')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    schemeId: r.scheme_id,
    organisationId: r.organisation_id,
    period: r.period,
    outturnPence: pence(r.outturn_pence),
    commentary: r.commentary,
    author: r.author,
    recordedAt: r.recorded_at,
  }));
}
