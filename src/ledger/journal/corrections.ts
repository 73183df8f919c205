/**
 * What a finance officer does to the journal from its pages: reverse an entry with a reason, post a manual
 * adjustment, close the next period. Each runs in one transaction with its audit events, and returns a problem
 * for the page rather than throwing when the request cannot be met.
 */
import { transaction, type Db } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { financialYearBounds, periodOf, todayInLondon, type IsoDate } from '../../kernel/dates.js';
import { closedPeriods, closePeriod, JournalError, landingPeriod, postEntry, reverseEntry } from './store.js';
import { firstDayOfPeriod } from './contributions.js';
import type { ManualEntryOutcome } from './manualEntry.js';

export type Done<T> = { ok: true; value: T } | { ok: false; problem: string };

const refused = (e: unknown): { ok: false; problem: string } => {
  if (e instanceof JournalError) return { ok: false, problem: e.message };
  const message = e instanceof Error ? e.message : '';
  // the database's own guard on reversing twice (two officers at once)
  if (/journal_entries_reversed_once|duplicate key/.test(message))
    return { ok: false, problem: 'This entry has already been reversed' };
  throw e;
};

/** The date a correction carries: today when today falls in the period it lands in, else that period's first day. */
export function correctionDate(financialYear: number, period: number, today: IsoDate): IsoDate {
  const { startsOn, endsOn } = financialYearBounds(financialYear);
  if (today >= startsOn && today <= endsOn && periodOf(today) === period) return today;
  return firstDayOfPeriod(financialYear, period);
}

/**
 * Reverses an entry of the fund with a reason: a new entry that negates each posting and names the one it
 * reverses, in the first open period from the original's. A reversal is never reversed, and an entry is
 * reversed once (checked here and by a unique index).
 */
export async function reverseWithReason(
  db: Db,
  actor: Actor,
  partnershipId: number,
  fund: { id: number; financial_year: number },
  entryId: number,
  reason: string,
  today: IsoDate = todayInLondon(),
): Promise<Done<{ entryId: number; period: number }>> {
  try {
    return await transaction(db, async (trx) => {
      const original = await trx
        .selectFrom('journal_entries')
        .select(['id', 'period', 'fund_id'])
        .where('partnership_id', '=', partnershipId)
        .where('id', '=', entryId)
        .executeTakeFirst();
      if (!original || original.fund_id !== fund.id)
        throw new JournalError(`There is no entry ${entryId} in this fund`);
      const period = landingPeriod(original.period, await closedPeriods(trx, partnershipId, fund.id));
      const posted = await reverseEntry(
        trx,
        actor,
        partnershipId,
        entryId,
        reason,
        correctionDate(fund.financial_year, period, today),
      );
      await recordAuditEvent(trx, actor, {
        action: 'create',
        entityType: 'journal_reversal',
        entityId: posted.entryId,
        partnershipId,
        after: { fundId: fund.id, reversesEntryId: entryId, reason, period: posted.period },
      });
      return { ok: true as const, value: posted };
    });
  } catch (e) {
    return refused(e);
  }
}

/** Posts a manual adjustment read by `readManualEntry`, in its date's period (or the next open one). */
export async function postManualEntry(
  db: Db,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  entry: Extract<ManualEntryOutcome, { ok: true }>,
): Promise<Done<{ entryId: number; period: number }>> {
  try {
    const value = await transaction(db, (trx) =>
      postEntry(trx, actor, partnershipId, fundId, {
        period: periodOf(entry.entryDate),
        entryDate: entry.entryDate,
        description: entry.description,
        decisionReference: entry.decisionReference,
        source: 'manual',
        postings: entry.postings,
      }),
    );
    return { ok: true, value };
  } catch (e) {
    return refused(e);
  }
}

/**
 * Closes a period, which must be the first one still open: periods close in order, so that "late items land in
 * the first open period" always means the next period after the closed run.
 */
export async function closeNextPeriod(
  db: Db,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  period: number,
): Promise<Done<number>> {
  try {
    return await transaction(db, async (trx) => {
      const closed = await closedPeriods(trx, partnershipId, fundId);
      if (closed.has(period)) throw new JournalError(`P${period} is already closed`);
      const first = landingPeriod(1, closed);
      if (period !== first)
        throw new JournalError(`Close P${first} first: periods close in order, P1 (April) to P12 (March)`);
      await closePeriod(trx, actor, partnershipId, fundId, period);
      return { ok: true as const, value: period };
    });
  } catch (e) {
    return refused(e);
  }
}
