/**
 * The forms of meetings and the monthly schedule (agenda items are in agendaItemSchema.ts): each reader returns the
 * typed input or the problems keyed by field, for the GOV.UK error summary.
 */
import { z } from 'zod';
import {
  field,
  finish,
  optional,
  problemsFromZod,
  readDateInput,
  wholeNumber,
  type FormBody,
  type Parsed,
} from '../../kernel/forms.js';
import { isoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { WEEK_OF_MONTH, WEEKDAYS, type MonthlyPattern, type WeekOfMonth, type Weekday } from './schedule.js';
import type { MeetingInput } from './store.js';

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
