/**
 * The suite option of a journey: its tests are the steps of one user's journey (sign in, set up, publish, read
 * back), each building on the one before, so they run in the order written even though the run shuffles the
 * order of test files and of the tests in every other suite (vitest.config.ts). Give it to the describe:
 * `describe('a finance journey', steps, () => { ... })`.
 */
export const steps = { shuffle: false } as const;
