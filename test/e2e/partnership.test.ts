/**
 * A system administrator signs in, adds two organisations, creates a partnership between them, adds a pooled
 * budget area and sees its totals; each page they visit passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeUser, PASSWORD } from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('a finance journey in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await makeUser(server.db, 'admin@browser.example', [], true);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
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

  it('signs in', async () => {
    await visit('/');
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('admin@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await expectAccessible(page);
  });

  it('adds two organisations, showing the error summary for a bad code first', async () => {
    await visit('/organisations/new');
    await page.getByLabel('Name', { exact: true }).fill('NHS Browser City CCG');
    await page.getByLabel('Clinical commissioning group').check();
    await page.getByLabel('ODS code (NHS bodies)').fill('QQQQQQQ');
    await page.getByRole('button', { name: 'Save organisation' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('like 10X');
    await expectAccessible(page);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('NHS Browser City CCG');
    await page.getByLabel('ODS code (NHS bodies)').fill('10X');
    await page.getByRole('button', { name: 'Save organisation' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('NHS Browser City CCG');
    await expectAccessible(page);

    await visit('/organisations/new');
    await page.getByLabel('Name', { exact: true }).fill('Browser City Council');
    await page.getByLabel('Local authority', { exact: true }).check();
    await page.getByLabel('Tier of local authority').selectOption('unitary');
    await page.getByLabel('GSS code (local authorities)').fill('E06000045');
    await page.getByRole('button', { name: 'Save organisation' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Browser City Council');
  });

  it('creates a partnership of the two', async () => {
    await visit('/partnerships/new');
    await page.getByLabel('Name', { exact: true }).fill('Browser City integrated commissioning');
    await page.getByLabel('NHS Browser City CCG').check();
    await page.getByLabel('Browser City Council').check();
    await page.getByRole('button', { name: 'Save partnership' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('Browser City integrated commissioning');
    await expectAccessible(page);
  });

  it('adds a pooled budget area and sees the totals by partner and arrangement', async () => {
    await page.getByRole('button', { name: 'Add an area of spend' }).click();
    await expectAccessible(page);
    await page.getByLabel('Financial year').selectOption('2017-18');
    await page.getByLabel('Area of spend').fill('Rehabilitation, reablement and discharge');
    await page.getByLabel('Pooled fund').check();
    await page.getByLabel('Host or lead commissioner').selectOption({ label: 'Browser City Council' });
    await page.getByLabel('NHS Browser City CCG').fill('9,350,000.01');
    await page.getByLabel('Browser City Council').fill('4180000.99');
    await page.getByRole('button', { name: 'Save area of spend' }).click();
    await expect.poll(() => page.locator('#budget-total').textContent()).toBe('£13,530,001.00');
    const pooledRow = page.locator('#totals-by-arrangement tbody tr', { hasText: 'Pooled fund' });
    // partners are listed by name: the council, then the CCG
    expect(await page.locator('#totals-by-arrangement thead th').allTextContents()).toEqual([
      'Arrangement',
      'Browser City Council',
      'NHS Browser City CCG',
      'Total',
    ]);
    expect(await pooledRow.locator('td').allTextContents()).toEqual([
      '£4,180,000.99',
      '£9,350,000.01',
      '£13,530,001.00',
    ]);
    await expectAccessible(page);
    await visit('/partnerships/1/history');
  });

  it('shows the public page without signing in', async () => {
    const context = await browser.newContext();
    const anonymous = await context.newPage();
    await anonymous.goto(`${server.base}/public/partnerships/browser-city-integrated-commissioning`);
    expect(await anonymous.locator('h1').textContent()).toContain('Browser City integrated commissioning');
    expect(await anonymous.locator('tfoot').first().textContent()).toContain('£13,530,001.00');
    await expectAccessible(anonymous);
    await context.close();
  });
});
