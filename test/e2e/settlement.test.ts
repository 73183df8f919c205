/**
 * A finance officer records the pool's risk-share policy and computes the year-end settlement; another finance
 * officer approves it (the first may not) and posts it; a partner statement is read; all on a phone, and each
 * page visited passes axe-core.
 */
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
import { systemActor } from '../../src/audit/index.js';
import { importGeneralLedger } from '../../src/ledger/import/index.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('a settlement journey in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    server = await startServer();
    const a = await makeOrganisation(server.db, { name: 'Browser City Council' });
    const b = await makeOrganisation(server.db, { name: 'NHS Browser City CCG' });
    const pid = await makePartnership(server.db, [a, b]);
    const { fundId } = await makeFundWithScheme(server.db, pid, a, b);
    for (const [org, amount] of [
      [a, '14000.00'],
      [b, '11500.00'],
    ] as const) {
      await importGeneralLedger({
        db: server.db,
        actor: systemActor('test'),
        partnershipId: pid,
        fundId,
        organisationId: org,
        filename: `${org}.csv`,
        content: `cost_centre,account_code,date,amount,description,supplier,reference\nCC-${org},5000,2017-11-10,${amount},Reablement,Team,R-${org}\n`,
      });
    }
    await makeUser(server.db, 'finance@browser.example', [[pid, 'finance_officer']]);
    await makeUser(server.db, 'approver@browser.example', [[pid, 'finance_officer']]);
    base = `/partnerships/${pid}/funds/${fundId}`;
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

  it('signs in and records the policy, after one mistake', async () => {
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('finance@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await visit(base);
    await page.getByRole('link', { name: 'Risk-share policy' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Set the policy' }).click();
    await expectAccessible(page);
    await page.getByLabel('Amount of the reserve (optional)').fill('500');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select how what remains is shared');
    await expectAccessible(page);
    expect(await page.getByLabel('Amount of the reserve (optional)').inputValue()).toBe('500');
    await page.locator('#commissioner').check();
    await page.getByLabel('In proportion to contributions').first().check();
    await page.getByLabel('The same way as overspends').check();
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await expect
      .poll(() => page.locator('#policy-steps').textContent())
      .toContain('A risk reserve of £500.00');
    await expectAccessible(page);
  });

  it('computes the settlement, which its author may not approve', async () => {
    await visit(`${base}/settlement`);
    await page.getByRole('button', { name: 'Compute the settlement' }).click();
    await expect.poll(() => page.locator('#variance').textContent()).toBe('£1,500.00');
    await expectAccessible(page);
    expect(await page.locator('#transfers').textContent()).toContain(
      'NHS Browser City CCG pays Browser City Council, as host of the pool, £1,000.00.',
    );
    // the one who computed it may not approve it too (segregation of duties)
    await page.getByLabel('Reference of the decision that approved the settlement').fill('JCB-2018-05-17-4');
    await page.getByRole('button', { name: 'Approve the settlement' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('so you cannot approve it too: another finance officer must approve it');
    await expectAccessible(page);
  });

  it('has another finance officer, on their own phone, approve and post it', async () => {
    // the first officer's session is over; the second signs in on a browser of their own
    await page.close();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('approver@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await visit(`${base}/settlement`);
    await page.getByLabel('Reference of the decision that approved the settlement').fill('JCB-2018-05-17-4');
    await page.getByRole('button', { name: 'Approve the settlement' }).click();
    await page.getByRole('button', { name: 'Post the settlement to the journal' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('posted to the journal');
    await expectAccessible(page);
  });

  it('reads a partner statement', async () => {
    await visit(`${base}/statements`);
    await page.getByRole('link', { name: 'Q3 (October to December 2017) for NHS Browser City CCG' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('NHS Browser City CCG: statement for Q3');
    expect(await page.locator('#row-incurred td').allTextContents()).toEqual(['£11,500.00', '£11,500.00']);
    await expectAccessible(page);
  });
});
