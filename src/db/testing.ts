/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (created here and dropped when the file is done), so that CI can run
 * the whole suite on both without one run seeing another's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './connection.js';
import { migrateToLatest } from './migrate.js';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the database (PostgreSQL); `close` does the same. */
  dispose(): Promise<void>;
}

/** Creates an empty database (no migrations), to test the migrations themselves. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { ...handle, dispose: () => handle.close() };
  }
  const name = `concordat_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString() });
  const dispose = async () => {
    await handle.close();
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
  // a test file that closes its database rather than disposing of it must not leave the database behind
  return { ...handle, close: dispose, dispose };
}

/** Creates a database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const handle = await createEmptyTestDatabase();
  await migrateToLatest(handle.db);
  return handle;
}
