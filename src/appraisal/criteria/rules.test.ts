import { describe, expect, it } from 'vitest';
import { buildTree, formatPercent, leafCriteria, weightProblems } from './rules.js';
import { flatRows, southamptonShapedRows } from '../analysis/index.js';

describe('the criteria tree', () => {
  it('puts criteria under their groups in their stored order', () => {
    const roots = buildTree(southamptonShapedRows().reverse());
    expect(roots.map((r) => r.name)).toEqual([
      'Resident and patient outcomes',
      'System efficiency and sustainability',
      'Accountability',
    ]);
    expect(roots[1]!.children.map((c) => c.name)).toEqual([
      'Financial benefit',
      'Effective decision making',
      'Ease of delivery',
    ]);
  });

  it('gives each scored criterion the product of the weights on its path', () => {
    const leaves = leafCriteria(buildTree(southamptonShapedRows()));
    // 40 %; 35 % × 50 % = 17.5 %; 35 % × 30 % = 10.5 %; 35 % × 20 % = 7 %; 25 % × 40 % = 10 %; 25 % × 30 % = 7.5 %
    expect(leaves.map((l) => Math.round(l.weight * 10_000))).toEqual([4000, 1750, 1050, 700, 1000, 750, 750]);
    expect(leaves.reduce((s, l) => s + l.weight, 0)).toBeCloseTo(1, 12);
    expect(leaves[1]!.path).toEqual(['System efficiency and sustainability', 'Financial benefit']);
    expect(leaves[1]!.groupId).toBe(2);
  });
});

describe('weights at each level must total 100 %', () => {
  it('accepts a tree whose every level totals 100 %', () => {
    expect(weightProblems(buildTree(southamptonShapedRows()))).toEqual([]);
  });

  it('names the level whose weights do not total 100 %, with the total', () => {
    const rows = southamptonShapedRows().map((r) => (r.id === 33 ? { ...r, weightBp: 2500 } : r));
    const problems = weightProblems(buildTree(rows));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.parentId).toBe(3);
    expect(problems[0]!.message).toBe('Weights under “Accountability” total 95 %: they must total 100 %');
  });

  it('names the top level when the groups do not total 100 %', () => {
    const problems = weightProblems(buildTree(flatRows([3333, 3333, 3333])));
    expect(problems.map((p) => p.message)).toEqual([
      'Weights at the top level total 99.99 %: they must total 100 %',
    ]);
  });

  it('reports every level that is out, not only the first', () => {
    const rows = southamptonShapedRows().map((r) =>
      r.id === 1 ? { ...r, weightBp: 4500 } : r.id === 21 ? { ...r, weightBp: 4000 } : r,
    );
    expect(weightProblems(buildTree(rows)).map((p) => p.level)).toEqual([
      'the top level',
      'under “System efficiency and sustainability”',
    ]);
  });

  it('refuses a negative weight even when the level totals 100 %', () => {
    const problems = weightProblems(buildTree(flatRows([11_000, -1000])));
    expect(problems[0]!.message).toMatch(/must not be negative/);
  });

  it('shows basis points as percentages', () => {
    expect(formatPercent(10_000)).toBe('100 %');
    expect(formatPercent(3333)).toBe('33.33 %');
    expect(formatPercent(9950)).toBe('99.5 %');
    expect(formatPercent(5)).toBe('0.05 %');
  });
});
