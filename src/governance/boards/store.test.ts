import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import { makeBoardWithMeeting, makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { chairsForMeetings } from './chairRotation.js';
import {
  createAgendaItem,
  createMeeting,
  getMeeting,
  listAgendaItems,
  listMeetings,
} from '../meetings/index.js';
import { publishAgenda } from '../meetings/index.js';
import { listMemberships, updateMembership } from './membershipStore.js';
import type { AgendaItemInput } from './rules.js';
import { getBoard, keyDecisionThresholds, rotationOf, setKeyDecisionThreshold } from './store.js';

const actor = systemActor('governance store test');
const d = isoDate;

const exemptItem: AgendaItemInput = {
  title: 'Home care framework: contract award',
  kind: 'decision',
  reportAuthor: 'Head of integrated commissioning',
  summary: 'Tender prices of the three bidders',
  functions: 'one',
  organisationIds: [],
  keyDecision: false,
  keyTests: [],
  spendPence: null,
  wardsAffected: null,
  exempt: true,
  exemptParagraph: 3,
  publicInterestReason: 'Publishing the prices would prejudice the council’s commercial position',
  titlePublished: true,
  urgencyReason: '',
  urgencyAgreedBy: '',
};

describe('the governance store', () => {
  let t: TestDatabase;
  let pid: number;
  let a: number;
  let b: number;
  let made: Awaited<ReturnType<typeof makeBoardWithMeeting>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeOrganisation(t.db, { name: 'Council' });
    b = await makeOrganisation(t.db, { name: 'CCG' });
    pid = await makePartnership(t.db, [a, b]);
    made = await makeBoardWithMeeting(t.db, pid, a, b, '2018-04-12');
  });
  afterAll(() => t.dispose());

  it('keeps the board’s rotation and gives the chair of each meeting from its members', async () => {
    await transaction(t.db, (trx) =>
      createMeeting(trx, actor, pid, made.boardId, {
        meetsOn: d('2018-05-10'),
        startsAt: '14:00',
        venue: '',
        onlineLink: 'https://meet.example/board',
      }),
    );
    const board = (await getBoard(t.db, pid, made.boardId))!;
    expect(rotationOf(board)).toEqual({ kind: 'each_meeting', order: [a, b], startsOn: '2017-04-01' });
    const members = await listMemberships(t.db, pid, made.boardId);
    const meetings = await listMeetings(t.db, pid, { boardId: made.boardId });
    const chairs = chairsForMeetings(
      rotationOf(board),
      meetings.map((m) => ({
        id: m.id,
        meetsOn: m.meetsOn,
        startsAt: m.starts_at,
        cancelled: m.status === 'cancelled',
      })),
      members
        .filter((m) => m.role === 'chair')
        .map((m) => ({
          membershipId: m.id,
          name: m.person_name,
          organisationId: m.organisation_id,
          termFrom: m.termFrom,
          termTo: m.termTo,
        })),
    );
    expect(chairs.map((c) => c.chair?.name)).toEqual(['Chair A', 'Chair B']);
  });

  it('keeps a member’s named substitutes, and records the change in the audit log', async () => {
    const before = (await listMemberships(t.db, pid, made.boardId)).find((m) => m.id === made.membershipId)!;
    await transaction(t.db, (trx) =>
      updateMembership(trx, actor, pid, before, {
        personName: before.person_name,
        organisationId: before.organisation_id,
        postHeld: before.post_held,
        role: before.role,
        voting: before.voting,
        termFrom: before.termFrom,
        termTo: null,
        nominatedBy: 'Leader of the Council',
        substitutes: [{ name: 'Deputy A', postHeld: 'Deputy Cabinet Member' }],
      }),
    );
    const after = (await listMemberships(t.db, pid, made.boardId)).find((m) => m.id === made.membershipId)!;
    expect(after.substitutes).toEqual([{ name: 'Deputy A', postHeld: 'Deputy Cabinet Member' }]);
    const events = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'board_membership')
      .where('entity_id', '=', String(made.membershipId))
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('keeps each partner’s key decision threshold', async () => {
    await transaction(t.db, (trx) => setKeyDecisionThreshold(trx, actor, pid, a, pence(500_000_00)));
    await transaction(t.db, (trx) => setKeyDecisionThreshold(trx, actor, pid, a, pence(400_000_00)));
    expect(await keyDecisionThresholds(t.db, pid)).toEqual(new Map([[a, 400_000_00]]));
  });

  it('refuses an exempt item without its paragraph, in the database as well as the form', async () => {
    await expect(
      transaction(t.db, (trx) =>
        trx
          .insertInto('agenda_items')
          .values({
            partnership_id: pid,
            meeting_id: made.meetingId,
            number: 99,
            title: 'X',
            kind: 'decision',
            report_author: '',
            summary: '',
            functions: 'all',
            key_decision: false,
            key_on_spend: false,
            key_on_wards: false,
            spend_pence: null,
            wards_affected: null,
            exempt: true,
            exempt_paragraph: null,
            public_interest_reason: 'r',
            title_published: true,
            late: false,
            urgency_reason: '',
            urgency_agreed_by: '',
          })
          .execute(),
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('numbers items in order and keeps the partner whose functions an item concerns', async () => {
    await transaction(t.db, (trx) =>
      createAgendaItem(trx, actor, pid, made.meetingId, { ...exemptItem, organisationIds: [a], late: false }),
    );
    const items = await listAgendaItems(t.db, pid, made.meetingId);
    expect(items.map((i) => [i.number, i.organisationIds, i.exemptParagraph])).toEqual([
      [1, [], null],
      [2, [a], 3],
    ]);
  });

  it('refuses to publish the agenda after its deadline without the chair’s reason, then publishes it with one', async () => {
    // meeting Thu 12 Apr 2018: the deadline is Wed 4 Apr 2018
    const late = await publishAgenda(t.db, actor, {
      partnershipId: pid,
      meetingId: made.meetingId,
      publishOn: d('2018-04-05'),
      urgency: null,
    });
    expect(late.ok).toBe(false);
    expect((await getMeeting(t.db, pid, made.meetingId))?.status).toBe('scheduled');
    const urgent = await publishAgenda(t.db, actor, {
      partnershipId: pid,
      meetingId: made.meetingId,
      publishOn: d('2018-04-05'),
      urgency: { reason: 'Provider’s notice expires on 13 April', agreedBy: 'Chair A' },
    });
    expect(urgent).toMatchObject({ ok: true, value: { late: true, deadline: { date: '2018-04-04' } } });
    expect(await getMeeting(t.db, pid, made.meetingId)).toMatchObject({
      status: 'agenda_published',
      agenda_published_on: '2018-04-05',
      agenda_late: true,
      agenda_urgency_agreed_by: 'Chair A',
    });
  });
});
