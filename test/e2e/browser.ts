/**
 * Browser tests drive Debian's Chromium through playwright-core (never a downloaded browser) against a real
 * server on a fresh database, and run axe-core on every page they visit.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestDatabase } from '../../src/db/testing.js';
import { buildServer } from '../../src/web/index.js';
import { applicationCss } from '../../src/web/index.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = fs.existsSync(CHROMIUM);

/**
 * How long a page action may take before a browser test fails. Generous, because the first page compiles the
 * stylesheet and CI machines are shared: a slow machine should not fail a journey that works.
 */
export const PAGE_TIMEOUT_MS = 30_000;

/** Whether to run: a missing browser skips the browser tests on a newcomer's machine, and fails them in CI. */
export function browserAvailability(): { run: boolean } {
  if (hasBrowser) return { run: true };
  const message = `Browser tests skipped: no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to run them.`;
  if (process.env.CONCORDAT_REQUIRE_BROWSER === '1')
    throw new Error(`${message} CONCORDAT_REQUIRE_BROWSER=1 makes this a failure.`);
  console.warn(message);
  return { run: false };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A server on a free port over a fresh, migrated database. */
export async function startServer() {
  const t = await createTestDatabase();
  const app = await buildServer({
    db: t.db,
    pglite: t.pglite,
    sessionSecret: 'a browser test secret long enough to sign',
  });
  // compile the stylesheet before the browser first asks for it: on a busy machine that takes longer than a click
  applicationCss();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    db: t.db,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await t.dispose();
    },
  };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) on the page and fails with the violations it finds. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  expect(violations, `axe-core on ${page.url()}`).toEqual([]);
  // WCAG 1.4.10 reflow: the page fits the screen's width; a wide table scrolls inside its own region
  const widths = await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
    return {
      page: d.documentElement.scrollWidth,
      screen: (globalThis as unknown as { innerWidth: number }).innerWidth,
    };
  });
  expect(widths.page, `page width on ${page.url()}`).toBeLessThanOrEqual(widths.screen);
}
