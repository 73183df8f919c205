/**
 * A democratic services officer records a meeting in the browser: attendance, a declaration with the member leaving
 * the room, a refused vote and then the recorded votes, with the item's quorum and result; the minutes are drafted
 * and approved at the next meeting; the public then read the attendance, votes and minutes, without the exempt
 * item's text. Each page visited passes axe-core and fits a phone's width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import {
  makeBoardWithPastMeetings,
  makeOrganisation,
  makePartnership,
  makeUser,
  PASSWORD,
} from '../support/fixtures.js';
import { listMemberships } from '../../src/governance/boards/index.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();
const POLL = { timeout: 30_000 };
const EXEMPT_MINUTE = 'Fee uplift for Acme Homes agreed at 4.2 per cent';

describe.runIf(run)('recording a meeting in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;
  let slug: string;
  let made: Awaited<ReturnType<typeof makeBoardWithPastMeetings>>;
  let ids: Record<string, number>;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, { name: 'Browser Town Council' });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Browser Town CCG' });
    pid = await makePartnership(server.db, [council, ccg], 'Browser Town joint commissioning');
    slug = (
      await server.db
        .selectFrom('partnerships')
        .select('slug')
        .where('id', '=', pid)
        .executeTakeFirstOrThrow()
    ).slug;
    made = await makeBoardWithPastMeetings(server.db, pid, council, ccg);
    ids = Object.fromEntries(
      (await listMemberships(server.db, pid, made.boardId)).map((m) => [m.person_name, m.id]),
    );
    await makeUser(server.db, 'clerk@browser.example', [[pid, 'democratic_services_officer']]);
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
  const flash = () => page.locator('.govuk-notification-banner').textContent();

  const recordAttendance = async (meetingId: number, substitute: boolean) => {
    await visit(`/partnerships/${pid}/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Record the attendance' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('Attendance at the meeting');
    await expectAccessible(page);
    await page.locator(`#presence-${ids['Chair A']}`).check();
    await page.locator(`#presence-${ids['Member A']}${substitute ? '-4' : ''}`).check();
    await page.locator(`#presence-${ids['Chair B']}`).check();
    await page.locator(`#presence-${ids['Member B']}`).check();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await expect.poll(flash, POLL).toContain('Attendance recorded; the meeting is marked as held');
    await expectAccessible(page);
  };

  it('signs in and records the attendance, with a named substitute', async () => {
    await visit('/sign-in');
    await page.getByLabel('Email address').fill('clerk@browser.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url(), POLL).toContain('/partnerships');
    await recordAttendance(made.meetingId, true);
    const conduct = (await page.locator('#conduct ~ ul').first().textContent()) ?? '';
    expect(conduct).toContain(
      'Deputy A (substitute for Member A), Browser Town Council: Substitute attended',
    );
    expect(await page.locator('#meeting-quorum').textContent()).toContain(
      'Quorate at the start: 4 voting members present',
    );
  });

  it('records a declaration, refuses the vote of the member who left the room, and shows quorum and result', async () => {
    await page.getByRole('link', { name: 'Declarations, quorum and votes on item 2' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), POLL)
      .toContain('Item 2: Joint carers strategy');
    await expectAccessible(page);
    await page.getByLabel('Member declaring').selectOption({ label: 'Member B' });
    await page.getByLabel('Interest declared').fill('Trustee of Browser Town Carers');
    await page.getByLabel('Left the room').check();
    await page.getByRole('button', { name: 'Record declaration' }).click();
    await expect.poll(flash, POLL).toContain('Declaration recorded');
    await expectAccessible(page);
    expect(await page.locator('#item-quorum').textContent()).toContain('Quorate');
    expect(await page.locator('#item-quorum').textContent()).toContain('3 voting members in the room');

    await page.getByLabel('Motion', { exact: true }).fill('To adopt the joint carers strategy.');
    await page.getByLabel('Moved by').selectOption({ label: 'Chair A' });
    await page.getByLabel('Seconded by').selectOption({ label: 'Chair B' });
    await page.locator(`#vote-${ids['Chair A']}-2`).check();
    await page.locator(`#vote-${ids['Member A']}-2`).check();
    await page.locator(`#vote-${ids['Chair B']}-2`).check();
    await page.locator(`#vote-${ids['Member B']}-2`).check();
    await page.getByRole('button', { name: 'Save motion and votes' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Vote refused: Member B left the room for a declared interest');
    await expectAccessible(page);
    await page.locator(`#vote-${ids['Member B']}`).check(); // no vote recorded
    await page.getByRole('button', { name: 'Save motion and votes' }).click();
    await expect.poll(flash, POLL).toContain('Motion and votes recorded');
    await expectAccessible(page);
    expect(await page.locator('#item-result').textContent()).toBe(
      'Carried by Browser Town Council 2–0 and NHS Browser Town CCG 1–0',
    );
  });

  it('drafts the minutes and approves them at the next meeting', async () => {
    await visit(`/partnerships/${pid}/meetings/${made.meetingId}`);
    await page.getByRole('link', { name: /Minutes \(not drafted\)/ }).click();
    await page.getByRole('button', { name: 'Draft the minutes' }).click();
    await expect.poll(flash, POLL).toContain('Draft minutes generated');
    await expectAccessible(page);
    const joint = page.getByLabel('2. Joint carers strategy');
    expect(await joint.inputValue()).toContain(
      'Member B declared an interest: Trustee of Browser Town Carers. They left the room while the item was considered.',
    );
    await page.getByLabel('3. Care home fees (exempt: never published)').fill(EXEMPT_MINUTE);
    await page.getByRole('button', { name: 'Save draft minutes' }).click();
    await expect.poll(flash, POLL).toContain('Draft minutes saved');
    expect(await page.locator('#approve ~ p').first().textContent()).toContain(
      'To be approved at the next meeting, on 8 October 2026, once it is held.',
    );
    await expectAccessible(page);

    await recordAttendance(made.secondMeetingId, false);
    await visit(`/partnerships/${pid}/meetings/${made.meetingId}/minutes`);
    await page.getByRole('button', { name: 'Approve at the meeting on 8 October 2026' }).click();
    await expect.poll(flash, POLL).toContain('Minutes approved at the meeting on 8 October 2026');
    expect(await page.locator('#minutes-status').textContent()).toContain(
      'Approved at the meeting on 8 October 2026',
    );
    await expectAccessible(page);
  });

  it('shows the public the attendance, quorum, votes and approved minutes, without the exempt item', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const anonymous = await context.newPage();
    anonymous.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await anonymous.goto(`${server.base}/public/partnerships/${slug}/meetings/${made.meetingId}`);
    await expectAccessible(anonymous);
    await anonymous.getByRole('link', { name: 'Attendance, votes and minutes' }).click();
    await expect
      .poll(() => anonymous.locator('h1').textContent(), POLL)
      .toContain('attendance, votes and minutes');
    await expectAccessible(anonymous);
    const text = (await anonymous.locator('main').textContent()) ?? '';
    expect(text).toContain('Deputy A (substitute for Member A)');
    expect(text).toContain('Quorate: 4 voting members present');
    expect(text).toContain('Carried by Browser Town Council 2–0 and NHS Browser Town CCG 1–0');
    expect(text).toContain('Approved as a correct record at the meeting on 8 October 2026');
    expect(text).toContain('Member B declared an interest: Trustee of Browser Town Carers.');
    expect(text).toContain('Exempt: paragraph 3 of Schedule 12A');
    expect(await anonymous.content()).not.toContain('Acme');
    expect(text).not.toContain('Care home fees');
    await anonymous.getByRole('link', { name: 'Attendance of members over the year' }).click();
    await expect.poll(() => anonymous.locator('h1').textContent(), POLL).toContain('Attendance, 2026-27');
    await expectAccessible(anonymous);
    expect(await anonymous.locator('#attendance-stats').textContent()).toContain('Member A');
    await context.close();
  });
});
