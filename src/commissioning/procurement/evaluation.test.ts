import { describe, expect, it } from 'vitest';
import { evaluateLot, normaliseWeights, priceScores, scoreProblem } from './evaluation.js';

const criteria = [
  { id: 1, name: 'Service model', category: 'quality' as const, weight: 60 },
  { id: 2, name: 'Price', category: 'price' as const, weight: 30 },
  { id: 3, name: 'Social value', category: 'social_value' as const, weight: 10 },
];
const bids = [
  { id: 10, name: 'Alliance', pricePence: 1_000_000_00 },
  { id: 20, name: 'Lead', pricePence: 800_000_00 },
];

describe('evaluation of a lot', () => {
  it('normalises weights to exactly 100%', () => {
    expect(normaliseWeights([60, 30, 10])).toEqual([6000, 3000, 1000]);
    expect(normaliseWeights([1, 1, 1])).toEqual([3334, 3333, 3333]);
  });

  it('scores price by formula: the lowest price takes full marks', () => {
    expect(priceScores([1_000_000_00, 800_000_00, null], 5)).toEqual([4, 5, null]);
    expect(priceScores([300, 200], 100)).toEqual([66.67, 100]);
  });

  it('weights the scores, totals out of 100 and ranks the bids', () => {
    const scores = new Map([
      ['10:1', 5],
      ['10:3', 4],
      ['20:1', 3],
      ['20:3', 5],
    ]);
    const e = evaluateLot(criteria, bids, scores, 5, 'lowest_price_ratio');
    // Alliance: 60 × 5/5 + 30 × 4/5 + 10 × 4/5 = 60 + 24 + 8 = 92
    // Lead: 60 × 3/5 + 30 × 5/5 + 10 × 5/5 = 36 + 30 + 10 = 76
    expect(e.bids.map((b) => Math.round(b.total * 100) / 100)).toEqual([92, 76]);
    expect(e.ranked.map((b) => [b.name, b.rankLabel])).toEqual([
      ['Alliance', '1'],
      ['Lead', '2'],
    ]);
    expect(e.complete).toBe(true);
  });

  it('counts unscored cells as 0 and says the evaluation is incomplete; ties share a rank', () => {
    const e = evaluateLot(criteria, bids, new Map(), 5, 'scored');
    expect(e.complete).toBe(false);
    expect(e.bids.map((b) => [b.total, b.rankLabel, b.unscored])).toEqual([
      [0, '1=', 3],
      [0, '1=', 3],
    ]);
  });

  it('checks a score against the scale', () => {
    expect(scoreProblem(6, 5)).toBe('The score must be a whole number from 0 to 5');
    expect(scoreProblem(2.5, 5)).toBe('The score must be a whole number from 0 to 5');
    expect(scoreProblem(70, 100)).toBeNull();
  });
});
