/**
 * Numbered SQL migrations (`migrations/0001_name.sql`), applied in order inside one transaction and recorded in
 * a table by Kysely's Migrator. A migration is never edited after it lands; a change is a new file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

class SqlFileMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await fs.readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

export interface MigrationReport {
  applied: string[];
  pendingBefore: number;
}

function migrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: new SqlFileMigrationProvider(),
    migrationTableName: 'schema_migrations',
    // domains land in parallel, each with its own number: a database that already has a later-numbered migration
    // still takes an earlier one that landed after it (each file touches only its own tables)
    allowUnorderedMigrations: true,
  });
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Applies every pending migration in one transaction; a second run applies nothing. */
export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const pendingBefore = (await pendingMigrations(db)).length;
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    pendingBefore,
  };
}
