/**
 * A democratic services officer enters a board member's interest, reviews it, and the public then read it on the
 * board's register; an agenda item naming the same provider (in other case) flags a likely conflict on the
 * meeting page. Each page visited passes axe-core.
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

describe.runIf(run)('registers of interests in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;
  let slug: string;
  let made: Awaited<ReturnType<typeof makeBoardWithMeeting>>;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, {
      name: 'Browser City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Browser City CCG', kind: 'ccg' });
    pid = await makePartnership(server.db, [council, ccg], 'Browser City interests');
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

  it('signs in and opens the board’s registers', async () => {
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('democratic@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url(), POLL).toContain('/partnerships');
    await visit(`/partnerships/${pid}/boards/${made.boardId}`);
    await page.getByRole('link', { name: 'Registers of interests, gifts and hospitality' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Registers of interests');
    await expectAccessible(page);
  });

  it('enters a financial interest for the CCG’s chair, first without its start date', async () => {
    await page.getByRole('link', { name: 'Enter an interest of Chair B' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('Enter an interest of Chair B');
    await expectAccessible(page);
    expect(await page.locator('main').textContent()).not.toContain('Corporate tenancies');
    await page.getByLabel('Financial interest', { exact: true }).check();
    await page.getByLabel('Description of the interest').fill('Non-executive director');
    await page.getByLabel('Organisation or provider it names (optional)').fill('Solent NHS Trust');
    await page.locator('#sensitive-2').check(); // no
    await page.getByRole('button', { name: 'Save interest' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Enter the date the interest began');
    await expectAccessible(page);
    expect(await page.getByLabel('Organisation or provider it names (optional)').inputValue()).toBe(
      'Solent NHS Trust',
    );
    await page.locator('#fromOn-day').fill('1');
    await page.locator('#fromOn-month').fill('4');
    await page.locator('#fromOn-year').fill('2017');
    await page.getByRole('button', { name: 'Save interest' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('It is a draft until reviewed');
    await expectAccessible(page);
  });

  it('reviews it', async () => {
    await page.getByRole('button', { name: /^Mark reviewed\W+the financial interest of Chair B$/ }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('Interest of Chair B reviewed');
    expect(await page.locator('main').textContent()).toContain('by democratic');
    await expectAccessible(page);
  });

  it('shows the reviewed interest on the public register', async () => {
    const context = await browser.newContext();
    const anonymous = await context.newPage();
    anonymous.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await anonymous.goto(`${server.base}/public/partnerships/${slug}/boards/${made.boardId}`);
    await expectAccessible(anonymous);
    await anonymous.getByRole('link', { name: 'Registers of interests of the members' }).click();
    await expect.poll(() => anonymous.locator('h1').textContent(), POLL).toContain('Registers of interests');
    const text = (await anonymous.locator('main').textContent()) ?? '';
    expect(text).toContain('Non-executive director');
    expect(text).toContain('Solent NHS Trust');
    await expectAccessible(anonymous);
    await context.close();
  });

  it('flags the likely conflict when an agenda item names the provider', async () => {
    await visit(`/partnerships/${pid}/meetings/${made.meetingId}`);
    expect(await page.locator('#conflict-flags').textContent()).toContain('None flagged');
    await page.getByRole('button', { name: 'Add an item' }).click();
    await expectAccessible(page);
    await page.getByLabel('Title', { exact: true }).fill('Community services contract extension');
    await page.getByLabel('For decision').check();
    await page.locator('#keyDecision-2').check(); // no
    await page.getByLabel('Providers the item concerns (optional)').fill('solent nhs trust');
    await page.getByRole('button', { name: 'Save item' }).click();
    await expect
      .poll(() => page.locator('#conflict-flags').textContent(), POLL)
      .toContain('Item 2, solent nhs trust: Chair B');
    expect(await page.locator('main').textContent()).toContain('1 likely conflict');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'See the likely conflicts of interest, item by item' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Likely conflicts of interest');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Financial interest: Non-executive director (Solent NHS Trust)');
    expect(text).toContain('2. Community services contract extension');
    await expectAccessible(page);
  });
});
