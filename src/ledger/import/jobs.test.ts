import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { FORGET_AFTER_MS, ImportJobs, percentRead } from './jobs.js';

describe('import jobs', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  const fileOf = async (name: string) => {
    const path = join(tmpdir(), `concordat-jobs-test-${process.pid}-${name}`);
    await writeFile(path, 'cost_centre,account_code,date,amount\r\n');
    return path;
  };

  it('keeps a job for its partnership, fund and user, deletes its file when it ends, and forgets it an hour later', async () => {
    let now = 1_000_000;
    const jobs = new ImportJobs(() => now);
    const path = await fileOf('a.csv');
    // fund 999999 does not exist: the import stops with an error, which the job keeps
    const job = jobs.start({
      db: t.db,
      actor: { userId: 7, label: 'Finance officer' },
      partnershipId: 1,
      fundId: 999999,
      organisationId: 1,
      filename: 'a.csv',
      path,
    });
    expect(job.state.status).toBe('queued');
    await jobs.idle();
    expect(jobs.get(job.id, 1, 999999, 7)?.state).toEqual({
      status: 'failed',
      outcome: null,
      error: 'There is no fund 999999 in partnership 1',
    });
    expect(existsSync(path)).toBe(false);
    expect(jobs.get(job.id, 1, 999999, 8)).toBeUndefined();
    expect(jobs.get(job.id, 2, 999999, 7)).toBeUndefined();
    expect(jobs.get(job.id, 1, 1, 7)).toBeUndefined();
    now += FORGET_AFTER_MS;
    expect(jobs.get(job.id, 1, 999999, 7)).toBeDefined();
    now += 1;
    expect(jobs.get(job.id, 1, 999999, 7)).toBeUndefined();
  });

  it('gives the whole percent of the file read while checking or writing', () => {
    expect(percentRead({ status: 'checking', rows: 10, bytes: 333, totalBytes: 1000 })).toBe(33);
    expect(percentRead({ status: 'writing', rows: 10, bytes: 1000, totalBytes: 1000 })).toBe(100);
    expect(percentRead({ status: 'checking', rows: 0, bytes: 0, totalBytes: null })).toBeNull();
    expect(percentRead({ status: 'queued' })).toBeNull();
  });
});
