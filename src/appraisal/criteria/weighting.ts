/**
 * Three ways to set the weights of one level of the criteria tree, each giving whole basis points that total
 * exactly 10,000 (largest remainder, as money is apportioned, so that nothing is lost to rounding):
 * - directly, as percentages with up to two decimal places;
 * - by swing weighting: the criterion whose swing from worst to best matters most scores 100, each other its
 *   swing's worth against that one (0 to 100), and weights are proportional to the scores;
 * - by ranking: rank-order centroid (ROC) weights, the centre of all weights consistent with the ranking
 *   (Barron and Barrett 1996): w_k = (1/n) Σ_{i=k..n} 1/i for the criterion ranked k of n.
 */
import { apportionByWeights } from '../../kernel/money.js';
import { err, ok, type Result } from '../../kernel/result.js';
import { WHOLE_BP } from './rules.js';

/** A typed percentage ('33.33', '25 %', '40') as basis points, or a problem for the person who typed it. */
export function parsePercent(input: string, label: string): Result<number> {
  const s = input.replace(/\s*%\s*$/, '').trim();
  if (s === '') return err(`Enter a weight for ${label}`);
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return err(`The weight for ${label} must be a percentage with up to 2 decimal places, like 33.33`);
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bp > WHOLE_BP) return err(`The weight for ${label} must be 100 % or less`);
  return ok(bp);
}

/** Basis points as the text a form shows: 3333 → '33.33', 2500 → '25'. */
export function percentInput(bp: number): string {
  const rest = bp % 100;
  return rest === 0 ? String(bp / 100) : `${Math.trunc(bp / 100)}.${String(rest).padStart(2, '0')}`;
}

/**
 * Swing weights: scores from 0 to 100, at least one above 0, turned into basis points in proportion to the
 * scores. Scores are whole numbers so that the result is exact.
 */
export function swingWeights(scores: readonly number[]): Result<number[]> {
  if (scores.length === 0) return err('There are no criteria to weight');
  const bad = scores.findIndex((s) => !Number.isInteger(s) || s < 0 || s > 100);
  if (bad >= 0) return err(`Swing score ${bad + 1} must be a whole number from 0 to 100`);
  if (scores.every((s) => s === 0)) return err('At least one swing must score more than 0');
  return ok(apportionByWeights(WHOLE_BP, scores).map(Number));
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const lcmUpTo = (n: number): bigint => {
  let l = 1n;
  for (let i = 2n; i <= BigInt(n); i++) l = (l * i) / gcd(l, i);
  return l;
};

/**
 * Rank-order centroid weights in basis points. `ranks[i]` is criterion i's rank (1 = most important); equal
 * ranks share equally the centroid weights of the places they occupy. Worked in exact integers: multiplying
 * each w_k by n·lcm(1..n) makes it a whole number.
 */
export function rankOrderCentroidWeights(ranks: readonly number[]): Result<number[]> {
  const n = ranks.length;
  if (n === 0) return err('There are no criteria to rank');
  const bad = ranks.findIndex((r) => !Number.isInteger(r) || r < 1 || r > n);
  if (bad >= 0) return err(`Rank ${bad + 1} must be a whole number from 1 to ${n}`);
  const l = lcmUpTo(n);
  // place k (1-based) scaled by n·L: Σ_{i=k..n} L/i
  const place: bigint[] = [];
  let tail = 0n;
  for (let k = n; k >= 1; k--) {
    tail += l / BigInt(k);
    place[k] = tail;
  }
  // Criteria sorted by rank occupy places 1..n in that order; a tie shares the places it spans.
  const order = ranks.map((r, i) => ({ r, i })).sort((a, b) => a.r - b.r || a.i - b.i);
  const weights: bigint[] = new Array<bigint>(n).fill(0n);
  let k = 0;
  while (k < n) {
    let end = k;
    while (end + 1 < n && order[end + 1]?.r === order[k]?.r) end++;
    const size = BigInt(end - k + 1);
    let sum = 0n;
    for (let p = k; p <= end; p++) sum += place[p + 1] ?? 0n;
    // mean of the group's places, kept whole by scaling every weight by L (which every group size divides)
    for (let p = k; p <= end; p++) weights[order[p]?.i ?? 0] = (sum * l) / size;
    k = end + 1;
  }
  return ok(apportionByWeights(WHOLE_BP, weights).map(Number));
}
