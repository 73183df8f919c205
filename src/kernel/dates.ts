/**
 * Calendar dates and the financial year. Dates are ISO `YYYY-MM-DD` strings (SQL `date`), never Date objects
 * at a time zone's mercy. The financial year runs 1 April to 31 March in twelve periods, P1 = April
 * (DESIGN.md, "Data").
 */
declare const isoDateBrand: unique symbol;
export type IsoDate = string & { readonly [isoDateBrand]: true };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as `YYYY-MM-DD` (so `2023-02-29` is false). */
export function isIsoDate(text: string): text is IsoDate {
  const m = ISO.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Guards a date string, throwing when it is not a real `YYYY-MM-DD` date. */
export function isoDate(text: string): IsoDate {
  if (!isIsoDate(text)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${text}`);
  return text;
}

/** The ISO date of a UTC calendar day. */
export function isoDateOfUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10) as IsoDate;
}

/** Adds whole days to a date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDateOfUtc(d);
}

/** Today's date in Europe/London, where the partnerships keep their records. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now) as IsoDate;
}

/** The financial year a date falls in, named by the calendar year it starts in (2017 for 2017-18). */
export function financialYearOf(date: IsoDate): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** `2017-18` for the year starting 1 April 2017. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Reads `2017-18` or `2017/18` back to its start year, or null when it is not a financial year. */
export function parseFinancialYear(text: string): number | null {
  const m = /^(\d{4})[-/](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : null;
}

/** The first and last days of a financial year. */
export function financialYearBounds(startYear: number): { startsOn: IsoDate; endsOn: IsoDate } {
  return { startsOn: isoDate(`${startYear}-04-01`), endsOn: isoDate(`${startYear + 1}-03-31`) };
}

/** The accounting period of a date: P1 is April, P12 is March. */
export function periodOf(date: IsoDate): number {
  const m = Number(date.slice(5, 7));
  return ((m + 8) % 12) + 1;
}

const LONG = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `15 October 2013`, as GOV.UK writes dates. */
export function formatLongDate(date: IsoDate | string): string {
  return LONG.format(new Date(`${date}T00:00:00Z`));
}
