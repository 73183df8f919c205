/**
 * How a criterion is scored, and the value function that turns a score into a value from 0 (worst) to 1 (best),
 * so that criteria on different scales can be weighted together.
 * - A points scale (0 to 10, or 1 to 5 with labelled levels), higher better or lower better.
 * - A money scale for a financial criterion: an amount in pence, valued linearly between a worst and a best
 *   amount (a saving: best above worst; a cost: best below worst).
 */
import { formatPounds } from '../../kernel/money.js';
import { err, ok, type Result } from '../../kernel/result.js';

export interface ScaleLevel {
  value: number;
  label: string;
}

export type Scale =
  | { kind: 'points'; min: number; max: number; higherIsBetter: boolean; levels: ScaleLevel[] }
  | { kind: 'money'; worstPence: number; bestPence: number };

export const pointsScale = (
  min: number,
  max: number,
  levels: ScaleLevel[] = [],
  higherIsBetter = true,
): Scale => ({
  kind: 'points',
  min,
  max,
  higherIsBetter,
  levels,
});

export const moneyScale = (worstPence: number, bestPence: number): Scale => ({
  kind: 'money',
  worstPence,
  bestPence,
});

/** Problems with a scale itself (empty when sound). */
export function scaleProblem(scale: Scale): string | null {
  if (scale.kind === 'points') {
    if (!Number.isFinite(scale.min) || !Number.isFinite(scale.max) || scale.max <= scale.min)
      return 'The top of the scale must be above the bottom';
    const outside = scale.levels.find((l) => l.value < scale.min || l.value > scale.max);
    if (outside) return `The level “${outside.label}” is outside the scale`;
    return null;
  }
  if (!Number.isSafeInteger(scale.worstPence) || !Number.isSafeInteger(scale.bestPence))
    return 'The worst and best amounts must be in whole pence';
  if (scale.worstPence === scale.bestPence) return 'The worst and best amounts must differ';
  return null;
}

/** What a score means on this scale, for tables: '4 (Good)', '£1,200,000.00'. */
export function describeScore(scale: Scale, score: number): string {
  if (scale.kind === 'money') return formatPounds(Math.round(score));
  const level = scale.levels.find((l) => l.value === score);
  const shown = Number.isInteger(score) ? String(score) : score.toFixed(2).replace(/0$/, '');
  return level ? `${shown} (${level.label})` : shown;
}

/** The scale in words, for forms and the scoring matrix: '0 to 10, higher is better'. */
export function describeScale(scale: Scale): string {
  if (scale.kind === 'money')
    return `${formatPounds(scale.worstPence)} (worst) to ${formatPounds(scale.bestPence)} (best)`;
  return `${scale.min} to ${scale.max}, ${scale.higherIsBetter ? 'higher' : 'lower'} is better`;
}

/**
 * The value of a score, from 0 (worst) to 1 (best), linear between the ends of the scale. A score outside the
 * scale is a problem, not a value above 1: a financial criterion's range must be widened to take it.
 */
export function valueOf(scale: Scale, score: number): Result<number> {
  if (!Number.isFinite(score)) return err('The score must be a number');
  if (scale.kind === 'points') {
    if (score < scale.min || score > scale.max)
      return err(`The score must be from ${scale.min} to ${scale.max}`);
    const v = (score - scale.min) / (scale.max - scale.min);
    return ok(scale.higherIsBetter ? v : 1 - v);
  }
  const lo = Math.min(scale.worstPence, scale.bestPence);
  const hi = Math.max(scale.worstPence, scale.bestPence);
  if (score < lo || score > hi)
    return err(`The amount must be from ${formatPounds(lo)} to ${formatPounds(hi)}`);
  return ok((score - scale.worstPence) / (scale.bestPence - scale.worstPence));
}
