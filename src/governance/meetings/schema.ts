/**
 * The forms of meetings and the monthly schedule (agenda items are in agendaItemSchema.ts), each a zod schema read
 * by `parseForm`: the typed input, or the problems keyed by field for the GOV.UK error summary.
 */
import { z } from 'zod';
import { dateInput, optional, parseForm, wholeNumber, type Parsed } from '../../kernel/forms.js';
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

/** A meeting needs somewhere to be: a venue, an online link, or both. */
const somewhere = (v: { venue: string; onlineLink: string }, ctx: z.RefinementCtx) => {
  if (v.venue === '' && v.onlineLink === '')
    ctx.addIssue({ code: 'custom', path: ['venue'], message: 'Enter the venue, or an online link, or both' });
};

const meetingSchema = z
  .object({ meetsOn: dateInput('the date of the meeting', { required: true }), ...place })
  .superRefine(somewhere);

export const readMeetingForm = (body: unknown): Parsed<MeetingInput> =>
  parseForm(meetingSchema, body, (m) => ({
    meetsOn: m.meetsOn,
    startsAt: padTime(m.startsAt),
    venue: m.venue,
    onlineLink: m.onlineLink,
  }));

const scheduleSchema = z
  .object({
    fromMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter the first month as a year and month, like 2018-04'),
    months: wholeNumber('the number of months', 1, 24),
    weekday: z.enum(['1', '2', '3', '4', '5'], { error: 'Select the day of the week' }),
    week: z.enum(['1', '2', '3', '4', 'last'], { error: 'Select which week of the month' }),
    ...place,
  })
  .superRefine(somewhere);

export const readScheduleForm = (
  body: unknown,
): Parsed<{ pattern: MonthlyPattern; place: Omit<MeetingInput, 'meetsOn'> }> =>
  parseForm(scheduleSchema, body, (b) => ({
    pattern: {
      fromMonth: b.fromMonth,
      months: b.months,
      weekday: Number(b.weekday) as Weekday,
      week: (b.week === 'last' ? 'last' : Number(b.week)) as WeekOfMonth,
    },
    place: { startsAt: padTime(b.startsAt), venue: b.venue, onlineLink: b.onlineLink },
  }));

export const SCHEDULE_CHOICES = { weekdays: WEEKDAYS, weeks: WEEK_OF_MONTH };
