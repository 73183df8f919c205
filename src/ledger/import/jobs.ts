/**
 * General-ledger imports started from the web page, run in the background of this process so that the finance
 * officer watches a progress page rather than a spinning browser (issue 3 item 4, "progress on the web page for
 * long files"). Each job's state is kept in memory under a random id, scoped to the partnership, fund and user
 * who started it; a job is forgotten an hour after it finishes, and its uploaded file is deleted when it ends.
 *
 * The state lives in this process only. On PGlite one process serves each database folder, so every job is
 * visible; on PostgreSQL with several processes behind a load balancer a job is visible only to the process
 * that runs it, and the status page of another process answers "not found, it may have finished: see the
 * fund's imports" (the import itself is in the database either way).
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { importGeneralLedger, type ImportOutcome, type ImportRequest } from './importGeneralLedger.js';

export const FORGET_AFTER_MS = 60 * 60 * 1000;

export type ImportJobState =
  | { status: 'queued' }
  | { status: 'checking' | 'writing'; rows: number; bytes: number; totalBytes: number | null }
  | { status: 'done'; outcome: Extract<ImportOutcome, { ok: true }> }
  | { status: 'failed'; outcome: Extract<ImportOutcome, { ok: false }> | null; error: string | null };

export interface ImportJob {
  id: string;
  partnershipId: number;
  fundId: number;
  userId: number | null;
  filename: string;
  startedAt: number;
  finishedAt: number | null;
  state: ImportJobState;
}

export type ImportJobRequest = Omit<ImportRequest, 'content' | 'onProgress'> & { path: string };

/** The jobs of one server. */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts importing the file at `path` (which the job then owns and deletes); returns the job at once. */
  start(req: ImportJobRequest): ImportJob {
    this.forgetOld();
    const job: ImportJob = {
      id: randomBytes(18).toString('base64url'),
      partnershipId: req.partnershipId,
      fundId: req.fundId,
      userId: req.actor.userId,
      filename: req.filename,
      startedAt: this.now(),
      finishedAt: null,
      state: { status: 'queued' },
    };
    this.jobs.set(job.id, job);
    const run = this.run(job, req).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  private async run(job: ImportJob, req: ImportJobRequest): Promise<void> {
    let ended: ImportJobState;
    try {
      const outcome = await importGeneralLedger({
        ...req,
        onProgress: (_rows, p) => {
          job.state = { status: p.phase, rows: p.rows, bytes: p.bytes, totalBytes: p.totalBytes };
        },
      });
      ended = outcome.ok ? { status: 'done', outcome } : { status: 'failed', outcome, error: null };
    } catch (e) {
      ended = { status: 'failed', outcome: null, error: e instanceof Error ? e.message : String(e) };
    }
    // the file goes before the job shows as ended
    await rm(req.path, { force: true }).catch(() => undefined);
    job.state = ended;
    job.finishedAt = this.now();
  }

  /** The job, if it exists here and belongs to this partnership, fund and user. */
  get(id: string, partnershipId: number, fundId: number, userId: number | null): ImportJob | undefined {
    this.forgetOld();
    const job = this.jobs.get(id);
    if (!job || job.partnershipId !== partnershipId || job.fundId !== fundId || job.userId !== userId)
      return undefined;
    return job;
  }

  /** Resolves when every running job has ended (before the database is closed). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private forgetOld(): void {
    const cutoff = this.now() - FORGET_AFTER_MS;
    for (const [id, job] of this.jobs)
      if (job.finishedAt !== null && job.finishedAt < cutoff) this.jobs.delete(id);
  }
}

/** Whole percent of the file read in this phase, when its size is known. */
export function percentRead(state: ImportJobState): number | null {
  if (state.status !== 'checking' && state.status !== 'writing') return null;
  if (!state.totalBytes) return null;
  return Math.min(100, Math.floor((state.bytes * 100) / state.totalBytes));
}
