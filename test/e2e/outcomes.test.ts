/**
 * A commissioning officer adds an outcome measure from the catalogue, uploads a CSV of values with mistakes (each
 * listed by line and column, nothing saved), uploads it corrected, records an intervention and reads the charts
 * and their tables. Every page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeOrganisation, makePartnership, makeUser, PASSWORD } from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

const months = Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`);
const file = (rows: string[]) => ({
  name: 'values.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['measure_code,period,numerator', ...rows].join('\n')),
});

describe.runIf(run)('outcome measures in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, {
      name: 'Outcome City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Outcome City CCG', kind: 'ccg' });
    pid = await makePartnership(server.db, [ccg, council], 'Outcome City joint commissioning');
    await makeUser(server.db, 'commissioning@browser.example', [[pid, 'commissioning_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('signs in, finds outcome measures and adds one from the catalogue', async () => {
    await page.goto(`${server.base}/sign-in`);
    await page.getByLabel('Email address').fill('commissioning@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await page.goto(`${server.base}/partnerships/${pid}`);
    await page.getByRole('link', { name: 'Outcome measures' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Outcome measures');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add a measure' }).click();
    await expectAccessible(page);
    await page.getByLabel('Emergency admissions (LOCAL-EMADM)').check();
    await page.getByRole('button', { name: 'Add measure' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Emergency admissions');
    await expectAccessible(page);
  });

  it('lists every bad row of an upload and saves nothing, then takes the corrected file', async () => {
    await page.goto(`${server.base}/partnerships/${pid}/outcomes/import`);
    await expectAccessible(page);
    await page
      .getByLabel('CSV file of values')
      .setInputFiles(file(['LOCAL-EMADM,2016-13,2500', 'LOCAL-EMADM,2016-02,2,500']));
    await page.getByRole('button', { name: 'Import values' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Line 2, column period');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Line 3');
    await expectAccessible(page);
    await page
      .getByLabel('CSV file of values')
      .setInputFiles(
        file(months.map((m, i) => `LOCAL-EMADM,${m},${i < 4 ? 2600 + (i % 2) * 40 : 2400 + (i % 2) * 30}`)),
      );
    await page.getByRole('button', { name: 'Import values' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner, body').first().textContent())
      .toContain('12 added');
  });

  it('records an intervention and shows both charts with their tables', async () => {
    await page.getByRole('link', { name: 'Emergency admissions' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Emergency admissions');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month', { exact: true }).fill('5');
    await page.getByLabel('Year').fill('2016');
    await page.getByLabel('Label on the chart').fill('Discharge to assess');
    await page.getByRole('button', { name: 'Record intervention' }).click();
    await expect
      .poll(() => page.locator('#intervention-list').textContent())
      .toContain('Discharge to assess');
    expect(await page.locator('#actual-target-chart svg').textContent()).toContain('Discharge to assess');
    expect(await page.locator('#run-chart-table tbody tr').count()).toBe(12);
    await expectAccessible(page);
  });
});
