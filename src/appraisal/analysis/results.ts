/**
 * Weighted results of an appraisal stage: each option's total (out of 100), its rank with ties shown as ties,
 * and the contribution of each top-level criterion group to its total (which add up to the total).
 */
import { cellKey } from '../criteria/index.js';
import { leafCriteria, type CriterionNode, type LeafCriterion } from '../criteria/index.js';

/** Totals closer than this (on the 0–100 scale) are the same total: a tie, not a win by rounding error. */
export const TIE_EPSILON = 1e-9;

export interface AppraisedOption {
  id: number;
  name: string;
}

export interface OptionResult {
  optionId: number;
  name: string;
  /** Weighted total, 0 (worst on every criterion) to 100 (best on every criterion). */
  total: number;
  /** 1 is best; options with equal totals share the better rank (1, 1, 3). */
  rank: number;
  tied: boolean;
  /** Points contributed by each top-level group, in the order of `groups`. */
  contributions: number[];
  /** Criteria not yet scored for this option (counted as 0 until they are). */
  unscored: number;
}

export interface StageResults {
  groups: { id: number; name: string; weightBp: number; levelTotalBp?: number }[];
  leaves: LeafCriterion[];
  /** In the order the options were given. */
  options: OptionResult[];
  /** Best first; ties in the order the options were given. */
  ranked: OptionResult[];
  complete: boolean;
}

/** Rank label as boards write it: '1', or '2=' for a shared rank. */
export const rankLabel = (r: { rank: number; tied: boolean }): string => `${r.rank}${r.tied ? '=' : ''}`;

/** Competition ranks (1, 1, 3) of totals, best (highest) first, and whether each rank is shared. */
export function rankTotals(totals: readonly number[]): { rank: number; tied: boolean }[] {
  return totals.map((t) => {
    let better = 0;
    let equal = 0;
    for (const u of totals) {
      if (u > t + TIE_EPSILON) better++;
      else if (Math.abs(u - t) <= TIE_EPSILON) equal++;
    }
    return { rank: better + 1, tied: equal > 1 };
  });
}

/**
 * The results of one stage. `values` holds each scored cell's value from 0 to 1 (see scales.ts), keyed by
 * `cellKey(optionId, criterionId)`.
 */
export function stageResults(
  roots: readonly CriterionNode[],
  options: readonly AppraisedOption[],
  values: ReadonlyMap<string, number>,
): StageResults {
  const leaves = leafCriteria(roots);
  const groupIndex = new Map(roots.map((g, i) => [g.id, i]));
  let complete = true;
  const partial = options.map((o) => {
    const contributions = roots.map(() => 0);
    let unscored = 0;
    for (const leaf of leaves) {
      const v = values.get(cellKey(o.id, leaf.id));
      if (v === undefined) {
        unscored++;
        continue;
      }
      const g = groupIndex.get(leaf.groupId) ?? 0;
      contributions[g] = (contributions[g] ?? 0) + 100 * leaf.weight * v;
    }
    if (unscored > 0) complete = false;
    const total = contributions.reduce((s, c) => s + c, 0);
    return { optionId: o.id, name: o.name, total, contributions, unscored };
  });
  const ranks = rankTotals(partial.map((p) => p.total));
  const results: OptionResult[] = partial.map((p, i) => ({
    ...p,
    ...(ranks[i] ?? { rank: 0, tied: false }),
  }));
  const ranked = results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.rank - b.r.rank || a.i - b.i)
    .map(({ r }) => r);
  return {
    groups: roots.map((g) => ({
      id: g.id,
      name: g.name,
      weightBp: g.weightBp,
      levelTotalBp: g.levelTotalBp,
    })),
    leaves,
    options: results,
    ranked,
    complete,
  };
}

/**
 * The values as a dense option-major matrix (row a, column j = option a on leaf j) and the leaf weights, the
 * form the sensitivity and SMAA calculations take. Unscored cells are 0.
 */
export function valueMatrix(
  leaves: readonly LeafCriterion[],
  options: readonly AppraisedOption[],
  values: ReadonlyMap<string, number>,
): { values: Float64Array; weights: Float64Array } {
  const n = leaves.length;
  const matrix = new Float64Array(options.length * n);
  options.forEach((o, a) => {
    leaves.forEach((leaf, j) => {
      matrix[a * n + j] = values.get(cellKey(o.id, leaf.id)) ?? 0;
    });
  });
  return { values: matrix, weights: Float64Array.from(leaves.map((l) => l.weight)) };
}
