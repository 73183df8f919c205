/**
 * Checks the rows of a partner's extract against its import profile and cost-centre map: which column is which
 * (from the header line), then each row's cost centre, date, amount and reference, with a problem for each bad
 * field naming its line and column. Pure: the same checker serves the checking pass and the writing pass of an
 * import, so that the two read every row alike.
 */
import { parsePounds } from '../../kernel/money.js';
import { isIsoDate, periodOf, type IsoDate } from '../../kernel/dates.js';
import { columnLetter } from '../../kernel/xlsxReader.js';
import type { ImportColumns } from '../funds/index.js';

export interface ImportProblem {
  line: number;
  column: string;
  reason: string;
  /** The spreadsheet cell (D7301) when the extract is an .xlsx file. */
  cell?: string;
}

/** One good row. The checker reuses a single object: copy what you keep. */
export interface CheckedRow {
  line: number;
  schemeId: number;
  period: number;
  amountPence: number;
  reference: string | null;
  supplier: string | null;
  description: string | null;
}

export const MAX_REPORTED = 500;

/** Reads a date as finance systems write it: 2017-04-30 or 30/04/2017. */
export function readDate(text: string): IsoDate | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const PLAIN_AMOUNT = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Pence from an amount: the plain forms finance systems mostly write (-1234.56) by integer arithmetic, every
 * other form (brackets, thousands separators, £) by `parsePounds`, which gives the same value for the plain ones.
 */
export function readAmount(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const m = PLAIN_AMOUNT.exec(text);
  if (m) {
    const fraction = m[3] ?? '';
    const pennies =
      fraction.length === 0 ? 0 : fraction.length === 1 ? Number(fraction) * 10 : Number(fraction);
    const value = Number(m[2]) * 100 + pennies;
    return { ok: true, value: m[1] && value !== 0 ? -value : value };
  }
  return parsePounds(text);
}

/** Which column of the file holds each field (from the header line). */
export type ColumnIndex = Record<keyof ImportColumns, number | undefined>;
type Index = ColumnIndex;

/** A field of a record, trimmed; empty when the column is absent. */
function field(fields: readonly string[], i: number | undefined): string {
  if (i === undefined) return '';
  const f = fields[i];
  if (f === undefined) return '';
  const first = f.charCodeAt(0);
  const last = f.charCodeAt(f.length - 1);
  // most fields start and end with a visible ASCII character: skip the copy that trim makes
  return first > 32 && first < 127 && last > 32 && last < 127 ? f : f.trim();
}

export class RowChecker {
  readonly problems: ImportProblem[] = [];
  problemCount = 0;
  private index: Index | null = null;
  private headerSeen = false;
  private readonly dates = new Map<string, number>();
  private readonly row: CheckedRow = {
    line: 0,
    schemeId: 0,
    period: 0,
    amountPence: 0,
    reference: null,
    supplier: null,
    description: null,
  };

  constructor(
    private readonly columns: ImportColumns,
    /** `costCentre|accountCode` (or `costCentre|` for any code) to scheme */
    private readonly map: ReadonlyMap<string, number>,
    private readonly year: { startsOn: IsoDate; endsOn: IsoDate },
    /** name cells by spreadsheet letter (.xlsx) */
    private readonly cells = false,
  ) {}

  get sawHeader(): boolean {
    return this.headerSeen;
  }

  /** Which column holds each field, once the header has named every column needed. */
  get positions(): Readonly<ColumnIndex> | null {
    return this.index;
  }

  /** The period of a date in the fund's year (as `check` reads it), or undefined when it is not one. */
  periodFor(dateText: string): number | undefined {
    const known = this.dates.get(dateText);
    if (known !== undefined) return known;
    const date = readDate(dateText);
    if (date === null || date < this.year.startsOn || date > this.year.endsOn) return undefined;
    const period = periodOf(date);
    this.dates.set(dateText, period);
    return period;
  }

  /** True when the header named every column needed, so that rows can be read. */
  get readable(): boolean {
    return this.index !== null;
  }

  problem(line: number, column: string, reason: string, at?: number): void {
    this.problemCount += 1;
    if (this.problems.length >= MAX_REPORTED) return;
    const p: ImportProblem = { line, column, reason };
    if (this.cells && at !== undefined) p.cell = `${columnLetter(at)}${line}`;
    this.problems.push(p);
  }

  /** Reads the header line: which column holds each field. */
  header(line: number, fields: readonly string[]): void {
    this.headerSeen = true;
    const header = new Map<string, number>();
    fields.forEach((f, i) => {
      const name = f.trim().toLowerCase();
      if (!header.has(name)) header.set(name, i);
    });
    const find = (name: string | undefined) =>
      name === undefined ? undefined : header.get(name.trim().toLowerCase());
    const c = this.columns;
    const index: Index = {
      costCentre: find(c.costCentre),
      accountCode: find(c.accountCode),
      date: find(c.date),
      amount: find(c.amount),
      description: find(c.description),
      supplier: find(c.supplier),
      reference: find(c.reference),
    };
    let missing = false;
    for (const key of ['costCentre', 'date', 'amount'] as const) {
      if (index[key] === undefined) {
        missing = true;
        this.problem(
          line,
          c[key],
          `The file has no column headed "${c[key]}"; the first line must name the columns`,
        );
      }
    }
    // without its columns no row can be read: report the header alone
    this.index = missing ? null : index;
  }

  /**
   * Checks one row: the good row (the checker's one reusable object), or null when the row is bad (its problems
   * recorded) or no row can be read (the header lacked a column). Without `details` the reference, supplier and
   * description are not read (the checking pass does not need them).
   */
  check(line: number, fields: readonly string[], details = true): CheckedRow | null {
    const index = this.index;
    if (index === null) return null;
    const c = this.columns;
    let bad = false;
    const costCentre = field(fields, index.costCentre);
    const accountCode = field(fields, index.accountCode);
    const schemeId = this.map.get(`${costCentre}|${accountCode}`) ?? this.map.get(`${costCentre}|`);
    if (!costCentre) {
      this.problem(line, c.costCentre, 'The cost centre is empty', index.costCentre);
      bad = true;
    } else if (schemeId === undefined) {
      this.problem(
        line,
        c.costCentre,
        `Cost centre ${costCentre}${accountCode ? ` with code ${accountCode}` : ''} is not mapped to a scheme of this fund`,
        index.costCentre,
      );
      bad = true;
    }
    const dateText = field(fields, index.date);
    let period = this.dates.get(dateText);
    if (period === undefined) {
      const date = readDate(dateText);
      if (date === null) {
        this.problem(
          line,
          c.date,
          `"${dateText}" is not a date; write it as 2017-04-30 or 30/04/2017`,
          index.date,
        );
        bad = true;
      } else if (date < this.year.startsOn || date > this.year.endsOn) {
        this.problem(
          line,
          c.date,
          `${date} is outside the fund's financial year (${this.year.startsOn} to ${this.year.endsOn})`,
          index.date,
        );
        bad = true;
      } else {
        period = periodOf(date);
        this.dates.set(dateText, period);
      }
    }
    const amount = readAmount(field(fields, index.amount));
    if (!amount.ok) {
      this.problem(line, c.amount, amount.error, index.amount);
      bad = true;
    } else if (amount.value === 0) {
      this.problem(line, c.amount, 'The amount is zero; leave the row out', index.amount);
      bad = true;
    }
    if (bad || schemeId === undefined || period === undefined || !amount.ok) return null;
    const row = this.row;
    row.line = line;
    row.schemeId = schemeId;
    row.period = period;
    row.amountPence = amount.value;
    if (details) {
      row.reference = field(fields, index.reference) || null;
      row.supplier = field(fields, index.supplier) || null;
      row.description = field(fields, index.description) || null;
    }
    return row;
  }
}

/** A blank line: every field empty (a CSV line with nothing on it, a spreadsheet row of empty cells). */
export function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f !== '') return false;
  return true;
}
