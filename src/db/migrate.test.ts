import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createEmptyTestDatabase, type TestDatabase } from './testing.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createEmptyTestDatabase();
  });
  afterAll(() => t.dispose());

  it('apply in order on an empty database, and a second run applies nothing', async () => {
    const first = await migrateToLatest(t.db);
    expect(first.applied[0]).toBe('0001_foundation');
    expect(first.applied).toEqual([...first.applied].sort());
    expect(await pendingMigrations(t.db)).toEqual([]);
    const second = await migrateToLatest(t.db);
    expect(second.applied).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(
      t.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'organisations',
        'partnerships',
        'agreements',
        'budget_areas',
        'budget_contributions',
        'audit_events',
        'users',
      ]),
    );
  });

  it('keeps money as bigint pence and returns it as an exact number', async () => {
    const big = 9_007_199_254_740_991; // the largest safe integer: about £90 trillion
    const r = await sql<{ p: number }>`select ${String(big)}::bigint as p`.execute(t.db);
    expect(r.rows[0]?.p).toBe(big);
    await expect(sql`select 9007199254740993::bigint as p`.execute(t.db)).rejects.toThrow(/safe range/);
  });

  it('returns dates as ISO calendar dates, whatever the time zone', async () => {
    const r = await sql<{ d: string }>`select date '2017-07-18' as d`.execute(t.db);
    expect(r.rows[0]?.d).toBe('2017-07-18');
  });
});
