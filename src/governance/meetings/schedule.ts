/**
 * A board's meeting calendar: a run of monthly meetings on a given weekday of the month (Southampton's board
 * "will meet monthly in public from April 2018"), moved off bank holidays.
 */
import { dayOfWeek, bankHolidayOn, type BankHolidayChange } from '../../kernel/bankHolidays.js';
import { addDays, isoDate, type IsoDate } from '../../kernel/dates.js';
import { formatShortDate, nextWorkingDay } from '../../kernel/workingDays.js';

export const WEEKDAYS = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
} as const;
export type Weekday = 1 | 2 | 3 | 4 | 5;

/** Which of the month's weekdays: the first to the fourth, or the last. */
export const WEEK_OF_MONTH = { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', last: 'Last' } as const;
export type WeekOfMonth = 1 | 2 | 3 | 4 | 'last';

export interface MonthlyPattern {
  /** The first month, `YYYY-MM`. */
  fromMonth: string;
  months: number;
  weekday: Weekday;
  week: WeekOfMonth;
}

export interface ScheduledDate {
  date: IsoDate;
  /** Set when the date was moved off a bank holiday, saying from where. */
  note: string | null;
}

function monthStart(fromMonth: string, offset: number): IsoDate {
  const [y, m] = fromMonth.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  const year = Math.floor(index / 12);
  return isoDate(`${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`);
}

/** The nth (or last) given weekday of the month that starts on `first`. */
export function weekdayOfMonth(first: IsoDate, weekday: Weekday, week: WeekOfMonth): IsoDate {
  const firstMatch = addDays(first, (weekday - dayOfWeek(first) + 7) % 7);
  if (week !== 'last') return addDays(firstMatch, 7 * (week - 1));
  let last = firstMatch;
  while (addDays(last, 7).slice(0, 7) === first.slice(0, 7)) last = addDays(last, 7);
  return last;
}

/** The dates of a monthly run of meetings, each on the pattern's weekday, moved to the next working day off a bank holiday. */
export function monthlyMeetingDates(
  pattern: MonthlyPattern,
  changes: readonly BankHolidayChange[] = [],
): ScheduledDate[] {
  const dates: ScheduledDate[] = [];
  for (let i = 0; i < pattern.months; i += 1) {
    const date = weekdayOfMonth(monthStart(pattern.fromMonth, i), pattern.weekday, pattern.week);
    const holiday = bankHolidayOn(date, changes);
    if (holiday === undefined) dates.push({ date, note: null });
    else {
      const moved = nextWorkingDay(date, changes);
      dates.push({ date: moved, note: `moved from ${formatShortDate(date)} (${holiday.name})` });
    }
  }
  return dates;
}
