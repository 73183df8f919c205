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
import { apportionByWeights, formatPounds, pence, type Pence } from '../../kernel/money.js';
import { abs, applies, bpText, capStep, commissionerStep, money, sign, words } from './riskShareSteps.js';

export { apportionSigned, bpText } from './riskShareSteps.js';

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

/** Applies the policy's steps in order to the year's variance. */
export function shareVariance(policy: RiskSharePolicy, facts: RiskShareFacts): RiskShareResult {
  const variance = BigInt(pence(facts.variancePence));
  const partners = facts.partners;
  const ids = partners.map((p) => p.organisationId);
  const nameOf = (id: number) => partners.find((p) => p.organisationId === id)?.name ?? `Partner ${id}`;
  const contributionWeights = partners.map((p) =>
    p.contributionPence > 0 ? BigInt(p.contributionPence) : 0n,
  );
  const ctx = { ids, nameOf, contributionWeights };
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
      const r = commissionerStep(ctx, facts.schemes, variance, remaining);
      r.stepShares.forEach((x, i) => (stepShares[i] = x));
      explanation.push(...r.explanation);
      remaining = r.remaining;
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
      const r = capStep(ctx, step, shares);
      r.stepShares.forEach((x, i) => (stepShares[i] = x));
      explanation.push(...r.explanation);
      applied = r.applied;
      stepUnallocated = r.unallocated;
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
