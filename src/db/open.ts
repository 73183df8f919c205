/**
 * Opening the database for a command: PostgreSQL when configured, otherwise the embedded database in the data
 * folder, locked, checked for an interrupted first start, backed up before migrations, and migrated.
 */
import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from './connection.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import {
  backupFolderOf,
  dataFolderState,
  dumpToFile,
  lockDataFolder,
  markInitialised,
  markInitialising,
  timestamp,
} from './dataFolder.js';

export interface OpenedDatabase extends DatabaseHandle {
  /** What `open` did, for the console. */
  notes: string[];
  /** True when this start created the database. */
  created: boolean;
}

export async function openConfiguredDatabase(
  config: Config,
  options: { migrate: boolean } = { migrate: true },
): Promise<OpenedDatabase> {
  const notes: string[] = [];
  if (config.databaseUrl) {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl });
    if (options.migrate) {
      const report = await migrateToLatest(handle.db);
      if (report.applied.length > 0) notes.push(`Applied migrations: ${report.applied.join(', ')}`);
    }
    return { ...handle, notes, created: false };
  }
  const release = lockDataFolder(config.dataDir);
  try {
    const state = dataFolderState(config.dataDir);
    if (state === 'interrupted') {
      throw new Error(
        `The first start of the database in ${config.dataDir} did not finish, so the folder may be unusable. It holds no data of yours yet: delete the folder and start again.`,
      );
    }
    if (state === 'new') markInitialising(config.dataDir);
    const handle = await openDatabase({ dataDir: config.dataDir });
    const close = async () => {
      await handle.close();
      release();
    };
    if (options.migrate) {
      const pending = await pendingMigrations(handle.db);
      if (pending.length > 0 && state === 'existing' && handle.pglite) {
        const file = await dumpToFile(
          handle.pglite,
          path.join(backupFolderOf(config.dataDir), `before-migration-${timestamp()}.tar.gz`),
        );
        notes.push(`Backed up the database to ${file} before migrating`);
      }
      const report = await migrateToLatest(handle.db);
      if (report.applied.length > 0) notes.push(`Applied migrations: ${report.applied.join(', ')}`);
    }
    if (state === 'new') markInitialised(config.dataDir);
    return { ...handle, close, notes, created: state === 'new' };
  } catch (e) {
    release();
    throw e;
  }
}
