/**
 * A meeting's conduct as the pages (internal and public), the minutes and the demo read it: the attendance, and for
 * each agenda item the declarations, who was in the room, the quorum, who may vote, the motion, the votes and the
 * result (voteResult.ts over quorum.ts), and the decision recorded on it.
 */
import type { Executor } from '../../db/connection.js';
import {
  financialYearLabel,
  financialYearOf,
  parseFinancialYear,
  todayInLondon,
  type IsoDate,
} from '../../kernel/dates.js';
import { attendanceStatistics, minuteSkeleton } from './rules.js';
import {
  attendanceOfBoard,
  listAttendance,
  listDeclarations,
  motionsOfMeeting,
  type Declaration,
  type Motion,
} from './store.js';
import { decisionsOfMeeting } from '../decisions/index.js';
import { listAgendaItems, listMeetings, type AgendaItem } from '../meetings/index.js';
import { listMemberships, type Membership } from '../boards/index.js';
import { evaluateQuorum, inTheRoom, type AttendanceLine, type Presence } from '../boards/index.js';
import type { Board } from '../boards/index.js';
import {
  concernOf,
  conflictsOf,
  itemOutcome,
  sitterName,
  whyMayNotVote,
  type ItemContext,
} from './voteResult.js';

interface Partner {
  id: number;
  name: string;
}

export type MeetingConduct = Awaited<ReturnType<typeof meetingConduct>>;
export type ItemConduct = MeetingConduct['items'][number];

/** Everything recorded of a meeting's conduct, item by item, with the verdicts computed. */
export async function meetingConduct(
  db: Executor,
  board: Board,
  meeting: { id: number; meetsOn: IsoDate },
  partners: readonly Partner[],
) {
  const pid = board.partnership_id;
  const [memberships, rows, items, declarations, motions, decisions] = await Promise.all([
    listMemberships(db, pid, board.id),
    listAttendance(db, pid, meeting.id),
    listAgendaItems(db, pid, meeting.id),
    listDeclarations(db, pid, meeting.id),
    motionsOfMeeting(db, pid, meeting.id),
    decisionsOfMeeting(db, pid, meeting.id),
  ]);
  const partnerName = (id: number) => partners.find((p) => p.id === id)?.name ?? `organisation ${id}`;
  const partnerIds = partners.map((p) => p.id);
  const rule = { minimumTotal: board.quorum_total, minimumPerPartner: board.quorum_per_partner };
  const byId = new Map(memberships.map((m) => [m.id, m]));
  const lines: (AttendanceLine & { membership: Membership })[] = rows.flatMap((r) => {
    const m = byId.get(r.membership_id);
    if (!m) return [];
    const presence: Presence =
      r.presence === 'substitute'
        ? { kind: 'substitute', substituteName: r.substitute_name }
        : { kind: r.presence };
    return [
      {
        membership: m,
        seat: {
          membershipId: m.id,
          name: m.person_name,
          organisationId: m.organisation_id,
          voting: m.voting,
        },
        presence,
      },
    ];
  });
  const nameOf = (membershipId: number) => {
    const line = lines.find((l) => l.seat.membershipId === membershipId);
    return line ? sitterName(line) : (byId.get(membershipId)?.person_name ?? `member ${membershipId}`);
  };
  const attendance = lines.map((l) => ({
    membershipId: l.seat.membershipId,
    name: l.seat.name,
    partner: partnerName(l.seat.organisationId),
    role: l.membership.role,
    voting: l.seat.voting,
    presence: l.presence.kind,
    substituteName: l.presence.kind === 'substitute' ? l.presence.substituteName : '',
    sitter: sitterName(l),
  }));
  const recorded = lines.length > 0;
  const meetingQuorum = evaluateQuorum(rule, partnerIds, inTheRoom(lines), partnerName);
  const itemViews = items.map((item) => {
    const own = declarations.filter((d) => d.agenda_item_id === item.id);
    const ctx: ItemContext = {
      rule,
      partnerIds,
      partnerName,
      concern: concernOf(item),
      attendance: lines,
      conflicts: conflictsOf(own.map((d) => ({ membershipId: d.membership_id, action: d.action }))),
    };
    const motion = motions.get(item.id);
    const outcome = itemOutcome(ctx, motion?.votes ?? new Map());
    const seated = lines
      .filter((l) => l.presence.kind === 'present' || l.presence.kind === 'substitute')
      .map((l) => ({
        membershipId: l.seat.membershipId,
        name: sitterName(l),
        partner: partnerName(l.seat.organisationId),
        mayNotVote: whyMayNotVote(ctx, l.seat.membershipId),
        inRoom: outcome.room.some((s) => s.membershipId === l.seat.membershipId),
      }));
    return {
      item,
      declarations: own.map((d) => ({ ...d, who: nameOf(d.membership_id) })),
      seated,
      outcome,
      motion: motion ? describeMotion(motion, nameOf) : null,
      decision: decisions.get(item.id) ?? null,
    };
  });
  return { recorded, attendance, meetingQuorum, items: itemViews, nameOf };
}

function describeMotion(motion: Motion, nameOf: (id: number) => string) {
  return {
    ...motion,
    mover: nameOf(motion.moverId),
    seconder: nameOf(motion.seconderId),
    voteList: [...motion.votes].map(([membershipId, vote]) => ({
      membershipId,
      who: nameOf(membershipId),
      vote,
    })),
  };
}

/** The generated text of each item's minute, from what was recorded at the meeting. */
export function minutesSkeleton(conduct: MeetingConduct): Map<number, string> {
  return new Map(
    conduct.items.map((i) => [
      i.item.id,
      minuteSkeleton({
        kind: i.item.kind,
        declarations: i.declarations.map((d) => ({
          who: d.who,
          interest: d.interest,
          action: d.action,
          dispensation: `${d.dispensation_reference} granted by ${d.dispensation_granted_by}`,
        })),
        motion: i.motion
          ? { text: i.motion.motion, mover: i.motion.mover, seconder: i.motion.seconder }
          : null,
        votes: i.motion
          ? i.motion.voteList.filter(
              (v) => !i.outcome.refusals.some((r) => r.membershipId === v.membershipId),
            )
          : [],
        outcome: i.motion ? i.outcome.reason : null,
        quorumShortfall:
          conduct.recorded && !i.outcome.quorum.quorate ? i.outcome.quorum.shortfalls.join('; ') : null,
        decision: i.decision?.decision ?? null,
      }),
    ]),
  );
}

/**
 * The declarations on an item as the decision record states them (SI 2012/2089 reg 12): the conflicts declared,
 * and separately the dispensations granted.
 */
export function declarationsForDecision(declarations: readonly (Declaration & { who: string })[]) {
  const action = {
    noted: 'noted; took part',
    'did-not-vote': 'did not vote',
    'left-room': 'left the room',
    dispensation: 'took part under a dispensation',
  } as const;
  return {
    interestsDeclared: declarations.map((d) => `${d.who}: ${d.interest} (${action[d.action]})`).join('\n'),
    dispensations: declarations
      .filter((d) => d.action === 'dispensation')
      .map(
        (d) => `${d.who}: dispensation ${d.dispensation_reference}, granted by ${d.dispensation_granted_by}`,
      )
      .join('\n'),
  };
}

/** The next meeting of the same board after this one that was not cancelled: where its minutes are approved. */
export async function nextMeetingOf(db: Executor, board: Board, meeting: { id: number }) {
  const meetings = await listMeetings(db, board.partnership_id, { boardId: board.id });
  const at = meetings.findIndex((m) => m.id === meeting.id);
  return meetings.slice(at + 1).find((m) => m.status !== 'cancelled');
}

/** An item's title as the public may read it: exempt items only by number, unless the title was allowed out. */
export const publicItemTitle = (item: Pick<AgendaItem, 'exempt' | 'title_published' | 'title'>) =>
  !item.exempt || item.title_published ? item.title : 'Exempt item';

/**
 * A board's attendance statistics for the financial year named in `?year=2018-19`, by default the latest year in
 * which it held a meeting; with the years that may be chosen.
 */
export async function boardAttendance(
  db: Executor,
  partnershipId: number,
  boardId: number,
  yearParam?: string,
) {
  const [members, meetings, attendance] = await Promise.all([
    listMemberships(db, partnershipId, boardId),
    listMeetings(db, partnershipId, { boardId }),
    attendanceOfBoard(db, partnershipId, boardId),
  ]);
  const heldYears = [
    ...new Set(meetings.filter((m) => m.status === 'held').map((m) => financialYearOf(m.meetsOn))),
  ].sort((a, b) => a - b);
  const asked = yearParam ? parseFinancialYear(yearParam) : null;
  const year = asked ?? heldYears.at(-1) ?? financialYearOf(todayInLondon());
  const rows = attendanceStatistics(
    year,
    members.map((m) => ({
      id: m.id,
      name: m.person_name,
      organisationId: m.organisation_id,
      termFrom: m.termFrom,
      termTo: m.termTo,
    })),
    meetings.map((m) => ({ id: m.id, meetsOn: m.meetsOn, status: m.status })),
    attendance,
  );
  const held = meetings.filter((m) => m.status === 'held' && financialYearOf(m.meetsOn) === year).length;
  const cancelled = meetings.filter(
    (m) => m.status === 'cancelled' && financialYearOf(m.meetsOn) === year,
  ).length;
  return {
    year,
    yearLabel: financialYearLabel(year),
    years: heldYears.map((y) => ({ value: financialYearLabel(y), current: y === year })),
    rows,
    held,
    cancelled,
  };
}
