/**
 * A commissioning officer opens the contracts register, adds a contract (after a mistyped end date is refused
 * with the input kept), sets a year's value split between the partners, and finds the contract among those ending
 * within 12 months. Every page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeOrganisation, makePartnership, makeUser, PASSWORD } from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';
import { addMonths } from '../../src/commissioning/contracts/index.js';
import { todayInLondon } from '../../src/kernel/dates.js';

const { run } = browserAvailability();

describe.runIf(run)('contracts register in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;
  const ends = addMonths(todayInLondon(), 6);

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, {
      name: 'Contract City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Contract City CCG', kind: 'ccg' });
    pid = await makePartnership(server.db, [ccg, council], 'Contract City joint commissioning');
    await makeUser(server.db, 'commissioning@browser.example', [[pid, 'commissioning_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('signs in and finds the register from the partnership page', async () => {
    await page.goto(`${server.base}/sign-in`);
    await page.getByLabel('Email address').fill('commissioning@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await page.goto(`${server.base}/partnerships/${pid}`);
    await page.getByRole('link', { name: 'Contracts register' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Contracts register');
    await expectAccessible(page);
  });

  it('adds a contract, keeping what was typed when the end date is mistyped', async () => {
    await page.getByRole('button', { name: 'Add a contract' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Add a contract');
    await expectAccessible(page);
    await page.getByLabel('Reference').fill('CC-001');
    await page.getByLabel('Title', { exact: true }).fill('Reablement at home');
    await page.getByLabel('Signed by').selectOption({ label: 'Contract City Council' });
    await page.getByLabel('Provider’s name').fill('Home Again Ltd');
    await page.locator('#sme').check();
    await page.locator('#vcse-2').check();
    await page.getByLabel('Reablement', { exact: true }).check();
    const date = async (name: string, iso: string) => {
      const [y, m, d] = iso.split('-');
      await page.locator(`#${name}-day`).fill(String(Number(d)));
      await page.locator(`#${name}-month`).fill(String(Number(m)));
      await page.locator(`#${name}-year`).fill(y ?? '');
    };
    await date('startsOn', '2024-04-01');
    await date('endsOn', '2024-02-30');
    await page.getByLabel('Published invitation to tender').check();
    await page.getByRole('button', { name: 'Save contract' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('end date');
    await expectAccessible(page);
    expect(await page.getByLabel('Provider’s name').inputValue()).toBe('Home Again Ltd');
    await date('endsOn', ends);
    await page.getByRole('button', { name: 'Save contract' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('CC-001: Reablement at home');
    await expectAccessible(page);
  });

  it('sets a year’s value split between the partners and sees it ending within 12 months', async () => {
    await page.getByLabel('Financial year').fill('2024-25');
    await page.getByLabel('Annual value').fill('100000.01');
    await page.getByLabel('NHS Contract City CCG, pooled fund (%)').fill('60');
    await page.getByLabel('Contract City Council, pooled fund (%)').fill('40');
    await page.getByRole('button', { name: 'Save the year’s value' }).click();
    await expect.poll(() => page.locator('#value-total').textContent()).toContain('£100,000.01');
    await expectAccessible(page);
    await page.goto(`${server.base}/partnerships/${pid}/contracts?ending=12-months`);
    await expect.poll(() => page.locator('#contracts').textContent()).toContain('CC-001: Reablement at home');
    await expectAccessible(page);
  });
});
