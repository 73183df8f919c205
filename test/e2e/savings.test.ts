/**
 * A commissioning officer opens the partnership's savings plan, adds a savings line (after a mistyped month is
 * refused with its input kept), records a month's achieved saving and sees the roll-up. Every page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeOrganisation, makePartnership, makeUser, PASSWORD } from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)('savings in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, {
      name: 'Saving City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Saving City CCG', kind: 'ccg' });
    pid = await makePartnership(server.db, [ccg, council], 'Saving City joint commissioning');
    await makeUser(server.db, 'commissioning@browser.example', [[pid, 'commissioning_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('signs in and finds the savings plan from the partnership page', async () => {
    await page.goto(`${server.base}/sign-in`);
    await expectAccessible(page);
    await page.getByLabel('Email address').fill('commissioning@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toContain('/partnerships');
    await page.goto(`${server.base}/partnerships/${pid}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Savings plans' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Savings plan');
    await expectAccessible(page);
  });

  it('adds a line, keeping what was typed when a month is mistyped', async () => {
    await page.getByRole('button', { name: 'Add a savings line' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Add a savings line');
    await expectAccessible(page);
    await page.getByLabel('Financial year').selectOption('2016-17');
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Saving City Council' });
    await page.getByLabel('Adult social care').check();
    await page.getByLabel('Description').fill('Fewer residential placements through extra care');
    await page.getByLabel('Cost avoidance').check();
    await page.getByLabel('Medium').check();
    await page.getByLabel('Planned for P1 (April)').fill('75,000.00');
    await page.getByLabel('Planned for P2 (May)').fill('75000.0.0');
    await page.getByRole('button', { name: 'Save savings line' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('P2 (May)');
    await expectAccessible(page);
    expect(await page.getByLabel('Description').inputValue()).toBe(
      'Fewer residential placements through extra care',
    );
    await page.getByLabel('Planned for P2 (May)').fill('75000.01');
    await page.getByRole('button', { name: 'Save savings line' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('Fewer residential placements through extra care');
    await expectAccessible(page);
  });

  it('records a month and sees the roll-up', async () => {
    await page.getByLabel('Month', { exact: true }).selectOption({ label: 'P1 (April)' });
    await page.getByLabel('Achieved in the month').fill('70,000.00');
    await page.getByRole('button', { name: 'Record achieved saving' }).click();
    await expect
      .poll(() => page.locator('#savings-months tbody tr').first().textContent())
      .toContain('£70,000.00');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Savings, 2016-17' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Savings plan, 2016-17');
    await expectAccessible(page);
    const total = page.locator('#savings-total');
    // planned £150,000.01; £70,000.00 achieved of £75,000.00 planned to date (93.3%): amber
    await expect.poll(() => total.textContent()).toContain('£150,000.01');
    const text = (await total.textContent()) ?? '';
    expect(text).toContain('£75,000.00');
    expect(text).toContain('£70,000.00');
    expect(text).toContain('£145,000.01'); // forecast
    expect(text).toContain('-£5,000.00'); // variance
    expect(text).toContain('Amber');
  });
});
