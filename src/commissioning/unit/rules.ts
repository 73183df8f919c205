/**
 * The integrated commissioning unit: the rules of its cost, with no I/O. Seed 003 (Southampton Cabinet, 15
 * October 2013): "Staff will remain employed by their current employer, with their existing terms and
 * conditions, but work as part of a combined unit". Each post is therefore paid by its employer, and the unit's
 * cost is then shared between the partners by an agreed split or in proportion to their contributions to the
 * pooled fund of the year; the difference is what one partner recharges another.
 *
 * Exactness: FTE is held in hundredths (1.00 FTE = 100) and costs in pence. A post's cost in a year is its annual
 * cost x FTE x the share of the year it is filled, worked out with BigInt and rounded once, half up, to the
 * penny; every total is the sum of the posts' costs, and every share is a largest-remainder part of the total
 * (kernel/money.ts), so the shares add up to the total exactly.
 */
import { apportionByWeights, pence, sumPence, type Pence } from '../../kernel/money.js';
import { financialYearBounds, type IsoDate } from '../../kernel/dates.js';

/** FTE hundredths in one full-time post. */
export const FULL_TIME = 100;
/** Basis points in the whole (100%). */
export const WHOLE_BASIS_POINTS = 10_000;

export const SHARING_BASES = {
  split: 'An agreed split between the partners',
  contributions: 'In proportion to each partner’s contributions to the pooled fund of the year',
} as const;
export type SharingBasis = keyof typeof SHARING_BASES;

/** Reads an FTE like `1`, `0.5` or `0.75` into hundredths, from 0.01 to 1.00; null when it is not one. */
export function parseFte(text: string): number | null {
  const m = /^(\d+)?(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const hundredths = Number(m[1] ?? '0') * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return hundredths >= 1 && hundredths <= FULL_TIME ? hundredths : null;
}

/** `0.50`. */
export const formatFte = (hundredths: number): string =>
  `${String(Math.trunc(hundredths / 100))}.${String(hundredths % 100).padStart(2, '0')}`;

/** Reads a percentage like `60`, `33.34` or `12.5` into basis points (0 to 10000); null when it is not one. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})?(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const bp = Number(m[1] ?? '0') * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return bp <= WHOLE_BASIS_POINTS ? bp : null;
}

/** `33.34%`. */
export const formatPercent = (basisPoints: number): string =>
  `${String(Math.trunc(basisPoints / 100))}.${String(basisPoints % 100).padStart(2, '0')}%`;

export interface PostCosting {
  employerOrganisationId: number;
  fteHundredths: number;
  annualCostPence: number;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  /** A post the unit added (an investment the partners approved), not one that existed before it. */
  additional: boolean;
}

const dayNumber = (d: IsoDate): number =>
  Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

/** The days of the financial year the post is filled (0 when it is not), and the days in the year. */
export function daysFilled(post: Pick<PostCosting, 'startsOn' | 'endsOn'>, year: number) {
  const { startsOn, endsOn } = financialYearBounds(year);
  const inYear = dayNumber(endsOn) - dayNumber(startsOn) + 1;
  const from = Math.max(dayNumber(startsOn), dayNumber(post.startsOn));
  const to = Math.min(dayNumber(endsOn), post.endsOn === null ? Infinity : dayNumber(post.endsOn));
  return { filled: Math.max(0, to - from + 1), inYear };
}

/** Divides non-negative BigInts, rounding half up. */
const divideHalfUp = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

/** The post's cost in the financial year: annual cost x FTE x days filled / days in the year, to the penny. */
export function postCostInYear(post: PostCosting, year: number): Pence {
  const { filled, inYear } = daysFilled(post, year);
  if (filled === 0) return pence(0);
  const n = BigInt(pence(post.annualCostPence)) * BigInt(post.fteHundredths) * BigInt(filled);
  return pence(divideHalfUp(n, BigInt(FULL_TIME) * BigInt(inYear)));
}

export interface EmployerCost {
  organisationId: number;
  posts: number;
  fteHundredths: number;
  costPence: Pence;
  additionalCostPence: Pence;
}

/**
 * The unit's cost in a year by employer (in the order of `partnerIds`, then any other employer), with the totals.
 * Posts not filled in the year are left out.
 */
export function costByEmployer(posts: readonly PostCosting[], year: number, partnerIds: readonly number[]) {
  const costed = posts
    .map((p) => ({ p, cost: postCostInYear(p, year) }))
    .filter((x) => daysFilled(x.p, year).filled > 0);
  const order = [...new Set([...partnerIds, ...costed.map((x) => x.p.employerOrganisationId)])];
  const byEmployer: EmployerCost[] = [];
  for (const organisationId of order) {
    const mine = costed.filter((x) => x.p.employerOrganisationId === organisationId);
    if (mine.length === 0) continue;
    byEmployer.push({
      organisationId,
      posts: mine.length,
      fteHundredths: mine.reduce((a, x) => a + x.p.fteHundredths, 0),
      costPence: sumPence(mine.map((x) => x.cost)),
      additionalCostPence: sumPence(mine.filter((x) => x.p.additional).map((x) => x.cost)),
    });
  }
  return {
    byEmployer,
    fteHundredths: byEmployer.reduce((a, e) => a + e.fteHundredths, 0),
    totalPence: sumPence(byEmployer.map((e) => e.costPence)),
    additionalPence: sumPence(byEmployer.map((e) => e.additionalCostPence)),
  };
}

export interface ShareLine {
  organisationId: number;
  /** Basis points of an agreed split, or pence contributed to the pool. */
  weight: number;
  sharePence: Pence;
}

export type ShareOutcome = { ok: true; shares: ShareLine[] } | { ok: false; problem: string };

/** An agreed split must cover each partner once and add up to 100.00%. */
export function checkSplit(split: readonly { organisationId: number; basisPoints: number }[]): string | null {
  const total = split.reduce((a, s) => a + s.basisPoints, 0);
  if (total !== WHOLE_BASIS_POINTS)
    return `The shares must add up to 100.00%; they add up to ${formatPercent(total)}`;
  return null;
}

/**
 * Shares the unit's cost between the partners: by an agreed split (basis points) or in proportion to each
 * partner's contributions to the pooled fund of the year. Largest remainder, so the shares sum to the total.
 */
export function shareCost(
  totalPence: number,
  weights: readonly { organisationId: number; weight: number }[],
  basis: SharingBasis,
): ShareOutcome {
  if (weights.length === 0 || weights.every((w) => w.weight === 0)) {
    return {
      ok: false,
      problem:
        basis === 'split'
          ? 'No agreed split is recorded for this year'
          : 'No partner has contributed to a pooled fund of this year, so there is nothing to share in proportion to',
    };
  }
  if (basis === 'split') {
    const problem = checkSplit(
      weights.map((w) => ({ organisationId: w.organisationId, basisPoints: w.weight })),
    );
    if (problem) return { ok: false, problem };
  }
  const parts = apportionByWeights(
    totalPence,
    weights.map((w) => w.weight),
  );
  return {
    ok: true,
    shares: weights.map((w, i) => ({
      organisationId: w.organisationId,
      weight: w.weight,
      sharePence: parts[i] ?? pence(0),
    })),
  };
}

/**
 * What each partner bears against what it pays as employer: the balance is its share less the cost of the
 * posts it employs; a positive balance is paid to the other partners, a negative one is received from them.
 * The balances sum to zero.
 */
export function recharges(shares: readonly ShareLine[], byEmployer: readonly EmployerCost[]) {
  return shares.map((s) => {
    const paid = byEmployer.find((e) => e.organisationId === s.organisationId)?.costPence ?? pence(0);
    return {
      organisationId: s.organisationId,
      sharePence: s.sharePence,
      paidPence: paid,
      balancePence: pence(s.sharePence - paid),
    };
  });
}

/** The unit's running cost against its budget: variance is budget less cost, negative an overspend. */
export function againstBudget(costPence: number, budgetPence: number) {
  const variance = pence(BigInt(pence(budgetPence)) - BigInt(pence(costPence)));
  return {
    costPence: pence(costPence),
    budgetPence: pence(budgetPence),
    variancePence: variance,
    position: variance < 0 ? ('over' as const) : variance > 0 ? ('under' as const) : ('on' as const),
  };
}
