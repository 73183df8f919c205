/**
 * A board member opens the Southampton partnership's dashboard on a phone (issue 6, "Tests that must exist"): every
 * tile is there, the page passes axe-core, and each tile's link opens its detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import { DEMO_PASSWORD } from '../../src/demo/index.js';
import { getPartnershipBySlug } from '../../src/partnerships/index.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

/** The tiles the board's dashboard must have, by heading. */
const TILES = [
  'Pooled fund position',
  'Savings against plan',
  'Outcomes against target',
  'Procurements in flight',
  'Contracts ending in the next 12 months',
  'Decisions awaiting call-in',
  'Commissioning projects',
  'Integrated commissioning unit',
];

describe.runIf(run)('the partnership dashboard in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;

  beforeAll(async () => {
    server = await startServer();
    await loadDemo(server.db);
    pid = (await getPartnershipBySlug(server.db, 'southampton'))!.id;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('finds the dashboard from the partnership page, with every tile, and passes axe-core', async () => {
    await page.goto(`${server.base}/sign-in`);
    await page.getByLabel('Email address').fill('board@southampton.example');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await page.goto(`${server.base}/partnerships/${pid}`);
    await page.getByRole('link', { name: 'Partnership dashboard' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Partnership dashboard');
    const headings = await page.locator('.app-tile h2').allTextContents();
    expect(headings.map((h) => h.trim())).toEqual(TILES);
    await expectAccessible(page);
  });

  it('shows the dashboard as at the day a decision was called in', async () => {
    await page.getByLabel('Day').fill('20');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('2018');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('#as-at').textContent()).toContain('As at 20 April 2018');
    await expect
      .poll(() => page.locator('#tile-call-in').textContent())
      .toContain('Called in on 17 April 2018');
    await expectAccessible(page);
  });

  it('opens each tile’s detail', async () => {
    const dashboard = page.url();
    for (const title of TILES) {
      await page.goto(dashboard);
      const tile = page.locator('.app-tile', { has: page.locator('h2', { hasText: title }) });
      await tile.locator('.app-tile__link a').click();
      await expect.poll(() => page.url()).not.toBe(dashboard);
      await expect.poll(() => page.locator('h1').count()).toBe(1);
      expect(await page.locator('h1').textContent()).not.toMatch(/not found|forbidden|wrong/i);
    }
  });
});
