/**
 * Who chairs each meeting. A joint board's chair often rotates between the partners (Southampton: "Chairing the
 * board will rotate between a representative from the council and the CCG", DOMAIN.md §7): meeting by meeting,
 * by municipal year, or to a fixed schedule. Under a rotation each partner names the member who takes the chair on
 * its turn (a membership with the role of chair from that partner).
 */
import type { IsoDate } from '../../kernel/dates.js';
import { serves } from './rules.js';

export const CHAIR_ROTATIONS = {
  fixed: 'No rotation: the board’s chair takes every meeting',
  each_meeting: 'Alternates between the partners at each meeting',
  municipal_year: 'Alternates between the partners each municipal year',
  schedule: 'Follows a fixed schedule of dates',
} as const;
export type ChairRotationKind = keyof typeof CHAIR_ROTATIONS;

/** A rotation, with the partners in the order they take the chair (or the dated turns of a schedule). */
export type ChairRotation =
  | { kind: 'fixed' }
  | { kind: 'each_meeting'; order: number[]; startsOn: IsoDate }
  | { kind: 'municipal_year'; order: number[]; startsOn: IsoDate; yearStartMonth: number }
  | { kind: 'schedule'; turns: { from: IsoDate; organisationId: number }[] };

export interface ChairCandidate {
  membershipId: number;
  name: string;
  organisationId: number;
  termFrom: IsoDate;
  termTo: IsoDate | null;
}

export interface MeetingForRotation {
  id: number;
  meetsOn: IsoDate;
  startsAt: string;
  cancelled: boolean;
}

export interface ChairOfMeeting {
  meetingId: number;
  organisationId: number | null;
  chair: { membershipId: number; name: string } | null;
  /** Why this partner has the chair, e.g. `turn 3 of the rotation (meeting by meeting)`. */
  explanation: string;
}

/** The municipal year a date falls in, named by the calendar year it starts in (May to April by default). */
export function municipalYearOf(date: IsoDate, yearStartMonth = 5): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= yearStartMonth ? year : year - 1;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

function partnerFor(
  rotation: ChairRotation,
  meeting: MeetingForRotation,
  turn: number,
): { organisationId: number | null; explanation: string } {
  switch (rotation.kind) {
    case 'fixed':
      return { organisationId: null, explanation: 'the board’s chair (no rotation)' };
    case 'each_meeting': {
      if (rotation.order.length === 0 || meeting.meetsOn < rotation.startsOn)
        return { organisationId: null, explanation: 'before the rotation starts' };
      return {
        organisationId: rotation.order[mod(turn, rotation.order.length)] ?? null,
        explanation: `meeting ${turn + 1} of the rotation, which alternates at each meeting`,
      };
    }
    case 'municipal_year': {
      if (rotation.order.length === 0 || meeting.meetsOn < rotation.startsOn)
        return { organisationId: null, explanation: 'before the rotation starts' };
      const first = municipalYearOf(rotation.startsOn, rotation.yearStartMonth);
      const year = municipalYearOf(meeting.meetsOn, rotation.yearStartMonth);
      return {
        organisationId: rotation.order[mod(year - first, rotation.order.length)] ?? null,
        explanation: `municipal year ${year}-${String((year + 1) % 100).padStart(2, '0')}, which alternates each year`,
      };
    }
    case 'schedule': {
      const turnNow = rotation.turns
        .filter((t) => t.from <= meeting.meetsOn)
        .sort((a, b) => a.from.localeCompare(b.from))
        .at(-1);
      return turnNow
        ? { organisationId: turnNow.organisationId, explanation: `the schedule’s turn from ${turnNow.from}` }
        : { organisationId: null, explanation: 'before the schedule’s first turn' };
    }
  }
}

/**
 * The chair of each meeting, in the order given back sorted by date. Cancelled meetings take no turn and have no
 * chair. When the partner whose turn it is has no chair serving on the day, the chair is null and the explanation
 * says so, so that the officer can fill the gap.
 */
export function chairsForMeetings(
  rotation: ChairRotation,
  meetings: readonly MeetingForRotation[],
  chairs: readonly ChairCandidate[],
): ChairOfMeeting[] {
  const sorted = [...meetings].sort(
    (a, b) => a.meetsOn.localeCompare(b.meetsOn) || a.startsAt.localeCompare(b.startsAt) || a.id - b.id,
  );
  let turn = 0;
  return sorted.map((meeting) => {
    if (meeting.cancelled)
      return {
        meetingId: meeting.id,
        organisationId: null,
        chair: null,
        explanation: 'cancelled: takes no turn',
      };
    const { organisationId, explanation } = partnerFor(rotation, meeting, turn);
    if (rotation.kind === 'each_meeting' && meeting.meetsOn >= rotation.startsOn) turn += 1;
    const serving = chairs.filter(
      (c) => serves(c, meeting.meetsOn) && (organisationId === null || c.organisationId === organisationId),
    );
    const chair = rotation.kind === 'fixed' || organisationId !== null ? serving[0] : undefined;
    return {
      meetingId: meeting.id,
      organisationId: organisationId ?? chair?.organisationId ?? null,
      chair: chair ? { membershipId: chair.membershipId, name: chair.name } : null,
      explanation: chair ? explanation : `${explanation}; no chair serving on the day`,
    };
  });
}
