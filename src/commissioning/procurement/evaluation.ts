/**
 * Evaluation of the bids for one lot: criteria (quality, price, social value) with relative weights, scores per
 * bid per criterion on the lot's scale (0 to 5 or 0 to 100), each bid's weighted total out of 100 and the
 * ranking. Price may be scored by formula: the lowest price scores full marks and each other bid
 * lowest ÷ its price of them. Reuses the appraisal's value function, weights and ranking. No I/O.
 */
import { apportionByWeights } from '../../kernel/money.js';
import { WHOLE_BP } from '../../appraisal/criteria/index.js';
import { pointsScale, valueOf } from '../../appraisal/criteria/index.js';
import { rankLabel, rankTotals } from '../../appraisal/analysis/index.js';
import type { CriterionCategory, PriceScoring } from './types.js';

export { rankLabel };

export const CRITERION_CATEGORIES: Record<CriterionCategory, string> = {
  quality: 'Quality',
  price: 'Price',
  social_value: 'Social value',
};

export const SCORE_SCALES = {
  5: '0 to 5 (0 unacceptable, 5 excellent)',
  100: '0 to 100',
} as const;
export type ScoreScaleMax = keyof typeof SCORE_SCALES;

export const PRICE_SCORING: Record<PriceScoring, string> = {
  lowest_price_ratio: 'By formula: lowest price ÷ bid price × the full score',
  scored: 'Scored by the evaluators like the other criteria',
};

export interface EvaluationCriterion {
  id: number;
  name: string;
  category: CriterionCategory;
  weight: number;
}

export interface EvaluatedBid {
  id: number;
  name: string;
  pricePence: number | null;
}

export interface BidResult {
  bidId: number;
  name: string;
  /** Score per criterion in the order of the criteria: null when not yet scored. */
  scores: (number | null)[];
  /** Weighted points per criterion (0 to the criterion's weight out of 100). */
  points: number[];
  /** Out of 100. */
  total: number;
  rank: number;
  rankLabel: string;
  unscored: number;
}

export interface LotEvaluation {
  /** Each criterion's weight in basis points, summing to 10,000. */
  weightsBp: number[];
  bids: BidResult[];
  /** Best first. */
  ranked: BidResult[];
  complete: boolean;
}

/** Relative weights as basis points summing exactly to 10,000 (largest remainder). */
export function normaliseWeights(weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  return apportionByWeights(WHOLE_BP, weights).map(Number);
}

/** The price score of each bid: lowest price ÷ its price × the scale's top, to two decimal places. */
export function priceScores(prices: readonly (number | null)[], scaleMax: number): (number | null)[] {
  const given = prices.filter((p): p is number => p !== null && p > 0);
  if (given.length === 0) return prices.map(() => null);
  const lowest = Math.min(...given);
  return prices.map((p) => (p === null || p <= 0 ? null : Math.round((lowest / p) * scaleMax * 100) / 100));
}

/** A score's problem on the lot's scale, or null when it is a whole number within it. */
export function scoreProblem(score: number, scaleMax: number): string | null {
  if (!Number.isInteger(score) || score < 0 || score > scaleMax)
    return `The score must be a whole number from 0 to ${scaleMax}`;
  return null;
}

/**
 * The evaluation of one lot. `scores` maps `${bidId}:${criterionId}` to the evaluators' score; price criteria
 * are scored by formula when `priceScoring` is 'lowest_price_ratio'. Unscored cells count as 0.
 */
export function evaluateLot(
  criteria: readonly EvaluationCriterion[],
  bids: readonly EvaluatedBid[],
  scores: ReadonlyMap<string, number>,
  scaleMax: ScoreScaleMax,
  priceScoring: PriceScoring,
): LotEvaluation {
  const weightsBp = normaliseWeights(criteria.map((c) => c.weight));
  const scale = pointsScale(0, scaleMax);
  const byFormula = priceScores(
    bids.map((b) => b.pricePence),
    scaleMax,
  );
  const partial = bids.map((b, bi) => {
    let unscored = 0;
    const cells = criteria.map((c) => {
      const s =
        c.category === 'price' && priceScoring === 'lowest_price_ratio'
          ? (byFormula[bi] ?? null)
          : (scores.get(`${b.id}:${c.id}`) ?? null);
      if (s === null) unscored += 1;
      return s;
    });
    const points = cells.map((s, ci) => {
      const v = s === null ? null : valueOf(scale, s);
      return v?.ok ? (v.value * (weightsBp[ci] ?? 0)) / 100 : 0;
    });
    const total = points.reduce((a, p) => a + p, 0);
    return { bidId: b.id, name: b.name, scores: cells, points, total, unscored };
  });
  const ranks = rankTotals(partial.map((p) => p.total));
  const results = partial.map((p, i) => {
    const r = ranks[i] ?? { rank: i + 1, tied: false };
    return { ...p, rank: r.rank, rankLabel: rankLabel(r) };
  });
  const ranked = [...results].sort((a, b) => a.rank - b.rank);
  return {
    weightsBp,
    bids: results,
    ranked,
    complete: criteria.length > 0 && results.every((r) => r.unscored === 0),
  };
}
