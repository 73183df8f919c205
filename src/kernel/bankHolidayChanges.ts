/**
 * Checking a one-off bank holiday change before it is added to the database (DOMAIN.md §5: holidays declared by
 * proclamation are data, not code). The built-in changes in bankHolidays.ts stay as the seed; the database holds
 * the later ones, and every date computation is given both. Pure.
 */
import {
  bankHolidayOn,
  bankHolidaysInYear,
  FIRST_RULE_YEAR,
  LAST_RULE_YEAR,
  type BankHolidayChange,
} from './bankHolidays.js';
import { isIsoDate, isoDate, type IsoDate } from './dates.js';
import { err, ok, type FieldProblems, type Result } from './result.js';
import { formatShortDate, isWeekend } from './workingDays.js';

/** A change as the form gives it, with the proclamation that declared it. */
export interface BankHolidayChangeForm {
  kind: string;
  date: string | null;
  replaces: string | null;
  name: string;
  proclamation: string;
}

const inRange = (date: string): boolean => {
  const year = Number(date.slice(0, 4));
  return year >= FIRST_RULE_YEAR && year <= LAST_RULE_YEAR;
};

/**
 * The change, or problems keyed by field: an extra holiday must fall on a weekday that is not already a bank
 * holiday; a moved one must replace a bank holiday of the same year and land on a weekday that is not one.
 * `known` are the changes already recorded (built in and in the database).
 */
export function checkBankHolidayChange(
  form: BankHolidayChangeForm,
  known: readonly BankHolidayChange[],
): Result<BankHolidayChange & { proclamation: string }, FieldProblems> {
  const problems: FieldProblems = {};
  if (form.kind !== 'extra' && form.kind !== 'moved')
    problems.kind = 'Select whether the holiday is extra or moved';
  if (!form.name.trim()) problems.name = 'Enter the name of the bank holiday';
  if (!form.proclamation.trim())
    problems.proclamation =
      'Enter the proclamation that declared it, like "Royal Proclamation of 20 November 2022"';
  const date = form.date && isIsoDate(form.date) && inRange(form.date) ? isoDate(form.date) : null;
  if (!date)
    problems.date = `Enter the date of the bank holiday, from ${FIRST_RULE_YEAR} to ${LAST_RULE_YEAR}`;
  else if (isWeekend(date))
    problems.date = `${formatShortDate(date)} is a weekend day; a bank holiday is a weekday`;
  else {
    const existing = bankHolidayOn(date, known);
    if (existing) problems.date = `${formatShortDate(date)} is already a bank holiday (${existing.name})`;
  }
  let replaces: IsoDate | null = null;
  if (form.kind === 'moved') {
    replaces =
      form.replaces && isIsoDate(form.replaces) && inRange(form.replaces) ? isoDate(form.replaces) : null;
    if (!replaces) problems.replaces = 'Enter the date of the bank holiday it replaces';
    else if (date && replaces.slice(0, 4) !== date.slice(0, 4))
      problems.replaces = 'The bank holiday it replaces must fall in the same year';
    else if (!bankHolidaysInYear(Number(replaces.slice(0, 4)), known).some((h) => h.date === replaces))
      problems.replaces = `${formatShortDate(replaces)} is not a bank holiday, so it cannot be moved`;
  }
  if (Object.keys(problems).length > 0 || !date) return err(problems);
  const base = { date, name: form.name.trim(), proclamation: form.proclamation.trim() };
  return ok(replaces ? { kind: 'moved', replaces, ...base } : { kind: 'extra', ...base });
}
