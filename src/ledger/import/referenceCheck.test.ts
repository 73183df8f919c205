/**
 * The check at commit that a partner's transaction reference is new in the fund (migration 0032), where two
 * transactions race: the second to commit waits for the first's lock, then sees its references and is refused.
 * PostgreSQL only (PGlite has one connection, so nothing races there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { makeImportFund } from '../../../test/support/ledger.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('a reference posted by two transactions at once', () => {
  let t: TestDatabase;
  let pid: number;
  let fundId: number;
  let ccg: number;
  let accounts: string[];
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, { name: 'CCG' });
    const council = await makeOrganisation(t.db, { name: 'Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    ({ fundId } = await makeImportFund(t.db, pid, {
      host: council,
      partners: [ccg, council],
      schemes: [{ code: 'S01', costCentres: [[ccg, 'CC1']] }],
    }));
    accounts = (
      await sql<{
        code: string;
      }>`select code from accounts where fund_id = ${fundId} order by code limit 2`.execute(t.db)
    ).rows.map((r) => r.code);
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(t.db)).rows[0]?.name;
    const target = new URL(url ?? '');
    target.pathname = `/${name}`;
    for (let i = 0; i < 2; i += 1) {
      const c = new pg.Client({ connectionString: target.toString() });
      await c.connect();
      clients.push(c);
    }
  });
  afterAll(async () => {
    for (const c of clients) await c.end();
    await t.dispose();
  });

  /** Opens a transaction on `c` with an entry of two postings, the first carrying `reference` for the CCG. */
  async function postUncommitted(c: pg.Client, reference: string) {
    await c.query('begin');
    const entry = await c.query<{ id: string }>(
      `insert into journal_entries (partnership_id, fund_id, period, entry_date, description, source, created_by)
       values ($1, $2, 3, '2017-06-01', 'race', 'manual', 'test') returning id`,
      [pid, fundId],
    );
    const id = entry.rows[0]?.id;
    await c.query(
      `insert into postings (partnership_id, entry_id, line, fund_id, account_code, amount_pence, period,
                             organisation_id, reference)
       values ($1, $2, 1, $3, $4, 100, 3, $5, $6), ($1, $2, 2, $3, $7, -100, 3, null, null)`,
      [pid, id, fundId, accounts[0], ccg, reference, accounts[1]],
    );
  }

  it('refuses the second to commit, which waited on the first', async () => {
    const [a, b] = clients as [pg.Client, pg.Client];
    await postUncommitted(a, 'RACE-1');
    // the first holds the partner's lock, as its check at commit would
    await a.query(
      `select pg_advisory_xact_lock(hashtextextended('postings_reference ' || $1 || ' ' || $2, 0))`,
      [fundId, ccg],
    );
    await postUncommitted(b, 'RACE-1');
    let settled = false;
    const second = b.query('commit').finally(() => {
      settled = true;
    });
    second.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    // the second's check waits for the lock
    expect(settled).toBe(false);
    await a.query('commit');
    await expect(second).rejects.toMatchObject({ code: '23505', constraint: 'postings_reference' });
    const n = await sql<{ n: string }>`select count(*) as n from postings where reference = 'RACE-1'`.execute(
      t.db,
    );
    expect(Number(n.rows[0]?.n)).toBe(1);
  });

  it('lets both commit when their references differ', async () => {
    const [a, b] = clients as [pg.Client, pg.Client];
    await postUncommitted(a, 'RACE-2');
    await postUncommitted(b, 'RACE-3');
    await Promise.all([a.query('commit'), b.query('commit')]);
    const n = await sql<{ n: string }>`
      select count(*) as n from postings where reference in ('RACE-2', 'RACE-3')`.execute(t.db);
    expect(Number(n.rows[0]?.n)).toBe(2);
  });
});
