/**
 * The one way into the database: embedded PGlite (Postgres in WebAssembly, data in a folder) by default, or a
 * PostgreSQL server when DATABASE_URL is set. Both go through node-postgres and Kysely, so the same SQL and the
 * same type parsers serve both (DESIGN.md, "Stack").
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from './database.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, when the database is PGlite (for backups). */
  pglite: PGlite | undefined;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/** int8 to number, refusing values that a JavaScript number cannot hold exactly (money sums are cast `::bigint`). */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Database integer ${text} is beyond the safe range`);
  return n;
}

/** One set of type parsers for both back-ends: dates stay ISO strings, int8 becomes a guarded number. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8) return parseInt8;
    if (oid === DATE) return (value: string) => value;
    const builtin = pg.types.getTypeParser as (oid: number, format: string) => (value: string) => unknown;
    return builtin(oid, format ?? 'text');
  },
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder, or `memory://` for a throwaway database. */
  dataDir?: string | undefined;
  /** An engine already open (a test's clone of the migrated template), taken over: closed with the handle. */
  pglite?: PGlite | undefined;
}

/** Opens the database that the options name; PostgreSQL when a URL is given, else PGlite. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, types: typeParsers, max: 10 });
    // An idle connection the server closes (a restart, an administrator, a test database dropped with force)
    // is an event on the pool, not a failed query: without a listener it would crash the process. The pool
    // opens a new connection the next time one is needed.
    pool.on('error', (e: Error & { code?: string }) => {
      console.warn(`PostgreSQL closed an idle connection (${e.code ?? 'no code'}): ${e.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return { db, kind: 'postgres', pglite: undefined, close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!options.pglite && !dataDir.startsWith('memory://'))
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = options.pglite ?? (await PGlite.create(dataDir));
  // PGlite has one connection: a pool of one queues every other request behind the transaction that holds it.
  const viaPglite = createPgConfig(pglite) as unknown as pg.PoolConfig;
  const pool = new pg.Pool({ ...viaPglite, types: typeParsers, max: 1, idleTimeoutMillis: 0 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Runs `work` in one transaction: everything it writes lands together, or nothing does. */
export function transaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
