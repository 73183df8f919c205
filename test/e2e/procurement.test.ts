/**
 * A commissioning officer adds a procurement (after a timetable out of order is refused with its input kept), a
 * lot, and a lead-provider bid whose fields are revealed by its radio; the procurement page shows the bid's
 * structure. Every page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeOrganisation, makePartnership, makeUser, PASSWORD } from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('procurements in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;

  const fillDate = async (legend: string, d: string, m: string, y: string) => {
    const group = page.getByRole('group', { name: legend, exact: true });
    await group.getByLabel('Day').fill(d);
    await group.getByLabel('Month').fill(m);
    await group.getByLabel('Year').fill(y);
  };

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, {
      name: 'Tender City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Tender City CCG', kind: 'ccg' });
    pid = await makePartnership(server.db, [ccg, council], 'Tender City joint commissioning');
    await makeUser(server.db, 'commissioning@browser.example', [[pid, 'commissioning_officer']]);
    browser = await launch();
    page = await browser.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('adds a procurement, keeping what was typed when the timetable is out of order', async () => {
    await page.goto(`${server.base}/sign-in`);
    await page.getByLabel('Email address').fill('commissioning@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await page.goto(`${server.base}/partnerships/${pid}`);
    await page.getByRole('link', { name: 'Procurements' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add a procurement' }).click();
    await expectAccessible(page);
    await page.getByLabel('Reference').fill('TC-1');
    await page.getByLabel('Title').fill('Health checks and talking therapies');
    await page.getByLabel('Public Contracts Regulations 2015').check();
    await page.getByLabel('Procedure').selectOption('light_touch');
    await fillDate('Publication', '5', '2', '2018');
    await fillDate('Submission deadline', '1', '2', '2018');
    await page.getByLabel('Tender City Council').fill('1000000');
    await page.getByRole('button', { name: 'Save procurement' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Submission deadline must be after publication');
    await expectAccessible(page);
    expect(await page.getByLabel('Title').inputValue()).toBe('Health checks and talking therapies');
    await fillDate('Submission deadline', '16', '3', '2018');
    await page.getByRole('button', { name: 'Save procurement' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('Health checks and talking therapies');
    await expectAccessible(page);
  });

  it('adds a lot and a lead-provider bid, and shows its structure', async () => {
    await page.getByRole('button', { name: 'Add a lot' }).click();
    await page.getByLabel('Title').fill('Whole service');
    await page.getByLabel('Quality weight').fill('70');
    await page.getByLabel('Price weight').fill('30');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save lot' }).click();
    await expect.poll(() => page.locator('h2').allTextContents()).toContain('Lot 1: Whole service');
    await page.getByRole('button', { name: 'Add a bid' }).click();
    await page.getByLabel('Bid made under the name').fill('Big Health');
    await page.getByLabel('A lead provider with named subcontractors').check();
    await expectAccessible(page);
    const lead = page.getByRole('group', { name: 'Lead provider' });
    await lead.getByLabel('Name', { exact: true }).fill('Big Health Ltd');
    const sub = page.getByRole('group', { name: 'Subcontractor 1', exact: true });
    await sub.getByLabel('Name', { exact: true }).fill('Small Talk');
    await sub.getByLabel('Share of the bid’s value').fill('25');
    await page.getByRole('button', { name: 'Save bid' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('Health checks and talking therapies');
    await expectAccessible(page);
    const table = page.getByRole('table', { name: /Big Health: a lead provider/ });
    expect(await table.textContent()).toMatch(/Lead provider\s*75%/);
    expect(await table.textContent()).toMatch(/Small Talk\s*Subcontractor\s*25%/);
  });
});
