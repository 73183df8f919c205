/**
 * Reading a CSV of outcome values, with no I/O: every bad row is reported with its line, column and reason, and
 * nothing is accepted if anything is wrong (the store saves all or nothing).
 *
 * The file: a header line, then one line per measure and period.
 *   measure_code,period,numerator,denominator,value
 *   LOCAL-AE,2016-04,7412,,
 *   ASCOF-2B1,2016-17,412,498,
 *   PHOF-C29,2016-17,1210,41200,2301.4
 * - measure_code: the code of one of the partnership's measures;
 * - period: in the form the measure's frequency takes (commissioning/outcomes/rules.ts PERIOD_FORMATS);
 * - numerator: a number of 0 or more (digits and an optional decimal point; no commas);
 * - denominator: required when the measure has one (more than 0), empty when it has none;
 * - value: the published rate, required for a standardised measure, empty otherwise (the column may be left out).
 *
 * A value already recorded for a measure and period is an error unless "replace existing values" is chosen; then
 * the new value replaces it and the audit log keeps the old one.
 */
import { CsvError, readCsv } from '../../kernel/csvReader.js';
import {
  DECIMAL,
  PERIOD_FORMATS,
  SIGNED_DECIMAL,
  hasDenominator,
  needsPublishedValue,
  parsePeriod,
  type MeasureDefinition,
} from './rules.js';

export const IMPORT_COLUMNS = ['measure_code', 'period', 'numerator', 'denominator', 'value'] as const;
const REQUIRED_COLUMNS = ['measure_code', 'period', 'numerator'] as const;
/** A file longer than this is refused: a partnership's values for many years are far fewer. */
export const MAX_IMPORT_ROWS = 20000;

export interface ImportMeasure extends MeasureDefinition {
  id: number;
}

export interface ImportProblem {
  /** The line in the file (1 is the header). */
  line: number;
  /** The column's header name, or '' for the line as a whole. */
  column: string;
  reason: string;
}

export interface ImportRow {
  line: number;
  measureId: number;
  measureCode: string;
  period: string;
  periodStart: string;
  numerator: string;
  denominator: string | null;
  publishedValue: string | null;
  /** A value was already recorded for this measure and period (and replacing was chosen). */
  replaces: boolean;
}

export type ImportResult = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] };

export interface ImportContext {
  /** The partnership's measures by code. */
  measures: ReadonlyMap<string, ImportMeasure>;
  /** `measureId|period` of the values already recorded. */
  existing: ReadonlySet<string>;
  replaceExisting: boolean;
}

export const existingKey = (measureId: number, period: string): string => `${measureId}|${period}`;

/** Normalises a decimal as written (`007.50` → `7.50`); the database keeps it exact. */
const tidy = (s: string) => s.replace(/^0+(?=\d)/, '');

export function readOutcomeCsv(text: string, ctx: ImportContext): ImportResult {
  let records;
  try {
    records = readCsv(text);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return {
      ok: false,
      problems: [{ line: e.line, column: '', reason: e.message.replace(/^Line \d+: /, '') }],
    };
  }
  const nonEmpty = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return { ok: false, problems: [{ line: 1, column: '', reason: 'The file is empty' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  for (const c of REQUIRED_COLUMNS)
    if (!names.includes(c))
      problems.push({ line: header.line, column: c, reason: `The header has no ${c} column` });
  for (const n of names)
    if (!(IMPORT_COLUMNS as readonly string[]).includes(n))
      problems.push({
        line: header.line,
        column: n,
        reason: `Unknown column "${n}": the columns are ${IMPORT_COLUMNS.join(', ')}`,
      });
  if (problems.length > 0) return { ok: false, problems };
  const body = nonEmpty.slice(1);
  if (body.length === 0)
    return { ok: false, problems: [{ line: header.line, column: '', reason: 'The file has no values' }] };
  if (body.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      problems: [
        { line: header.line, column: '', reason: `A file may hold at most ${MAX_IMPORT_ROWS} rows` },
      ],
    };

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    const get = (c: string) => {
      const i = names.indexOf(c);
      return i === -1 ? '' : (r.fields[i] ?? '').trim();
    };
    const bad = (column: string, reason: string) => problems.push({ line: r.line, column, reason });
    const before = problems.length;
    if (r.fields.length > names.length)
      bad('', `The line has ${r.fields.length} fields but the header has ${names.length}`);
    const code = get('measure_code');
    const m = ctx.measures.get(code);
    if (code === '') bad('measure_code', 'Enter the measure code');
    else if (!m) bad('measure_code', `No measure with code "${code}" in this partnership`);

    const periodText = get('period');
    const period = m ? parsePeriod(periodText, m.frequency) : undefined;
    if (periodText === '') bad('period', 'Enter the period');
    else if (m && !period)
      bad(
        'period',
        `"${periodText}" is not ${m.frequency === 'annual' ? 'an' : 'a'} ${m.frequency} period: write it as ${PERIOD_FORMATS[m.frequency]}`,
      );

    const numerator = get('numerator');
    if (numerator === '') bad('numerator', 'Enter the numerator');
    else if (SIGNED_DECIMAL.test(numerator) && numerator.startsWith('-'))
      bad('numerator', `The numerator cannot be negative (${numerator})`);
    else if (!DECIMAL.test(numerator))
      bad('numerator', `"${numerator}" is not a number: use digits and a decimal point only`);

    const denominator = get('denominator');
    if (m && hasDenominator(m)) {
      if (denominator === '') bad('denominator', `Enter the denominator (${m.denominatorDescription})`);
      else if (!DECIMAL.test(denominator))
        bad('denominator', `"${denominator}" is not a number: use digits and a decimal point only`);
      else if (Number(denominator) === 0) bad('denominator', 'The denominator cannot be zero');
    } else if (m && denominator !== '')
      bad('denominator', `${m.code} is a count: leave the denominator empty`);

    const value = get('value');
    if (m && needsPublishedValue(m)) {
      if (value === '') bad('value', 'Enter the rate as published: this measure is standardised');
      else if (!DECIMAL.test(value))
        bad('value', `"${value}" is not a number: use digits and a decimal point only`);
    } else if (m && value !== '')
      bad('value', 'Leave the value empty: it is worked out from the numerator and denominator');

    if (m && period) {
      const key = existingKey(m.id, period.key);
      const first = seen.get(key);
      if (first !== undefined)
        bad('period', `${m.code} ${period.key} is already on line ${first} of this file`);
      else seen.set(key, r.line);
      if (ctx.existing.has(key) && !ctx.replaceExisting)
        bad(
          'period',
          `${m.code} already has a value for ${period.key}: tick "replace existing values" to replace it`,
        );
    }
    if (problems.length === before && m && period)
      rows.push({
        line: r.line,
        measureId: m.id,
        measureCode: m.code,
        period: period.key,
        periodStart: period.start,
        numerator: tidy(numerator),
        denominator: hasDenominator(m) ? tidy(denominator) : null,
        publishedValue: needsPublishedValue(m) ? tidy(value) : null,
        replaces: ctx.existing.has(existingKey(m.id, period.key)),
      });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
