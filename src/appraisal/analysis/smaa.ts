/**
 * Stochastic multicriteria acceptability analysis (SMAA-2, Lahdelma and Salminen 2001): when the weights are
 * uncertain, sample them many times and count how often each option takes each rank.
 * - Rank acceptability b(a, r): the share of weight samples in which option a ranks r (ties share the better
 *   rank, as in the results table).
 * - Central weight vector of a: the mean of the samples in which a ranks first: the typical weights that
 *   favour it.
 *
 * Weights are sampled uniformly from the simplex (all weights ≥ 0, total 1) by normalising exponential draws;
 * within ranges by the same draw mapped onto the part of the simplex above the lower bounds, rejecting draws
 * above an upper bound; consistent with an agreed ranking by sorting a uniform draw into the ranked order
 * (every ordering is equally likely, so this is uniform on the ranked region). A seeded generator makes a run
 * repeatable. The loop works in typed arrays and allocates nothing per sample.
 */
import { err, ok, type Result } from '../../kernel/result.js';
import { SeededRandom } from './random.js';

export type WeightSpace =
  | { kind: 'simplex' }
  /** Bounds on each criterion's weight, as fractions of 1. */
  | { kind: 'ranges'; lower: Float64Array; upper: Float64Array }
  /** Criterion indices from most to least important: w[order[0]] ≥ w[order[1]] ≥ … */
  | { kind: 'ranking'; order: Int32Array };

export interface SmaaInput {
  options: number;
  criteria: number;
  /** Option-major values from 0 to 1: values[a · criteria + j]. */
  values: Float64Array;
  samples: number;
  seed: number;
  weights: WeightSpace;
}

export interface SmaaResult {
  options: number;
  criteria: number;
  samples: number;
  /** Draws made, including those rejected for falling outside the ranges. */
  draws: number;
  /** rankAcceptability[a · options + r]: share of samples in which option a ranked r + 1. */
  rankAcceptability: Float64Array;
  /** centralWeights[a · criteria + j]: mean weight of criterion j over the samples a ranked first (0s if none). */
  centralWeights: Float64Array;
  /** How many samples each option ranked first in. */
  firstCounts: Int32Array;
}

/** Draws allowed per accepted sample before ranges are judged too narrow to sample. */
const MAX_DRAWS_PER_SAMPLE = 1000;

/** Rank acceptability and central weights, or a problem with the weight space. */
export function rankAcceptability(input: SmaaInput): Result<SmaaResult> {
  const { options: m, criteria: n, values, samples, weights: space } = input;
  if (!Number.isInteger(samples) || samples < 1)
    return err('The number of samples must be a whole number above 0');
  if (m < 1 || n < 1 || values.length !== m * n) return err('There are no options or no criteria to sample');

  let shift = 0; // the part of the simplex fixed by lower bounds
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(1);
  if (space.kind === 'ranges') {
    for (let j = 0; j < n; j++) {
      const lo = space.lower[j] ?? 0;
      const hi = space.upper[j] ?? 1;
      if (!(lo >= 0 && hi <= 1 && lo <= hi))
        return err(`The range of criterion ${j + 1} must lie within 0 % to 100 %`);
      lower[j] = lo;
      upper[j] = hi;
      shift += lo;
    }
    const top = upper.reduce((s, x) => s + x, 0);
    if (shift > 1 + 1e-12) return err('The lowest weights in the ranges add up to more than 100 %');
    if (top < 1 - 1e-12) return err('The highest weights in the ranges add up to less than 100 %');
  }
  if (space.kind === 'ranking' && space.order.length !== n)
    return err('The ranking must place every criterion once');

  const rng = new SeededRandom(input.seed);
  const w = new Float64Array(n);
  const draw = new Float64Array(n);
  const totals = new Float64Array(m);
  const counts = new Int32Array(m * m);
  const central = new Float64Array(m * n);
  const firstCounts = new Int32Array(m);
  const free = 1 - shift;
  let draws = 0;

  for (let s = 0; s < samples; s++) {
    // one uniform point on the simplex, from normalised exponentials
    for (;;) {
      draws++;
      if (draws > samples * MAX_DRAWS_PER_SAMPLE)
        return err('The ranges are too narrow to sample: widen them so that weights can total 100 %');
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const e = -Math.log(rng.nextOpen());
        draw[j] = e;
        sum += e;
      }
      if (space.kind === 'ranking') {
        // insertion sort, largest first, then place by rank
        for (let j = 1; j < n; j++) {
          const x = draw[j] ?? 0;
          let k = j - 1;
          while (k >= 0 && (draw[k] ?? 0) < x) {
            draw[k + 1] = draw[k] ?? 0;
            k--;
          }
          draw[k + 1] = x;
        }
        for (let k = 0; k < n; k++) w[space.order[k] ?? 0] = (draw[k] ?? 0) / sum;
        break;
      }
      let inside = true;
      for (let j = 0; j < n; j++) {
        const x = (lower[j] ?? 0) + (free * (draw[j] ?? 0)) / sum;
        w[j] = x;
        if (x > (upper[j] ?? 1)) inside = false;
      }
      if (inside) break;
    }

    for (let a = 0; a < m; a++) {
      let t = 0;
      const row = a * n;
      for (let j = 0; j < n; j++) t += (values[row + j] ?? 0) * (w[j] ?? 0);
      totals[a] = t;
    }
    for (let a = 0; a < m; a++) {
      const t = (totals[a] ?? 0) + 1e-12;
      let r = 0;
      for (let b = 0; b < m; b++) if ((totals[b] ?? 0) > t) r++;
      const at = a * m + r;
      counts[at] = (counts[at] ?? 0) + 1;
      if (r === 0) {
        firstCounts[a] = (firstCounts[a] ?? 0) + 1;
        const row = a * n;
        for (let j = 0; j < n; j++) central[row + j] = (central[row + j] ?? 0) + (w[j] ?? 0);
      }
    }
  }

  const acceptability = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) acceptability[i] = (counts[i] ?? 0) / samples;
  for (let a = 0; a < m; a++) {
    const c = firstCounts[a] ?? 0;
    if (c > 0) for (let j = 0; j < n; j++) central[a * n + j] = (central[a * n + j] ?? 0) / c;
  }
  return ok({
    options: m,
    criteria: n,
    samples,
    draws,
    rankAcceptability: acceptability,
    centralWeights: central,
    firstCounts,
  });
}
