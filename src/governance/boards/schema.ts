/**
 * The forms of boards, memberships, meetings and the monthly schedule (agenda items are in agendaItemSchema.ts):
 * each reader returns the typed input or the problems keyed by field, for the GOV.UK error summary.
 */
import { z } from 'zod';
import { field, problemsFromZod, readDateInput, type FormBody } from '../../kernel/forms.js';
import { isoDate, isIsoDate, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { CHAIR_ROTATIONS } from './chairRotation.js';
import { BOARD_KINDS, MEMBER_ROLES, type MembershipInput } from './rules.js';
import { WEEK_OF_MONTH, WEEKDAYS, type MonthlyPattern, type WeekOfMonth, type Weekday } from '../meetings/schedule.js';
import type { BoardInput } from './store.js';
import type { MeetingInput } from '../meetings/store.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

export const keys = <T extends object>(o: T) =>
  Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
export const text = (what: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
export const optional = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`);
const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${what} as a whole number` })
    .int(`Enter ${what} as a whole number`)
    .min(min, `Enter ${what} from ${min} to ${max}`)
    .max(max, `Enter ${what} from ${min} to ${max}`);

/** The typed value built from the parsed fields, or the problems when the fields or anything else failed. */
export function finish<D, T>(
  base: { success: true; data: D } | { success: false },
  problems: FieldProblems,
  value: (data: D) => T,
): Parsed<T> {
  if (!base.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: value(base.data) };
}

const boardSchema = z.object({
  name: text('the board’s name'),
  kind: z.enum(keys(BOARD_KINDS), { error: 'Select the kind of board' }),
  legalBasis: optional('Legal basis', 500),
  description: optional('Description', 2000),
  rotation: z.enum(keys(CHAIR_ROTATIONS), { error: 'Select how the chair is chosen' }),
  quorumTotal: wholeNumber('the quorum in total', 1, 50),
  quorumPerPartner: wholeNumber('the quorum from each partner', 0, 20),
});

/** One dated turn a line, `2018-04-01 Southampton City Council`, matched to a partner by name or short name. */
function readTurns(
  raw: string,
  partners: readonly { id: number; name: string; short_name: string | null }[],
): { turns: { organisationId: number; startsOn: IsoDate }[]; problem?: string } {
  const turns: { organisationId: number; startsOn: IsoDate }[] = [];
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line);
    const date = m?.[1] ?? '';
    const who = (m?.[2] ?? '').trim().toLowerCase();
    if (!m || !isIsoDate(date))
      return {
        turns,
        problem: `Line ${i + 1}: start each line with a date like 2018-04-01, then the partner`,
      };
    const partner = partners.find((p) => p.name.toLowerCase() === who || p.short_name?.toLowerCase() === who);
    if (!partner) return { turns, problem: `Line ${i + 1}: “${m[2] ?? ''}” is not one of the partners` };
    turns.push({ organisationId: partner.id, startsOn: isoDate(date) });
  }
  return { turns: turns.sort((a, b) => a.startsOn.localeCompare(b.startsOn)) };
}

export function readBoardForm(
  body: FormBody,
  partners: readonly { id: number; name: string; short_name: string | null }[],
): Parsed<BoardInput> {
  const problems: FieldProblems = {};
  const base = boardSchema.safeParse(
    Object.fromEntries(Object.keys(boardSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const startsOn = readDateInput(body, 'rotationStartsOn', 'the date the rotation starts');
  if (startsOn.problem) problems.rotationStartsOn = startsOn.problem;
  const rotation = base.success ? base.data.rotation : null;
  let turns: { organisationId: number; startsOn: IsoDate | null }[] = [];
  if (rotation === 'each_meeting' || rotation === 'municipal_year') {
    if (!startsOn.problem && startsOn.value === null)
      problems.rotationStartsOn = 'Enter the date the rotation starts';
    const first = Number(field(body, 'firstChair'));
    if (!partners.some((p) => p.id === first))
      problems.firstChair = 'Select the partner that takes the chair first';
    else
      turns = [first, ...partners.map((p) => p.id).filter((id) => id !== first)].map((organisationId) => ({
        organisationId,
        startsOn: null,
      }));
  }
  if (rotation === 'schedule') {
    const read = readTurns(field(body, 'chairSchedule'), partners);
    if (read.problem) problems.chairSchedule = read.problem;
    else if (read.turns.length === 0)
      problems.chairSchedule = 'Enter at least one turn: a date, then the partner';
    turns = read.turns;
  }
  if (base.success && base.data.quorumPerPartner > base.data.quorumTotal)
    problems.quorumPerPartner = 'The quorum from each partner cannot be more than the quorum in total';
  return finish(base, problems, (b) => {
    return {
      name: b.name,
      kind: b.kind,
      legalBasis: b.legalBasis || BOARD_KINDS[b.kind].legalBasis,
      description: b.description,
      rotation: b.rotation,
      rotationStartsOn:
        b.rotation === 'each_meeting' || b.rotation === 'municipal_year' ? (startsOn.value as IsoDate) : null,
      municipalYearStartMonth: 5,
      turns,
      quorumTotal: b.quorumTotal,
      quorumPerPartner: b.quorumPerPartner,
    };
  });
}

const membershipSchema = z.object({
  personName: text('the member’s name'),
  organisationId: z.coerce
    .number({ error: 'Select the partner that nominated the member' })
    .int()
    .positive('Select the partner that nominated the member'),
  postHeld: optional('Post held', 200),
  nominatedBy: optional('Nominated by', 200),
  role: z.enum(keys(MEMBER_ROLES), { error: 'Select the member’s role on the board' }),
  voting: z.enum(['yes', 'no'], { error: 'Select whether the member has a vote' }),
  substitutes: optional('Substitutes', 2000),
});

/** Reads a membership; substitutes are one a line, `Name, post held`. */
export function readMembershipForm(body: FormBody): Parsed<MembershipInput> {
  const problems: FieldProblems = {};
  const base = membershipSchema.safeParse(
    Object.fromEntries(Object.keys(membershipSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const termFrom = readDateInput(body, 'termFrom', 'the start of the term', true);
  const termTo = readDateInput(body, 'termTo', 'the end of the term');
  if (termFrom.problem) problems.termFrom = termFrom.problem;
  if (termTo.problem) problems.termTo = termTo.problem;
  return finish(base, problems, (b) => {
    return {
      personName: b.personName,
      organisationId: b.organisationId,
      postHeld: b.postHeld,
      nominatedBy: b.nominatedBy,
      role: b.role,
      voting: b.voting === 'yes',
      termFrom: isoDate(termFrom.value ?? ''),
      termTo: termTo.value === null ? null : isoDate(termTo.value),
      substitutes: b.substitutes
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => {
          const [name = '', ...post] = l.split(',');
          return { name: name.trim(), postHeld: post.join(',').trim() };
        }),
    };
  });
}

const place = {
  startsAt: z
    .string()
    .trim()
    .regex(
      /^([01]?\d|2[0-3]):[0-5]\d$/,
      'Enter the start time as hours and minutes on the 24-hour clock, like 14:00',
    ),
  venue: optional('Venue', 300),
  onlineLink: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^https:\/\/\S+$/, 'Enter the online link as a web address starting https://'),
  ]),
};
const padTime = (t: string) => t.padStart(5, '0');

function placeProblems(venue: string, onlineLink: string): FieldProblems {
  return venue === '' && onlineLink === '' ? { venue: 'Enter the venue, or an online link, or both' } : {};
}

export function readMeetingForm(body: FormBody): Parsed<MeetingInput> {
  const problems: FieldProblems = {};
  const base = z.object(place).safeParse({
    startsAt: field(body, 'startsAt'),
    venue: field(body, 'venue'),
    onlineLink: field(body, 'onlineLink'),
  });
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  else Object.assign(problems, placeProblems(base.data.venue, base.data.onlineLink));
  const meetsOn = readDateInput(body, 'meetsOn', 'the date of the meeting', true);
  if (meetsOn.problem) problems.meetsOn = meetsOn.problem;
  return finish(base, problems, (b) => ({
    meetsOn: isoDate(meetsOn.value ?? ''),
    startsAt: padTime(b.startsAt),
    venue: b.venue,
    onlineLink: b.onlineLink,
  }));
}

const scheduleSchema = z.object({
  fromMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter the first month as a year and month, like 2018-04'),
  months: wholeNumber('the number of months', 1, 24),
  weekday: z.enum(['1', '2', '3', '4', '5'], { error: 'Select the day of the week' }),
  week: z.enum(['1', '2', '3', '4', 'last'], { error: 'Select which week of the month' }),
  ...place,
});

export function readScheduleForm(
  body: FormBody,
): Parsed<{ pattern: MonthlyPattern; place: Omit<MeetingInput, 'meetsOn'> }> {
  const problems: FieldProblems = {};
  const base = scheduleSchema.safeParse(
    Object.fromEntries(Object.keys(scheduleSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  else Object.assign(problems, placeProblems(base.data.venue, base.data.onlineLink));
  return finish(base, problems, (b) => {
    return {
      pattern: {
        fromMonth: b.fromMonth,
        months: b.months,
        weekday: Number(b.weekday) as Weekday,
        week: (b.week === 'last' ? 'last' : Number(b.week)) as WeekOfMonth,
      },
      place: { startsAt: padTime(b.startsAt), venue: b.venue, onlineLink: b.onlineLink },
    };
  });
}
export const SCHEDULE_CHOICES = { weekdays: WEEKDAYS, weeks: WEEK_OF_MONTH };
