/**
 * The fast way through a CSV extract's rows: a row read as bytes (csvBytes.ts) is checked without making a
 * string of any field, when every field it uses is plain printable ASCII written as finance systems mostly
 * write it (a mapped cost centre and code, an ISO or dd/mm/yyyy date in the fund's year, an amount like
 * -1234.56). Anything else (a bad field, an amount in brackets, a character outside ASCII, spaces to trim) is
 * left to RowChecker, which reads the row as text and reports its problems: the two give the same row for every
 * row that both read, and the tests hold them to it.
 */
import type { ByteRecord } from '../../kernel/csvBytes.js';
import type { RowChecker } from './rows.js';

/** A good row, as the fast checker read it: copy what you keep (the object is reused). */
export interface FastRow {
  schemeId: number;
  period: number;
  amountPence: number;
  /** the columns of the reference, supplier and description (-1 when the file has none) */
  reference: number;
  supplier: number;
  description: number;
}

const PIPE = 124;

/** FNV-1a over bytes, continued from `h`. */
function hashBytes(h: number, buf: Uint8Array, start: number, end: number): number {
  let x = h;
  for (let i = start; i < end; i += 1) x = Math.imul(x ^ (buf[i] ?? 0), 16777619);
  return x;
}

const FNV_START = 0x811c9dc5 | 0;

/** True when `key` holds `buf[start..end)` at `at` (a loop: for a few bytes, cheaper than Buffer.compare). */
function same(key: Buffer, at: number, buf: Buffer, start: number, end: number): boolean {
  for (let i = start, j = at; i < end; i += 1, j += 1) if (key[j] !== buf[i]) return false;
  return true;
}

/**
 * The cost-centre map (`costCentre|code` to scheme) looked up by the bytes of a row's two fields, joined as the
 * text keys are, with no string made: an open-addressed table of the keys' UTF-8 bytes.
 */
class ByteKeyMap {
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly keys: (Buffer | null)[];
  private readonly values: Float64Array;

  constructor(map: ReadonlyMap<string, number>) {
    let size = 16;
    while (size < map.size * 2) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.keys = new Array<Buffer | null>(size).fill(null);
    this.values = new Float64Array(size);
    for (const [key, value] of map) {
      const bytes = Buffer.from(key, 'utf8');
      const h = hashBytes(FNV_START, bytes, 0, bytes.length);
      let slot = h & this.mask;
      while (this.keys[slot] !== null) slot = (slot + 1) & this.mask;
      this.keys[slot] = bytes;
      this.hashes[slot] = h;
      this.values[slot] = value;
    }
  }

  /** The value for the key `buf[a..b) + '|' + buf[c..d)`, or undefined. */
  get(buf: Buffer, a: number, b: number, c: number, d: number): number | undefined {
    const h = hashBytes(Math.imul(hashBytes(FNV_START, buf, a, b) ^ PIPE, 16777619), buf, c, d);
    const length = b - a + 1 + d - c;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === null || key === undefined) return undefined;
      if (this.hashes[slot] !== h || key.length !== length) continue;
      if (same(key, 0, buf, a, b) && key[b - a] === PIPE && same(key, b - a + 1, buf, c, d))
        return this.values[slot];
    }
  }
}

/** True when `buf[start..end)` is printable ASCII that `trim` would leave as it is. */
function plain(buf: Buffer, start: number, end: number): boolean {
  if (start === end) return true;
  const first = buf[start] ?? 0;
  const last = buf[end - 1] ?? 0;
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return false;
  for (let i = start + 1; i < end - 1; i += 1) {
    const c = buf[i] ?? 0;
    if (c < 32 || c >= 127) return false;
  }
  return true;
}

const digit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

export class FastRowChecker {
  private readonly map: ByteKeyMap;
  /** periods by date, the date read as a number (yyyymmdd, or minus ddmmyyyy for 30/04/2017); -1: not in the year */
  private readonly periods = new Map<number, number>();
  private readonly row: FastRow = {
    schemeId: 0,
    period: 0,
    amountPence: 0,
    reference: -1,
    supplier: -1,
    description: -1,
  };

  constructor(
    private readonly checker: RowChecker,
    map: ReadonlyMap<string, number>,
  ) {
    this.map = new ByteKeyMap(map);
  }

  /** The row, when every field it uses is plain and good; null to read it as text instead. */
  check(r: ByteRecord): FastRow | null {
    const at = this.checker.positions;
    if (at === null) return null;
    const buf = r.buf;
    const count = r.count;
    const cc = at.costCentre ?? count;
    const code = at.accountCode ?? count;
    const date = at.date ?? count;
    const amount = at.amount ?? count;
    if (cc >= count || date >= count || amount >= count) return null;
    const ccStart = r.starts[cc] ?? 0;
    const ccEnd = r.ends[cc] ?? 0;
    if (ccStart === ccEnd || !plain(buf, ccStart, ccEnd)) return null;
    const codeStart = code < count ? (r.starts[code] ?? 0) : 0;
    const codeEnd = code < count ? (r.ends[code] ?? 0) : 0;
    if (!plain(buf, codeStart, codeEnd)) return null;
    const schemeId =
      this.map.get(buf, ccStart, ccEnd, codeStart, codeEnd) ?? this.map.get(buf, ccStart, ccEnd, 0, 0);
    if (schemeId === undefined) return null;
    const period = this.period(r, date);
    if (period === undefined) return null;
    const pence = amountOf(buf, r.starts[amount] ?? 0, r.ends[amount] ?? 0);
    if (pence === undefined || pence === 0) return null;
    const row = this.row;
    row.reference = this.detail(r, at.reference);
    row.supplier = this.detail(r, at.supplier);
    row.description = this.detail(r, at.description);
    if (row.reference === -2 || row.supplier === -2 || row.description === -2) return null;
    row.schemeId = schemeId;
    row.period = period;
    row.amountPence = pence;
    return row;
  }

  /** The column of a text field when it is plain (-1 when the row has none, -2 when it is not plain). */
  private detail(r: ByteRecord, column: number | undefined): number {
    if (column === undefined || column >= r.count) return -1;
    return plain(r.buf, r.starts[column] ?? 0, r.ends[column] ?? 0) ? column : -2;
  }

  private period(r: ByteRecord, column: number): number | undefined {
    const buf = r.buf;
    const s = r.starts[column] ?? 0;
    if ((r.ends[column] ?? 0) - s !== 10) return undefined;
    // 2017-04-30 (separators at 4 and 7) or 30/04/2017 (at 2 and 5); every other byte a digit
    const iso = buf[s + 4] === 45 && buf[s + 7] === 45;
    if (!iso && !(buf[s + 2] === 47 && buf[s + 5] === 47)) return undefined;
    const x = iso ? 4 : 2;
    const y = iso ? 7 : 5;
    let key = 0;
    for (let i = 0; i < 10; i += 1) {
      if (i === x || i === y) continue;
      if (!digit(buf[s + i])) return undefined;
      key = key * 10 + (buf[s + i] ?? 0) - 48;
    }
    if (!iso) key = -key;
    let period = this.periods.get(key);
    if (period === undefined) {
      period = this.checker.periodFor(r.field(column)) ?? -1;
      this.periods.set(key, period);
    }
    return period === -1 ? undefined : period;
  }
}

/**
 * Pence from an amount's bytes in the plain form (-?\d{1,13}(\.\d{1,2})?), as `readAmount` reads it; undefined
 * for any other form.
 */
export function amountOf(buf: Buffer, start: number, end: number): number | undefined {
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i += 1;
  let whole = 0;
  const wholeFrom = i;
  while (i < end && digit(buf[i])) {
    whole = whole * 10 + ((buf[i] ?? 0) - 48);
    i += 1;
  }
  const wholeDigits = i - wholeFrom;
  if (wholeDigits < 1 || wholeDigits > 13) return undefined;
  let pennies = 0;
  if (i < end) {
    if (buf[i] !== 46) return undefined;
    const fraction = end - i - 1;
    if (fraction < 1 || fraction > 2) return undefined;
    for (let k = i + 1; k < end; k += 1) if (!digit(buf[k])) return undefined;
    pennies = ((buf[i + 1] ?? 0) - 48) * 10 + (fraction === 2 ? (buf[i + 2] ?? 0) - 48 : 0);
  }
  const value = whole * 100 + pennies;
  return negative && value !== 0 ? -value : value;
}
