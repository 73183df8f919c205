/**
 * A member of the public finds decisions on the public site: filters the list to key decisions, searches it,
 * follows a result to the decision page, sees the feeds offered in each page's head and on the board page, and
 * opens the open data page. Each page visited passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { makeBoardWithMeeting, makeOrganisation, makePartnership } from '../support/fixtures.js';
import { addDecidedItems } from '../support/publicRecord.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();
const POLL = { timeout: 30_000 };

describe.runIf(run)('the public decisions list, feeds and open data in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let slug: string;
  let made: Awaited<ReturnType<typeof makeBoardWithMeeting>>;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, { name: 'Open City Council' });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Open City CCG' });
    const pid = await makePartnership(server.db, [council, ccg], 'Open City joint commissioning');
    slug = (
      await server.db
        .selectFrom('partnerships')
        .select('slug')
        .where('id', '=', pid)
        .executeTakeFirstOrThrow()
    ).slug;
    made = await makeBoardWithMeeting(server.db, pid, council, ccg, '2027-06-10');
    await addDecidedItems(server.db, pid, made.meetingId, [
      {
        item: { title: 'Home care framework', keyDecision: true },
        decision: 'To award the home care framework to three providers',
        decidedOn: '2017-07-18',
      },
      {
        item: { title: 'Carers strategy' },
        decision: 'To adopt the carers strategy',
        reasons: 'Unpaid carers asked for it in the consultation',
        decidedOn: '2013-10-15',
      },
      {
        item: { title: 'Day opportunities' },
        decision: 'To consult on day opportunities',
        decidedOn: '2017-07-18',
      },
    ]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  const results = () => page.locator('#decision-results h3 a').allTextContents();
  const alternates = async () =>
    Promise.all((await page.locator('head link[rel="alternate"]').all()).map((l) => l.getAttribute('type')));

  it('reaches the decisions list from the partnership page, with the Atom feed in the head', async () => {
    await page.goto(`${server.base}/public/partnerships/${slug}`);
    await expectAccessible(page);
    expect(await alternates()).toContain('application/atom+xml');
    await page.getByRole('link', { name: 'Decisions: search and filter' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Decisions');
    await expectAccessible(page);
    expect(await alternates()).toEqual(['application/atom+xml']);
    expect(await page.locator('#results-count').textContent()).toContain('3 decisions');
  });

  it('filters to key decisions', async () => {
    await page.getByLabel('Key decisions only').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => page.locator('#results-count').textContent(), POLL)
      .toContain('1 decision matches');
    await expectAccessible(page);
    expect(await results()).toEqual(['Home care framework']);
    expect(page.url()).toContain('key=yes');
  });

  it('searches the text of decisions and their reasons', async () => {
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('#results-count').textContent(), POLL).toContain('3 decisions');
    await page.getByLabel('Search decisions').fill('"unpaid carers"');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => page.locator('#results-count').textContent(), POLL)
      .toContain('1 decision matches');
    await expectAccessible(page);
    expect(await results()).toEqual(['Carers strategy']);
    expect(await page.getByLabel('Search decisions').inputValue()).toBe('"unpaid carers"');
  });

  it('says so when nothing matches, and shows a bad date in the error summary', async () => {
    await page.goto(`${server.base}/public/partnerships/${slug}/decisions?q=zeppelin&from=2017-02-30`);
    await expectAccessible(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('“decided from” date');
    expect(await page.locator('#results-count').textContent()).toContain('No decisions match');
  });

  it('follows a result to the decision page, which offers the feed too', async () => {
    await page.goto(`${server.base}/public/partnerships/${slug}/decisions?q=framework`);
    await page.getByRole('link', { name: 'Home care framework' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), POLL)
      .toContain('Decision: Home care framework');
    await expectAccessible(page);
    expect(await alternates()).toEqual(['application/atom+xml']);
  });

  it('offers the board’s meetings calendar to subscribe to', async () => {
    await page.goto(`${server.base}/public/partnerships/${slug}/boards/${made.boardId}`);
    await expectAccessible(page);
    expect(await alternates()).toEqual(['text/calendar', 'application/atom+xml']);
    const ics = `/public/partnerships/${slug}/boards/${made.boardId}/meetings.ics`;
    expect(
      await page.getByRole('link', { name: 'subscribe to the meetings calendar' }).getAttribute('href'),
    ).toBe(`webcal://${new URL(server.base).host}${ics}`);
    const feed = await page.request.get(`${server.base}${ics}`);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('BEGIN:VEVENT');
    await page.goto(`${server.base}/public/partnerships/${slug}/meetings/${made.meetingId}`);
    await expectAccessible(page);
    expect(await alternates()).toEqual(['text/calendar', 'application/atom+xml']);
  });

  it('lists the open data with its licence and fields', async () => {
    await page.goto(`${server.base}/public/partnerships/${slug}`);
    await page.getByRole('link', { name: 'Open data and feeds' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Open data');
    await expectAccessible(page);
    expect(await page.locator('#licence').textContent()).toContain('Open Government Licence v3.0');
    const csv = await page.request.get(
      `${server.base}${await page.getByRole('link', { name: 'Memberships (CSV)' }).getAttribute('href')}`,
    );
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'id,person_id,person_name,organization_id,on_behalf_of_id,role,post,voting,start_date,end_date',
    );
  });
});
