/**
 * Migration 0032 on a database that already holds an import: the unique index on references gives way to the
 * check at commit, which learns the span of each entry already posted, so that a reference imported before the
 * migration is still refused after it, whether the new file's references run on from the old ones or among them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { sql } from 'kysely';
import { ledgerBeforeMigration, type LedgerBeforeMigration } from '../../../test/support/ledgerMigrations.js';

describe('migration 0032 on a database with postings', steps, () => {
  let ledger: LedgerBeforeMigration;
  const load = (name: string, refs: string[]) => ledger.load(name, refs);

  beforeAll(async () => {
    ledger = await ledgerBeforeMigration('0032_reference_ranges.sql');
    expect((await load('before.csv', ['R-2', 'R-5', 'R-8'])).ok).toBe(true);
    await ledger.migrate();
  });
  afterAll(() => ledger.t.dispose());

  it('records the span of the references already posted, and drops the unique index', async () => {
    const spans = await sql<{ low: string; high: string }>`
      select low, high from entry_reference_ranges where fund_id = ${ledger.fundId}`.execute(ledger.t.db);
    expect(spans.rows).toEqual([{ low: 'R-2', high: 'R-8' }]);
    const index = await sql`select 1 from pg_indexes where indexname = 'postings_reference'`.execute(
      ledger.t.db,
    );
    expect(index.rows).toHaveLength(0);
  });

  it('refuses a reference imported before the migration, among new ones or inside the old span', async () => {
    const among = await load('among.csv', ['R-3', 'R-5']);
    expect(among.ok).toBe(false);
    if (!among.ok)
      expect(among.problems).toEqual([expect.objectContaining({ line: 3, column: 'reference' })]);
    const after = await load('after.csv', ['R-9', 'R-8']);
    expect(after.ok).toBe(false);
    if (!after.ok)
      expect(after.problems).toEqual([expect.objectContaining({ line: 3, column: 'reference' })]);
  });

  it('takes new references inside the old span, and those after it, and refuses them once taken', async () => {
    expect((await load('inside.csv', ['R-3', 'R-4'])).ok).toBe(true);
    expect((await load('later.csv', ['S-1', 'S-2'])).ok).toBe(true);
    const again = await load('again.csv', ['S-3', 'R-4']);
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.problems).toEqual([expect.objectContaining({ line: 3, column: 'reference' })]);
    const n = await sql<{
      n: string;
    }>`select count(*) as n from postings where reference is not null`.execute(ledger.t.db);
    expect(Number(n.rows[0]?.n)).toBe(7);
  });
});
