import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.js';
import { rankAcceptability, type SmaaInput, type SmaaResult } from './smaa.js';

const run = (input: SmaaInput): SmaaResult => {
  const r = rankAcceptability(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** Four standard errors of a proportion near one half: the chance of a false failure is about 1 in 16,000. */
const tolerance = (samples: number) => 4 * Math.sqrt(0.25 / samples);

describe('rank acceptability (SMAA)', () => {
  it('gives an option that is best on every criterion 100 % of first places', () => {
    const r = run({
      options: 3,
      criteria: 3,
      values: Float64Array.from([1, 0.9, 1, 0.5, 0.5, 0.5, 0, 0.2, 0.9]),
      samples: 5000,
      seed: 42,
      weights: { kind: 'simplex' },
    });
    expect(r.rankAcceptability[0]).toBe(1); // option 1, rank 1
    expect(r.firstCounts[0]).toBe(5000);
    expect(r.rankAcceptability[1 * 3 + 0]).toBe(0);
  });

  it('gives two options that mirror each other under uniform weights about half the first places each', () => {
    const samples = 20_000;
    const r = run({
      options: 2,
      criteria: 2,
      values: Float64Array.from([1, 0, 0, 1]),
      samples,
      seed: 7,
      weights: { kind: 'simplex' },
    });
    expect(Math.abs(r.rankAcceptability[0]! - 0.5)).toBeLessThan(tolerance(samples));
    expect(Math.abs(r.rankAcceptability[2]! - 0.5)).toBeLessThan(tolerance(samples));
    // Each row of the acceptabilities sums to 1 (no ties have any chance here).
    expect(r.rankAcceptability[0]! + r.rankAcceptability[1]!).toBeCloseTo(1, 12);
    // With w1 uniform on [0, 1], the first option wins when w1 > 1/2, so its central weight on w1 is 3/4.
    expect(r.centralWeights[0]).toBeCloseTo(0.75, 2);
    expect(r.centralWeights[2 + 1]).toBeCloseTo(0.75, 2);
  });

  it('splits first places between options symmetric over three criteria too', () => {
    const samples = 20_000;
    const r = run({
      options: 3,
      criteria: 3,
      values: Float64Array.from([1, 0, 0.5, 0, 1, 0.5, 0.3, 0.3, 0.3]),
      samples,
      seed: 11,
      weights: { kind: 'simplex' },
    });
    expect(Math.abs(r.rankAcceptability[0]! - r.rankAcceptability[3]!)).toBeLessThan(2 * tolerance(samples));
  });

  it('gives the same result for the same seed, and a different one for another seed', () => {
    const input: SmaaInput = {
      options: 3,
      criteria: 3,
      values: Float64Array.from([1, 0, 0.5, 0, 1, 0.5, 0.4, 0.4, 1]),
      samples: 2000,
      seed: 2017,
      weights: { kind: 'simplex' },
    };
    const a = run(input);
    const b = run(input);
    expect(Array.from(a.rankAcceptability)).toEqual(Array.from(b.rankAcceptability));
    expect(Array.from(a.centralWeights)).toEqual(Array.from(b.centralWeights));
    expect(Array.from(run({ ...input, seed: 2018 }).rankAcceptability)).not.toEqual(
      Array.from(a.rankAcceptability),
    );
  });

  it('keeps to an agreed ranking of the criteria', () => {
    // Criterion 1 ranked above criterion 2: w1 ≥ w2, so the option good on criterion 1 always wins.
    const r = run({
      options: 2,
      criteria: 2,
      values: Float64Array.from([1, 0, 0, 1]),
      samples: 5000,
      seed: 3,
      weights: { kind: 'ranking', order: Int32Array.from([0, 1]) },
    });
    expect(r.rankAcceptability[0]).toBe(1);
    expect(r.centralWeights[0]!).toBeGreaterThanOrEqual(r.centralWeights[1]!);
  });

  it('keeps every sampled weight within the ranges given', () => {
    // w1 between 20 % and 40 %: option 2 (good on criterion 2) always wins; its central w1 is the middle, 30 %.
    const r = run({
      options: 2,
      criteria: 2,
      values: Float64Array.from([1, 0, 0, 1]),
      samples: 20_000,
      seed: 5,
      weights: { kind: 'ranges', lower: Float64Array.from([0.2, 0]), upper: Float64Array.from([0.4, 1]) },
    });
    expect(r.rankAcceptability[2]).toBe(1);
    expect(r.centralWeights[2]).toBeCloseTo(0.3, 2);
  });

  it('refuses ranges that cannot total 100 %', () => {
    expect(
      rankAcceptability({
        options: 1,
        criteria: 2,
        values: Float64Array.from([1, 1]),
        samples: 10,
        seed: 1,
        weights: { kind: 'ranges', lower: Float64Array.from([0.6, 0.6]), upper: Float64Array.from([1, 1]) },
      }),
    ).toEqual({ ok: false, error: 'The lowest weights in the ranges add up to more than 100 %' });
  });

  it('draws from a seeded generator that repeats and spreads evenly', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const xs = Array.from({ length: 10_000 }, () => a.nextOpen());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.nextOpen()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / xs.length));
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
  });
});
