/**
 * A commissioning officer reads Southampton's 2017 option appraisal (results, tornado chart, rank
 * acceptability, the alternatives text), runs the robustness analysis with a seed, and is told which level's
 * weights do not total 100 %; each page they visit passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeOrganisation, makePartnership, makeUser, PASSWORD } from '../support/fixtures.js';
import { loadAppraisalDemo } from '../../src/demo/index.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('an option appraisal in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;

  beforeAll(async () => {
    server = await startServer();
    pid = await makePartnership(server.db, [
      await makeOrganisation(server.db),
      await makeOrganisation(server.db),
    ]);
    await loadAppraisalDemo(server.db, pid);
    await makeUser(server.db, 'officer@browser.example', [[pid, 'commissioning_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(`${server.base}/sign-in`);
    await page.getByLabel('Email address').fill('officer@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/partnerships/);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('lists the appraisals and opens the 2017 one at its shortlist', async () => {
    await page.goto(`${server.base}/partnerships/${pid}/appraisals`);
    await expectAccessible(page);
    await page.getByRole('link', { name: /governance options \(2017\)/ }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Shortlist: strategy, governance and finance' }).click();
    await expect
      .poll(() => page.locator('#results-table tbody tr').first().textContent())
      .toContain('A Joint Commissioning Board with executive powers');
    expect(await page.locator('svg[aria-labelledby="tornado-title"]').count()).toBe(1);
    expect(await page.locator('#alternatives + p + .govuk-inset-text').textContent()).toContain(
      'A Regulation 10 committee under a section 75 agreement',
    );
    await expectAccessible(page);
  });

  it('runs the rank acceptability analysis with the samples and seed chosen', async () => {
    await page.getByLabel('Number of samples').fill('5000');
    await page.getByLabel('Seed').fill('18');
    await page.getByLabel('Keeping the order of importance', { exact: false }).check();
    await page.getByRole('button', { name: 'Run the analysis' }).click();
    await expect
      .poll(() => page.locator('#smaa-table caption').textContent())
      .toContain('5000 weight samples (seed 18)');
    await expectAccessible(page);
  });
});
