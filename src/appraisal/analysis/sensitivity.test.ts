import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellKey } from '../criteria/index.js';
import { buildTree, type CriterionRow } from '../criteria/index.js';
import { stageResults } from './results.js';
import { oneWaySensitivity, stableInterval } from './sensitivity.js';
import { flatRows, southamptonShapedRows } from './testTrees.js';

const options = [
  { id: 1, name: 'A' },
  { id: 2, name: 'B' },
  { id: 3, name: 'C' },
];

function valuesFor(rows: readonly number[][], criterionIds: readonly number[]) {
  const values = new Map<string, number>();
  rows.forEach((row, a) => row.forEach((x, j) => values.set(cellKey(a + 1, criterionIds[j]!), x)));
  return values;
}

describe('one-way sensitivity, solved by hand', () => {
  // Weights 50 / 30 / 20. A = (1, 0, 0.5), B = (0, 1, 0.5), C = (0.4, 0.4, 1).
  // Totals: A .6, B .4, C .52, so A wins.
  const roots = buildTree(flatRows([5000, 3000, 2000]));
  const values = valuesFor(
    [
      [1, 0, 0.5],
      [0, 1, 0.5],
      [0.4, 0.4, 1],
    ],
    [1, 2, 3],
  );
  const s = oneWaySensitivity(roots, options, values)!;
  const of = (id: number) => s.weights.find((w) => w.criterionId === id)!;

  it('names the winner', () => {
    expect(s.winner.name).toBe('A');
  });

  it('criterion 1 (50 %): A wins from 11/26 up to 100 %, and C takes over below', () => {
    // w1 = t, w2 = .6(1 − t), w3 = .4(1 − t): A = .2 + .8t, B = .8 − .8t, C = .64 − .24t.
    // A ≥ B from t = .375; A ≥ C from 1.04t ≥ .44, t = 11/26 = 42.31 %.
    expect(of(1).lower).toBeCloseTo(11 / 26, 12);
    expect(of(1).upper).toBe(1);
    expect(of(1).lowerTakers.map((o) => o.name)).toEqual(['C']);
    expect(of(1).upperTakers).toEqual([]);
  });

  it('criterion 3 (20 %): A wins up to 9/29, and C takes over above', () => {
    // w3 = t, w1 = .625(1 − t), w2 = .375(1 − t): A = .625 − .125t, B = .375 + .125t, C = .4 + .6t.
    // A ≥ C while .225 ≥ .725t, t ≤ 9/29 = 31.03 %; A ≥ B all the way to t = 1 (equal there, never behind).
    expect(of(3).lower).toBe(0);
    expect(of(3).upper).toBeCloseTo(9 / 29, 12);
    expect(of(3).upperTakers.map((o) => o.name)).toEqual(['C']);
  });

  it('criterion 2 (30 %): B and C both draw level with A at 5/12', () => {
    // w2 = t, w1 = (5/7)(1 − t), w3 = (2/7)(1 − t): A = (6/7)(1 − t), B = t + (1/7)(1 − t),
    // C = .4t + (4/7)(1 − t). All three equal .5 at t = 5/12 = 41.67 %.
    expect(of(2).upper).toBeCloseTo(5 / 12, 12);
    expect(
      of(2)
        .upperTakers.map((o) => o.name)
        .sort(),
    ).toEqual(['B', 'C']);
  });

  it('lists the weights most sensitive (narrowest interval) first, for the tornado chart', () => {
    expect(s.weights.map((w) => w.criterionId)).toEqual([3, 2, 1]);
  });

  it('finds a lower and an upper bound from the lines directly', () => {
    // winner 0: 1 + 0t; option 1: 0 + 2t (passes at .5); option 2: 1.5 − 2t (passes at .25)
    expect(stableInterval([1, 0, 1.5], [0, 2, -2], 0, 0.4)).toEqual({
      lower: 0.25,
      upper: 0.5,
      lowerTakers: [2],
      upperTakers: [1],
    });
  });
});

/** Totals with one criterion's weight set to t and its siblings rescaled proportionally, computed directly. */
function totalsWithWeight(rows: readonly CriterionRow[], id: number, t: number, values: Map<string, number>) {
  const target = rows.find((r) => r.id === id)!;
  const l = target.weightBp / 10_000;
  const scaled = rows.map((r) =>
    r.id === id
      ? { ...r, weightBp: t * 10_000 }
      : r.parentId === target.parentId
        ? { ...r, weightBp: (r.weightBp * (1 - t)) / (1 - l) }
        : r,
  );
  return stageResults(buildTree(scaled), options, values).options.map((o) => o.total);
}

describe('one-way sensitivity on a two-level tree', () => {
  const rows = southamptonShapedRows();
  const leafIds = [1, 21, 22, 23, 31, 32, 33];
  const valueRow = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 });

  it('keeps the winner inside each interval and loses it just beyond each bound it names', () => {
    fc.assert(
      fc.property(fc.tuple(valueRow, valueRow, valueRow), (rowsOfValues) => {
        const values = valuesFor(rowsOfValues, leafIds);
        const s = oneWaySensitivity(buildTree(rows), options, values)!;
        const w = options.findIndex((o) => o.id === s.winner.id);
        for (const ws of s.weights) {
          for (const t of [ws.lower, (ws.lower + ws.upper) / 2, ws.upper]) {
            const totals = totalsWithWeight(rows, ws.criterionId, t, values);
            for (const x of totals) expect(totals[w]!).toBeGreaterThanOrEqual(x - 1e-9);
          }
          if (ws.lowerTakers.length > 0 && ws.lower > 1e-3) {
            const totals = totalsWithWeight(rows, ws.criterionId, ws.lower - 1e-3, values);
            const taker = options.findIndex((o) => o.id === ws.lowerTakers[0]!.id);
            expect(totals[taker]!).toBeGreaterThan(totals[w]! - 1e-9);
          }
          if (ws.upperTakers.length > 0 && ws.upper < 1 - 1e-3) {
            const totals = totalsWithWeight(rows, ws.criterionId, ws.upper + 1e-3, values);
            const taker = options.findIndex((o) => o.id === ws.upperTakers[0]!.id);
            expect(totals[taker]!).toBeGreaterThan(totals[w]! - 1e-9);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
