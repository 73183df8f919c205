import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files and the tests within them run in a shuffled order, so that no test leans on another having run
// first; the seed is printed, and CONCORDAT_TEST_SEED=<seed> npm test repeats an order that failed.
const seed = Number(process.env.CONCORDAT_TEST_SEED ?? Date.now() % 1_000_000);
console.log(`Test order shuffled with seed ${seed} (CONCORDAT_TEST_SEED=${seed} npm test repeats it)`);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // one migrated template database per run, which each test file clones (src/db/testing.ts)
    globalSetup: ['test/support/globalSetup.ts'],
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
