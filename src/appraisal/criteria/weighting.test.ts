import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePercent, percentInput, rankOrderCentroidWeights, swingWeights } from './weighting.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('weights typed as percentages', () => {
  it('reads whole and two-decimal percentages as basis points', () => {
    expect(value(parsePercent('40', 'Outcomes'))).toBe(4000);
    expect(value(parsePercent('33.33', 'Outcomes'))).toBe(3333);
    expect(value(parsePercent('12.5 %', 'Outcomes'))).toBe(1250);
    expect(value(parsePercent('0', 'Outcomes'))).toBe(0);
  });
  it('refuses a third decimal place, a negative or more than 100 %, naming the criterion', () => {
    expect(parsePercent('33.333', 'Outcomes')).toEqual({
      ok: false,
      error: 'The weight for Outcomes must be a percentage with up to 2 decimal places, like 33.33',
    });
    expect(parsePercent('-5', 'Outcomes').ok).toBe(false);
    expect(parsePercent('100.01', 'Outcomes')).toEqual({
      ok: false,
      error: 'The weight for Outcomes must be 100 % or less',
    });
    expect(parsePercent('', 'Outcomes')).toEqual({ ok: false, error: 'Enter a weight for Outcomes' });
  });
  it('shows basis points back as the form had them', () => {
    expect(percentInput(3333)).toBe('33.33');
    expect(percentInput(1250)).toBe('12.50');
    expect(percentInput(4000)).toBe('40');
  });
});

describe('swing weighting', () => {
  it('makes weights proportional to the swing scores', () => {
    // 100 : 50 : 50 → 50 %, 25 %, 25 %
    expect(value(swingWeights([100, 50, 50]))).toEqual([5000, 2500, 2500]);
    // 100 : 80 : 20 → 10000 × 100/200, × 80/200, × 20/200
    expect(value(swingWeights([100, 80, 20]))).toEqual([5000, 4000, 1000]);
  });
  it('rounds by largest remainder so that the weights total exactly 100 %', () => {
    // 1/3 each: 3333.33… → 3334, 3333, 3333 (the remainder goes to the earliest)
    expect(value(swingWeights([100, 100, 100]))).toEqual([3334, 3333, 3333]);
  });
  it('refuses scores outside 0 to 100, or all zero', () => {
    expect(swingWeights([100, 101]).ok).toBe(false);
    expect(swingWeights([0, 0]).ok).toBe(false);
    expect(swingWeights([50.5, 100]).ok).toBe(false);
  });
});

describe('rank-order centroid weights', () => {
  it('gives three ranked criteria 11/18, 5/18 and 2/18', () => {
    // (1 + 1/2 + 1/3)/3 = 11/18 = 61.11 %; (1/2 + 1/3)/3 = 5/18 = 27.78 %; (1/3)/3 = 1/9 = 11.11 %
    expect(value(rankOrderCentroidWeights([1, 2, 3]))).toEqual([6111, 2778, 1111]);
    expect(value(rankOrderCentroidWeights([3, 1, 2]))).toEqual([1111, 6111, 2778]);
  });
  it('gives four ranked criteria 25/48, 13/48, 7/48 and 3/48', () => {
    // 52.083 %, 27.083 %, 14.583 %, 6.25 %: floors 5208, 2708, 1458, 625 = 9999; the extra basis point goes to
    // the largest remainder (each of the first three has .33…, the earliest wins)
    expect(value(rankOrderCentroidWeights([1, 2, 3, 4]))).toEqual([5209, 2708, 1458, 625]);
  });
  it('shares the places of tied criteria equally', () => {
    // tied for first: each (11/18 + 5/18)/2 = 8/18 = 44.44 %; third 2/18 = 11.11 %
    expect(value(rankOrderCentroidWeights([1, 1, 3]))).toEqual([4445, 4444, 1111]);
  });
  it('always totals exactly 100 % and keeps the ranking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (n) => {
        const w = value(rankOrderCentroidWeights(Array.from({ length: n }, (_, i) => i + 1)));
        expect(w.reduce((s, x) => s + x, 0)).toBe(10_000);
        for (let i = 1; i < n; i++) expect(w[i]!).toBeLessThanOrEqual(w[i - 1]!);
      }),
    );
  });
});
