/**
 * England and Wales bank holidays, computed for any year from 1978 (when the early May bank holiday began),
 * with the one-off changes made by royal proclamation kept as data (DOMAIN.md section 5), so that a new
 * jubilee, coronation or funeral is a row, not a code change.
 */
import { addDays, isoDate, type IsoDate } from './dates.js';

/** A bank holiday as GOV.UK lists it. */
export interface BankHoliday {
  date: IsoDate;
  name: string;
}

/**
 * A one-off change declared by proclamation: an `extra` bank holiday, or a regular one `moved` from the date it
 * `replaces` to a new date.
 */
export type BankHolidayChange =
  | { kind: 'extra'; date: IsoDate; name: string }
  | { kind: 'moved'; date: IsoDate; name: string; replaces: IsoDate };

/** The first year the regular pattern below describes: the early May bank holiday began in 1978. */
export const FIRST_RULE_YEAR = 1978;
/** The last year an ISO date can hold. */
export const LAST_RULE_YEAR = 9999;

const extra = (date: string, name: string): BankHolidayChange => ({
  kind: 'extra',
  date: isoDate(date),
  name,
});
const moved = (date: string, replaces: string, name: string): BankHolidayChange => ({
  kind: 'moved',
  date: isoDate(date),
  replaces: isoDate(replaces),
  name,
});

/** One-off changes declared by proclamation since 1978. Callers may pass further changes to any function. */
export const PROCLAIMED_CHANGES: readonly BankHolidayChange[] = [
  extra('1981-07-29', 'Royal wedding of the Prince of Wales and Lady Diana Spencer'),
  moved('1995-05-08', '1995-05-01', 'Early May bank holiday (50th anniversary of VE Day)'),
  extra('1999-12-31', 'Millennium bank holiday'),
  moved('2002-06-04', '2002-05-27', 'Spring bank holiday'),
  extra('2002-06-03', "Queen's Golden Jubilee"),
  extra('2011-04-29', 'Royal wedding of Prince William and Catherine Middleton'),
  moved('2012-06-04', '2012-05-28', 'Spring bank holiday'),
  extra('2012-06-05', "Queen's Diamond Jubilee"),
  moved('2020-05-08', '2020-05-04', 'Early May bank holiday (VE Day)'),
  moved('2022-06-02', '2022-05-30', 'Spring bank holiday'),
  extra('2022-06-03', 'Platinum Jubilee bank holiday'),
  extra('2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'),
  extra('2023-05-08', 'Bank holiday for the coronation of King Charles III'),
];

/** The day of the week, 0 for Sunday to 6 for Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const SUNDAY = 0;
const MONDAY = 1;
const SATURDAY = 6;

function ymd(year: number, month: number, day: number): IsoDate {
  return isoDate(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

function firstMonday(year: number, month: number): IsoDate {
  const first = ymd(year, month, 1);
  return addDays(first, (MONDAY - dayOfWeek(first) + 7) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = addDays(ymd(month === 12 ? year + 1 : year, (month % 12) + 1, 1), -1);
  return addDays(last, -((dayOfWeek(last) - MONDAY + 7) % 7));
}

const SUBSTITUTE = ' (substitute day)';

/** Christmas Day and Boxing Day, each moved to the next free weekday when it falls at a weekend. */
function christmasHolidays(year: number): BankHoliday[] {
  const christmas = ymd(year, 12, 25);
  const boxingDay = ymd(year, 12, 26);
  switch (dayOfWeek(christmas)) {
    case SATURDAY:
      return [
        { date: ymd(year, 12, 27), name: `Christmas Day${SUBSTITUTE}` },
        { date: ymd(year, 12, 28), name: `Boxing Day${SUBSTITUTE}` },
      ];
    case SUNDAY:
      // Boxing Day keeps its own Monday, so Christmas's substitute is the Tuesday.
      return [
        { date: boxingDay, name: 'Boxing Day' },
        { date: ymd(year, 12, 27), name: `Christmas Day${SUBSTITUTE}` },
      ];
    case 5: // Friday: Boxing Day falls on the Saturday.
      return [
        { date: christmas, name: 'Christmas Day' },
        { date: ymd(year, 12, 28), name: `Boxing Day${SUBSTITUTE}` },
      ];
    default:
      return [
        { date: christmas, name: 'Christmas Day' },
        { date: boxingDay, name: 'Boxing Day' },
      ];
  }
}

/** The regular pattern, before any proclamation. */
function regularBankHolidays(year: number): BankHoliday[] {
  const newYear = ymd(year, 1, 1);
  const newYearShift = dayOfWeek(newYear) === SATURDAY ? 2 : dayOfWeek(newYear) === SUNDAY ? 1 : 0;
  const easter = easterSunday(year);
  return [
    { date: addDays(newYear, newYearShift), name: `New Year's Day${newYearShift ? SUBSTITUTE : ''}` },
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
    ...christmasHolidays(year),
  ];
}

function assertRuleYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_RULE_YEAR || year > LAST_RULE_YEAR) {
    throw new RangeError(
      `Bank holidays are known for the years ${FIRST_RULE_YEAR} to ${LAST_RULE_YEAR}, not ${year}`,
    );
  }
}

function compute(year: number, changes: readonly BankHolidayChange[]): BankHoliday[] {
  const inYear = (date: IsoDate): boolean => date.startsWith(`${String(year).padStart(4, '0')}-`);
  const replaced = new Set(changes.flatMap((c) => (c.kind === 'moved' ? [c.replaces] : [])));
  const byDate = new Map<IsoDate, BankHoliday>();
  for (const holiday of regularBankHolidays(year)) {
    if (!replaced.has(holiday.date)) byDate.set(holiday.date, holiday);
  }
  for (const change of changes) {
    if (inYear(change.date)) byDate.set(change.date, { date: change.date, name: change.name });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const defaultCache = new Map<number, readonly BankHoliday[]>();

/**
 * The bank holidays in England and Wales in a calendar year, in date order, after the proclaimed changes and
 * any `extraChanges` a partner has recorded (for example a proclamation made after this release).
 */
export function bankHolidaysInYear(
  year: number,
  extraChanges: readonly BankHolidayChange[] = [],
): BankHoliday[] {
  assertRuleYear(year);
  if (extraChanges.length > 0) return compute(year, [...PROCLAIMED_CHANGES, ...extraChanges]);
  let cached = defaultCache.get(year);
  if (!cached) {
    cached = compute(year, PROCLAIMED_CHANGES);
    defaultCache.set(year, cached);
  }
  return [...cached];
}

/** The bank holiday falling on a date, or undefined on an ordinary day. */
export function bankHolidayOn(
  date: IsoDate,
  extraChanges: readonly BankHolidayChange[] = [],
): BankHoliday | undefined {
  return bankHolidaysInYear(Number(date.slice(0, 4)), extraChanges).find((h) => h.date === date);
}

/** True when a date is a bank holiday in England and Wales. */
export function isBankHoliday(date: IsoDate, extraChanges: readonly BankHolidayChange[] = []): boolean {
  return bankHolidayOn(date, extraChanges) !== undefined;
}
