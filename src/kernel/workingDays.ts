/**
 * Clear days and clear working days (DOMAIN.md section 5). A clear day excludes both the day of publication and
 * the day of the meeting or decision; a working day is a weekday that is not an England and Wales bank holiday,
 * including those declared by proclamation (see bankHolidays.ts).
 */
import { bankHolidayOn, dayOfWeek, type BankHolidayChange } from './bankHolidays.js';
import { addDays, type IsoDate } from './dates.js';

/** How a notice period is counted: every calendar day, or only working days. */
export type DayCounting = 'clear-days' | 'clear-working-days';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function monthName(date: IsoDate): string {
  return MONTHS[Number(date.slice(5, 7)) - 1] ?? '';
}

function dayNumber(date: IsoDate): number {
  return Number(date.slice(8, 10));
}

/** `Tue 15 Oct 2013`, the short form used in notices and explanations. */
export function formatShortDate(date: IsoDate): string {
  return `${WEEKDAYS[dayOfWeek(date)] ?? ''} ${dayNumber(date)} ${monthName(date)} ${date.slice(0, 4)}`;
}

/** True on a Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** True on a weekday that is not a bank holiday in England and Wales. */
export function isWorkingDay(date: IsoDate, changes: readonly BankHolidayChange[] = []): boolean {
  return !isWeekend(date) && bankHolidayOn(date, changes) === undefined;
}

/** The first working day after a date. */
export function nextWorkingDay(date: IsoDate, changes: readonly BankHolidayChange[] = []): IsoDate {
  let day = addDays(date, 1);
  while (!isWorkingDay(day, changes)) day = addDays(day, 1);
  return day;
}

/** The last working day before a date. */
export function previousWorkingDay(date: IsoDate, changes: readonly BankHolidayChange[] = []): IsoDate {
  let day = addDays(date, -1);
  while (!isWorkingDay(day, changes)) day = addDays(day, -1);
  return day;
}

/** The days strictly between two dates (excluding both), in order, whichever date is given first. */
export function daysStrictlyBetween(a: IsoDate, b: IsoDate): IsoDate[] {
  const [from, to] = a <= b ? [a, b] : [b, a];
  const days: IsoDate[] = [];
  for (let day = addDays(from, 1); day < to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The number of clear days between two dates: the days strictly between, excluding both ends. */
export function clearDaysBetween(a: IsoDate, b: IsoDate): number {
  const [from, to] = a <= b ? [a, b] : [b, a];
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000) - 1);
}

/** The number of clear working days between two dates: working days strictly between, excluding both ends. */
export function clearWorkingDaysBetween(
  a: IsoDate,
  b: IsoDate,
  changes: readonly BankHolidayChange[] = [],
): number {
  return daysStrictlyBetween(a, b).filter((day) => isWorkingDay(day, changes)).length;
}

function assertDayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`A number of clear days must be a whole number: ${n}`);
}

/** The first date after `n` clear days have passed since `from`: `from` + n + 1. */
export function addClearDays(from: IsoDate, n: number): IsoDate {
  assertDayCount(n);
  return addDays(from, n + 1);
}

/** The first working day after `n` clear working days have passed since `from`. */
export function addClearWorkingDays(
  from: IsoDate,
  n: number,
  changes: readonly BankHolidayChange[] = [],
): IsoDate {
  assertDayCount(n);
  let day = from;
  for (let counted = 0; counted <= n; counted += 1) day = nextWorkingDay(day, changes);
  return day;
}

/**
 * The last day one may publish so that `n` clear (working) days lie between publication and the event. When
 * counting working days the answer is itself a working day, because publication is an act of the council's
 * offices; counting calendar days it may fall at a weekend.
 */
export function latestDateWithClearDaysBefore(
  event: IsoDate,
  n: number,
  working: boolean,
  changes: readonly BankHolidayChange[] = [],
): IsoDate {
  assertDayCount(n);
  if (!working) return addDays(event, -(n + 1));
  let day = event;
  for (let counted = 0; counted <= n; counted += 1) day = previousWorkingDay(day, changes);
  return day;
}

/** `16, 17, 18, 21, 22 Oct`, or `30, 31 Dec, 2, 3 Jan` across a month end. */
export function formatDayList(days: readonly IsoDate[]): string {
  const groups: { month: string; days: number[] }[] = [];
  for (const day of days) {
    const month = monthName(day);
    const last = groups.at(-1);
    if (last?.month === month) last.days.push(dayNumber(day));
    else groups.push({ month, days: [dayNumber(day)] });
  }
  return groups.map((g) => `${g.days.join(', ')} ${g.month}`).join(', ');
}

/** What an explanation of a clear-days count needs: the two ends, how to label them and how days are counted. */
export interface ClearDaysExplanation {
  from: IsoDate;
  to: IsoDate;
  counting: DayCounting;
  /** e.g. `published`, `publish by`. */
  fromLabel: string;
  /** e.g. `effective`, `meeting`. */
  toLabel: string;
  changes?: readonly BankHolidayChange[];
}

/**
 * Spells out a count an officer can check by hand, e.g. `published Tue 15 Oct 2013; 5 clear working days: 16,
 * 17, 18, 21, 22 Oct; effective Wed 23 Oct 2013`, naming any bank holiday passed over.
 */
export function explainClearDays({
  from,
  to,
  counting,
  fromLabel,
  toLabel,
  changes = [],
}: ClearDaysExplanation): string {
  const between = daysStrictlyBetween(from, to);
  const working = counting === 'clear-working-days';
  const counted = working ? between.filter((day) => isWorkingDay(day, changes)) : between;
  const unit = `clear ${working ? 'working ' : ''}day${counted.length === 1 ? '' : 's'}`;
  const parts = [
    `${fromLabel} ${formatShortDate(from)}`,
    counted.length === 0 ? `no ${unit}` : `${counted.length} ${unit}: ${formatDayList(counted)}`,
  ];
  if (working) {
    const holidays = between.flatMap((day) => {
      const holiday = bankHolidayOn(day, changes);
      return holiday && !isWeekend(day) ? [`${formatShortDate(day)} (${holiday.name})`] : [];
    });
    if (holidays.length > 0) parts.push(`bank holidays not counted: ${holidays.join(', ')}`);
  }
  parts.push(`${toLabel} ${formatShortDate(to)}`);
  return parts.join('; ');
}
