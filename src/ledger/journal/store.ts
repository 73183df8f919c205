/**
 * Posting to the journal: balanced entries only (the database checks again at commit), never into a closed
 * period, never changed afterwards; a correction is a reversing entry. Expenditure postings update the
 * monitoring summaries (scheme_actuals) in the same transaction.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { sumPence, type Pence } from '../../kernel/money.js';
import type { EntrySource } from '../funds/index.js';

export interface PostingLine {
  accountCode: string;
  amountPence: Pence;
  schemeId?: number | null;
  organisationId?: number | null;
  stream?: string | null;
  reference?: string | null;
  supplier?: string | null;
  description?: string | null;
  importLine?: number | null;
}

export interface NewEntry {
  period: number;
  entryDate: string;
  description: string;
  source: EntrySource;
  postings: readonly PostingLine[];
  importId?: number | null;
  decisionReference?: string | null;
  reversesEntryId?: number | null;
}

export class JournalError extends Error {}

/**
 * The database's refusal, at commit, of a partner's transaction reference used twice in a fund (migration 0032:
 * within an entry, or held by another entry already).
 */
export function isReferenceClash(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown } | null;
  return err?.code === '23505' && err.constraint === 'postings_reference';
}

/** The periods closed in a fund. */
export async function closedPeriods(
  db: Executor,
  partnershipId: number,
  fundId: number,
): Promise<Set<number>> {
  const rows = await db
    .selectFrom('fund_periods')
    .select('period')
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .execute();
  return new Set(rows.map((r) => r.period));
}

/** The period a posting lands in: its own if open, else the first open period after it (late items). */
export function landingPeriod(period: number, closed: ReadonlySet<number>): number {
  for (let p = period; p <= 12; p += 1) if (!closed.has(p)) return p;
  throw new JournalError(`Every period from P${period} to P12 is closed: the year is closed to postings`);
}

const CHUNK = 2000;

/** Writes a balanced entry and its postings; returns its id and the period it landed in. */
export async function postEntry(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  entry: NewEntry,
  options: { closed?: ReadonlySet<number>; audit?: boolean } = {},
): Promise<{ entryId: number; period: number }> {
  if (entry.postings.length < 2) throw new JournalError('An entry needs at least two postings');
  if (sumPence(entry.postings.map((p) => p.amountPence)) !== 0)
    throw new JournalError('The postings of an entry must sum to zero');
  if (entry.postings.some((p) => p.amountPence === 0))
    throw new JournalError('A posting of zero pence means nothing: leave it out');
  const closed = options.closed ?? (await closedPeriods(trx, partnershipId, fundId));
  const period = landingPeriod(entry.period, closed);
  const row = await trx
    .insertInto('journal_entries')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      period,
      entry_date: entry.entryDate,
      description: entry.description,
      source: entry.source,
      reverses_entry_id: entry.reversesEntryId ?? null,
      import_id: entry.importId ?? null,
      decision_reference: entry.decisionReference ?? null,
      created_by: actor.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let start = 0; start < entry.postings.length; start += CHUNK) {
    const slice = entry.postings.slice(start, start + CHUNK);
    await trx
      .insertInto('postings')
      .values(
        slice.map((p, i) => ({
          partnership_id: partnershipId,
          entry_id: row.id,
          line: start + i + 1,
          fund_id: fundId,
          account_code: p.accountCode,
          amount_pence: p.amountPence,
          scheme_id: p.schemeId ?? null,
          organisation_id: p.organisationId ?? null,
          stream: p.stream ?? null,
          period,
          reference: p.reference ?? null,
          supplier: p.supplier ?? null,
          description: p.description ?? null,
          import_line: p.importLine ?? null,
        })),
      )
      .execute();
  }
  await refreshActuals(trx, partnershipId, fundId, row.id);
  if (options.audit !== false) {
    await recordAuditEvent(trx, actor, {
      action: 'create',
      entityType: 'journal_entry',
      entityId: row.id,
      partnershipId,
      after: {
        fundId,
        period,
        description: entry.description,
        source: entry.source,
        postings: entry.postings.length,
        reversesEntryId: entry.reversesEntryId ?? null,
      },
    });
  }
  return { entryId: row.id, period };
}

/** Adds an entry's expenditure postings to the per-scheme, per-partner, per-period summaries. */
async function refreshActuals(
  trx: Executor,
  partnershipId: number,
  fundId: number,
  entryId: number,
): Promise<void> {
  await sql`
    insert into scheme_actuals (partnership_id, fund_id, scheme_id, organisation_id, period, actual_pence, posting_count)
    select partnership_id, fund_id, scheme_id, organisation_id, period, sum(amount_pence)::bigint, count(*)
      from postings
     where partnership_id = ${partnershipId} and entry_id = ${entryId} and scheme_id is not null and organisation_id is not null
     group by partnership_id, fund_id, scheme_id, organisation_id, period
    on conflict (partnership_id, fund_id, scheme_id, organisation_id, period) do update
      set actual_pence = scheme_actuals.actual_pence + excluded.actual_pence,
          posting_count = scheme_actuals.posting_count + excluded.posting_count`.execute(trx);
}

/** Reverses an entry with a new one that negates each of its postings, in the first open period. */
export async function reverseEntry(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  entryId: number,
  reason: string,
  onDate: string,
): Promise<{ entryId: number; period: number }> {
  const original = await trx
    .selectFrom('journal_entries')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!original) throw new JournalError(`There is no journal entry ${entryId}`);
  const already = await trx
    .selectFrom('journal_entries')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('reverses_entry_id', '=', entryId)
    .executeTakeFirst();
  if (already) throw new JournalError(`Entry ${entryId} was already reversed by entry ${already.id}`);
  if (original.source === 'reversal')
    throw new JournalError('A reversal cannot itself be reversed: post a new entry');
  const postings = await trx
    .selectFrom('postings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('entry_id', '=', entryId)
    .orderBy('line')
    .execute();
  return postEntry(trx, actor, partnershipId, original.fund_id, {
    period: original.period,
    entryDate: onDate,
    description: `Reversal of entry ${entryId}: ${reason}`,
    source: 'reversal',
    reversesEntryId: entryId,
    postings: postings.map((p) => ({
      accountCode: p.account_code,
      amountPence: -p.amount_pence as Pence,
      schemeId: p.scheme_id,
      organisationId: p.organisation_id,
      stream: p.stream,
      // a reversal carries no transaction reference, so that the original reference stays unique
      reference: null,
      supplier: p.supplier,
      description: p.description,
    })),
  });
}

/** Closes a period to postings; later items for it land in the next open period. */
export async function closePeriod(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  period: number,
): Promise<void> {
  await trx
    .insertInto('fund_periods')
    .values({ partnership_id: partnershipId, fund_id: fundId, period, closed_by: actor.label })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'fund_period_close',
    entityId: `${fundId}:P${period}`,
    partnershipId,
    after: { fundId, period },
  });
}

/** The balance of every account in a fund (debit positive), straight from the postings. */
export async function accountBalances(
  db: Executor,
  partnershipId: number,
  fundId: number,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('postings')
    .select(['account_code', sql<string>`sum(amount_pence)::bigint`.as('balance')])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .groupBy('account_code')
    .execute();
  return new Map(rows.map((r) => [r.account_code, Number(r.balance)]));
}
