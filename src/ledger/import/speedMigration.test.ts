/**
 * Migration 0023 on a database that already holds an import: applied after the others, it keeps the postings,
 * and the rules it re-implements still hold (a reference used before is refused; a summary needs a scheme of
 * its fund; a scheme with spend cannot be removed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ledgerBeforeMigration, type LedgerBeforeMigration } from '../../../test/support/ledgerMigrations.js';

describe('migration 0023 on a database with postings', () => {
  let ledger: LedgerBeforeMigration;
  const load = (name: string, refs: string[]) => ledger.load(name, refs);

  beforeAll(async () => {
    ledger = await ledgerBeforeMigration('0023_ledger_import_speed.sql');
    expect((await load('before.csv', ['R-1', 'R-2'])).ok).toBe(true);
    await ledger.migrate();
  });
  afterAll(() => ledger.t.dispose());

  it('keeps the postings and refuses a reference imported before the migration', async () => {
    const n = await sql<{
      n: string;
    }>`select count(*) as n from postings where reference is not null`.execute(ledger.t.db);
    expect(Number(n.rows[0]?.n)).toBe(2);
    const again = await load('again.csv', ['R-3', 'R-2']);
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.problems).toEqual([expect.objectContaining({ line: 3, column: 'reference' })]);
    expect((await load('after.csv', ['R-3', 'r-2'])).ok).toBe(true);
  });

  it('refuses a summary for a scheme of no fund of its, and the removal of a scheme with spend', async () => {
    await expect(
      sql`insert into scheme_actuals values (${ledger.pid}, ${ledger.fundId}, ${ledger.schemeId + 1000}, ${ledger.ccg}, 1, 5, 1)`.execute(
        ledger.t.db,
      ),
    ).rejects.toThrow(/not a scheme of the fund/);
    await expect(sql`delete from schemes where id = ${ledger.schemeId}`.execute(ledger.t.db)).rejects.toThrow(
      /spend recorded against it/,
    );
  });
});
