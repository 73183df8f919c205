import { describe, expect, it } from 'vitest';
import { LIMIT_FACTOR, latestVariation, xmrChart, type SpcRule } from './spc.js';

/** A steady series around 10.6 with no run, trend or outlier. */
const STABLE = [10, 12, 9, 11, 10, 13, 9, 11, 12, 10, 11, 9, 12, 10, 11, 10, 12, 9, 11, 10];

const flagged = (values: number[], rule: SpcRule, options = {}) =>
  xmrChart(values, options)
    .points.filter((p) => p.signals.some((s) => s.rule === rule))
    .map((p) => p.index);

describe('XmR chart limits', () => {
  it('centres on the mean and sets limits at 2.66 mean moving ranges', () => {
    const chart = xmrChart([4, 6, 5, 7]);
    const s = chart.sections[0]!;
    expect(s.mean).toBe(5.5);
    expect(s.meanMovingRange).toBeCloseTo((2 + 1 + 2) / 3, 10);
    expect(s.upperLimit).toBeCloseTo(5.5 + LIMIT_FACTOR * (5 / 3), 10);
    expect(s.lowerLimit).toBeCloseTo(5.5 - LIMIT_FACTOR * (5 / 3), 10);
    expect(chart.points.map((p) => p.movingRange)).toEqual([null, 2, 1, 2]);
  });

  it('floors the lower limit at zero for counts, unless told the measure can be negative', () => {
    const values = [1, 9, 2, 8, 1, 9];
    expect(xmrChart(values).sections[0]!.lowerLimit).toBe(0);
    expect(xmrChart(values, { floorAtZero: false }).sections[0]!.lowerLimit).toBeLessThan(0);
  });

  it('takes the mean from the baseline points only when a baseline end is given', () => {
    const chart = xmrChart([10, 10, 10, 10, 20, 20], { baselineEnd: 4 });
    expect(chart.sections[0]!.mean).toBe(10);
    expect(chart.points[5]!.mean).toBe(10);
  });

  it('recalculates the mean and limits from a change onwards', () => {
    const chart = xmrChart([10, 11, 10, 11, 20, 21, 20, 21], { recalculateFrom: 4 });
    expect(chart.sections.map((s) => s.mean)).toEqual([10.5, 20.5]);
    expect(chart.points[3]!.mean).toBe(10.5);
    expect(chart.points[4]!.mean).toBe(20.5);
    expect(chart.points[4]!.movingRange).toBeNull();
    expect(chart.specialCauseCount).toBe(0);
  });
});

describe('special-cause rules', () => {
  it('flags nothing in a stable series', () => {
    const chart = xmrChart(STABLE);
    expect(chart.specialCauseCount).toBe(0);
    expect(latestVariation(chart, false)).toBe('common-cause');
  });

  it('flags a point beyond the upper limit, and only that point, with the reason', () => {
    const values = [...STABLE.slice(0, 10), 30, ...STABLE.slice(10)];
    expect(flagged(values, 'beyond-limit')).toEqual([10]);
    const p = xmrChart(values).points[10]!;
    expect(p.signals[0]!.reason).toMatch(/^Above the upper control limit \(/);
  });

  it('flags a point below the lower limit', () => {
    const values = [...STABLE, 2];
    expect(flagged(values, 'beyond-limit')).toEqual([20]);
    expect(xmrChart(values).points[20]!.signals[0]!.reason).toMatch(/^Below the lower control limit/);
  });

  it('flags a run of eight points below the mean, each of them, and not a run of seven', () => {
    const before = [11, 13, 11, 13, 11, 13, 11, 13, 11, 13, 11, 13];
    const eight = [...before, 10.5, 11, 10.5, 11, 10.5, 11, 10.5, 11];
    const chart = xmrChart(eight);
    const run = flagged(eight, 'run');
    expect(run).toEqual(
      [11, 12, 13, 14, 15, 16, 17, 18, 19].filter((i) => eight[i]! < chart.sections[0]!.mean),
    );
    expect(run.slice(-8)).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(flagged(eight, 'beyond-limit')).toEqual([]);
    expect(chart.points[19]!.signals.find((s) => s.rule === 'run')!.reason).toMatch(/points below the mean$/);
    expect(latestVariation(chart, false)).toBe('improvement');
    expect(latestVariation(chart, true)).toBe('concern');

    const seven = [...before, 13, 10.5, 11, 10.5, 11, 10.5, 11, 10.5];
    expect(flagged(seven, 'run')).toEqual([]);
  });

  it('flags a trend of six rising points but not five', () => {
    const six = [10, 12, 9, 11, 10, 8, 9, 10, 11, 12, 13, 10, 11, 10];
    expect(flagged(six, 'trend')).toEqual([5, 6, 7, 8, 9, 10]);
    const five = [10, 12, 9, 11, 10, 8, 9, 10, 11, 12, 10, 11, 10];
    expect(flagged(five, 'trend')).toEqual([]);
  });

  it('flags two of three points beyond two sigma on the same side', () => {
    // limits from the first ten points (mean 10.8, sigma about 2): 15.5 is beyond two sigma, inside the limits
    const values = [...STABLE.slice(0, 10), 15.5, 11, 15.5, ...STABLE.slice(10)];
    const options = { baselineEnd: 10 };
    const chart = xmrChart(values, options);
    const p = chart.points[10]!;
    expect(p.value).toBeGreaterThan(p.upperTwoSigma);
    expect(p.value).toBeLessThan(p.upperLimit);
    expect(flagged(values, 'two-of-three', options)).toEqual([10, 12]);
    expect(flagged(values, 'beyond-limit', options)).toEqual([]);
    // one such point alone is not a signal
    expect(flagged([...STABLE.slice(0, 10), 15.5, ...STABLE.slice(10)], 'two-of-three', options)).toEqual([]);
  });

  it('says too few points rather than judging a short series', () => {
    expect(latestVariation(xmrChart([1, 2, 3]), true)).toBe('too-few-points');
  });
});
