/**
 * Gathers the dashboard's figures from each domain's own store, as at a date. The tiles' rules live in
 * dashboard.ts; this file only reads.
 */
import type { Executor } from '../../db/connection.js';
import { financialYearOf, type IsoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { listFunds } from '../../ledger/funds/index.js';
import { listPublished } from '../../ledger/monitoring/index.js';
import { callInStatus } from '../../governance/callIn/index.js';
import { callInRequestsBy, decisionTermsOf, listCallInSteps } from '../../governance/callIn/index.js';
import { decisionRow } from '../../governance/decisions/index.js';
import { rollUp } from '../savings/index.js';
import { listSavingsLines, savingsYears } from '../savings/index.js';
import type { AwaitingCallIn, PoolPosition } from './rules.js';

/**
 * The latest published monitoring report of the latest pooled fund whose year has begun by `asAt` (or of the
 * earliest fund, when none has): what the board was last told.
 */
export async function poolPosition(
  db: Executor,
  partnershipId: number,
  asAt: IsoDate,
): Promise<PoolPosition | null> {
  const funds = (await listFunds(db, partnershipId)).filter((f) => f.kind === 'pooled');
  const year = financialYearOf(asAt);
  for (const fund of funds.filter((f) => f.financial_year <= year)) {
    const reports = await listPublished(db, partnershipId, fund.id);
    const last = reports.at(-1);
    if (!last) continue;
    return {
      fundName: fund.name,
      financialYear: fund.financial_year,
      period: last.period,
      budgetPence: pence(BigInt(last.total_budget_pence)),
      actualToDatePence: pence(BigInt(last.total_actual_pence)),
      forecastOutturnPence: pence(BigInt(last.total_forecast_pence)),
      href: `/partnerships/${partnershipId}/funds/${fund.id}/reports/${last.id}`,
    };
  }
  return null;
}

/** The partnership's savings for the latest year with a plan that has begun by `asAt`. */
export async function savingsPosition(
  db: Executor,
  partnershipId: number,
  partnerIds: number[],
  asAt: IsoDate,
) {
  const year = (await savingsYears(db, partnershipId)).find((y) => y <= financialYearOf(asAt));
  if (year === undefined) return null;
  const roll = rollUp(await listSavingsLines(db, partnershipId, year), partnerIds);
  return { financialYear: year, asAt: roll.asAt, figures: roll.partnership };
}

/**
 * Decisions not yet in effect on `asAt` because their call-in period is running or they have been called in and
 * the call-in is not settled. Only what had happened by `asAt` counts, so that the dashboard can be read as it
 * stood on the day of a board meeting.
 */
export async function decisionsAwaitingCallIn(
  db: Executor,
  partnershipId: number,
  asAt: IsoDate,
  changes: readonly BankHolidayChange[],
): Promise<AwaitingCallIn[]> {
  const rows = await db
    .selectFrom('decisions as d')
    .leftJoin('agenda_items as i', (j) =>
      j.onRef('i.partnership_id', '=', 'd.partnership_id').onRef('i.id', '=', 'd.agenda_item_id'),
    )
    .selectAll('d')
    .select('i.title as item_title')
    .where('d.partnership_id', '=', partnershipId)
    .where('d.call_in', 'not in', ['nhs', 'urgent'])
    .where('d.published_on', 'is not', null)
    .where('d.published_on', '<=', asAt)
    .orderBy('d.published_on', 'desc')
    .orderBy('d.id')
    .execute();
  const awaiting: AwaitingCallIn[] = [];
  for (const row of rows) {
    const decision = decisionRow(row);
    const terms = await decisionTermsOf(db, decision);
    const requests = (await callInRequestsBy(db, partnershipId, decision.id)).filter(
      (r) => r.requestedOn <= asAt,
    );
    const steps = (await listCallInSteps(db, partnershipId, decision.id)).filter((s) => s.on <= asAt);
    const status = callInStatus(terms, decision.publishedOn, requests, steps, asAt, changes);
    const title = row.item_title ?? row.subject;
    const href = `/partnerships/${partnershipId}/decisions/${decision.id}`;
    if (status.state.kind === 'window-open')
      awaiting.push({ title, href, kind: 'window-open', on: status.state.until });
    else if (status.state.kind === 'called-in') {
      const settled = status.progress?.effective != null && status.progress.effective.date <= asAt;
      if (!settled) awaiting.push({ title, href, kind: 'called-in', on: status.state.requestedOn });
    }
  }
  return awaiting;
}

/** The unit's year to show as at `asAt`: the latest year with a budget set that has begun, else the year of `asAt`. */
export async function unitYearAsAt(db: Executor, partnershipId: number, asAt: IsoDate): Promise<number> {
  const year = financialYearOf(asAt);
  const row = await db
    .selectFrom('commissioning_unit_years')
    .select('financial_year')
    .where('partnership_id', '=', partnershipId)
    .where('financial_year', '<=', year)
    .orderBy('financial_year', 'desc')
    .executeTakeFirst();
  return row?.financial_year ?? year;
}
