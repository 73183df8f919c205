/**
 * Reading the journal for its pages: entries with filters and pages, one entry with its postings, the trial
 * balance, one account's postings and the periods' state. Writes go through ledger/journal/store.ts.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { pence, type Pence } from '../../kernel/money.js';
import type { EntrySource } from '../funds/index.js';

export const ENTRY_SOURCES: Record<EntrySource, string> = {
  import: 'Ledger import',
  contribution: 'Contribution',
  manual: 'Manual entry',
  settlement: 'Settlement',
  reversal: 'Reversal',
};

export const isEntrySource = (s: string): s is EntrySource => Object.hasOwn(ENTRY_SOURCES, s);

export interface EntryFilters {
  period: number | null;
  source: EntrySource | null;
  page: number;
}

export const ENTRIES_PER_PAGE = 50;

/** A page of a fund's entries, newest first, each with its total (the sum of its debits). */
export async function listEntries(db: Executor, partnershipId: number, fundId: number, f: EntryFilters) {
  let q = db
    .selectFrom('journal_entries as e')
    .where('e.partnership_id', '=', partnershipId)
    .where('e.fund_id', '=', fundId);
  if (f.period !== null) q = q.where('e.period', '=', f.period);
  if (f.source !== null) q = q.where('e.source', '=', f.source);
  const count = await q.select(sql<string>`count(*)::bigint`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'e.id',
      'e.period',
      'e.entry_date',
      'e.description',
      'e.source',
      'e.reverses_entry_id',
      sql<string>`(select coalesce(sum(p.amount_pence), 0)::bigint from postings p
                    where p.partnership_id = e.partnership_id and p.entry_id = e.id and p.amount_pence > 0)`.as(
        'debits',
      ),
      sql<number | null>`(select r.id from journal_entries r
                    where r.partnership_id = e.partnership_id and r.reverses_entry_id = e.id)`.as(
        'reversed_by',
      ),
    ])
    .orderBy('e.id', 'desc')
    .limit(ENTRIES_PER_PAGE)
    .offset((f.page - 1) * ENTRIES_PER_PAGE)
    .execute();
  return {
    total: Number(count.n),
    entries: rows.map((r) => ({ ...r, totalPence: pence(BigInt(r.debits)) })),
  };
}

/** One entry with its postings, the import it came from, and the entry that reverses it (if any). */
export async function getEntry(db: Executor, partnershipId: number, fundId: number, entryId: number) {
  const entry = await db
    .selectFrom('journal_entries as e')
    .leftJoin('ledger_imports as i', (j) =>
      j.onRef('i.partnership_id', '=', 'e.partnership_id').onRef('i.id', '=', 'e.import_id'),
    )
    .select([
      'e.id',
      'e.period',
      'e.entry_date',
      'e.description',
      'e.source',
      'e.reverses_entry_id',
      'e.import_id',
      'e.decision_reference',
      'e.created_by',
      'e.created_at',
      'i.filename',
      'i.organisation_id as import_organisation_id',
    ])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.fund_id', '=', fundId)
    .where('e.id', '=', entryId)
    .executeTakeFirst();
  if (!entry) return undefined;
  const postings = await db
    .selectFrom('postings as p')
    .innerJoin('accounts as a', (j) =>
      j
        .onRef('a.partnership_id', '=', 'p.partnership_id')
        .onRef('a.fund_id', '=', 'p.fund_id')
        .onRef('a.code', '=', 'p.account_code'),
    )
    .leftJoin('schemes as s', (j) =>
      j.onRef('s.partnership_id', '=', 'p.partnership_id').onRef('s.id', '=', 'p.scheme_id'),
    )
    .select([
      'p.line',
      'p.account_code',
      'a.name as account_name',
      'p.amount_pence',
      'p.organisation_id',
      'p.stream',
      'p.reference',
      'p.supplier',
      'p.description',
      'p.import_line',
      's.code as scheme_code',
      's.name as scheme_name',
    ])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.entry_id', '=', entryId)
    .orderBy('p.line')
    .limit(5000)
    .execute();
  const reversedBy = await db
    .selectFrom('journal_entries')
    .select(['id', 'period', 'entry_date'])
    .where('partnership_id', '=', partnershipId)
    .where('reverses_entry_id', '=', entryId)
    .executeTakeFirst();
  const postingCount = await db
    .selectFrom('postings')
    .select(sql<string>`count(*)::bigint`.as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('entry_id', '=', entryId)
    .executeTakeFirstOrThrow();
  return { entry, postings, reversedBy, postingCount: Number(postingCount.n) };
}

export interface TrialBalanceRow {
  code: string;
  name: string;
  kind: string;
  debitPence: Pence;
  creditPence: Pence;
  balancePence: Pence;
}

/** Every account of the fund with the sum of its debits, of its credits, and its balance (debit positive). */
export async function trialBalance(
  db: Executor,
  partnershipId: number,
  fundId: number,
): Promise<TrialBalanceRow[]> {
  const rows = await db
    .selectFrom('accounts as a')
    .leftJoin('postings as p', (j) =>
      j
        .onRef('p.partnership_id', '=', 'a.partnership_id')
        .onRef('p.fund_id', '=', 'a.fund_id')
        .onRef('p.account_code', '=', 'a.code'),
    )
    .select([
      'a.code',
      'a.name',
      'a.kind',
      sql<string>`coalesce(sum(p.amount_pence) filter (where p.amount_pence > 0), 0)::bigint`.as('debits'),
      sql<string>`coalesce(-sum(p.amount_pence) filter (where p.amount_pence < 0), 0)::bigint`.as('credits'),
    ])
    .where('a.partnership_id', '=', partnershipId)
    .where('a.fund_id', '=', fundId)
    .groupBy(['a.code', 'a.name', 'a.kind'])
    .orderBy('a.code')
    .execute();
  return rows.map((r) => {
    const debitPence = pence(BigInt(r.debits));
    const creditPence = pence(BigInt(r.credits));
    return {
      code: r.code,
      name: r.name,
      kind: r.kind,
      debitPence,
      creditPence,
      balancePence: pence(debitPence - creditPence),
    };
  });
}

/** One account of the fund, or undefined. */
export async function getAccount(db: Executor, partnershipId: number, fundId: number, code: string) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The fund's chart of accounts, in code order. */
export async function listAccounts(db: Executor, partnershipId: number, fundId: number) {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .orderBy('code')
    .execute();
}

export const POSTINGS_PER_PAGE = 100;

/** A page of one account's postings, in journal order, with the total over all of them. */
export async function accountPostings(
  db: Executor,
  partnershipId: number,
  fundId: number,
  code: string,
  page: number,
) {
  const base = db
    .selectFrom('postings as p')
    .where('p.partnership_id', '=', partnershipId)
    .where('p.fund_id', '=', fundId)
    .where('p.account_code', '=', code);
  const totals = await base
    .select([
      sql<string>`count(*)::bigint`.as('n'),
      sql<string>`coalesce(sum(p.amount_pence), 0)::bigint`.as('total'),
    ])
    .executeTakeFirstOrThrow();
  const postings = await base
    .innerJoin('journal_entries as e', (j) =>
      j.onRef('e.partnership_id', '=', 'p.partnership_id').onRef('e.id', '=', 'p.entry_id'),
    )
    .select([
      'p.entry_id',
      'p.line',
      'p.period',
      'p.amount_pence',
      'p.organisation_id',
      'p.stream',
      'p.reference',
      'p.description',
      'e.entry_date',
      'e.source',
      'e.description as entry_description',
    ])
    .orderBy('p.entry_id')
    .orderBy('p.line')
    .limit(POSTINGS_PER_PAGE)
    .offset((page - 1) * POSTINGS_PER_PAGE)
    .execute();
  return { count: Number(totals.n), balancePence: pence(BigInt(totals.total)), postings };
}

/** When each closed period was closed and by whom. */
export async function periodCloses(db: Executor, partnershipId: number, fundId: number) {
  return db
    .selectFrom('fund_periods')
    .select(['period', 'closed_at', 'closed_by'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .orderBy('period')
    .execute();
}

/** The number of entries and the sum of postings in each period (for the periods page). */
export async function periodActivity(db: Executor, partnershipId: number, fundId: number) {
  const rows = await db
    .selectFrom('journal_entries')
    .select(['period', sql<string>`count(*)::bigint`.as('n')])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .groupBy('period')
    .execute();
  return new Map(rows.map((r) => [r.period, Number(r.n)]));
}
