/**
 * The journal in bulk, for imports of hundreds of thousands of rows: an entry's header first, then its postings
 * streamed in (COPY), then the monitoring summaries from sums the importer kept. The same rules hold as for
 * `postEntry` (ledger/journal/store.ts): the database checks every posting's entry and account as it lands, refuses a
 * transaction reference used before, and checks at commit that each entry balances.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { bulkInsert, type BulkColumn, type BulkEngine, type BulkSink } from '../../db/copyIn.js';
import type { Actor } from '../../audit/index.js';
import type { EntrySource } from '../funds/index.js';
import { landingPeriod } from '../journal/index.js';

const CHUNK = 2000;

/** The header of an entry whose postings are written in bulk afterwards (`bulkPostings`). */
export interface EntryHeader {
  period: number;
  entryDate: string;
  description: string;
  source: EntrySource;
  importId?: number | null;
}

/**
 * Writes an entry's header alone, landing in the first open period; its postings follow in the same transaction
 * through `bulkPostings`, and the database checks at commit that they balance (two or more, summing to zero).
 */
export async function openEntry(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  entry: EntryHeader,
  closed: ReadonlySet<number>,
): Promise<{ entryId: number; period: number }> {
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
      import_id: entry.importId ?? null,
      created_by: actor.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { entryId: row.id, period };
}

/** The columns `bulkPostings` takes, in order. */
export const BULK_POSTING_COLUMNS: readonly BulkColumn[] = [
  { name: 'partnership_id', type: 'bigint' },
  { name: 'entry_id', type: 'bigint' },
  // the period beside the entry: both are known only once the entry is opened (a late item lands in the open
  // period), so the import writes them together at the start of each line
  { name: 'period', type: 'smallint' },
  { name: 'line', type: 'integer' },
  { name: 'fund_id', type: 'bigint' },
  { name: 'account_code', type: 'text' },
  { name: 'amount_pence', type: 'bigint' },
  { name: 'scheme_id', type: 'bigint' },
  { name: 'organisation_id', type: 'bigint' },
  { name: 'reference', type: 'text' },
  { name: 'supplier', type: 'text' },
  { name: 'description', type: 'text' },
  { name: 'import_line', type: 'integer' },
];

/**
 * A fast writer of postings to entries opened by `openEntry` in this transaction (COPY on PostgreSQL; see
 * BulkEngine for PGlite; `bulkEngineFor` picks). Rows are the values of BULK_POSTING_COLUMNS in order. The database still refuses a zero
 * amount, a period out of range, an unknown account or entry, a transaction reference used before, and an
 * entry that does not balance at commit. The caller adds the expenditure to the summaries (`addToActuals`).
 */
export function bulkPostings(trx: Executor, engine: BulkEngine): Promise<BulkSink> {
  return bulkInsert(trx, engine, 'postings', BULK_POSTING_COLUMNS);
}

export interface ActualsDelta {
  schemeId: number;
  organisationId: number;
  period: number;
  amountPence: number;
  postings: number;
}

/**
 * Adds spend to the per-scheme, per-partner, per-period summaries that the monitoring report reads: one statement
 * whatever the number of deltas, each column as one array parameter (a VALUES list of hundreds of rows costs
 * the server more to parse and plan than to run).
 */
export async function addToActuals(
  trx: Executor,
  partnershipId: number,
  fundId: number,
  deltas: readonly ActualsDelta[],
): Promise<void> {
  for (let start = 0; start < deltas.length; start += CHUNK) {
    const part = deltas.slice(start, start + CHUNK);
    const list = (f: (d: ActualsDelta) => number) => `{${part.map(f).join(',')}}`;
    await sql`
      insert into scheme_actuals
        (partnership_id, fund_id, scheme_id, organisation_id, period, actual_pence, posting_count)
      select ${partnershipId}::bigint, ${fundId}::bigint, d.*
        from unnest(${list((d) => d.schemeId)}::bigint[], ${list((d) => d.organisationId)}::bigint[],
                    ${list((d) => d.period)}::smallint[], ${list((d) => d.amountPence)}::bigint[],
                    ${list((d) => d.postings)}::bigint[]) as d
      on conflict (partnership_id, fund_id, scheme_id, organisation_id, period) do update
        set actual_pence = scheme_actuals.actual_pence + excluded.actual_pence,
            posting_count = scheme_actuals.posting_count + excluded.posting_count`.execute(trx);
  }
}
