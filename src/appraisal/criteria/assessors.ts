/**
 * Combining a scoring round done by several assessors: one score per option per criterion, by the mean or the
 * median of the assessors' scores, with the spread (lowest, highest and range) shown so that the board can see
 * where the assessors disagreed. Both combinations commute with a linear value function, so combining scores
 * and then valuing them gives the same answer as valuing and then combining.
 */

export type Combination = 'mean' | 'median';

export interface CombinedScore {
  score: number;
  assessors: number;
  lowest: number;
  highest: number;
  /** highest − lowest: 0 when every assessor agreed. */
  range: number;
}

/** The combined score of one cell, or null when no one has scored it. */
export function combineScores(scores: readonly number[], how: Combination): CombinedScore | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const lowest = sorted[0] ?? 0;
  const highest = sorted[sorted.length - 1] ?? 0;
  let score: number;
  if (how === 'mean') score = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  else {
    const mid = sorted.length >> 1;
    score = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  }
  return { score, assessors: sorted.length, lowest, highest, range: highest - lowest };
}

export interface AssessorScore {
  optionId: number;
  criterionId: number;
  assessor: string;
  score: number;
}

export const cellKey = (optionId: number, criterionId: number): string => `${optionId}:${criterionId}`;

/**
 * Each cell's combined score. An assessor who scored a cell twice counts once, with their latest score
 * (scores are given in the order they were made).
 */
export function combineRound(scores: readonly AssessorScore[], how: Combination): Map<string, CombinedScore> {
  const latest = new Map<string, Map<string, number>>();
  for (const s of scores) {
    const key = cellKey(s.optionId, s.criterionId);
    let byAssessor = latest.get(key);
    if (!byAssessor) latest.set(key, (byAssessor = new Map<string, number>()));
    byAssessor.set(s.assessor, s.score);
  }
  const out = new Map<string, CombinedScore>();
  for (const [key, byAssessor] of latest) {
    const c = combineScores([...byAssessor.values()], how);
    if (c) out.set(key, c);
  }
  return out;
}
