/**
 * Set up before every test file: whatever a file does to process.env (a test pointing the command at its own
 * database, say) is undone when the file ends, so that the next file in the same worker (vitest.config.ts,
 * isolate: false) starts from the environment the run began with.
 */
import { afterAll } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) Reflect.deleteProperty(process.env, key);
  Object.assign(process.env, before);
});
