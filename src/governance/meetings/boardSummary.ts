/**
 * What the board pages (internal and public) say about a board: its quorum rule and chair rotation in words, its
 * members grouped by the partner that nominated them, and the chair of each of its meetings.
 */
import type { Executor } from '../../db/connection.js';
import { chairsForMeetings, CHAIR_ROTATIONS, type ChairOfMeeting } from '../boards/index.js';
import { listMeetings } from './store.js';
import { rotationOf, type Board } from '../boards/index.js';
import { listMemberships, type Membership } from '../boards/index.js';
import { serves } from '../boards/index.js';
import { eligibleVoters, evaluateQuorum, type ItemConcern, type Seat } from '../boards/index.js';
import type { IsoDate } from '../../kernel/dates.js';

interface Partner {
  id: number;
  name: string;
  short_name: string | null;
}

/** `At least 4 voting members, including at least 2 from each partner`. */
export function describeQuorum(board: Pick<Board, 'quorum_total' | 'quorum_per_partner'>): string {
  const total = `At least ${board.quorum_total} voting member${board.quorum_total === 1 ? '' : 's'}`;
  return board.quorum_per_partner > 0
    ? `${total}, including at least ${board.quorum_per_partner} from each partner`
    : total;
}

/** The rotation in words, naming the partners in the order they take the chair. */
export function describeRotation(board: Board, partners: readonly Partner[]): string {
  const nameOf = (id: number) => partners.find((p) => p.id === id)?.name ?? `Organisation ${id}`;
  const rotation = rotationOf(board);
  switch (rotation.kind) {
    case 'fixed':
      return CHAIR_ROTATIONS.fixed;
    case 'each_meeting':
    case 'municipal_year':
      return `${CHAIR_ROTATIONS[rotation.kind]}, from ${rotation.startsOn}: ${rotation.order.map(nameOf).join(', then ')}`;
    case 'schedule':
      return `${CHAIR_ROTATIONS.schedule}: ${rotation.turns.map((t) => `${nameOf(t.organisationId)} from ${t.from}`).join('; ')}`;
  }
}

/** Memberships grouped by nominating partner, in the partners' order; `current` keeps those serving on `on`. */
export function membersByPartner(
  memberships: readonly Membership[],
  partners: readonly Partner[],
  on?: IsoDate,
) {
  return partners.map((p) => ({
    partner: p,
    members: memberships.filter((m) => m.organisation_id === p.id && (on === undefined || serves(m, on))),
  }));
}

/** The chair of every meeting of a board, keyed by meeting id. */
export async function chairsOfBoard(db: Executor, board: Board): Promise<Map<number, ChairOfMeeting>> {
  const [meetings, memberships] = await Promise.all([
    listMeetings(db, board.partnership_id, { boardId: board.id }),
    listMemberships(db, board.partnership_id, board.id),
  ]);
  const chairs = chairsForMeetings(
    rotationOf(board),
    meetings.map((m) => ({
      id: m.id,
      meetsOn: m.meetsOn,
      startsAt: m.starts_at,
      cancelled: m.status === 'cancelled',
    })),
    memberships
      .filter((m) => m.role === 'chair')
      .map((m) => ({
        membershipId: m.id,
        name: m.person_name,
        organisationId: m.organisation_id,
        termFrom: m.termFrom,
        termTo: m.termTo,
      })),
  );
  return new Map(chairs.map((c) => [c.meetingId, c]));
}

/** The seats of the members serving on a date, as quorum.ts reads them. */
export function seatsOn(memberships: readonly Membership[], on: IsoDate): Seat[] {
  return memberships
    .filter((m) => serves(m, on))
    .map((m) => ({
      membershipId: m.id,
      name: m.person_name,
      organisationId: m.organisation_id,
      voting: m.voting,
    }));
}

/** Whether the board could be quorate on a date with every member serving present, and what would be short. */
export function quorumWithEveryone(board: Board, partners: readonly Partner[], seats: readonly Seat[]) {
  return evaluateQuorum(
    { minimumTotal: board.quorum_total, minimumPerPartner: board.quorum_per_partner },
    partners.map((p) => p.id),
    seats,
    (id) => partners.find((p) => p.id === id)?.name ?? `organisation ${id}`,
  );
}

/** The members who may vote on an item with everyone present: voting members of the partners it concerns. */
export function votersFor(
  item: { functions: 'one' | 'several' | 'all'; organisationIds: number[] },
  partners: readonly Partner[],
  seats: readonly Seat[],
): Seat[] {
  const concern: ItemConcern =
    item.functions === 'all'
      ? { kind: 'all' }
      : item.functions === 'one'
        ? { kind: 'one', organisationId: item.organisationIds[0] ?? 0 }
        : { kind: 'several', organisationIds: item.organisationIds };
  return eligibleVoters(
    concern,
    partners.map((p) => p.id),
    seats,
  );
}
