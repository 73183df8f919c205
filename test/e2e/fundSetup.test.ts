/**
 * The host's finance officer sets up a pooled fund on a phone: the fund, a contribution, a variation, a scheme
 * (first refused for an excluded service), and sees the totals; each page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeOrganisation, makePartnership, makeUser, PASSWORD } from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('setting up a pooled fund in the browser', { ...steps, timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;

  beforeAll(async () => {
    server = await startServer();
    const ccg = await makeOrganisation(server.db, {
      name: 'NHS Phone City CCG',
      kind: 'ccg',
      odsCode: '10Y',
    });
    const council = await makeOrganisation(server.db, {
      name: 'Phone City Council',
      kind: 'local_authority',
      laTier: 'unitary',
      gssCode: 'E06000046',
    });
    pid = await makePartnership(server.db, [ccg, council], 'Phone City partnership');
    await makeUser(server.db, 'finance@phone.example', [[pid, 'finance_officer', council]]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // generous: six workers share two cores here, and the first page compiles the stylesheet
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  const submit = async (button: string) => {
    await page.getByRole('button', { name: button }).click();
    await page.waitForLoadState('domcontentloaded');
    await expectAccessible(page);
  };

  it('signs in and reads the service catalogue', async () => {
    await page.goto(`${server.base}/sign-in`);
    await page.getByLabel('Email address').fill('finance@phone.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await page.goto(`${server.base}/services`);
    await expectAccessible(page);
  });

  it('sets up the fund, a contribution and a variation', async () => {
    await page.goto(`${server.base}/partnerships/${pid}/funds`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Set up a fund' }).click();
    await expectAccessible(page);
    await page.getByLabel('Financial year').selectOption('2017-18');
    await page.getByLabel('Name of the fund').fill('Phone City BCF pool');
    await page.getByLabel('Pooled fund', { exact: true }).check();
    await page.getByLabel('Host partner (pooled fund)').selectOption({ label: 'Phone City Council' });
    await page.getByLabel('Pooled fund manager (pooled fund)').fill('Head of ICU');
    await page.getByLabel("This is the area's Better Care Fund pool").check();
    await submit('Set up fund');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Phone City BCF pool');

    await page.getByRole('button', { name: 'Add a contribution' }).click();
    await expectAccessible(page);
    await page.getByLabel('Partner').selectOption({ label: 'NHS Phone City CCG' });
    await page.getByLabel('Funding stream').selectOption('Minimum NHS Contribution');
    await page.getByLabel('Amount agreed').fill('1000000.01');
    await submit('Add contribution');
    expect(await page.locator('#contribution-total').textContent()).toBe('£1,000,000.01');

    await page.getByRole('button', { name: 'Record a variation' }).click();
    await page.getByLabel('Partner').selectOption({ label: 'NHS Phone City CCG' });
    await page.getByLabel('Funding stream').selectOption('Minimum NHS Contribution');
    await page.getByLabel('Change in the contribution').fill('-0.02');
    await submit('Record variation');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('decision');
    await page.getByLabel('Decision reference').fill('HWB 2017/3');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('10');
    await page.getByLabel('Year').fill('2017');
    await submit('Record variation');
    expect(await page.locator('#contribution-total').textContent()).toBe('£999,999.99');
  });

  it('adds a scheme, refused first for an excluded service', async () => {
    await page.getByRole('button', { name: 'Add a scheme' }).click();
    await expectAccessible(page);
    await page.getByLabel('Scheme ID').fill('PC01');
    await page.getByLabel('Scheme name').fill('Community nursing');
    await page.getByLabel('BCF scheme type').selectOption('Community Based Schemes');
    await page.getByLabel('Area of spend').selectOption('Community Health');
    await page.getByLabel('Service', { exact: true }).selectOption('surgery');
    await page.getByLabel('NHS', { exact: true }).check();
    await page.locator(`#budget-${await ccgId()}-0`).fill('999999.99');
    await submit('Save scheme');
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Surgery cannot be placed in a pooled fund');
    await page.getByLabel('Service', { exact: true }).selectOption('community-nursing');
    await submit('Save scheme');
    expect(await page.locator('#scheme-total').textContent()).toBe('£999,999.99');
  });

  const ccgId = async () =>
    (
      await server.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'NHS Phone City CCG')
        .executeTakeFirstOrThrow()
    ).id;
});
