import { describe, expect, it } from 'vitest';
import { cellKey } from '../criteria/index.js';
import { stageTree } from './analyse.js';
import { buildTree, formatShare, leafCriteria, renormalise } from '../criteria/index.js';
import { stageResults } from './results.js';
import { oneWaySensitivity } from './sensitivity.js';
import { flatRows, southamptonShapedRows } from './testTrees.js';

// Outcomes 40 %; efficiency 35 % (financial 50, decisions 30, ease 20); accountability 25 % (democratic 40, 30, 30)
const tree = () => buildTree(southamptonShapedRows());

describe('a stage that uses a subset of another stage’s criteria', () => {
  it('keeps the groups above the chosen criteria and renormalises each level exactly', () => {
    // outcomes, financial, decisions and democratic chosen: the top level keeps all three groups (100 %); under
    // efficiency 50 + 30 = 80, so 5/8 and 3/8; under accountability democratic alone, so 1.
    const { roots, problems } = renormalise(tree(), new Set([1, 21, 22, 31]));
    expect(problems).toEqual([]);
    expect(roots.map((r) => r.name)).toEqual([
      'Resident and patient outcomes',
      'System efficiency and sustainability',
      'Accountability',
    ]);
    expect(roots[1]!.children.map((c) => c.name)).toEqual(['Financial benefit', 'Effective decision making']);
    const leaves = leafCriteria(roots);
    expect(leaves.map((l) => l.name)).toEqual([
      'Resident and patient outcomes',
      'Financial benefit',
      'Effective decision making',
      'Democratic accountability',
    ]);
    // .4; .35 × 5/8 = .21875; .35 × 3/8 = .13125; .25 × 1 = .25
    expect(leaves[0]!.weight).toBe(0.4);
    expect(leaves[1]!.weight).toBeCloseTo(0.21875, 15);
    expect(leaves[2]!.weight).toBeCloseTo(0.13125, 15);
    expect(leaves[3]!.weight).toBe(0.25);
    expect(leaves.reduce((s, l) => s + l.weight, 0)).toBeCloseTo(1, 15);
    expect(formatShare(roots[1]!.children[0]!)).toBe('62.50 %');
  });

  it('drops a group none of whose criteria is chosen, sharing its weight out by ratio, not by rounding', () => {
    // outcomes (4000) and ease (under efficiency, 3500): 4000/7500 = 8/15 and 3500/7500 = 7/15, never 53.33 %
    const { roots } = renormalise(tree(), new Set([1, 23]));
    expect(roots.map((r) => r.name)).toEqual([
      'Resident and patient outcomes',
      'System efficiency and sustainability',
    ]);
    const leaves = leafCriteria(roots);
    expect(leaves.map((l) => l.weight)).toEqual([8 / 15, 7 / 15]);
    expect(formatShare(roots[0]!)).toBe('53.33 %');
  });

  it('gives results and the sensitivity threshold on the renormalised weights, solved by hand', () => {
    const { roots } = renormalise(tree(), new Set([1, 23]));
    const options = [
      { id: 1, name: 'A' },
      { id: 2, name: 'B' },
    ];
    const values = new Map([
      [cellKey(1, 1), 1],
      [cellKey(1, 23), 0],
      [cellKey(2, 1), 0.5],
      [cellKey(2, 23), 1],
    ]);
    // A: 100 × 8/15 = 53.33; B: 100 × (.5 × 8/15 + 7/15) = 100 × 11/15 = 73.33
    const results = stageResults(roots, options, values);
    expect(results.ranked.map((r) => [r.name, r.total])).toEqual([
      ['B', expect.closeTo((100 * 11) / 15, 10)],
      ['A', expect.closeTo((100 * 8) / 15, 10)],
    ]);
    // B stays first while .5t + (1 − t) ≥ t, that is t ≤ 2/3, where t is the outcomes share of the top level
    const s = oneWaySensitivity(roots, options, values)!;
    expect(s.winner.name).toBe('B');
    const outcomes = s.weights.find((w) => w.criterionId === 1)!;
    expect(outcomes.current).toBe(8 / 15);
    expect(outcomes.lower).toBe(0);
    expect(outcomes.upper).toBeCloseTo(2 / 3, 12);
    expect(outcomes.upperTakers.map((o) => o.name)).toEqual(['A']);
  });

  it('reports a chosen level whose criteria all weigh 0 %', () => {
    const { problems } = renormalise(buildTree(flatRows([10_000, 0, 0])), new Set([2, 3]));
    expect(problems.map((p) => p.message)).toEqual([
      'The criteria chosen at the top level all weigh 0 %: choose one with a weight',
    ]);
  });

  it('takes the stage’s own criteria when it has chosen none of another’s, and the subset when it has', () => {
    const own = southamptonShapedRows().map((r) => ({ ...r, stageId: 10 }));
    const second = [{ ...own[0]!, id: 99, stageId: 20, weightBp: 10_000 }];
    const criteria = [...own, ...second];
    const plain = stageTree({ stage: { id: 20 }, criteria });
    expect(plain.sourceStageId).toBeNull();
    expect(leafCriteria(plain.tree).map((l) => l.id)).toEqual([99]);
    const subset = stageTree({
      stage: { id: 30 },
      criteria,
      subsets: [
        { stageId: 30, criterionId: 1 },
        { stageId: 30, criterionId: 23 },
      ],
    });
    expect(subset.sourceStageId).toBe(10);
    expect(subset.problems).toEqual([]);
    expect(leafCriteria(subset.tree).map((l) => l.weight)).toEqual([8 / 15, 7 / 15]);
  });
});
