/**
 * Migration 0030 on a database that already holds an import: each entry's total and count are gathered from
 * the postings already there, later postings add to them, and the check at commit still refuses an entry that
 * does not balance or has a single posting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { sql } from 'kysely';
import { transaction } from '../../db/connection.js';
import { ledgerBeforeMigration, type LedgerBeforeMigration } from '../../../test/support/ledgerMigrations.js';

describe('migration 0030 on a database with postings', steps, () => {
  let ledger: LedgerBeforeMigration;
  const load = (name: string, refs: string[]) => ledger.load(name, refs);

  beforeAll(async () => {
    ledger = await ledgerBeforeMigration('0030_entry_totals.sql');
    expect((await load('before.csv', ['R-1', 'R-2'])).ok).toBe(true);
    await ledger.migrate();
  });
  afterAll(() => ledger.t.dispose());

  const totals = async () =>
    (
      await sql<{ total: string; postings: string }>`
        select t.total_pence as total, t.postings from journal_entry_totals t
          join journal_entries e on e.partnership_id = t.partnership_id and e.id = t.entry_id
         where e.partnership_id = ${ledger.pid} order by e.id`.execute(ledger.t.db)
    ).rows.map((r) => [Number(r.total), Number(r.postings)]);

  it('gathers the totals of the entries already posted, and adds those posted after', async () => {
    // two invoices and the balancing posting to the partner's creditor account
    expect(await totals()).toEqual([[0, 3]]);
    expect((await load('after.csv', ['R-3', 'R-4', 'R-5'])).ok).toBe(true);
    expect(await totals()).toEqual([
      [0, 3],
      [0, 4],
    ]);
  });

  it('still refuses, at commit, an entry with one posting or one that does not balance', async () => {
    const entry = (trx: Parameters<Parameters<typeof transaction>[1]>[0]) =>
      sql<{ id: number }>`
        insert into journal_entries (partnership_id, fund_id, period, entry_date, description, source, created_by)
        values (${ledger.pid}, ${ledger.fundId}, 2, '2017-05-01', 'test', 'manual', 'test') returning id`.execute(
        trx,
      );
    const post = (
      trx: Parameters<Parameters<typeof transaction>[1]>[0],
      id: number,
      line: number,
      pence: number,
    ) =>
      sql`insert into postings (partnership_id, entry_id, line, fund_id, account_code, amount_pence, period)
          select ${ledger.pid}, ${id}, ${line}, ${ledger.fundId}, code, ${pence}, 2 from accounts
           where partnership_id = ${ledger.pid} and fund_id = ${ledger.fundId} order by code limit 1`.execute(
        trx,
      );
    await expect(
      transaction(ledger.t.db, async (trx) => {
        const id = Number((await entry(trx)).rows[0]?.id);
        await post(trx, id, 1, 500);
      }),
    ).rejects.toThrow(/has 1 posting\(s\); an entry needs at least two/);
    await expect(
      transaction(ledger.t.db, async (trx) => {
        const id = Number((await entry(trx)).rows[0]?.id);
        await post(trx, id, 1, 500);
        await post(trx, id, 2, -499);
      }),
    ).rejects.toThrow(/does not balance: its postings sum to 1 pence/);
    expect(await totals()).toHaveLength(2);
  });
});
