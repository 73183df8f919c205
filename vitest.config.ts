import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files, and the tests within each suite, run in a shuffled order, so that no test leans on another having
// run first (a suite that is one journey's steps says so: test/support/steps.ts). The order is the same from run
// to run, so that CI proves one known order; CONCORDAT_TEST_SEED=random (or any number) tries another, and the
// seed is printed so that an order that failed can be repeated.
const seedSetting = process.env.CONCORDAT_TEST_SEED ?? '1';
const seed = seedSetting === 'random' ? Date.now() % 1_000_000 : Number(seedSetting);
if (!Number.isSafeInteger(seed))
  throw new Error(`CONCORDAT_TEST_SEED must be a whole number or random, not ${seedSetting}`);
console.log(`Test order shuffled with seed ${seed} (CONCORDAT_TEST_SEED=${seed} npm test repeats it)`);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // one migrated template database per run, which each test file clones (src/db/testing.ts)
    globalSetup: ['test/support/globalSetup.ts'],
    // and each file's changes to process.env are undone when it ends
    setupFiles: ['test/support/restoreEnvironment.ts'],
    pool: 'forks',
    // vitest leaves one core to itself by default, which on a 2-core machine is one worker; the tests wait on
    // the database as much as they compute, so one worker a core (and at least two) keeps both cores busy
    maxWorkers: Math.max(2, os.availableParallelism()),
    // a worker keeps its loaded modules from one test file to the next (each file still makes its own database
    // and server): importing the application afresh for each of 170 files was half of the suite's time
    isolate: false,
    sequence: { shuffle: true, seed },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
