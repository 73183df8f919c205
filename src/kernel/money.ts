/**
 * Money is integer pence. Never a float that is later summed: every total here is exact, and every split of an
 * amount uses the largest-remainder rule so that the parts add up to the whole (DESIGN.md, "Data").
 */
import { err, ok, type Result } from './result.js';

declare const penceBrand: unique symbol;
/** An amount in pence: a safe integer. */
export type Pence = number & { readonly [penceBrand]: true };

/** Guards an amount of pence: a safe integer, or a thrown error because something upstream is wrong. */
export function pence(value: number | bigint): Pence {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (!Number.isSafeInteger(n) || (typeof value === 'bigint' && BigInt(n) !== value)) {
    throw new RangeError(`Not a safe whole number of pence: ${String(value)}`);
  }
  return n as Pence;
}

/** Sums amounts of pence exactly (BigInt underneath, so no intermediate can lose a penny). */
export function sumPence(amounts: Iterable<number>): Pence {
  const list: readonly number[] = Array.isArray(amounts) ? amounts : [...amounts];
  // in numbers while every partial sum is a safe integer (then each addition is exact), else in BigInt
  let total = 0;
  for (let i = 0; i < list.length; i += 1) {
    const sum = total + pence(list[i] as number);
    if (!Number.isSafeInteger(sum)) return sumPenceInBigInt(list);
    total = sum;
  }
  return pence(total);
}

function sumPenceInBigInt(amounts: readonly number[]): Pence {
  let total = 0n;
  for (const a of amounts) total += BigInt(pence(a));
  return pence(total);
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `£1,234.56`; negative amounts as `-£1,234.56`. */
export function formatPounds(amount: number): string {
  const p = BigInt(pence(amount));
  const sign = p < 0n ? '-' : '';
  const abs = p < 0n ? -p : p;
  const pounds = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${sign}£${groupThousands(pounds.toString())}.${rest}`;
}

/** Whole pounds with thousands separators, for headline figures: `£1,235` (rounded half away from zero). */
export function formatWholePounds(amount: number): string {
  const p = BigInt(pence(amount));
  const sign = p < 0n ? '-' : '';
  const abs = p < 0n ? -p : p;
  const pounds = (abs + 50n) / 100n;
  return `${sign}£${groupThousands(pounds.toString())}`;
}

/** `£105.0m`: millions to one decimal place, rounded half away from zero; for summaries, never for sums. */
export function formatMillions(amount: number): string {
  const p = BigInt(pence(amount));
  const sign = p < 0n ? '-' : '';
  const abs = p < 0n ? -p : p;
  // tenths of a million pounds = pence / 10,000,000
  const tenths = (abs + 5_000_000n) / 10_000_000n;
  return `${sign}£${groupThousands((tenths / 10n).toString())}.${(tenths % 10n).toString()}m`;
}

/** Pounds and pence as a plain decimal for form fields and CSV: `1234.56`, `-0.05`. */
export function toDecimalString(amount: number): string {
  const p = BigInt(pence(amount));
  const sign = p < 0n ? '-' : '';
  const abs = p < 0n ? -p : p;
  return `${sign}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, '0')}`;
}

const AMOUNT = /^(-)?£?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$/;

/**
 * Reads an amount typed by a person or exported by a finance system: `1234.56`, `£1,234.56`, `1,234`,
 * `-1234.56`, and accountants' brackets `(1,234.56)` for a negative. More than two decimal places, stray
 * characters or an empty value are refused with a message that says what would be right.
 */
export function parsePounds(input: string): Result<Pence> {
  let text = input.trim().replace(/\s+/g, '');
  if (text === '') return err('Enter an amount in pounds and pence, like 1234.56');
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) {
    negative = true;
    text = bracketed[1] ?? '';
  }
  if (text.startsWith('-£')) text = '-' + text.slice(2);
  const m = AMOUNT.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) {
    return err(`"${input.trim()}" is not an amount in pounds and pence; write it like 1234.56`);
  }
  if (m[1]) {
    if (negative) return err(`"${input.trim()}" is negative twice; use either brackets or a minus sign`);
    negative = true;
  }
  const whole = BigInt((m[2] ?? '0').replace(/,/g, ''));
  const frac = BigInt((m[3] ?? '0').padEnd(2, '0'));
  const value = whole * 100n + frac;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return err(`"${input.trim()}" is too large an amount`);
  return ok(pence(negative && value !== 0n ? -value : value));
}

/**
 * `apportionByWeights` in number arithmetic, when that is exact: a few safe whole weights, not all zero, whose
 * products with the total's magnitude are all safe integers (so are their floors and remainders). Undefined
 * otherwise, for the BigInt way (which also refuses bad weights). Most splits are of this kind (a budget over
 * twelve months, a figure over two or three streams or partners) and run several times faster this way.
 */
function apportionSmall(total: Pence, weights: readonly (number | bigint)[]): Pence[] | undefined {
  const n = weights.length;
  if (n > 64) return undefined; // its leftover pennies are placed by a scan per penny
  let sum = 0;
  for (const x of weights) {
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) return undefined;
    sum += x;
  }
  const magnitude = Math.abs(total);
  if (sum === 0 || !Number.isSafeInteger(sum) || magnitude * sum > Number.MAX_SAFE_INTEGER) return undefined;
  const parts = new Array<number>(n);
  const remainders = new Array<number>(n);
  let left = magnitude;
  for (let i = 0; i < n; i += 1) {
    const product = magnitude * (weights[i] as number);
    const r = product % sum;
    const floor = (product - r) / sum;
    parts[i] = floor;
    remainders[i] = r;
    left -= floor;
  }
  // a penny each to the largest remainders, ties to the earlier part (fewer pennies than parts are left over)
  for (; left > 0; left -= 1) {
    let best = -1;
    for (let i = 0; i < n; i += 1)
      if (remainders[i] !== -1 && (best === -1 || (remainders[i] as number) > (remainders[best] as number)))
        best = i;
    parts[best] = (parts[best] as number) + 1;
    remainders[best] = -1;
  }
  if (total < 0) for (let i = 0; i < n; i += 1) if (parts[i] !== 0) parts[i] = -(parts[i] as number);
  return parts as Pence[];
}

/**
 * Splits `total` pence in proportion to non-negative integer `weights` by the largest-remainder rule: each part
 * gets the floor of its exact share, and the pennies left over go one each to the parts with the largest
 * fractional remainders (ties to the earlier part). The parts always sum to `total`. A negative total is split
 * as its magnitude and negated, so that a shared overspend and a shared underspend mirror each other.
 */
export function apportionByWeights(total: number, weights: readonly (number | bigint)[]): Pence[] {
  const small = apportionSmall(pence(total), weights);
  if (small) return small;
  const t = BigInt(pence(total));
  if (weights.length === 0) throw new RangeError('Cannot apportion between no parts');
  const w = weights.map((x) => {
    const b = BigInt(x);
    if (b < 0n) throw new RangeError('Weights must not be negative');
    return b;
  });
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('Weights must not all be zero');
  const magnitude = t < 0n ? -t : t;
  const floors = w.map((x) => (magnitude * x) / sum);
  const remainders = w.map((x, i) => ({ i, r: (magnitude * x) % sum }));
  let left = magnitude - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return floors.map((x) => pence(t < 0n ? -x : x));
}
