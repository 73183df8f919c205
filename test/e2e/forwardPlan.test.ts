/**
 * A democratic services officer puts a key decision in the forward plan with too little notice, is refused the
 * decision with the dates, records a general exception, records the decision, and the public read the forward
 * plan with the exception's notice. Each page visited passes axe-core.
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
import { transaction } from '../../src/db/connection.js';
import { systemActor } from '../../src/audit/index.js';
import { createAgendaItem } from '../../src/governance/meetings/index.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();
const POLL = { timeout: 30_000 };
const MATTER = 'Community nursing: contract extension';

describe.runIf(run)('a key decision through the forward plan in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;
  let slug: string;
  let made: Awaited<ReturnType<typeof makeBoardWithMeeting>>;
  let entryUrl: string;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, { name: 'Plan City Council' });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Plan City CCG' });
    pid = await makePartnership(server.db, [council, ccg], 'Plan City joint commissioning');
    slug = (
      await server.db
        .selectFrom('partnerships')
        .select('slug')
        .where('id', '=', pid)
        .executeTakeFirstOrThrow()
    ).slug;
    made = await makeBoardWithMeeting(server.db, pid, council, ccg, '2024-10-02'); // Wed 2 Oct 2024
    await transaction(server.db, (trx) =>
      createAgendaItem(trx, systemActor('test'), pid, made.meetingId, {
        title: MATTER,
        kind: 'decision',
        reportAuthor: '',
        summary: '',
        functions: 'all',
        organisationIds: [],
        keyDecision: true,
        keyTests: ['spend'],
        spendPence: null,
        wardsAffected: null,
        exempt: false,
        exemptParagraph: null,
        publicInterestReason: '',
        titlePublished: true,
        urgencyReason: '',
        urgencyAgreedBy: '',
        late: false,
      }),
    );
    await makeUser(server.db, 'democratic@plan.example', [[pid, 'democratic_services_officer']]);
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
  const fillDate = async (name: string, day: string, month: string, year: string) => {
    await page.locator(`#${name}-day`).fill(day);
    await page.locator(`#${name}-month`).fill(month);
    await page.locator(`#${name}-year`).fill(year);
  };

  it('signs in and adds the key decision to the forward plan, 27 clear days before', async () => {
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('democratic@plan.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url(), POLL).toContain('/partnerships');
    await visit(`/partnerships/${pid}/boards/${made.boardId}`);
    await page.getByRole('link', { name: 'Forward plan and decisions taken under delegation' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('Forward plan');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add a key decision' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('Add a key decision');
    await expectAccessible(page);
    expect(await page.getByLabel('Decision maker', { exact: true }).inputValue()).toContain('Chair A');
    await page.getByLabel('Matter to be decided').fill(MATTER);
    await fillDate('decisionFrom', '2', '10', '2024');
    await page.locator('#agendaItemId').selectOption({ index: 1 });
    await page.getByLabel('Documents submitted to the decision maker').fill('Report of the Director');
    await page
      .getByLabel('Where and how the documents may be obtained')
      .fill('Democratic services, Civic Centre');
    await page.locator('#private-2').check(); // no
    await fillDate('firstPublishedOn', '4', '9', '2024');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await expect
      .poll(() => page.locator('#notice-explanation').textContent(), POLL)
      .toContain('27 clear days is fewer than 28: first publish by Tue 3 Sep 2024');
    entryUrl = new URL(page.url()).pathname;
    await expectAccessible(page);
  });

  it('is refused the decision, with which notice is short and the dates', async () => {
    await visit(`/partnerships/${pid}/meetings/${made.meetingId}`);
    await page.getByRole('link', { name: /Record the decision on item/ }).click();
    await expect
      .poll(() => page.locator('#key-notice').textContent(), POLL)
      .toContain('A key decision cannot be taken on Wed 2 Oct 2024 without notice');
    await expectAccessible(page);
    await page.getByLabel('Decision', { exact: true }).fill('To extend the contract by one year');
    await page.getByLabel('Reasons for the decision').fill('Continuity of care');
    await page.getByLabel('Alternative options considered and rejected').fill('Retender now: no time');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('27 clear days is fewer than 28: first publish by Tue 3 Sep 2024');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('no general exception is recorded; no special urgency is recorded');
    expect(await page.getByLabel('Reasons for the decision').inputValue()).toBe('Continuity of care');
    await expectAccessible(page);
  });

  it('records a general exception: the scrutiny chair informed and a notice published 5 clear days before', async () => {
    await visit(entryUrl);
    await page.getByRole('button', { name: 'Record a general exception' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('general exception');
    await expectAccessible(page);
    await page.getByLabel(/Why 28 clear days/).fill('The provider’s notice arrived late');
    await page.getByLabel('Chair of the scrutiny committee informed').fill('Cllr Scrutiny Chair');
    await fillDate('scrutinyChairInformedOn', '26', '9', '2024');
    await fillDate('noticePublishedOn', '26', '9', '2024');
    await page.getByRole('button', { name: 'Record the general exception' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('General exception recorded');
    expect(await page.locator('main').textContent()).toContain(
      'notice published Thu 26 Sep 2024; 5 clear days: 27, 28, 29, 30 Sep, 1 Oct; decision Wed 2 Oct 2024',
    );
    await expectAccessible(page);
  });

  it('records the decision now that the exception allows it', async () => {
    await visit(`/partnerships/${pid}/meetings/${made.meetingId}`);
    await page.getByRole('link', { name: /Record the decision on item/ }).click();
    await expect.poll(() => page.locator('#key-notice').textContent(), POLL).toContain('general exception');
    await expectAccessible(page);
    await page.getByLabel('Decision', { exact: true }).fill('To extend the contract by one year');
    await page.getByLabel('Reasons for the decision').fill('Continuity of care');
    await page.getByLabel('Alternative options considered and rejected').fill('Retender now: no time');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('Decision recorded');
    await expectAccessible(page);
  });

  it('records a decision taken by a named officer under delegation, and publishes it', async () => {
    await visit(`/partnerships/${pid}/boards/${made.boardId}/forward-plan`);
    await page.getByRole('button', { name: 'Record a decision taken under delegation' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('under delegation');
    await expectAccessible(page);
    await page.getByLabel('What the decision is about').fill('Better Care Fund quarterly return');
    await page.getByLabel('Someone else: a named officer or member').check();
    await page
      .getByLabel('Their name and post (if someone else)')
      .fill('Director of Quality and Integration');
    await page.getByLabel('The delegation they acted under').fill('Scheme of delegation, paragraph 12');
    await page.locator('#keyDecision-2').check(); // no
    await page.getByLabel('Decision', { exact: true }).fill('To sign off the quarterly return');
    await fillDate('decidedOn', '2', '10', '2024');
    await page.getByLabel('Reasons for the decision').fill('A condition of the fund');
    await page.getByLabel('Alternative options considered and rejected').fill('Not to submit: rejected');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), POLL)
      .toContain('Decision: Better Care Fund quarterly return');
    await expectAccessible(page);
    await fillDate('publishedOn', '2', '10', '2024');
    await page.getByRole('button', { name: 'Publish the decision' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('Decision published');
    await expectAccessible(page);
  });

  it('shows the public the forward plan with the general exception notice', async () => {
    const context = await browser.newContext();
    const anonymous = await context.newPage();
    anonymous.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await anonymous.goto(`${server.base}/public/partnerships/${slug}`);
    await expectAccessible(anonymous);
    await anonymous.getByRole('link', { name: 'Forward plan: key decisions to be taken' }).click();
    await expect.poll(() => anonymous.locator('h1').textContent(), POLL).toContain('Forward plan');
    const text = (await anonymous.locator('main').textContent()) ?? '';
    expect(text).toContain(MATTER);
    expect(text).toContain('Report of the Director');
    expect(text).toContain('4 September 2024');
    expect(text).toContain(
      'The chair of the scrutiny committee, Cllr Scrutiny Chair, was informed on 26 September 2024',
    );
    await expectAccessible(anonymous);
    await anonymous.goto(`${server.base}/public/partnerships/${slug}/boards/${made.boardId}`);
    await expectAccessible(anonymous);
    await anonymous.getByRole('link', { name: 'Better Care Fund quarterly return' }).click();
    await expect
      .poll(() => anonymous.locator('#call-in-state').textContent(), POLL)
      .toContain('Effective from 10 October 2024');
    expect(await anonymous.locator('main').textContent()).toContain('Director of Quality and Integration');
    await expectAccessible(anonymous);
    await context.close();
  });
});
