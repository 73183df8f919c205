/**
 * A democratic services officer builds an agenda with an exempt item and publishes it; the public then read the
 * agenda without the exempt item's text. Each page visited passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makeUser,
  PASSWORD,
} from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();
const POLL = { timeout: 30_000 };

const EXEMPT_SUMMARY = 'Bid prices from Acme Care and Brightcare, with their quality scores';
const EXEMPT_REASON = 'Publishing the prices would prejudice the retender';

describe.runIf(run)('an agenda journey in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;
  let slug: string;
  let made: Awaited<ReturnType<typeof makeBoardWithMeeting>>;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, { name: 'Browser City Council' });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Browser City CCG' });
    pid = await makePartnership(server.db, [council, ccg], 'Browser City joint commissioning');
    slug = (
      await server.db
        .selectFrom('partnerships')
        .select('slug')
        .where('id', '=', pid)
        .executeTakeFirstOrThrow()
    ).slug;
    made = await makeBoardWithMeeting(server.db, pid, council, ccg, '2027-06-10');
    await makeUser(server.db, 'democratic@browser.example', [[pid, 'democratic_services_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    // generous: the first page compiles the stylesheet, and the test machine is shared
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

  it('signs in as the democratic services officer and opens the board', async () => {
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('democratic@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url(), POLL).toContain('/partnerships');
    await visit(`/partnerships/${pid}/boards`);
    await page.getByRole('link', { name: /Joint board/ }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('Joint board');
    expect(await page.locator('body').textContent()).toContain(
      'At least 3 voting members, including at least 1 from each partner',
    );
    await expectAccessible(page);
  });

  it('adds an exempt item, first without its paragraph', async () => {
    await visit(`/partnerships/${pid}/meetings/${made.meetingId}`);
    expect(await page.locator('#deadline-explanation').textContent()).toBe(
      'publish by Wed 2 Jun 2027; 5 clear working days: 3, 4, 7, 8, 9 Jun; meeting Thu 10 Jun 2027',
    );
    await page.getByRole('button', { name: 'Add an item' }).click();
    await expectAccessible(page);
    await page.getByLabel('Title', { exact: true }).fill('Home care framework: award of contracts');
    await page.getByLabel('For decision').check();
    await page.locator('#functions').check(); // one partner's functions
    await page.getByLabel('Browser City Council').check();
    await page.locator('#keyDecision-2').check(); // no
    await page.getByLabel('Summary of the report and its recommendations (optional)').fill(EXEMPT_SUMMARY);
    await page.locator('#exempt').check(); // yes
    await page
      .getByLabel('Why the public interest favours keeping it exempt (if exempt)')
      .fill(EXEMPT_REASON);
    await page.getByRole('button', { name: 'Save item' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Select the paragraph of Schedule 12A that makes the item exempt');
    await expectAccessible(page);
    expect(
      await page.getByLabel('Summary of the report and its recommendations (optional)').inputValue(),
    ).toBe(EXEMPT_SUMMARY);
    await page.getByLabel('Paragraph of Schedule 12A (if exempt)').selectOption('3');
    await page.getByRole('button', { name: 'Save item' }).click();
    await expect.poll(() => page.locator('#agenda ~ h3').allTextContents(), POLL).toHaveLength(2);
    expect(await page.locator('body').textContent()).toContain('Exempt, paragraph 3');
    await expectAccessible(page);
  });

  it('publishes the agenda on time', async () => {
    await page.getByRole('button', { name: 'Publish agenda' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('Agenda published');
    expect(await page.locator('body').textContent()).toContain('Agenda published');
    await expectAccessible(page);
  });

  it('shows the public the agenda without the exempt item’s text', async () => {
    const context = await browser.newContext();
    const anonymous = await context.newPage();
    anonymous.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await anonymous.goto(`${server.base}/public/partnerships/${slug}`);
    await expectAccessible(anonymous);
    await anonymous.getByRole('link', { name: 'Boards, meetings and agendas' }).click();
    await expectAccessible(anonymous);
    await anonymous.getByRole('link', { name: /Joint board/ }).click();
    await expectAccessible(anonymous);
    await anonymous.getByRole('link', { name: '10 June 2027' }).click();
    await expect.poll(() => anonymous.locator('h1').textContent(), POLL).toContain('Meeting on 10 June 2027');
    const text = (await anonymous.locator('main').textContent()) ?? '';
    expect(text).toContain('Home care framework: award of contracts');
    expect(text).toContain('Exempt: paragraph 3 of Schedule 12A to the Local Government Act 1972');
    expect(text).not.toContain(EXEMPT_SUMMARY);
    expect(text).not.toContain(EXEMPT_REASON);
    expect(await anonymous.content()).not.toContain('Acme Care');
    await expectAccessible(anonymous);
    await context.close();
  });
});
