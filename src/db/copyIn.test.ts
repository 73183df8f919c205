import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../test/support/steps.js';
import { sql } from 'kysely';
import { transaction } from './connection.js';
import { createTestDatabase, type TestDatabase } from './testing.js';
import { bulkEngineFor, bulkInsert, isPglite, type BulkColumn, type BulkEngine } from './copyIn.js';

const COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'amount', type: 'bigint' },
  { name: 'note', type: 'text' },
];
const NOTES = [
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

describe('writing many rows at once (COPY on PostgreSQL; COPY from blobs or arrays on PGlite)', steps, () => {
  let t: TestDatabase;
  let engines: [string, BulkEngine][];
  beforeAll(async () => {
    t = await createTestDatabase();
    engines = (await isPglite(t.db))
      ? [
          ['arrays', 'arrays'],
          ['blob', await bulkEngineFor(t.db, t.pglite)],
        ]
      : [['copy', 'copy']];
  });
  afterAll(() => t.dispose());

  it('picks COPY on PostgreSQL, and on PGlite blobs when given its instance, else arrays', async () => {
    expect(await isPglite(t.db)).toBe(t.kind === 'pglite');
    const engine = await bulkEngineFor(t.db, t.pglite);
    if (t.kind === 'postgres') expect(engine).toBe('copy');
    else {
      expect(engine).toEqual({ pglite: t.pglite });
      expect(await bulkEngineFor(t.db)).toBe('arrays');
    }
  });

  it('writes every row, with tabs, line breaks, backslashes, quotes, braces and nulls intact', async () => {
    for (const [name, engine] of engines) {
      const table = `bulk_${name}`;
      await sql`create table ${sql.raw(table)} (id integer primary key, amount bigint not null, note text)`.execute(
        t.db,
      );
      const written = await transaction(t.db, async (trx) => {
        const sink = await bulkInsert(trx, engine, table, COLUMNS);
        for (let i = 0; i < 25_000; i += 1) await sink.add([i, i * 100 - 1, NOTES[i % NOTES.length] ?? null]);
        return sink.finish();
      });
      expect(written).toBe(25_000);
      const rows = await sql<{ amount: number; note: string | null }>`
        select amount, note from ${sql.raw(table)} where id < 10 order by id`.execute(t.db);
      expect(rows.rows.map((r) => r.note)).toEqual(NOTES);
      expect(rows.rows.map((r) => r.amount)).toEqual(Array.from({ length: 10 }, (_, i) => i * 100 - 1));
      const total = await sql<{ n: number }>`select count(*)::bigint as n from ${sql.raw(table)}`.execute(
        t.db,
      );
      expect(total.rows[0]?.n).toBe(25_000);
    }
  });

  it('fails whole when a row breaks a constraint, and the transaction writes nothing', async () => {
    for (const [name, engine] of engines) {
      const table = `bulk_${name}`;
      await expect(
        transaction(t.db, async (trx) => {
          await sql`insert into ${sql.raw(table)} values (2000000, 1, 'before')`.execute(trx);
          const sink = await bulkInsert(trx, engine, table, COLUMNS);
          await sink.add([1_000_000, 1, 'new']);
          await sink.add([5, 1, 'a duplicate key']);
          return sink.finish();
        }),
      ).rejects.toThrow(/duplicate key/);
      const r = await sql<{ n: number }>`
        select count(*)::bigint as n from ${sql.raw(table)} where id >= 1000000`.execute(t.db);
      expect(r.rows[0]?.n).toBe(0);
    }
  });
});
