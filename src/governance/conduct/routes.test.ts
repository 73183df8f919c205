/**
 * A democratic services officer records a meeting's conduct: attendance (refused for a meeting still to come),
 * a declaration with the member leaving the room, a motion and votes (a vote by someone who may not vote is
 * refused with the reason), the quorum and result per item, the minutes drafted and approved at the next meeting;
 * the public then read the record without anything of the exempt item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import {
  makeBoardWithPastMeetings,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import { createMeeting } from '../meetings/index.js';
import { listMemberships } from '../boards/index.js';

const EXEMPT_MINUTE = 'Fee uplift of 4.2 per cent for Acme Homes agreed';

describe('the conduct of a meeting, page by page', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let base: string;
  let slug: string;
  let made: Awaited<ReturnType<typeof makeBoardWithPastMeetings>>;
  let ids: Record<string, number>;
  let futureId: number;

  beforeAll(async () => {
    t = await startApp();
    const council = await makeOrganisation(t.db, { name: 'Route City Council' });
    const ccg = await makeOrganisation(t.db, { name: 'NHS Route CCG' });
    const pid = await makePartnership(t.db, [council, ccg]);
    base = `/partnerships/${pid}`;
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    made = await makeBoardWithPastMeetings(t.db, pid, council, ccg);
    ids = Object.fromEntries(
      (await listMemberships(t.db, pid, made.boardId)).map((m) => [m.person_name, m.id]),
    );
    futureId = await transaction(t.db, (trx) =>
      createMeeting(trx, systemActor('test'), pid, made.boardId, {
        meetsOn: isoDate('2099-01-08'),
        startsAt: '14:00',
        venue: 'Civic Centre',
        onlineLink: '',
      }),
    );
    await makeUser(t.db, 'democratic@conduct.example', [[pid, 'democratic_services_officer']]);
    officer = await t.signedIn('democratic@conduct.example');
  });
  afterAll(() => t.close());

  const presence = (chairA: string, memberA: string, chairB: string, memberB: string) => ({
    [`presence-${ids['Chair A']}`]: chairA,
    [`presence-${ids['Member A']}`]: memberA,
    [`presence-${ids['Chair B']}`]: chairB,
    [`presence-${ids['Member B']}`]: memberB,
  });

  it('refuses attendance for a meeting whose agenda was never published, saying why', async () => {
    const res = await officer.post(
      `${base}/meetings/${futureId}/attendance`,
      presence('present', 'present', 'present', 'present'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The agenda of this meeting was never published, so it cannot have been held');
    expect(await t.db.selectFrom('meeting_attendance').select('meeting_id').execute()).toEqual([]);
  });

  it('names the member left unanswered, keeps the rest, then records attendance and marks the meeting held', async () => {
    const url = `${base}/meetings/${made.meetingId}/attendance`;
    const missing = await officer.post(url, {
      ...presence('present', 'substitute-0', 'present', ''),
      [`presence-${ids['Member B']}`]: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(
      'Select whether Member B was present, sent apologies, was absent or sent a substitute',
    );
    expect(missing.body).toMatch(/value="substitute-0" checked/);
    const ok = await officer.post(url, presence('present', 'substitute-0', 'present', 'apologies'));
    expect(ok.statusCode).toBe(303);
    const page = await officer.get(`${base}/meetings/${made.meetingId}`);
    expect(page.body).toContain(
      'Deputy A (substitute for Member A), Route City Council: Substitute attended',
    );
    expect(page.body).toContain('Quorate at the start: 3 voting members present');
    const meeting = await t.db
      .selectFrom('meetings')
      .select('status')
      .where('id', '=', made.meetingId)
      .executeTakeFirstOrThrow();
    expect(meeting.status).toBe('held');
  });

  it('takes a member who leaves the room out of the item’s quorum, and refuses their vote with the reason', async () => {
    const item = `${base}/meetings/${made.meetingId}/items/${made.jointItemId}`;
    const noReference = await officer.post(`${item}/declarations`, {
      member: String(ids['Chair B']),
      interest: 'Trustee of Carers Together',
      action: 'dispensation',
    });
    expect(noReference.statusCode).toBe(400);
    expect(noReference.body).toContain('Enter the dispensation’s reference');
    expect(noReference.body).toContain('Trustee of Carers Together');
    expect(
      (
        await officer.post(`${item}/declarations`, {
          member: String(ids['Chair B']),
          interest: 'Trustee of Carers Together',
          action: 'left-room',
        })
      ).statusCode,
    ).toBe(303);
    const conduct = await officer.get(`${item}/conduct`);
    expect(conduct.body).toContain('Not quorate');
    expect(conduct.body).toContain(
      '2 voting members present; 3 needed in all; 0 from NHS Route CCG; 1 needed',
    );
    const refused = await officer.post(`${item}/motion`, {
      motion: 'To adopt the joint carers strategy.',
      mover: String(ids['Chair A']),
      seconder: String(ids['Member A']),
      [`vote-${ids['Chair A']}`]: 'for',
      [`vote-${ids['Chair B']}`]: 'for',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Vote refused: Chair B left the room for a declared interest');
    const saved = await officer.post(`${item}/motion`, {
      motion: 'To adopt the joint carers strategy.',
      mover: String(ids['Chair A']),
      seconder: String(ids['Member A']),
      [`vote-${ids['Chair A']}`]: 'for',
      [`vote-${ids['Member A']}`]: 'for',
    });
    expect(saved.statusCode).toBe(303);
    const result = await officer.get(`${item}/conduct`);
    expect(result.body).toContain('Not quorate for this item (2 voting members present; 3 needed in all');
  });

  it('records a carried vote on the exempt item, where only the council’s members vote', async () => {
    const item = `${base}/meetings/${made.meetingId}/items/${made.exemptItemId}`;
    const refused = await officer.post(`${item}/motion`, {
      motion: 'To agree the fee uplift.',
      mover: String(ids['Chair A']),
      seconder: String(ids['Chair B']),
      [`vote-${ids['Chair B']}`]: 'for',
    });
    expect(refused.body).toContain(
      'Vote refused: Chair B sits for NHS Route CCG, and the item concerns the functions of Route City Council only',
    );
    await officer.post(`${item}/motion`, {
      motion: 'To agree the fee uplift.',
      mover: String(ids['Chair A']),
      seconder: String(ids['Chair B']),
      [`vote-${ids['Chair A']}`]: 'for',
      [`vote-${ids['Member A']}`]: 'against',
    });
    expect((await officer.get(`${item}/conduct`)).body).toContain('Not carried: Route City Council 1–1');
    await officer.post(`${item}/motion`, {
      motion: 'To agree the fee uplift.',
      mover: String(ids['Chair A']),
      seconder: String(ids['Chair B']),
      [`vote-${ids['Chair A']}`]: 'for',
      [`vote-${ids['Member A']}`]: 'for',
    });
    expect((await officer.get(`${item}/conduct`)).body).toContain('Carried by Route City Council 2–0');
  });

  it('stops counting a recorded vote when the attendance is corrected, and says why', async () => {
    const url = `${base}/meetings/${made.meetingId}/attendance`;
    expect((await officer.post(url, presence('present', 'absent', 'present', 'apologies'))).statusCode).toBe(
      303,
    );
    const item = await officer.get(`${base}/meetings/${made.meetingId}/items/${made.exemptItemId}/conduct`);
    expect(item.body).toContain('For: Member A was absent');
    expect(item.body).toContain('Not quorate for this item (2 voting members present; 3 needed in all)');
    expect(
      (await officer.post(url, presence('present', 'substitute-0', 'present', 'apologies'))).statusCode,
    ).toBe(303);
    expect(
      (await officer.get(`${base}/meetings/${made.meetingId}/items/${made.exemptItemId}/conduct`)).body,
    ).toContain('Carried by Route City Council 2–0');
  });

  it('starts the decision record from the item’s declarations', async () => {
    const form = await officer.get(
      `${base}/meetings/${made.meetingId}/items/${made.jointItemId}/decision/new`,
    );
    expect(form.body).toContain('Chair B: Trustee of Carers Together (left the room)');
  });

  it('drafts the minutes, refuses approval until the next meeting is held, then approves them there', async () => {
    const minutes = `${base}/meetings/${made.meetingId}/minutes`;
    expect((await officer.post(`${minutes}/draft`, {})).statusCode).toBe(303);
    const draft = await officer.get(minutes);
    expect(draft.body).toContain('Chair B declared an interest: Trustee of Carers Together.');
    const texts = Object.fromEntries(
      [...draft.body.matchAll(/name="(text-\d+)"[^>]*>([^<]*)</g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    texts[`text-${made.exemptItemId}`] = EXEMPT_MINUTE;
    expect((await officer.post(minutes, texts)).statusCode).toBe(303);
    const early = await officer.post(`${minutes}/approve`, {});
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(
      'Minutes are approved at the next meeting, on 8 October 2026, once it is held',
    );
    expect(
      (await t.agent().get(`/public/partnerships/${slug}/meetings/${made.meetingId}/record`)).body,
    ).toContain('The minutes are published once the board has approved them');
    await officer.post(
      `${base}/meetings/${made.secondMeetingId}/attendance`,
      presence('present', 'present', 'present', 'present'),
    );
    expect((await officer.post(`${minutes}/approve`, {})).statusCode).toBe(303);
    expect((await officer.get(minutes)).body).toContain('Approved at the meeting on 8 October 2026');
    const again = await officer.post(minutes, texts);
    expect(again.body).toContain('These minutes are approved and can no longer be changed');
  });

  it('shows the public the attendance, votes and approved minutes, and nothing of the exempt item', async () => {
    const anonymous = t.agent();
    const meetingPage = await anonymous.get(`/public/partnerships/${slug}/meetings/${made.meetingId}`);
    expect(meetingPage.body).toContain(`/meetings/${made.meetingId}/record`);
    const record = await anonymous.get(`/public/partnerships/${slug}/meetings/${made.meetingId}/record`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Deputy A (substitute for Member A)');
    expect(record.body).toContain('To adopt the joint carers strategy.');
    expect(record.body).toContain('Approved as a correct record at the meeting on');
    expect(record.body).toContain('Exempt: paragraph 3 of Schedule 12A');
    for (const secret of [EXEMPT_MINUTE, 'Care home fees', 'To agree the fee uplift', 'Acme'])
      expect(record.body).not.toContain(secret);
    const stats = await anonymous.get(
      `/public/partnerships/${slug}/boards/${made.boardId}/attendance?year=2026-27`,
    );
    expect(stats.body).toMatch(
      /Member A<\/th>\s*<td[^>]*>Route City Council<\/td>\s*<td[^>]*>2<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>50%<\/td>/,
    );
    expect((await anonymous.get(`/public/partnerships/${slug}/meetings/${futureId}/record`)).statusCode).toBe(
      404,
    );
  });
});
