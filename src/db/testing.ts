/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (created here and dropped when the file is done), so that CI can run
 * the whole suite on both without one run seeing another's rows.
 *
 * Migrating takes seconds (3.5 s on PGlite, most of it creating the cluster), so the suite's global set-up
 * (`test/support/globalSetup.ts`) migrates one template per run and each test file clones it: PGlite loads the
 * template's saved data directory (about 0.4 s), PostgreSQL makes `CREATE DATABASE ... TEMPLATE` (about 0.1 s).
 * Outside a test run (no template named in the environment) a database is migrated afresh, as before.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type DatabaseHandle } from './connection.js';
import { migrateToLatest } from './migrate.js';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the database (PostgreSQL); `close` does the same. */
  dispose(): Promise<void>;
}

/** Where the global set-up leaves the PGlite template (a tar of a migrated data directory). */
export const PGLITE_TEMPLATE_ENV = 'CONCORDAT_TEST_PGLITE_TEMPLATE';
/** The name of the migrated PostgreSQL template database on the DATABASE_URL server. */
export const POSTGRES_TEMPLATE_ENV = 'CONCORDAT_TEST_POSTGRES_TEMPLATE';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function testDatabaseName(): string {
  return `concordat_test_${randomBytes(6).toString('hex')}`;
}

async function onAdminConnection(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new database on the server, made from `template` when given, dropped on dispose (and on close). */
async function createPostgresDatabase(url: string, template: string | undefined): Promise<TestDatabase> {
  const name = testDatabaseName();
  if (template !== undefined && !IDENTIFIER.test(template))
    throw new Error(`${POSTGRES_TEMPLATE_ENV} is not a plain database name: ${template}`);
  await onAdminConnection(url, `create database ${name}${template ? ` template ${template}` : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString() });
  const dispose = async () => {
    await handle.close();
    await onAdminConnection(url, `drop database if exists ${name} with (force)`);
  };
  // a test file that closes its database rather than disposing of it must not leave the database behind
  return { ...handle, close: dispose, dispose };
}

/** Creates an empty database (no migrations), to test the migrations themselves. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { ...handle, dispose: () => handle.close() };
  }
  return createPostgresDatabase(url, undefined);
}

// the template's bytes, read once per worker (a worker runs many test files) rather than once per file
const templates = new Map<string, Promise<Blob>>();
const templateOf = (file: string): Promise<Blob> => {
  let blob = templates.get(file);
  if (!blob) {
    blob = fs.readFile(file).then((bytes) => new Blob([bytes]));
    templates.set(file, blob);
  }
  return blob;
};

/** Creates a database with every migration applied: a clone of the run's template when there is one. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = process.env[POSTGRES_TEMPLATE_ENV];
    if (template) return createPostgresDatabase(url, template);
  } else {
    const file = process.env[PGLITE_TEMPLATE_ENV];
    if (file) {
      const pglite = await PGlite.create({ loadDataDir: await templateOf(file) });
      const handle = await openDatabase({ pglite });
      return { ...handle, dispose: () => handle.close() };
    }
  }
  const handle = await createEmptyTestDatabase();
  await migrateToLatest(handle.db);
  return handle;
}

/**
 * Makes the run's template and returns how to remove it: a PGlite data directory saved to `file`, or a
 * migrated database on the DATABASE_URL server that nothing stays connected to (a template must have no
 * sessions while it is copied).
 */
export async function createTestTemplate(
  file: string,
): Promise<{ env: Record<string, string>; remove(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `concordat_template_${randomBytes(6).toString('hex')}`;
    await onAdminConnection(url, `create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: target.toString() });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    return {
      env: { [POSTGRES_TEMPLATE_ENV]: name },
      remove: () => onAdminConnection(url, `drop database if exists ${name} with (force)`),
    };
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(handle.db);
    const dump = await handle.pglite?.dumpDataDir('none');
    if (!dump) throw new Error('PGlite gave no data directory to save');
    await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  return { env: { [PGLITE_TEMPLATE_ENV]: file }, remove: () => fs.rm(file, { force: true }) };
}
