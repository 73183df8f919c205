import { describe, expect, it } from 'vitest';
import { cellKey, combineRound, combineScores } from '../criteria/index.js';
import { buildTree, leafCriteria } from '../criteria/index.js';
import { rankLabel, stageResults, valueMatrix } from './results.js';
import { describeScore, moneyScale, pointsScale, valueOf } from '../criteria/index.js';
import { southamptonShapedRows } from './testTrees.js';

const v = (r: { ok: true; value: number } | { ok: false; error: string }) => (r.ok ? r.value : NaN);

describe('scales and value functions', () => {
  it('values a 0 to 10 score as a tenth per point, and reverses a lower-is-better scale', () => {
    expect(v(valueOf(pointsScale(0, 10), 7))).toBeCloseTo(0.7, 12);
    expect(v(valueOf(pointsScale(1, 5, [], false), 2))).toBeCloseTo(0.75, 12);
  });
  it('values money linearly between the worst and the best amount, a saving or a cost', () => {
    // saving: worst £0, best £2m; £1.5m is three quarters of the way
    expect(v(valueOf(moneyScale(0, 200_000_000), 150_000_000))).toBeCloseTo(0.75, 12);
    // cost: worst £90,800 a year, best £0; £22,700 is a quarter of the worst, so three quarters of the value
    expect(v(valueOf(moneyScale(9_080_000, 0), 2_270_000))).toBeCloseTo(0.75, 12);
  });
  it('refuses a score outside the scale, saying what the scale is', () => {
    expect(valueOf(pointsScale(1, 5), 6)).toEqual({ ok: false, error: 'The score must be from 1 to 5' });
    expect(valueOf(moneyScale(0, 200_000_000), 250_000_000)).toEqual({
      ok: false,
      error: 'The amount must be from £0.00 to £2,000,000.00',
    });
  });
  it('shows a labelled level with its label', () => {
    const scale = pointsScale(1, 5, [
      { value: 1, label: 'Poor' },
      { value: 5, label: 'Excellent' },
    ]);
    expect(describeScore(scale, 5)).toBe('5 (Excellent)');
    expect(describeScore(scale, 3)).toBe('3');
  });
});

describe('combining several assessors’ scores', () => {
  it('takes the mean or the median, with the spread', () => {
    expect(combineScores([6, 7, 10], 'mean')).toEqual({
      score: 23 / 3,
      assessors: 3,
      lowest: 6,
      highest: 10,
      range: 4,
    });
    expect(combineScores([6, 7, 10], 'median')?.score).toBe(7);
    expect(combineScores([6, 7, 9, 10], 'median')?.score).toBe(8);
    expect(combineScores([], 'mean')).toBeNull();
  });
  it('counts only each assessor’s latest score for a cell', () => {
    const combined = combineRound(
      [
        { optionId: 1, criterionId: 9, assessor: 'Ann', score: 4 },
        { optionId: 1, criterionId: 9, assessor: 'Bob', score: 8 },
        { optionId: 1, criterionId: 9, assessor: 'Ann', score: 6 },
      ],
      'mean',
    );
    expect(combined.get(cellKey(1, 9))).toEqual({ score: 7, assessors: 2, lowest: 6, highest: 8, range: 2 });
  });
});

/** Scores per option in leaf order: outcomes, financial (pence), decisions, ease, democratic, strategic, legal. */
function valuesOf(scores: Record<number, number[]>) {
  const roots = buildTree(southamptonShapedRows());
  const leaves = leafCriteria(roots);
  const values = new Map<string, number>();
  for (const [option, row] of Object.entries(scores)) {
    leaves.forEach((leaf, j) =>
      values.set(cellKey(Number(option), leaf.id), v(valueOf(leaf.scale!, row[j]!))),
    );
  }
  return { roots, values };
}

describe('weighted totals, ranks and contributions', () => {
  const options = [
    { id: 1, name: 'A' },
    { id: 2, name: 'B' },
    { id: 3, name: 'C' },
    { id: 4, name: 'D' },
  ];
  const { roots, values } = valuesOf({
    1: [8, 150_000_000, 6, 4, 9, 7, 10],
    2: [10, 50_000_000, 8, 6, 5, 5, 5],
    3: [6, 200_000_000, 5, 10, 7, 9, 10],
    4: [6, 200_000_000, 5, 10, 7, 9, 10],
  });
  const results = stageResults(roots, options, values);

  it('weights each value by its criterion’s weight in the whole stage', () => {
    // A: 40×.8 + 17.5×.75 + 10.5×.6 + 7×.4 + 10×.9 + 7.5×.7 + 7.5×1
    //  = 32 + 13.125 + 6.3 + 2.8 + 9 + 5.25 + 7.5 = 75.975
    // B: 40 + 4.375 + 8.4 + 4.2 + 5 + 3.75 + 3.75 = 69.475
    // C and D: 24 + 17.5 + 5.25 + 7 + 7 + 6.75 + 7.5 = 75
    expect(results.options.map((o) => o.total)).toEqual([
      expect.closeTo(75.975, 9),
      expect.closeTo(69.475, 9),
      expect.closeTo(75, 9),
      expect.closeTo(75, 9),
    ]);
    expect(results.complete).toBe(true);
  });

  it('ranks best first and shows equal totals as a shared rank', () => {
    expect(results.ranked.map((o) => `${o.name} ${rankLabel(o)}`)).toEqual(['A 1', 'C 2=', 'D 2=', 'B 4']);
  });

  it('splits each total into the contributions of the top-level groups, which add up to it', () => {
    const a = results.options[0]!;
    // outcomes 32; efficiency 13.125 + 6.3 + 2.8 = 22.225; accountability 9 + 5.25 + 7.5 = 21.75
    expect(a.contributions).toEqual([
      expect.closeTo(32, 9),
      expect.closeTo(22.225, 9),
      expect.closeTo(21.75, 9),
    ]);
    for (const o of results.options)
      expect(o.contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(o.total, 9);
  });

  it('counts unscored criteria and marks the results incomplete', () => {
    const partial = new Map(values);
    partial.delete(cellKey(2, 21));
    const r = stageResults(roots, options, partial);
    expect(r.complete).toBe(false);
    expect(r.options[1]!.unscored).toBe(1);
    expect(r.options[1]!.total).toBeCloseTo(69.475 - 4.375, 9);
  });

  it('lays the values out option by option for the robustness calculations', () => {
    const m = valueMatrix(results.leaves, options, values);
    expect(m.values.length).toBe(4 * 7);
    expect(m.values[1]).toBeCloseTo(0.75, 12); // A, financial benefit
    expect(Array.from(m.weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });
});
