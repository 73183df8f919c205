import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { isoDate as d } from '../../kernel/dates.js';
import { partnersOf } from '../../partnerships/index.js';
import {
  makeBoardWithPastMeetings,
  makeOrganisation,
  makePartnership,
} from '../../../test/support/fixtures.js';
import {
  addDeclaration,
  approveMinutes,
  draftMinutes,
  getMinutes,
  recordAttendance,
  recordMotion,
  saveMinutes,
} from './store.js';
import { declarationsForDecision, meetingConduct, minutesSkeleton, nextMeetingOf } from './summary.js';
import { getMeeting } from '../meetings/index.js';
import { listMemberships } from '../boards/index.js';
import { getBoard } from '../boards/index.js';

const actor = systemActor('conduct store test');

describe('the conduct of a meeting, stored', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let made: Awaited<ReturnType<typeof makeBoardWithPastMeetings>>;
  let council: number;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await createTestDatabase();
    council = await makeOrganisation(t.db, { name: 'Conduct City Council' });
    const ccg = await makeOrganisation(t.db, { name: 'NHS Conduct CCG' });
    pid = await makePartnership(t.db, [council, ccg]);
    made = await makeBoardWithPastMeetings(t.db, pid, council, ccg);
    ids = Object.fromEntries(
      (await listMemberships(t.db, pid, made.boardId)).map((m) => [m.person_name, m.id]),
    );
  });
  afterAll(() => t.close());

  const load = async (meetingId = made.meetingId) => {
    const meeting = await getMeeting(t.db, pid, meetingId);
    const board = await getBoard(t.db, pid, made.boardId);
    if (!meeting || !board) throw new Error('missing');
    return { meeting, board, partners: await partnersOf(t.db, pid) };
  };

  it('records attendance with a substitute, marks the meeting held and audits it', async () => {
    const { meeting } = await load();
    await transaction(t.db, (trx) =>
      recordAttendance(trx, actor, pid, meeting, [
        { membershipId: ids['Chair A']!, presence: 'present', substituteName: '' },
        { membershipId: ids['Member A']!, presence: 'substitute', substituteName: 'Deputy A' },
        { membershipId: ids['Chair B']!, presence: 'present', substituteName: '' },
        { membershipId: ids['Member B']!, presence: 'apologies', substituteName: '' },
      ]),
    );
    const { board, partners, meeting: after } = await load();
    expect(after.status).toBe('held');
    const conduct = await meetingConduct(t.db, board, after, partners);
    expect(conduct.attendance.map((a) => a.sitter)).toEqual([
      'Chair A',
      'Deputy A (substitute for Member A)',
      'Chair B',
      'Member B',
    ]);
    expect(conduct.meetingQuorum.quorate).toBe(true);
    const events = await t.db
      .selectFrom('audit_events')
      .select('entity_type')
      .where('entity_type', '=', 'meeting_attendance')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('takes a member who left the room out of the quorum of that item only, and refuses their vote', async () => {
    await transaction(t.db, async (trx) => {
      await addDeclaration(trx, actor, pid, made.meetingId, {
        agendaItemId: made.jointItemId,
        membershipId: ids['Chair B']!,
        interest: 'Trustee of a carers’ charity',
        action: 'left-room',
        dispensationReference: '',
        dispensationGrantedBy: '',
      });
      await recordMotion(
        trx,
        actor,
        pid,
        { meetingId: made.meetingId, agendaItemId: made.jointItemId },
        {
          motion: 'To adopt the strategy.',
          moverId: ids['Chair A']!,
          seconderId: ids['Member A']!,
          votes: new Map([
            [ids['Chair A']!, 'for'],
            [ids['Member A']!, 'for'],
            [ids['Chair B']!, 'for'],
          ]),
        },
      );
    });
    const { board, partners, meeting } = await load();
    const conduct = await meetingConduct(t.db, board, meeting, partners);
    const [joint, exempt] = conduct.items.slice(1);
    expect(joint?.outcome.quorum.quorate).toBe(false);
    expect(joint?.outcome.quorum.shortfalls).toEqual([
      '2 voting members present; 3 needed in all',
      '0 from NHS Conduct CCG; 1 needed',
    ]);
    expect(joint?.outcome.refusals.map((r) => r.reason)).toEqual([
      'Chair B left the room for a declared interest',
    ]);
    expect(joint?.motion?.mover).toBe('Chair A');
    expect(joint?.motion?.seconder).toBe('Deputy A (substitute for Member A)');
    expect(exempt?.outcome.quorum.quorate).toBe(true);
    expect(declarationsForDecision(joint?.declarations ?? [])).toEqual({
      interestsDeclared: 'Chair B: Trustee of a carers’ charity (left the room)',
      dispensations: '',
    });
    expect(minutesSkeleton(conduct).get(made.jointItemId)).toContain(
      'Chair B declared an interest: Trustee of a carers’ charity. They left the room while the item was considered.',
    );
  });

  it('drafts minutes, edits them, approves them at the next meeting and then refuses further edits', async () => {
    const { board, partners, meeting } = await load();
    const conduct = await meetingConduct(t.db, board, meeting, partners);
    await transaction(t.db, (trx) => draftMinutes(trx, actor, pid, made.meetingId, minutesSkeleton(conduct)));
    const draft = await getMinutes(t.db, pid, made.meetingId);
    if (!draft) throw new Error('no draft');
    const edited = new Map(draft.texts).set(made.jointItemId, 'Edited minute.');
    expect(await transaction(t.db, (trx) => saveMinutes(trx, actor, pid, draft, edited))).toBe(true);
    const next = await nextMeetingOf(t.db, board, meeting);
    expect(next?.id).toBe(made.secondMeetingId);
    await transaction(t.db, (trx) =>
      approveMinutes(trx, actor, pid, draft.id, {
        meetingId: made.secondMeetingId,
        on: d('2026-10-08'),
        when: new Date(),
      }),
    );
    const approved = await getMinutes(t.db, pid, made.meetingId);
    expect([approved?.approved_at_meeting_id, approved?.approvedOn]).toEqual([
      made.secondMeetingId,
      '2026-10-08',
    ]);
    expect(approved?.texts.get(made.jointItemId)).toBe('Edited minute.');
    expect(await transaction(t.db, (trx) => saveMinutes(trx, actor, pid, draft, new Map()))).toBe(false);
    await expect(
      transaction(t.db, (trx) =>
        approveMinutes(trx, actor, pid, draft.id, {
          meetingId: made.secondMeetingId,
          on: d('2026-10-08'),
          when: new Date(),
        }),
      ),
    ).rejects.toThrow('already approved');
  });
});
