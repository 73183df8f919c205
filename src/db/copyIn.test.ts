import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { transaction } from './connection.js';
import { createTestDatabase, type TestDatabase } from './testing.js';
import { bulkInsert, isPglite, type BulkColumn } from './copyIn.js';

const COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'amount', type: 'bigint' },
  { name: 'note', type: 'text' },
];

describe('writing many rows at once (COPY on PostgreSQL, arrays on PGlite)', () => {
  let t: TestDatabase;
  let pglite: boolean;
  beforeAll(async () => {
    t = await createTestDatabase();
    pglite = await isPglite(t.db);
    await sql`create table bulk_test (id integer primary key, amount bigint not null, note text)`.execute(
      t.db,
    );
  });
  afterAll(() => t.dispose());

  it('knows which database it is on', () => {
    expect(pglite).toBe(t.kind === 'pglite');
  });

  it('writes every row, with tabs, line breaks, backslashes, quotes, braces and nulls intact', async () => {
    const notes = [
      'plain',
      'tab\there',
      'two\nlines',
      'cr\r\nlf',
      'back\\slash',
      'say "hi"',
      '{a,b}',
      'NULL',
      '',
      null,
    ];
    const written = await transaction(t.db, async (trx) => {
      const sink = await bulkInsert(trx, pglite, 'bulk_test', COLUMNS);
      for (let i = 0; i < 25_000; i += 1) await sink.add([i, i * 100 - 1, notes[i % notes.length] ?? null]);
      return sink.finish();
    });
    expect(written).toBe(25_000);
    const rows = await t.db
      .selectFrom('bulk_test' as never)
      .select([
        sql<number>`id`.as('id'),
        sql<number>`amount`.as('amount'),
        sql<string | null>`note`.as('note'),
      ])
      .where(sql<boolean>`id < 10`)
      .orderBy(sql`id`)
      .execute();
    expect(rows.map((r) => r.note)).toEqual(notes);
    expect(rows.map((r) => r.amount)).toEqual(Array.from({ length: 10 }, (_, i) => i * 100 - 1));
    const total = await sql<{ n: number }>`select count(*)::bigint as n from bulk_test`.execute(t.db);
    expect(total.rows[0]?.n).toBe(25_000);
  });

  it('fails whole when a row breaks a constraint, and the transaction writes nothing', async () => {
    await expect(
      transaction(t.db, async (trx) => {
        const sink = await bulkInsert(trx, pglite, 'bulk_test', COLUMNS);
        await sink.add([1_000_000, 1, 'new']);
        await sink.add([5, 1, 'a duplicate key']);
        return sink.finish();
      }),
    ).rejects.toThrow(/duplicate key/);
    const r = await sql<{
      n: number;
    }>`select count(*)::bigint as n from bulk_test where id = 1000000`.execute(t.db);
    expect(r.rows[0]?.n).toBe(0);
  });
});
