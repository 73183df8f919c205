/**
 * The record of a meeting's conduct, as pure functions: reading the attendance form, each member's attendance
 * over a year (April to March, cancelled meetings left out) and the skeleton of the draft minutes (DOMAIN.md §5-§7).
 */
import { financialYearBounds, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { PresenceKind } from './tables.js';
import type { ConflictAction, Vote } from '../boards/index.js';

export const PRESENCE_KINDS: Record<PresenceKind, string> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
  substitute: 'Substitute attended',
};

export const CONFLICT_ACTIONS: Record<ConflictAction, string> = {
  noted: 'Noted: took part',
  'did-not-vote': 'Stayed but did not vote',
  'left-room': 'Left the room',
  dispensation: 'Took part under a dispensation',
};

export const VOTES: Record<Vote, string> = { for: 'For', against: 'Against', abstain: 'Abstained' };

export interface AttendanceChoice {
  membershipId: number;
  presence: PresenceKind;
  substituteName: string;
}

/**
 * Reads the attendance form: one radio group per member serving on the day (`presence-<id>`), valued present,
 * apologies, absent or `substitute-<n>` for the member's n-th named substitute.
 */
export function readAttendance(
  members: readonly { id: number; person_name: string; substitutes: readonly { name: string }[] }[],
  body: Record<string, unknown>,
): { ok: true; value: AttendanceChoice[] } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const value: AttendanceChoice[] = [];
  for (const m of members) {
    const raw = body[`presence-${m.id}`];
    const choice = typeof raw === 'string' ? raw : '';
    const sub = /^substitute-(\d+)$/.exec(choice);
    if (choice === 'present' || choice === 'apologies' || choice === 'absent')
      value.push({ membershipId: m.id, presence: choice, substituteName: '' });
    else if (sub && m.substitutes[Number(sub[1])])
      value.push({
        membershipId: m.id,
        presence: 'substitute',
        substituteName: m.substitutes[Number(sub[1])]?.name ?? '',
      });
    else
      problems[`presence-${m.id}`] = sub
        ? `Select one of ${m.person_name}’s named substitutes`
        : `Select whether ${m.person_name} was present, sent apologies, was absent or sent a substitute`;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value };
}

export interface StatsMember {
  id: number;
  name: string;
  organisationId: number;
  termFrom: IsoDate;
  termTo: IsoDate | null;
}

export interface StatsMeeting {
  id: number;
  meetsOn: IsoDate;
  status: 'scheduled' | 'agenda_published' | 'held' | 'cancelled';
}

export interface MemberAttendance {
  membershipId: number;
  name: string;
  organisationId: number;
  expected: number;
  attended: number;
  substitute: number;
  apologies: number;
  absent: number;
  notRecorded: number;
  /** Attended in person as a whole percentage of the meetings expected, or null when none were. */
  percentage: number | null;
}

/**
 * Each member's attendance in the year starting 1 April `year`: the meetings held while they served (cancelled and
 * not yet held meetings are not expected of anyone), and how they attended each.
 */
export function attendanceStatistics(
  year: number,
  members: readonly StatsMember[],
  meetings: readonly StatsMeeting[],
  attendance: readonly { meetingId: number; membershipId: number; presence: PresenceKind }[],
): MemberAttendance[] {
  const { startsOn, endsOn } = financialYearBounds(year);
  const held = meetings.filter((m) => m.status === 'held' && m.meetsOn >= startsOn && m.meetsOn <= endsOn);
  const recorded = new Map(attendance.map((a) => [`${a.meetingId}:${a.membershipId}`, a.presence]));
  return members
    .filter((m) => m.termFrom <= endsOn && (m.termTo === null || m.termTo >= startsOn))
    .map((m) => {
      const expectedOf = held.filter(
        (h) => m.termFrom <= h.meetsOn && (m.termTo === null || h.meetsOn <= m.termTo),
      );
      const counts = { present: 0, substitute: 0, apologies: 0, absent: 0, none: 0 };
      for (const h of expectedOf) counts[recorded.get(`${h.id}:${m.id}`) ?? 'none'] += 1;
      return {
        membershipId: m.id,
        name: m.name,
        organisationId: m.organisationId,
        expected: expectedOf.length,
        attended: counts.present,
        substitute: counts.substitute,
        apologies: counts.apologies,
        absent: counts.absent,
        notRecorded: counts.none,
        percentage: expectedOf.length === 0 ? null : Math.round((100 * counts.present) / expectedOf.length),
      };
    });
}

export interface SkeletonItem {
  kind: string;
  declarations: { who: string; interest: string; action: ConflictAction; dispensation: string }[];
  motion: { text: string; mover: string; seconder: string } | null;
  votes: { who: string; vote: Vote }[];
  outcome: string | null;
  quorumShortfall: string | null;
  decision: string | null;
}

const list = (names: string[]) => (names.length === 0 ? 'none' : names.join(', '));

/** The generated text of one item's minute, which the officer then edits. */
export function minuteSkeleton(item: SkeletonItem): string {
  const lines: string[] = [];
  for (const d of item.declarations) {
    const action = {
      noted: 'The declaration was noted and they took part.',
      'did-not-vote': 'They stayed in the room but did not vote.',
      'left-room': 'They left the room while the item was considered.',
      dispensation: `They took part under dispensation ${d.dispensation}.`,
    }[d.action];
    lines.push(`${d.who} declared an interest: ${d.interest}. ${action}`);
  }
  if (item.quorumShortfall) lines.push(`The Board was not quorate for this item: ${item.quorumShortfall}.`);
  if (item.motion)
    lines.push(
      `Motion: ${item.motion.text} Moved by ${item.motion.mover}, seconded by ${item.motion.seconder}.`,
    );
  if (item.votes.length > 0) {
    const by = (v: Vote) => list(item.votes.filter((x) => x.vote === v).map((x) => x.who));
    lines.push(`Recorded votes. For: ${by('for')}. Against: ${by('against')}. Abstained: ${by('abstain')}.`);
  }
  if (item.outcome) lines.push(`${item.outcome}.`);
  if (item.decision) lines.push(`RESOLVED: ${item.decision}`);
  if (lines.length === 0 && item.kind === 'information') lines.push('The Board noted the report.');
  return lines.join('\n\n');
}

/**
 * Why attendance may not be recorded for a meeting today, or null when it may: the meeting must not be cancelled,
 * its agenda must have been published, and its date must have come. Recording attendance marks it held.
 */
export function attendanceRefusal(
  meeting: { meetsOn: IsoDate; status: StatsMeeting['status'] },
  today: IsoDate,
  longDate: (d: IsoDate) => string,
): string | null {
  if (meeting.status === 'cancelled') return 'The meeting was cancelled, so no attendance can be recorded';
  if (meeting.status === 'scheduled')
    return 'The agenda of this meeting was never published, so it cannot have been held: publish the agenda first';
  if (meeting.meetsOn > today)
    return `Attendance can be recorded from the day of the meeting, ${longDate(meeting.meetsOn)}`;
  return null;
}
