/**
 * Imports several extracts (a month's files from every partner, say), each in a transaction of its own: a file
 * lands whole or not at all, as when imported alone, and one file refused leaves the others to land. On
 * PostgreSQL up to `concurrency` files go at once, each on its own connection, so that this process reads and
 * checks one file while the server writes another (a file's postings are written in the order of their
 * references once read, so one import alone leaves the server idle while it reads and the reading idle while
 * the server writes: issue 3, "Benchmark"). PGlite runs in this process on one connection: there the files go
 * one after another.
 *
 * Imports running at once take their locks in one order (summaries by key); one that the database still picks
 * as a deadlock's victim is tried again (importGeneralLedger.ts). Two files with a transaction reference in
 * common, or the same file twice, are refused as they are when imported one after the other.
 */
import type { Db } from '../../db/connection.js';
import { isPglite } from '../../db/copyIn.js';
import { importGeneralLedger, type ImportOutcome, type ImportRequest } from './importGeneralLedger.js';

/** Files imported at once on PostgreSQL by default: the reading of one beside the writing of another. */
export const DEFAULT_CONCURRENCY = 2;

export interface BatchOptions {
  /** At most this many files at once (PostgreSQL only); DEFAULT_CONCURRENCY by default. */
  concurrency?: number;
  /** Called as each file's import ends, with its place in the list. */
  onOutcome?: (index: number, outcome: ImportOutcome) => void;
}

/**
 * Imports every request (all for the one database `db`) and returns their outcomes in the order given. An
 * error other than a refused file (the database gone, say) starts no further file, waits for those under way,
 * and is thrown.
 */
export async function importExtracts(
  db: Db,
  requests: readonly Omit<ImportRequest, 'db'>[],
  options: BatchOptions = {},
): Promise<ImportOutcome[]> {
  const wanted = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isSafeInteger(wanted) || wanted < 1)
    throw new Error('concurrency must be a whole number, 1 or more');
  const atOnce = (await isPglite(db)) ? 1 : Math.min(wanted, requests.length);
  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(requests.length);
  let next = 0;
  // the first error other than a refusal (a list, so that the workers see it as it changes)
  const failures: unknown[] = [];
  const worker = async () => {
    while (failures.length === 0 && next < requests.length) {
      const index = next;
      next += 1;
      const request = requests[index];
      if (!request) continue;
      try {
        const outcome = await importGeneralLedger({ ...request, db });
        outcomes[index] = outcome;
        options.onOutcome?.(index, outcome);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  if (failures.length > 0) throw failures[0];
  return outcomes;
}
