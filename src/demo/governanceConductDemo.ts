/**
 * The conduct of the demonstration board's meetings (governanceDemo.ts): for each meeting whose agenda was
 * published and whose date has passed, the attendance (apologies once, a named substitute once), a declaration of
 * interest with the member leaving the room, motions and recorded votes (planned for the first three meetings; at
 * the others everyone attends and each decision is carried by all who may vote), and the minutes of each meeting
 * approved at the next one. Run after governanceDecisionsDemo.ts, so that the minutes resolve what was decided. The seeds record none of this: every attendance, declaration, motion and vote is illustrative,
 * as the board's members, quorum and agendas are. Built through the same store functions the pages use, and checked
 * by the same rules: a vote the rules would refuse stops the loader.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { todayInLondon } from '../kernel/dates.js';
import { partnersOf } from '../partnerships/index.js';
import type { AttendanceChoice } from '../governance/conduct/index.js';
import {
  addDeclaration,
  approveMinutes,
  draftMinutes,
  getMinutes,
  recordAttendance,
  recordMotion,
} from '../governance/conduct/index.js';
import { meetingConduct, minutesSkeleton } from '../governance/conduct/index.js';
import { getMeeting, listAgendaItems, listMeetings } from '../governance/meetings/index.js';
import { listMemberships } from '../governance/boards/index.js';
import type { Vote } from '../governance/boards/index.js';
import { getBoard, listBoards } from '../governance/boards/index.js';

const actor = systemActor('demo loader');

// The members, by the posts that name them in the demo (governanceDemo.ts).
const HEALTH = 'Cabinet Member for Health and Adult Social Care';
const CHILDREN = 'Cabinet Member for Children’s Social Care';
const FINANCE = 'Cabinet Member for Finance';
const CLINICAL = 'CCG governing body clinical member';
const LAY = 'CCG governing body lay member';
const NURSE = 'CCG governing body registered nurse member';

interface DemoMotion {
  item: string;
  motion: string;
  mover: string;
  seconder: string;
  votes: Record<string, Vote>;
}

interface DemoMeeting {
  away: Record<string, 'apologies' | 'absent' | { substitute: string }>;
  declarations: { item: string; member: string; interest: string; action: 'left-room' | 'noted' }[];
  motions: DemoMotion[];
}

const allFor = (...members: string[]): Record<string, Vote> =>
  Object.fromEntries(members.map((m) => [m, 'for']));

/** What happened at the first three meetings (illustrative), in meeting order. */
const MEETINGS: DemoMeeting[] = [
  {
    away: { [FINANCE]: 'apologies' },
    declarations: [
      {
        item: 'Better Care Fund and section 75 pooled budget 2018-19',
        member: LAY,
        interest: 'Non-executive director of a community health provider funded from the pool (illustrative)',
        action: 'left-room',
      },
    ],
    motions: [
      {
        item: 'Terms of reference of the Joint Commissioning Board',
        motion: 'That the Board adopts the terms of reference set out in the report.',
        mover: HEALTH,
        seconder: CLINICAL,
        votes: allFor(HEALTH, CHILDREN, CLINICAL, LAY, NURSE),
      },
      {
        item: 'Better Care Fund and section 75 pooled budget 2018-19',
        motion: 'That the Board agrees the pooled budget for 2018-19 as set out in the report.',
        mover: CLINICAL,
        seconder: HEALTH,
        votes: { ...allFor(HEALTH, CLINICAL, NURSE), [CHILDREN]: 'abstain' },
      },
    ],
  },
  {
    away: { [HEALTH]: { substitute: 'Cabinet Member for Communities' } },
    declarations: [],
    motions: [
      {
        item: 'Community nursing and podiatry: contract extension',
        motion: 'That the contract for adult community nursing and podiatry be extended by one year.',
        mover: CLINICAL,
        seconder: NURSE,
        votes: { ...allFor(CLINICAL, NURSE), [LAY]: 'against' },
      },
      {
        item: 'Home care framework: award of contracts',
        motion: 'That the home care framework contracts be awarded as recommended in the report.',
        mover: HEALTH,
        seconder: FINANCE,
        votes: allFor(HEALTH, CHILDREN, FINANCE),
      },
    ],
  },
  {
    away: {},
    declarations: [
      {
        item: 'Rehabilitation, reablement and hospital discharge: one pathway',
        member: NURSE,
        interest: 'Spouse employed by the acute trust’s discharge team (illustrative)',
        action: 'noted',
      },
    ],
    motions: [
      {
        item: 'Rehabilitation, reablement and hospital discharge: one pathway',
        motion: 'That rehabilitation, reablement and discharge services be commissioned as one pathway.',
        mover: CHILDREN,
        seconder: LAY,
        votes: { ...allFor(HEALTH, CHILDREN, CLINICAL, LAY, NURSE), [FINANCE]: 'against' },
      },
    ],
  },
];

/** Records the conduct of the demo board's past meetings with published agendas, and their minutes. */
export async function loadGovernanceConductDemo(db: Db, partnershipId: number): Promise<void> {
  const listed = (await listBoards(db, partnershipId)).find((b) => b.name === 'Joint Commissioning Board');
  const board = listed ? await getBoard(db, partnershipId, listed.id) : undefined;
  if (!board) throw new Error('The demo board is not loaded');
  const partners = await partnersOf(db, partnershipId);
  const members = await listMemberships(db, partnershipId, board.id);
  const memberId = (post: string) => {
    const m = members.find((x) => x.person_name === post);
    if (!m) throw new Error(`The demo board has no member "${post}"`);
    return m.id;
  };
  const today = todayInLondon();
  const meetings = (await listMeetings(db, partnershipId, { boardId: board.id })).filter(
    (m) => m.agenda_published_on !== null && m.meets_on <= today && m.status !== 'cancelled',
  );
  const conducted: number[] = [];
  for (const [index, held] of meetings.entries()) {
    // The first meetings as planned above; the rest of the year with everyone present and each decision carried.
    const plan = MEETINGS[index] ?? { away: {}, declarations: [], motions: [] };
    const items = await listAgendaItems(db, partnershipId, held.id);
    const itemId = (title: string) => {
      const i = items.find((x) => x.title === title);
      if (!i) throw new Error(`The demo meeting of ${held.meets_on} has no item "${title}"`);
      return i.id;
    };
    await transaction(db, async (trx) => {
      const choices: AttendanceChoice[] = members
        .filter((m) => m.termFrom <= held.meetsOn && (m.termTo === null || held.meetsOn <= m.termTo))
        .map((m) => {
          const away = plan.away[m.person_name];
          if (away === undefined) return { membershipId: m.id, presence: 'present', substituteName: '' };
          if (typeof away === 'string') return { membershipId: m.id, presence: away, substituteName: '' };
          if (!m.substitutes.some((s) => s.name === away.substitute))
            throw new Error(`${away.substitute} is not a named substitute of ${m.person_name}`);
          return { membershipId: m.id, presence: 'substitute', substituteName: away.substitute };
        });
      await recordAttendance(trx, actor, partnershipId, held, choices);
      for (const d of plan.declarations)
        await addDeclaration(trx, actor, partnershipId, held.id, {
          agendaItemId: itemId(d.item),
          membershipId: memberId(d.member),
          interest: d.interest,
          action: d.action,
          dispensationReference: '',
          dispensationGrantedBy: '',
        });
      for (const m of plan.motions)
        await recordMotion(
          trx,
          actor,
          partnershipId,
          { meetingId: held.id, agendaItemId: itemId(m.item) },
          {
            motion: m.motion,
            moverId: memberId(m.mover),
            seconderId: memberId(m.seconder),
            votes: new Map(Object.entries(m.votes).map(([post, vote]) => [memberId(post), vote])),
          },
        );
    });
    const meeting = await getMeeting(db, partnershipId, held.id);
    if (!meeting) throw new Error('The demo meeting vanished');
    if (index >= MEETINGS.length) {
      // Each decision item without a planned motion: moved and seconded by two who may vote, all of them for it.
      const before = await meetingConduct(db, board, meeting, partners);
      await transaction(db, async (trx) => {
        for (const i of before.items) {
          const [mover, seconder] = i.outcome.voters;
          if (i.item.kind !== 'decision' || i.motion || !mover || !seconder) continue;
          await recordMotion(
            trx,
            actor,
            partnershipId,
            { meetingId: meeting.id, agendaItemId: i.item.id },
            {
              motion: i.decision?.decision ?? 'That the recommendations of the report be agreed.',
              moverId: mover.membershipId,
              seconderId: seconder.membershipId,
              votes: new Map(i.outcome.voters.map((v) => [v.membershipId, 'for'])),
            },
          );
        }
      });
    }
    const conduct = await meetingConduct(db, board, meeting, partners);
    const refused = conduct.items.flatMap((i) =>
      i.outcome.refusals.map((r) => `item ${i.item.number}: ${r.reason}`),
    );
    if (refused.length > 0) throw new Error(`Demo votes the rules refuse: ${refused.join('; ')}`);
    await transaction(db, (trx) =>
      draftMinutes(trx, actor, partnershipId, meeting.id, minutesSkeleton(conduct)),
    );
    conducted.push(meeting.id);
  }
  // The minutes of each meeting are approved at the next one, on its date.
  for (const [index, meetingId] of conducted.entries()) {
    const next = meetings[index + 1];
    const minutes = await getMinutes(db, partnershipId, meetingId);
    if (!next || !conducted.includes(next.id) || !minutes) continue;
    await transaction(db, (trx) =>
      approveMinutes(trx, actor, partnershipId, minutes.id, {
        meetingId: next.id,
        on: next.meetsOn,
        when: new Date(`${next.meets_on}T15:30:00Z`),
      }),
    );
  }
}
