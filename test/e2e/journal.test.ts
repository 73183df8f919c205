/**
 * A finance officer opens a fund's journal, posts a manual entry (first unbalanced, then right), reverses it,
 * reads the trial balance and closes a period; the public reads the pooled-fund summary. Every page passes
 * axe-core, on a phone-sized screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import {
  makeFundWithScheme,
  makeJournalEntry,
  makeOrganisation,
  makePartnership,
  makeUser,
  PASSWORD,
} from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('the journal in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  let slug: string;
  let host: number;

  beforeAll(async () => {
    server = await startServer();
    host = await makeOrganisation(server.db, { name: 'Journal Council' });
    const ccg = await makeOrganisation(server.db, { name: 'Journal CCG' });
    const pid = await makePartnership(server.db, [host, ccg]);
    const { fundId } = await makeFundWithScheme(server.db, pid, host, ccg);
    await makeJournalEntry(server.db, pid, fundId);
    base = `/partnerships/${pid}/funds/${fundId}`;
    slug = (
      await server.db
        .selectFrom('partnerships')
        .select('slug')
        .where('id', '=', pid)
        .executeTakeFirstOrThrow()
    ).slug;
    await makeUser(server.db, 'finance@browser.example', [[pid, 'finance_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  const visit = async (path: string) => {
    await page.goto(`${server.base}${path}`);
    await expectAccessible(page);
  };

  it('signs in and reads the journal', async () => {
    // the first page compiles the templates and the style sheet: give it longer on a busy machine
    await page.goto(`${server.base}/sign-in`, { timeout: 60_000 });
    await page.getByLabel('Email address').fill('finance@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await visit(`${base}/journal`);
    expect(await page.locator('#entry-count').textContent()).toContain('4 entries');
  });

  it('refuses an unbalanced manual entry, keeping what was typed, then posts it balanced', async () => {
    await visit(`${base}/journal/new`);
    await page.getByLabel('Description').fill('Move to the reserve');
    await page.getByLabel('Day').fill('15');
    await page.getByLabel('Month').fill('5');
    await page.getByLabel('Year').fill('2017');
    const line = (n: number) => page.getByRole('group', { name: `Line ${n}` });
    await line(1).getByLabel('Account').selectOption('RESERVE');
    await line(1).getByLabel('Debit').fill('10.00');
    await line(2).getByLabel('Account').selectOption(`CRE-${host}`);
    await line(2).getByLabel('Credit').fill('9.00');
    await page.getByRole('button', { name: 'Post the entry' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('a difference of £1.00');
    await expectAccessible(page);
    expect(await line(2).getByLabel('Credit').inputValue()).toBe('9.00');
    await line(2).getByLabel('Credit').fill('10.00');
    await page.getByRole('button', { name: 'Post the entry' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/Journal entry \d+/);
    await expectAccessible(page);
  });

  it('reverses the entry with a reason', async () => {
    await page.getByLabel('Reason for the reversal').fill('Posted to the wrong account');
    await page.getByRole('button', { name: /Reverse entry/ }).click();
    await expect.poll(() => page.locator('#reverses').textContent()).toContain('Reverses entry');
    await expectAccessible(page);
  });

  it('shows a trial balance that sums to zero, and an account’s postings', async () => {
    await visit(`${base}/trial-balance`);
    expect(await page.locator('#balance-check').textContent()).toContain('The journal balances');
    await visit(`${base}/accounts/RESERVE`);
    expect(await page.locator('#account-balance').textContent()).toBe('£0.00');
  });

  it('closes P1', async () => {
    await visit(`${base}/periods`);
    await page.getByRole('button', { name: 'Close P1' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('P1 (April) is closed');
    await expectAccessible(page);
  });

  it('shows the public the pooled funds without signing in', async () => {
    const publicPage = await browser.newPage();
    await publicPage.goto(`${server.base}/public/partnerships/${slug}/pooled-funds`);
    await expectAccessible(publicPage);
    expect(await publicPage.locator('h1').textContent()).toBe('Pooled funds');
    await publicPage.close();
  });
});
