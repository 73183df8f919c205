/**
 * Care of the embedded database's folder. PGlite has no lock of its own, so a pid file beside the folder keeps
 * two processes out of it; a marker inside it shows a first start that never finished; and a backup is taken
 * before migrations change an existing database (DESIGN.md, "PGlite caveats").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

const INITIALISING = '.concordat-initialising';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on a data folder, or throws a message naming the process that holds it. */
export function lockDataFolder(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processIsAlive(holder)) {
        throw new Error(
          `The database in ${dataDir} is in use by process ${holder} (probably \`concordat serve\`). Stop it first, or set DATABASE_URL to use PostgreSQL, which many processes can share.`,
        );
      }
      fs.unlinkSync(lockFile); // left by a process that is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

export type FolderState = 'new' | 'existing' | 'interrupted';

/** Whether the folder is new, holds a database, or holds a first start that was cut short. */
export function dataFolderState(dataDir: string): FolderState {
  if (!fs.existsSync(dataDir) || fs.readdirSync(dataDir).length === 0) return 'new';
  return fs.existsSync(path.join(dataDir, INITIALISING)) ? 'interrupted' : 'existing';
}

export function markInitialising(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, INITIALISING), new Date().toISOString());
}

export function markInitialised(dataDir: string): void {
  fs.rmSync(path.join(dataDir, INITIALISING), { force: true });
}

/** Writes the whole embedded database as a gzipped tarball; returns the file written. */
export async function dumpToFile(pglite: PGlite, file: string): Promise<string> {
  const blob = await pglite.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  return path.resolve(file);
}

export const backupFolderOf = (dataDir: string): string => `${dataDir}-backups`;

export const timestamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');
