/**
 * Once per test run: migrate one template database, which each test file then clones (src/db/testing.ts),
 * rather than every file migrating its own. Removed when the run ends.
 */
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestTemplate } from '../../src/db/testing.js';

export default async function setUp(): Promise<() => Promise<void>> {
  const file = path.join(os.tmpdir(), `concordat-template-${randomBytes(6).toString('hex')}.tar`);
  const template = await createTestTemplate(file);
  Object.assign(process.env, template.env);
  return () => template.remove();
}
