/**
 * A finance officer signs in, imports a general-ledger extract through the page, reads the monitoring report,
 * downloads it as XLSX (read back with exceljs: every total is the sum of its rows and the page's figure),
 * records a manual forecast and publishes the report to the board; each page they visit passes axe-core.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  PASSWORD,
} from '../support/fixtures.js';
import { checkTotals, readWorkbook } from '../support/workbooks.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('the monitoring report in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let ccg: number;
  let fundPath: string;

  beforeAll(async () => {
    server = await startServer();
    ccg = await makeOrganisation(server.db, { name: 'NHS Browser CCG', kind: 'ccg', odsCode: '10X' });
    const council = await makeOrganisation(server.db, {
      name: 'Browser City Council',
      kind: 'local_authority',
      laTier: 'unitary',
      gssCode: 'E06000045',
    });
    const pid = await makePartnership(server.db, [ccg, council], 'Browser City partnership');
    const fund = await makeFundWithScheme(server.db, pid, council, ccg);
    fundPath = `/partnerships/${pid}/funds/${fund.fundId}`;
    await makeUser(server.db, 'finance@browser.example', [[pid, 'finance_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true }); // a phone
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

  it('signs in as a finance officer', async () => {
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('finance@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await expectAccessible(page);
  });

  it('imports an extract through the page', async () => {
    await visit(fundPath);
    await page.getByRole('button', { name: 'Import a ledger extract' }).click();
    await expectAccessible(page);
    await page.getByLabel('NHS Browser CCG').check();
    await page.getByLabel('CSV or XLSX file').setInputFiles({
      name: 'ccg-p1-p3.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'cost_centre,account_code,date,amount,description,supplier,reference',
          `CC-${ccg},5000,2017-04-28,"1,000.00",Reablement April,Provider,B-1`,
          `CC-${ccg},5000,2017-05-31,1000.00,Reablement May,Provider,B-2`,
          `CC-${ccg},5000,2017-06-30,1200.01,Reablement June,Provider,B-3`,
        ].join('\r\n'),
      ),
    });
    await page.getByRole('button', { name: 'Check and import' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Imported 3 rows');
    await expectAccessible(page);
    // the import ran in the background; its page links back to the fund
    await page.getByRole('link', { name: "See the fund's imports" }).click();
    await expect.poll(() => page.url()).toContain('#imports');
  });

  it('shows the monitoring report for P3, reconciled to the file', async () => {
    await page.getByRole('button', { name: 'Monitoring report' }).click();
    await page.getByLabel('As at the end of').selectOption('3');
    await page.getByRole('button', { name: 'Show report' }).click();
    await expect.poll(() => page.locator('#by-scheme caption').textContent()).toContain('P3');
    // budget £24,000, profiled to P3 £6,000, actual £3,200.01
    const total = await page.locator('#by-scheme tfoot td').allTextContents();
    expect(total.slice(0, 3)).toEqual(['£24,000.00', '£6,000.00', '£3,200.01']);
    expect(await page.locator('#reconciliation-result').textContent()).toContain('to the penny');
    await expectAccessible(page);
  });

  it('downloads the XLSX whose totals are the sums of their rows and the page’s figures', async () => {
    const pageTotals = await page.locator('#by-scheme tfoot td').allTextContents();
    const pounds = (s: string) => Math.round(Number(s.replace(/[£,]/g, '')) * 100);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this report (XLSX)' }).click(),
    ]);
    const wb = await readWorkbook(await fs.readFile(await download.path()));
    const totals = checkTotals(wb.getWorksheet('By scheme')!);
    expect(['D', 'E', 'F', 'G', 'H'].map((c) => totals.get(c))).toEqual(pageTotals.slice(0, 5).map(pounds));
    for (const sheet of ['By partner', 'By scheme type', 'By funding stream']) {
      const t = checkTotals(wb.getWorksheet(sheet)!);
      expect(
        ['B', 'C', 'D', 'E', 'F'].map((c) => t.get(c)),
        sheet,
      ).toEqual(pageTotals.slice(0, 5).map(pounds));
    }
    expect(checkTotals(wb.getWorksheet('By month')!).get('C')).toBe(3_200_01);
  });

  it('drills down to the postings and the line of the file each came from', async () => {
    await page.getByRole('link', { name: 'S01 Reablement' }).click();
    await expect.poll(() => page.locator('#postings tbody').textContent()).toContain('ccg-p1-p3.csv, line 4');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'NHS Browser CCG' }).click();
    await expect.poll(() => page.locator('#postings-total').textContent()).toBe('£3,200.01');
    await expectAccessible(page);
    await page.goto(`${server.base}${fundPath}/monitoring?period=3`);
  });

  it('records a manual forecast, with the error summary first', async () => {
    await page.getByRole('link', { name: 'Record a manual forecast' }).click();
    await expectAccessible(page);
    await page.getByLabel('Scheme', { exact: true }).selectOption({ label: 'S01 Reablement' });
    await page.getByLabel('Forecast outturn for the year').fill('25,000.00');
    await page.getByRole('button', { name: 'Record forecast' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter a commentary');
    await expectAccessible(page);
    expect(await page.getByLabel('Forecast outturn for the year').inputValue()).toBe('25,000.00');
    await page.getByLabel('Commentary').fill('Demand rising after the June peak');
    await page.getByRole('button', { name: 'Record forecast' }).click();
    await expect.poll(() => page.locator('#manual-forecasts').textContent()).toContain('Demand rising');
    expect((await page.locator('#by-scheme tfoot td').allTextContents())[3]).toBe('£25,000.00');
    await expectAccessible(page);
  });

  it('publishes the report to the board, frozen as published', async () => {
    await page.getByRole('button', { name: 'Publish the P3 report to the board' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('as published');
    expect((await page.locator('#by-scheme tfoot td').allTextContents())[2]).toBe('£3,200.01');
    await expectAccessible(page);
    await visit(`${fundPath}/reports`);
    expect(await page.locator('#reports tbody').textContent()).toContain('P3');
    await visit(`${fundPath}/monitoring?period=4`);
    expect(await page.locator('#movement-note').textContent()).toContain('since the P3 report published');
    await visit(fundPath.replace(/\/funds\/\d+$/, '/monitoring?year=2017&period=3'));
  });
});
