/**
 * Call-in end to end: democratic services set the council's constitution settings and record a decision, which takes
 * its call-in terms from them; a scrutiny member asks for a call-in; democratic services record its validity, the
 * scrutiny meeting, the referral back and the reconsidered decision; the public decision page shows the moved
 * effective date. A system administrator adds a bank holiday declared by proclamation. Each page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { transaction } from '../../src/db/connection.js';
import { systemActor } from '../../src/audit/index.js';
import { addDays, formatLongDate, todayInLondon } from '../../src/kernel/dates.js';
import {
  effectiveFrom,
  DEFAULT_NOTICE_RULES,
  type PeriodAfterRule,
} from '../../src/governance/dates/index.js';
import { createAgendaItem } from '../../src/governance/meetings/index.js';
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

describe.runIf(run)('a call-in journey in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let pid: number;
  let slug: string;
  let council: number;
  let made: Awaited<ReturnType<typeof makeBoardWithMeeting>>;
  let itemId: number;
  let decisionUrl: string;
  const today = todayInLondon();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    council = await makeOrganisation(server.db, {
      name: 'Callin City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Callin City CCG', kind: 'ccg' });
    pid = await makePartnership(server.db, [council, ccg], 'Callin City joint commissioning');
    slug = (
      await server.db
        .selectFrom('partnerships')
        .select('slug')
        .where('id', '=', pid)
        .executeTakeFirstOrThrow()
    ).slug;
    made = await makeBoardWithMeeting(server.db, pid, council, ccg, today);
    itemId = await transaction(server.db, (trx) =>
      createAgendaItem(trx, systemActor('test'), pid, made.meetingId, {
        title: 'Reablement service: new model',
        kind: 'decision',
        reportAuthor: 'Head of commissioning',
        summary: 'To adopt the new reablement model.',
        functions: 'one',
        organisationIds: [council],
        keyDecision: false,
        keyTests: [],
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
    await makeUser(server.db, 'democratic@callin.example', [[pid, 'democratic_services_officer']]);
    await makeUser(server.db, 'sam.scrutiny@callin.example', [[pid, 'scrutiny_member']]);
    await makeUser(server.db, 'sysadmin@callin.example', [], true);
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser.close();
    await server.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } }); // a phone
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(`${server.base}/sign-in`);
    await expectAccessible(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url(), POLL).toContain('/partnerships');
    return page;
  }
  let officer: Page;

  it("sets the council's constitution settings: one member may call a decision in", async () => {
    officer = await signedIn('democratic@callin.example');
    await officer.goto(`${server.base}/partnerships/${pid}/boards`);
    await expectAccessible(officer);
    await officer.getByRole('link', { name: 'Constitution settings of each partner' }).click();
    await expect
      .poll(() => officer.locator('h1').textContent(), POLL)
      .toBe('Constitution settings of each partner');
    await expectAccessible(officer);
    await officer.getByRole('link', { name: 'Callin City Council' }).click();
    await expectAccessible(officer);
    await officer.getByLabel('Key decision threshold').fill('half a million');
    await officer.getByLabel('Members needed to call a decision in').fill('1');
    await officer.getByRole('button', { name: 'Save the settings' }).click();
    await expect
      .poll(() => officer.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Key decision threshold: "half a million" is not an amount in pounds and pence');
    await expectAccessible(officer);
    expect(await officer.getByLabel('Members needed to call a decision in').inputValue()).toBe('1');
    await officer.getByLabel('Key decision threshold').fill('500,000');
    await officer.getByRole('button', { name: 'Save the settings' }).click();
    await expect
      .poll(() => officer.locator('h1').textContent(), POLL)
      .toBe('Constitution settings of each partner');
    const row = (await officer.locator('tr', { hasText: 'Callin City Council' }).textContent()) ?? '';
    expect(row).toContain('£500,000.00');
    expect(
      await officer.locator('tr', { hasText: 'Callin City Council' }).locator('td').last().textContent(),
    ).toBe('1');
    const nhs = (await officer.locator('tr', { hasText: 'NHS Callin City CCG' }).textContent()) ?? '';
    expect(nhs).toContain('No');
    await expectAccessible(officer);
  });

  it('records a decision that takes its call-in terms from the council, and publishes it today', async () => {
    await officer.goto(
      `${server.base}/partnerships/${pid}/meetings/${made.meetingId}/items/${itemId}/decision/new`,
    );
    await expectAccessible(officer);
    expect(await officer.getByLabel('Deciding partner').inputValue()).toBe(String(council));
    await officer.getByLabel('Decision', { exact: true }).fill('To adopt the new reablement model');
    await officer.getByLabel('Reasons for the decision').fill('It shortens stays in hospital');
    await officer.getByLabel('Alternative options considered and rejected').fill('None');
    await officer.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => officer.url(), POLL).toMatch(/\/decisions\/\d+$/);
    decisionUrl = new URL(officer.url()).pathname;
    expect(await officer.locator('#call-in-terms').textContent()).toContain(
      '1 member of the scrutiny committee needed to call it in',
    );
    await expectAccessible(officer);
    await officer.getByRole('button', { name: 'Publish the decision' }).click();
    await expect
      .poll(() => officer.locator('#call-in-state').textContent(), POLL)
      .toContain('Call-in window open until');
    await expectAccessible(officer);
  });

  it('lets a scrutiny member ask for a call-in with grounds', async () => {
    const member = await signedIn('sam.scrutiny@callin.example');
    await member.goto(`${server.base}${decisionUrl}`);
    await expectAccessible(member);
    await member.getByRole('button', { name: 'Request a call-in' }).click();
    await expect
      .poll(() => member.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Enter the grounds for calling the decision in');
    await expectAccessible(member);
    await member.getByLabel('Grounds for calling the decision in').fill('Carers were not consulted');
    await member.getByRole('button', { name: 'Request a call-in' }).click();
    await expect
      .poll(() => member.locator('#call-in-state').textContent(), POLL)
      .toContain(`Called in by sam.scrutiny on ${formatLongDate(today)}`);
    expect(await member.getByRole('button', { name: 'Request a call-in' }).count()).toBe(0);
    await expectAccessible(member);
  });

  it('lets democratic services record validity, the scrutiny meeting, a referral back and the reconsidered decision', async () => {
    await officer.goto(`${server.base}${decisionUrl}`);
    await expectAccessible(officer);
    await officer.getByRole('link', { name: 'Call-in record: validity, scrutiny and outcome' }).click();
    await expect
      .poll(() => officer.locator('#validity-check').textContent(), POLL)
      .toBe('The call-in is valid');
    expect(await officer.locator('#validity-reasons').textContent()).toContain(
      'Requested in time, with grounds, by 1 member of the scrutiny committee (sam.scrutiny); the constitution requires 1 member',
    );
    await expectAccessible(officer);

    const record = async (heading: string) => {
      await officer.getByRole('button', { name: 'Record' }).click();
      await expect
        .poll(() => officer.locator('.govuk-notification-banner').textContent(), POLL)
        .toContain(heading);
      await expectAccessible(officer);
    };
    // refused without a verdict, the form kept
    await officer.getByRole('button', { name: 'Record' }).click();
    await expect
      .poll(() => officer.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Select whether the call-in is valid');
    await expectAccessible(officer);
    await officer.getByLabel('Valid', { exact: true }).check();
    await record('Validity of the call-in recorded');
    await officer
      .getByLabel('Committee (when the meeting is not in Concordat)')
      .fill('Health Overview and Scrutiny Panel');
    await record('The scrutiny meeting that will consider it recorded');
    await officer.getByLabel('Referred back to the decision maker to reconsider').check();
    await record('The outcome of the scrutiny meeting recorded');
    await officer.getByLabel('Amended', { exact: true }).check();
    await officer
      .getByLabel('The decision as amended (when amended)')
      .fill('To adopt the new reablement model after consulting carers');
    await record('The reconsidered decision recorded');
    const on = formatLongDate(today);
    expect(await officer.locator('#call-in-status').textContent()).toBe(
      `Called in by sam.scrutiny on ${on}; found valid on ${on}; scrutiny meeting on ${on}; scrutiny on ${on} ` +
        `referred it back to the decision maker; reconsidered on ${on} and amended; effective from ${on}`,
    );
    expect(await officer.getByRole('button', { name: 'Record' }).count()).toBe(0);
  });

  it('shows the public the call-in and the moved effective date', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const anonymous = await context.newPage();
    anonymous.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const id = decisionUrl.split('/').at(-1);
    await anonymous.goto(`${server.base}/public/partnerships/${slug}/decisions/${id}`);
    await expectAccessible(anonymous);
    const state = (await anonymous.locator('#call-in-state').textContent()) ?? '';
    const on = formatLongDate(today);
    expect(state).toContain(
      `referred it back to the decision maker; reconsidered on ${on} and amended; effective from ${on}`,
    );
    // without the call-in it would have taken effect five clear working days after publication
    const original = effectiveFrom(today, DEFAULT_NOTICE_RULES['call-in'] as PeriodAfterRule).date;
    expect(original > addDays(today, 6)).toBe(true);
    expect(state).not.toContain(formatLongDate(original));
    expect(await anonymous.locator('main').textContent()).toContain(
      'To adopt the new reablement model after consulting carers',
    );
    expect(await anonymous.locator('main').textContent()).not.toContain('Carers were not consulted');
  });

  it('lets a system administrator add a bank holiday declared by proclamation', async () => {
    const admin = await signedIn('sysadmin@callin.example');
    await admin.goto(`${server.base}/admin/bank-holidays`);
    await expect.poll(() => admin.locator('h1').textContent(), POLL).toBe('Bank holiday changes');
    await expectAccessible(admin);
    const date = admin.getByRole('group', { name: 'Date of the bank holiday' });
    await date.getByLabel('Day').fill('8');
    await date.getByLabel('Month').fill('6');
    await date.getByLabel('Year').fill('2032');
    await admin.getByLabel('Name').fill('Extra bank holiday (test)');
    await admin.getByRole('button', { name: 'Add the bank holiday change' }).click();
    await expect
      .poll(() => admin.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Enter the proclamation that declared it');
    await expectAccessible(admin);
    await admin.getByLabel('Proclamation').fill('Royal Proclamation (test)');
    await admin.getByRole('button', { name: 'Add the bank holiday change' }).click();
    await expect
      .poll(() => admin.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('Bank holiday added: Extra bank holiday (test), 8 June 2032');
    expect(await admin.locator('table', { hasText: 'Changes added here' }).textContent()).toContain(
      'Royal Proclamation (test)',
    );
    await expectAccessible(admin);
  });
});
