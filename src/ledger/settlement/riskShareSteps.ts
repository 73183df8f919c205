/**
 * The two risk-share steps with most arithmetic in them (riskShare.ts applies the steps in order): each
 * commissioner bearing the variance on its own schemes, scaled when earlier steps took part of the variance, and
 * caps on what a partner bears, with the excess passed on to the others or left unallocated. BigInt throughout.
 */
import { apportionByWeights, formatPounds, pence } from '../../kernel/money.js';
import type { Direction, RiskShareStep, SchemeVariance } from './riskShare.js';

/** What a step needs to know of the partners, in the policy's partner order. */
export interface StepContext {
  ids: readonly number[];
  nameOf: (id: number) => string;
  /** Each partner's contribution (negative ones count as nothing): the weights of pro-rata sharing. */
  contributionWeights: readonly bigint[];
}

export const bpText = (bp: number) => `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

export const abs = (x: bigint) => (x < 0n ? -x : x);
export const sign = (x: bigint) => (x < 0n ? -1n : x > 0n ? 1n : 0n);
export const words = (x: bigint) => (x >= 0n ? 'overspend' : 'underspend');
export const money = (x: bigint) => formatPounds(pence(abs(x)));

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * Splits `total` in proportion to signed `parts` (which sum to a non-zero whole): each result is
 * part × total / whole, floored, and the pennies left go to the largest remainders (ties to the earlier part).
 * The results sum to `total` exactly; negating every input negates every output.
 */
export function apportionSigned(total: bigint, parts: readonly bigint[]): bigint[] {
  const whole = parts.reduce((a, b) => a + b, 0n);
  if (whole === 0n) throw new RangeError('Cannot scale parts that sum to zero');
  if (whole < 0n)
    return apportionSigned(
      -total,
      parts.map((p) => -p),
    ).map((x) => -x);
  const floors = parts.map((p) => floorDiv(p * total, whole));
  const rems = parts.map((p, i) => ({ i, r: p * total - (floors[i] ?? 0n) * whole }));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return floors;
}

export const applies = (d: Direction, amount: bigint) =>
  amount !== 0n && (d === 'both' || (d === 'overspend') === amount > 0n);

/**
 * Each partner bears the net variance of the schemes it commissions; joint schemes, and any difference between
 * contributions and scheme budgets, make the joint pot that passes on. The pots add up to the year's variance;
 * when earlier steps took part of it, each pot bears the same fraction of what remains.
 */
export function commissionerStep(
  ctx: StepContext,
  schemes: readonly SchemeVariance[],
  variance: bigint,
  remaining: bigint,
): { stepShares: bigint[]; remaining: bigint; explanation: string[] } {
  const { ids, nameOf } = ctx;
  const index = new Map(ids.map((id, i) => [id, i]));
  const explanation: string[] = [];
  const pots = ids.map(() => 0n);
  for (const s of schemes) {
    const i = s.commissionerOrganisationId === null ? undefined : index.get(s.commissionerOrganisationId);
    if (s.commissioner !== 'joint' && i !== undefined)
      pots[i] = (pots[i] ?? 0n) + BigInt(s.spendPence) - BigInt(s.budgetPence);
  }
  const joint = variance - pots.reduce((a, b) => a + b, 0n);
  const whole = remaining === variance;
  const scaled = whole ? [...pots, joint] : apportionSigned(remaining, [...pots, joint]);
  if (!whole)
    explanation.push(
      `Earlier steps took ${money(variance - remaining)} of the ${words(variance)} of ${money(variance)}, so each commissioner's schemes and the joint schemes bear the same fraction (${bpText(Number((abs(remaining) * 10_000n) / abs(variance)))}) of the ${money(remaining)} that remains.`,
    );
  ids.forEach((id, i) => {
    if (pots[i] !== 0n)
      explanation.push(
        `${nameOf(id)} commissions schemes with a net ${words(pots[i] ?? 0n)} of ${money(pots[i] ?? 0n)}` +
          (whole ? '.' : `; it bears its part of what remains: ${formatPounds(pence(scaled[i] ?? 0n))}.`),
      );
  });
  const left = scaled[ids.length] ?? 0n;
  explanation.push(
    `Joint schemes, and contributions not budgeted to a scheme, account for ${formatPounds(pence(joint))}` +
      (whole ? '' : ` (${formatPounds(pence(left))} of what remains)`) +
      '; that passes to the next step.',
  );
  return { stepShares: ids.map((_, i) => scaled[i] ?? 0n), remaining: left, explanation };
}

/**
 * Caps what each partner bears from the steps before (in the directions the step applies to). The excess goes
 * to the partners below their caps in proportion to contributions, capping again until none is over
 * ("water-filling"), or is left unallocated. Updates `shares` in place and returns what the step moved.
 */
export function capStep(
  ctx: StepContext,
  step: Extract<RiskShareStep, { kind: 'cap' }>,
  shares: bigint[],
): { stepShares: bigint[]; applied: boolean; unallocated: bigint; explanation: string[] } {
  const { ids, nameOf, contributionWeights } = ctx;
  const explanation: string[] = [];
  const stepShares = ids.map(() => 0n);
  const limit = ids.map((id) => {
    const c = step.caps.find((x) => x.organisationId === id);
    return c === undefined ? null : BigInt(c.maxPence);
  });
  const over = (i: number) => {
    const s = shares[i] ?? 0n;
    const l = limit[i];
    if (l === null || l === undefined || !applies(step.appliesTo, s)) return 0n;
    return abs(s) > l ? s - sign(s) * l : 0n;
  };
  const move = (i: number, amount: bigint) => {
    shares[i] = (shares[i] ?? 0n) + amount;
    stepShares[i] = (stepShares[i] ?? 0n) + amount;
  };
  let excess = 0n;
  const capped = new Set<number>();
  ids.forEach((id, i) => {
    const e = over(i);
    if (e === 0n) return;
    excess += e;
    move(i, -e);
    capped.add(i);
    explanation.push(`${nameOf(id)} is capped at ${money(limit[i] ?? 0n)}: ${money(e)} is lifted off.`);
  });
  const liftedFirst = new Set(capped);
  if (excess === 0n)
    return {
      stepShares,
      applied: false,
      unallocated: 0n,
      explanation: ['No partner bears more than its cap.'],
    };
  if (step.excess === 'others') {
    while (excess !== 0n) {
      const open = ids.map((_, i) => (capped.has(i) ? 0n : (contributionWeights[i] ?? 0n)));
      if (open.every((w) => w === 0n)) break;
      const split = apportionByWeights(Number(excess), open);
      excess = 0n;
      ids.forEach((_, i) => {
        move(i, BigInt(split[i] ?? 0));
        const e = over(i);
        if (e !== 0n) {
          move(i, -e);
          excess += e;
          capped.add(i);
        }
      });
    }
    ids.forEach((id, i) => {
      if (liftedFirst.has(i) || stepShares[i] === 0n) return;
      const upTo = capped.has(i) ? ', up to its cap' : '';
      explanation.push(
        `${nameOf(id)} takes ${money(stepShares[i] ?? 0n)} of the excess, by contribution${upTo}.`,
      );
    });
    if (excess !== 0n) explanation.push(`Every partner is at its cap: ${money(excess)} cannot be shared.`);
  }
  if (excess !== 0n)
    explanation.push(
      excess > 0n
        ? `${money(excess)} is left unallocated: to be funded from outside the pool.`
        : `${money(excess)} of underspend is left unallocated: it stays in the pool.`,
    );
  return { stepShares, applied: true, unallocated: excess, explanation };
}
