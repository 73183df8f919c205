/**
 * Risk share: who bears the year's under- or overspend of a pooled fund. The rules are set by the s75
 * agreement, not by law (DOMAIN.md §4, "Risk share"): a policy is an ordered list of steps applied to the
 * variance (spend less contributions; positive is an overspend). Each step takes part of what remains and says
 * so in words a finance officer can follow:
 *  - `reserve`: a risk reserve or contingency absorbs the variance first, up to its amount;
 *  - `commissioner`: each partner bears the variance on the schemes it commissions; joint schemes (and any
 *    difference between contributions and scheme budgets) pass to the next step;
 *  - `pro-rata`: in proportion to each partner's contribution;
 *  - `fixed-shares`: a share profile agreed in the agreement, in basis points;
 *  - `cap`: a maximum a partner bears from the steps before it; the excess goes to the other partners in
 *    proportion to their contributions (`others`) or stays unallocated (`unallocated`), reported as "to be
 *    funded from outside the pool" (DOMAIN.md §4: the last remedy of the overspend waterfall).
 * Each step applies to overspends, underspends or both, so that an agreement may treat them differently (e.g.
 * underspends returned pro rata, overspends borne by the commissioner). Whatever no step shares is reported as
 * unallocated, never dropped: shares + reserve drawn + unallocated = variance, to the penny.
 */
import { apportionByWeights, formatPounds, pence, type Pence } from '../kernel/money.js';

export type Direction = 'both' | 'overspend' | 'underspend';

export type RiskShareStep =
  | { kind: 'reserve'; amountPence: number; appliesTo: Direction }
  | { kind: 'commissioner'; appliesTo: Direction }
  | { kind: 'pro-rata'; appliesTo: Direction }
  | { kind: 'fixed-shares'; sharesBp: { organisationId: number; bp: number }[]; appliesTo: Direction }
  | {
      kind: 'cap';
      caps: { organisationId: number; maxPence: number }[];
      excess: 'others' | 'unallocated';
      appliesTo: Direction;
    };

export interface RiskSharePolicy {
  steps: RiskShareStep[];
}

export interface PartnerFacts {
  organisationId: number;
  name: string;
  /** The partner's contribution for the year (agreed plus variations): the weight of pro-rata steps. */
  contributionPence: number;
}

export interface SchemeVariance {
  code: string;
  name: string;
  commissioner: 'la' | 'nhs' | 'joint';
  commissionerOrganisationId: number | null;
  budgetPence: number;
  spendPence: number;
}

export interface RiskShareFacts {
  partners: readonly PartnerFacts[];
  schemes: readonly SchemeVariance[];
  /** Spend less contributions for the whole fund: positive is an overspend. */
  variancePence: number;
}

export interface PartnerAmount {
  organisationId: number;
  name: string;
  pence: Pence;
}

export interface StepWorking {
  number: number;
  kind: RiskShareStep['kind'];
  title: string;
  applied: boolean;
  remainingBeforePence: Pence;
  /** What the step took from the variance remaining (a cap takes nothing: it moves shares). */
  tookPence: Pence;
  remainingAfterPence: Pence;
  /** What each partner bears from this step (a cap's negative amounts are what it lifted off). */
  shares: PartnerAmount[];
  reserveDrawnPence: Pence;
  unallocatedPence: Pence;
  explanation: string[];
}

export interface RiskShareResult {
  variancePence: Pence;
  steps: StepWorking[];
  /** Each partner's share of the variance (positive: it pays more; negative: it gets money back). */
  shares: PartnerAmount[];
  /** Drawn from the reserve to meet an overspend (negative: an underspend added to the reserve). */
  reserveDrawnPence: Pence;
  /** Shared by no step, or left by a cap: for an overspend, to be funded from outside the pool. */
  unallocatedPence: Pence;
  summary: string[];
}

const STEP_TITLES: Record<RiskShareStep['kind'], string> = {
  reserve: 'Risk reserve absorbs the variance first',
  commissioner: 'Each partner bears the variance on the schemes it commissions',
  'pro-rata': 'Shared in proportion to contributions',
  'fixed-shares': 'Shared by the agreed share profile',
  cap: 'Caps on what a partner bears',
};

const DIRECTIONS: Record<Direction, string> = {
  both: 'overspends and underspends',
  overspend: 'overspends only',
  underspend: 'underspends only',
};

/** Describes a step in a sentence, for the policy page. */
export function describeStep(step: RiskShareStep, nameOf: (id: number) => string): string {
  const scope = ` (${DIRECTIONS[step.appliesTo]})`;
  switch (step.kind) {
    case 'reserve':
      return `A risk reserve of ${formatPounds(step.amountPence)} absorbs the variance first${scope}.`;
    case 'commissioner':
      return `Each partner bears the variance on the schemes it commissions; joint schemes pass to the next step${scope}.`;
    case 'pro-rata':
      return `What remains is shared in proportion to contributions${scope}.`;
    case 'fixed-shares':
      return `What remains is shared ${step.sharesBp.map((s) => `${nameOf(s.organisationId)} ${bpText(s.bp)}`).join(', ')}${scope}.`;
    case 'cap':
      return `${step.caps.map((c) => `${nameOf(c.organisationId)} bears at most ${formatPounds(c.maxPence)}`).join('; ')}; the excess ${step.excess === 'others' ? 'goes to the other partners in proportion to their contributions' : 'is left to be funded from outside the pool'}${scope}.`;
  }
}

export const bpText = (bp: number) => `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

const abs = (x: bigint) => (x < 0n ? -x : x);
const sign = (x: bigint) => (x < 0n ? -1n : x > 0n ? 1n : 0n);
const words = (x: bigint) => (x >= 0n ? 'overspend' : 'underspend');
const money = (x: bigint) => formatPounds(pence(abs(x)));

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

const applies = (d: Direction, amount: bigint) =>
  amount !== 0n && (d === 'both' || (d === 'overspend') === amount > 0n);

/** Applies the policy's steps in order to the year's variance. */
export function shareVariance(policy: RiskSharePolicy, facts: RiskShareFacts): RiskShareResult {
  const variance = BigInt(pence(facts.variancePence));
  const partners = facts.partners;
  const ids = partners.map((p) => p.organisationId);
  const index = new Map(ids.map((id, i) => [id, i]));
  const nameOf = (id: number) => partners.find((p) => p.organisationId === id)?.name ?? `Partner ${id}`;
  const contributionWeights = partners.map((p) =>
    p.contributionPence > 0 ? BigInt(p.contributionPence) : 0n,
  );
  const shares = ids.map(() => 0n);
  let remaining = variance;
  let reserveDrawn = 0n;
  let unallocated = 0n;
  const steps: StepWorking[] = [];

  policy.steps.forEach((step, n) => {
    const before = remaining;
    const stepShares = ids.map(() => 0n);
    const explanation: string[] = [];
    let stepReserve = 0n;
    let stepUnallocated = 0n;
    let applied = true;
    const isCap = step.kind === 'cap';
    if (!isCap && !applies(step.appliesTo, remaining)) {
      applied = false;
      explanation.push(
        remaining === 0n
          ? 'Nothing remains to share.'
          : `This step applies to ${DIRECTIONS[step.appliesTo]}; the ${words(remaining)} of ${money(remaining)} passes on.`,
      );
    } else if (step.kind === 'reserve') {
      const cap = BigInt(step.amountPence);
      const took = sign(remaining) * (abs(remaining) < cap ? abs(remaining) : cap);
      stepReserve = took;
      remaining -= took;
      explanation.push(
        took > 0n
          ? `The risk reserve of ${money(cap)} absorbs ${money(took)} of the overspend of ${money(before)}.`
          : `${money(took)} of the underspend of ${money(before)} is added to the risk reserve (up to ${money(cap)}).`,
        `${money(remaining)} remains to share.`,
      );
    } else if (step.kind === 'commissioner') {
      // Each partner's pot: the net variance of the schemes it commissions. Joint schemes, and any difference
      // between contributions and scheme budgets, make the joint pot; the pots add up to the year's variance.
      const pots = ids.map(() => 0n);
      for (const s of facts.schemes) {
        const i = s.commissionerOrganisationId === null ? undefined : index.get(s.commissionerOrganisationId);
        if (s.commissioner !== 'joint' && i !== undefined)
          pots[i] = (pots[i] ?? 0n) + BigInt(s.spendPence) - BigInt(s.budgetPence);
      }
      const joint = variance - pots.reduce((a, b) => a + b, 0n);
      // When earlier steps took part of the variance, each pot bears the same fraction of what remains.
      const scaled = remaining === variance ? [...pots, joint] : apportionSigned(remaining, [...pots, joint]);
      if (remaining !== variance)
        explanation.push(
          `Earlier steps took ${money(variance - remaining)} of the ${words(variance)} of ${money(variance)}, so each commissioner's schemes and the joint schemes bear the same fraction (${bpText(Number((abs(remaining) * 10_000n) / abs(variance)))}) of the ${money(remaining)} that remains.`,
        );
      ids.forEach((id, i) => {
        stepShares[i] = scaled[i] ?? 0n;
        if (pots[i] !== 0n)
          explanation.push(
            `${nameOf(id)} commissions schemes with a net ${words(pots[i] ?? 0n)} of ${money(pots[i] ?? 0n)}` +
              (remaining === variance
                ? '.'
                : `; it bears its part of what remains: ${formatPounds(pence(scaled[i] ?? 0n))}.`),
          );
      });
      const left = scaled[ids.length] ?? 0n;
      explanation.push(
        `Joint schemes, and contributions not budgeted to a scheme, account for ${formatPounds(pence(joint))}` +
          (remaining === variance ? '' : ` (${formatPounds(pence(left))} of what remains)`) +
          '; that passes to the next step.',
      );
      remaining = left;
    } else if (step.kind === 'pro-rata' || step.kind === 'fixed-shares') {
      const weights =
        step.kind === 'pro-rata'
          ? contributionWeights
          : ids.map((id) => BigInt(step.sharesBp.find((s) => s.organisationId === id)?.bp ?? 0));
      if (weights.every((w) => w === 0n)) {
        explanation.push('No partner has a weight in this step, so it shares nothing.');
        applied = false;
      } else {
        const split = apportionByWeights(Number(remaining), weights);
        ids.forEach((id, i) => {
          stepShares[i] = BigInt(split[i] ?? 0);
          const basis =
            step.kind === 'pro-rata'
              ? `its contribution of ${formatPounds(partners[i]?.contributionPence ?? 0)}`
              : `its agreed share of ${bpText(Number(weights[i] ?? 0n))}`;
          explanation.push(`${nameOf(id)} bears ${formatPounds(split[i] ?? 0)}, by ${basis}.`);
        });
        explanation.push(
          `The ${words(remaining)} of ${money(remaining)} is shared out in full; pennies that do not divide go to the largest remainders.`,
        );
        remaining = 0n;
      }
    } else {
      // step.kind === 'cap': limit what each partner bears from the steps before it.
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
      let excess = 0n;
      const capped = new Set<number>();
      ids.forEach((id, i) => {
        const e = over(i);
        if (e !== 0n) {
          excess += e;
          stepShares[i] = -e;
          shares[i] = (shares[i] ?? 0n) - e;
          capped.add(i);
          explanation.push(`${nameOf(id)} is capped at ${money(limit[i] ?? 0n)}: ${money(e)} is lifted off.`);
        }
      });
      if (excess === 0n) {
        applied = false;
        explanation.push('No partner bears more than its cap.');
      } else if (step.excess === 'others') {
        // Water-filling: give the excess to the uncapped in proportion to contributions; cap again; repeat.
        while (excess !== 0n) {
          const open = ids.map((_, i) => (capped.has(i) ? 0n : (contributionWeights[i] ?? 0n)));
          if (open.every((w) => w === 0n)) break;
          const split = apportionByWeights(Number(excess), open);
          excess = 0n;
          ids.forEach((_, i) => {
            const add = BigInt(split[i] ?? 0);
            shares[i] = (shares[i] ?? 0n) + add;
            stepShares[i] = (stepShares[i] ?? 0n) + add;
            const e = over(i);
            if (e !== 0n) {
              shares[i] = (shares[i] ?? 0n) - e;
              stepShares[i] = (stepShares[i] ?? 0n) - e;
              excess += e;
              capped.add(i);
            }
          });
        }
        ids.forEach((id, i) => {
          if (!capped.has(i) && stepShares[i] !== 0n)
            explanation.push(
              `${nameOf(id)} takes ${formatPounds(pence(stepShares[i] ?? 0n))} of the excess, by contribution.`,
            );
        });
        if (excess !== 0n)
          explanation.push(`Every partner is at its cap: ${money(excess)} cannot be shared.`);
      }
      if (excess !== 0n) {
        stepUnallocated = excess;
        explanation.push(
          excess > 0n
            ? `${money(excess)} is left unallocated: to be funded from outside the pool.`
            : `${money(excess)} of underspend is left unallocated: it stays in the pool.`,
        );
      }
    }
    if (!isCap) ids.forEach((_, i) => (shares[i] = (shares[i] ?? 0n) + (stepShares[i] ?? 0n)));
    reserveDrawn += stepReserve;
    unallocated += stepUnallocated;
    steps.push({
      number: n + 1,
      kind: step.kind,
      title: STEP_TITLES[step.kind],
      applied,
      remainingBeforePence: pence(before),
      tookPence: pence(before - remaining),
      remainingAfterPence: pence(remaining),
      shares: ids.map((id, i) => ({
        organisationId: id,
        name: nameOf(id),
        pence: pence(stepShares[i] ?? 0n),
      })),
      reserveDrawnPence: pence(stepReserve),
      unallocatedPence: pence(stepUnallocated),
      explanation,
    });
  });
  unallocated += remaining;
  const summary = [
    variance === 0n
      ? 'The fund spent exactly its contributions: there is nothing to share.'
      : `The fund ${variance > 0n ? 'overspent' : 'underspent'} by ${money(variance)}.`,
  ];
  if (reserveDrawn !== 0n)
    summary.push(
      reserveDrawn > 0n
        ? `The risk reserve meets ${money(reserveDrawn)}.`
        : `${money(reserveDrawn)} is added to the risk reserve.`,
    );
  ids.forEach((id, i) => {
    const s = shares[i] ?? 0n;
    if (s !== 0n) summary.push(`${nameOf(id)} ${s > 0n ? 'bears' : 'gets back'} ${money(s)}.`);
  });
  if (remaining !== 0n)
    summary.push(`No step of the policy shares the last ${money(remaining)}: it is left unallocated.`);
  if (unallocated !== 0n)
    summary.push(
      unallocated > 0n
        ? `${money(unallocated)} is to be funded from outside the pool.`
        : `${money(unallocated)} of underspend stays in the pool.`,
    );
  return {
    variancePence: pence(variance),
    steps,
    shares: ids.map((id, i) => ({ organisationId: id, name: nameOf(id), pence: pence(shares[i] ?? 0n) })),
    reserveDrawnPence: pence(reserveDrawn),
    unallocatedPence: pence(unallocated),
    summary,
  };
}
