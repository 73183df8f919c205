/**
 * A democratic services officer sets up a joint board through the forms, nominates its members, schedules a
 * year of monthly meetings, builds an agenda and publishes it; bad input comes back with the field named and
 * nothing saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { makeOrganisation, makePartnership, makeUser, startApp } from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { addDays, todayInLondon } from '../../kernel/dates.js';
import { agendaDeadline } from '../meetings/index.js';
import { listMeetings } from '../meetings/index.js';

describe('governance pages', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let pid: number;
  let council: number;
  let ccg: number;
  let base: string;
  let boardUrl: string;

  beforeAll(async () => {
    t = await startApp();
    council = await makeOrganisation(t.db, { name: 'Southampton City Council', shortName: 'Council' });
    ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG', shortName: 'CCG' });
    pid = await makePartnership(t.db, [council, ccg]);
    base = `/partnerships/${pid}`;
    await makeUser(t.db, 'democratic@test.example', [[pid, 'democratic_services_officer']]);
    await makeUser(t.db, 'board@test.example', [[pid, 'board_member']]);
    officer = await t.signedIn('democratic@test.example');
  });
  afterAll(() => t.close());

  const board = {
    name: 'Joint Commissioning Board',
    kind: 'joint_commissioning_board',
    quorumTotal: '4',
    quorumPerPartner: '2',
    rotation: 'each_meeting',
    'rotationStartsOn-day': '1',
    'rotationStartsOn-month': '4',
    'rotationStartsOn-year': '2027',
  };

  it('refuses a rotating board without its first chair, naming the field and keeping the input', async () => {
    const res = await officer.post(`${base}/boards`, board);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select the partner that takes the chair first');
    expect(res.body).toContain('href="#firstChair"');
    expect(res.body).toContain('value="Joint Commissioning Board"');
    expect(await t.db.selectFrom('boards').select('id').execute()).toEqual([]);
  });

  it('sets up the board with the council taking the chair first', async () => {
    const res = await officer.post(`${base}/boards`, { ...board, firstChair: String(council) });
    expect(res.statusCode).toBe(303);
    boardUrl = res.headers.location as string;
    const page = await officer.get(boardUrl);
    expect(page.body).toContain('At least 4 voting members, including at least 2 from each partner');
    expect(page.body).toContain(
      'Alternates between the partners at each meeting, from 2027-04-01: Southampton City Council, then NHS Southampton City CCG',
    );
  });

  const member = (name: string, org: number, role = 'member') => ({
    personName: name,
    organisationId: String(org),
    postHeld: '',
    role,
    voting: 'yes',
    'termFrom-day': '1',
    'termFrom-month': '4',
    'termFrom-year': '2027',
  });

  it('nominates members and refuses a second chair from the same partner', async () => {
    for (const [name, org, role] of [
      ['Cabinet Member for Health and Adult Social Care', council, 'chair'],
      ['Cabinet Member for Communities', council, 'member'],
      ['CCG Clinical Chair', ccg, 'chair'],
      ['CCG governing body lay member', ccg, 'member'],
    ] as const) {
      expect((await officer.post(`${boardUrl}/memberships`, member(name, org, role))).statusCode).toBe(303);
    }
    const res = await officer.post(`${boardUrl}/memberships`, member('Another councillor', council, 'chair'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('This partner already has a member who takes the chair on its turn');
  });

  it('schedules a year of meetings on the second Thursday from April 2027, and the chair alternates', async () => {
    const res = await officer.post(`${boardUrl}/schedule`, {
      fromMonth: '2027-04',
      months: '12',
      week: '2',
      weekday: '4',
      startsAt: '14:00',
      venue: 'Civic Centre, Southampton',
      onlineLink: '',
    });
    expect(res.statusCode).toBe(303);
    const meetings = await listMeetings(t.db, pid);
    expect(meetings.map((m) => m.meets_on).slice(0, 3)).toEqual(['2027-04-08', '2027-05-13', '2027-06-10']);
    expect(meetings).toHaveLength(12);
    const page = await officer.get(boardUrl);
    const chairs = [
      ...page.body.matchAll(
        /<td class="govuk-table__cell">(Cabinet Member for Health and Adult Social Care|CCG Clinical Chair)<br>/g,
      ),
    ].map((m) => m[1]);
    expect(chairs.slice(0, 4)).toEqual([
      'Cabinet Member for Health and Adult Social Care',
      'CCG Clinical Chair',
      'Cabinet Member for Health and Adult Social Care',
      'CCG Clinical Chair',
    ]);
  });

  it('shows the agenda deadline with its explanation on the meeting page', async () => {
    const [first] = await listMeetings(t.db, pid);
    const page = await officer.get(`${base}/meetings/${first!.id}`);
    expect(page.body).toContain(
      'publish by Wed 31 Mar 2027; 5 clear working days: 1, 2, 5, 6, 7 Apr; meeting Thu 8 Apr 2027',
    );
    expect(page.body).toContain('SI 2012/2089 reg 6');
  });

  const item = {
    title: 'Better Care Fund plan 2027-28',
    kind: 'decision',
    reportAuthor: 'Head of integrated commissioning',
    summary: 'Approve the pooled fund plan',
    functions: 'all',
    keyDecision: 'yes',
    keyTests: 'spend',
    spendPence: '105000000',
    exempt: 'no',
    titlePublished: 'yes',
  };

  it('refuses an exempt item without its paragraph, then adds it, and a joint key decision', async () => {
    const [first] = await listMeetings(t.db, pid);
    const url = `${base}/meetings/${first!.id}/items`;
    const bad = await officer.post(url, {
      ...item,
      title: 'Home care contract award',
      keyDecision: 'no',
      exempt: 'yes',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select the paragraph of Schedule 12A that makes the item exempt');
    expect((await officer.post(url, item)).statusCode).toBe(303);
    const exempt = {
      ...item,
      title: 'Home care contract award',
      functions: 'one',
      organisationIds: String(council),
      keyDecision: 'no',
      exempt: 'yes',
      exemptParagraph: '3',
      publicInterestReason: 'Bidders’ prices are commercially confidential',
    };
    expect((await officer.post(url, exempt)).statusCode).toBe(303);
    const page = await officer.get(`${base}/meetings/${first!.id}`);
    expect(page.body).toContain('Each partner’s voting members, as concurrent decisions');
    expect(page.body).toContain('Southampton City Council’s voting members');
    expect(page.body).toContain('Exempt, paragraph 3');
    expect(page.body).toContain('Met with every member serving on the day present (4 voting)');
    expect(page.body).toContain(
      'Southampton City Council’s voting members: Cabinet Member for Health and Adult Social Care, Cabinet Member for Communities',
    );
  });

  it('publishes the agenda before its deadline', async () => {
    const [first] = await listMeetings(t.db, pid);
    const res = await officer.post(`${base}/meetings/${first!.id}/publish`, {});
    expect(res.statusCode).toBe(303);
    const [after] = await listMeetings(t.db, pid);
    expect(after).toMatchObject({
      status: 'agenda_published',
      agenda_published_on: todayInLondon(),
      agenda_late: false,
    });
  });

  it('refuses to publish a late agenda without the chair’s reason, and lets a board member read but not publish', async () => {
    const soon = addDays(todayInLondon(), 2);
    const meetings = await listMeetings(t.db, pid);
    const boardId = meetings[0]!.board_id;
    const created = await officer.post(`${base}/boards/${boardId}/meetings`, {
      'meetsOn-day': soon.slice(8),
      'meetsOn-month': soon.slice(5, 7),
      'meetsOn-year': soon.slice(0, 4),
      startsAt: '10:00',
      venue: 'Civic Centre',
    });
    const meetingUrl = created.headers.location as string;
    await officer.post(`${meetingUrl}/items`, { ...item, keyDecision: 'no' });
    const late = await officer.post(`${meetingUrl}/publish`, {});
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain(`The deadline was`);
    expect(agendaDeadline(soon).date < todayInLondon()).toBe(true);
    const member = await t.signedIn('board@test.example');
    expect((await member.get(meetingUrl)).statusCode).toBe(200);
    expect((await member.post(`${meetingUrl}/publish`, {})).statusCode).toBe(403);
    const urgent = await officer.post(`${meetingUrl}/publish`, {
      urgencyReason: 'Grant conditions arrived late',
      urgencyAgreedBy: 'Cabinet Member for Health and Adult Social Care',
    });
    expect(urgent.statusCode).toBe(303);
  });
});
