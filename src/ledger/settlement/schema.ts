/**
 * The shapes of risk share: the policy's steps as stored (jsonb, checked with zod on the way in and out), the
 * policy form a finance officer fills in, and the approval and reversal forms of a settlement.
 */
import { z } from 'zod';
import { field, problemsFromZod, type FormBody } from '../../kernel/forms.js';
import { parsePounds, toDecimalString } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { Direction, RiskSharePolicy, RiskShareStep } from './riskShare.js';

const direction = z.enum(['both', 'overspend', 'underspend']);
const amount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const orgId = z.number().int().positive();

export const riskShareStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reserve'), amountPence: amount, appliesTo: direction }),
  z.object({ kind: z.literal('commissioner'), appliesTo: direction }),
  z.object({ kind: z.literal('pro-rata'), appliesTo: direction }),
  z.object({
    kind: z.literal('fixed-shares'),
    appliesTo: direction,
    sharesBp: z
      .array(z.object({ organisationId: orgId, bp: z.number().int().min(0).max(10_000) }))
      .refine((s) => s.reduce((a, b) => a + b.bp, 0) === 10_000, 'Fixed shares must add up to 100%'),
  }),
  z.object({
    kind: z.literal('cap'),
    appliesTo: direction,
    excess: z.enum(['others', 'unallocated']),
    caps: z.array(z.object({ organisationId: orgId, maxPence: amount })),
  }),
]);

export const riskSharePolicySchema = z.object({ steps: z.array(riskShareStepSchema).max(12) });

/** Reads a stored policy; a stored policy that fails the schema is a bug, so it throws. */
export const readStoredPolicy = (steps: unknown): RiskSharePolicy => riskSharePolicySchema.parse({ steps });

export interface PolicyForm {
  policy: RiskSharePolicy;
  agreementClause: string;
}

const policyFormSchema = z.object({
  reserveAppliesTo: z.enum(['overspend', 'both'], { error: 'Select what the risk reserve absorbs' }),
  commissioner: z.enum(['yes', 'no'], {
    error: 'Select whether each partner bears the variance on the schemes it commissions',
  }),
  remainder: z.enum(['pro-rata', 'fixed-shares', 'none'], { error: 'Select how what remains is shared' }),
  underspend: z.enum(['same', 'pro-rata'], { error: 'Select how underspends are treated' }),
  capExcess: z.enum(['others', 'unallocated'], { error: 'Select where the excess over a cap goes' }),
  agreementClause: z.string().max(500, 'The agreement’s clause must be 500 characters or fewer'),
});

/** A percentage with at most two decimal places, as basis points: `60` → 6000, `33.33` → 3333. */
export function parsePercentBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/**
 * Reads the policy form into steps in the usual order of an agreement's risk-share clause: the reserve first,
 * then each commissioner's own schemes, then what remains (pro rata or by fixed shares), underspends returned
 * pro rata if the agreement treats them apart, and caps last (so that they limit everything before them).
 */
export function readPolicyForm(
  body: FormBody,
  partners: readonly { id: number; name: string }[],
): { ok: true; value: PolicyForm } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const base = policyFormSchema.safeParse({
    reserveAppliesTo: field(body, 'reserveAppliesTo') || 'overspend',
    commissioner: field(body, 'commissioner'),
    remainder: field(body, 'remainder'),
    underspend: field(body, 'underspend'),
    capExcess: field(body, 'capExcess') || 'others',
    agreementClause: field(body, 'agreementClause'),
  });
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  let reservePence = 0;
  if (field(body, 'reserve') !== '') {
    const r = parsePounds(field(body, 'reserve'));
    if (!r.ok) problems.reserve = `Risk reserve: ${r.error}`;
    else if (r.value < 0) problems.reserve = 'The risk reserve cannot be negative';
    else reservePence = r.value;
  }
  const sharesBp: { organisationId: number; bp: number }[] = [];
  if (base.success && base.data.remainder === 'fixed-shares') {
    for (const p of partners) {
      const text = field(body, `share-${p.id}`);
      const bp = parsePercentBp(text === '' ? '0' : text);
      if (bp === null)
        problems[`share-${p.id}`] = `Enter ${p.name}’s share as a percentage, like 60 or 33.33`;
      else sharesBp.push({ organisationId: p.id, bp });
    }
    if (sharesBp.length === partners.length && sharesBp.reduce((a, s) => a + s.bp, 0) !== 10_000)
      problems[`share-${partners[0]?.id ?? 0}`] = 'The fixed shares must add up to 100%';
  }
  const caps: { organisationId: number; maxPence: number }[] = [];
  for (const p of partners) {
    const text = field(body, `cap-${p.id}`);
    if (text === '') continue;
    const c = parsePounds(text);
    if (!c.ok) problems[`cap-${p.id}`] = `${p.name}’s cap: ${c.error}`;
    else if (c.value < 0) problems[`cap-${p.id}`] = `${p.name}’s cap cannot be negative`;
    else caps.push({ organisationId: p.id, maxPence: c.value });
  }
  if (!base.success || Object.keys(problems).length > 0) return { ok: false, problems };
  const f = base.data;
  const main: Direction = f.underspend === 'same' ? 'both' : 'overspend';
  const steps: RiskShareStep[] = [];
  if (reservePence > 0)
    steps.push({ kind: 'reserve', amountPence: reservePence, appliesTo: f.reserveAppliesTo });
  if (f.commissioner === 'yes') steps.push({ kind: 'commissioner', appliesTo: main });
  if (f.remainder === 'pro-rata') steps.push({ kind: 'pro-rata', appliesTo: main });
  if (f.remainder === 'fixed-shares') steps.push({ kind: 'fixed-shares', appliesTo: main, sharesBp });
  if (f.underspend === 'pro-rata') steps.push({ kind: 'pro-rata', appliesTo: 'underspend' });
  if (caps.length > 0) steps.push({ kind: 'cap', appliesTo: 'overspend', excess: f.capExcess, caps });
  return { ok: true, value: { policy: { steps }, agreementClause: f.agreementClause } };
}

const bpPercent = (bp: number) =>
  `${Math.trunc(bp / 100)}${bp % 100 ? `.${String(bp % 100).padStart(2, '0')}` : ''}`;

/** The form's values for a stored policy (the inverse of `readPolicyForm` for policies of the usual order). */
export function policyFormValues(
  policy: RiskSharePolicy | null,
  agreementClause: string,
): Record<string, string> {
  const steps = policy?.steps ?? [];
  const reserve = steps.find((s) => s.kind === 'reserve');
  const commissioner = steps.find((s) => s.kind === 'commissioner');
  const remainder = steps.find(
    (s) => (s.kind === 'pro-rata' || s.kind === 'fixed-shares') && s.appliesTo !== 'underspend',
  );
  const underspendApart = steps.some((s) => s.kind === 'pro-rata' && s.appliesTo === 'underspend');
  const cap = steps.find((s) => s.kind === 'cap');
  const values: Record<string, string> = {
    reserve: reserve ? toDecimalString(reserve.amountPence) : '',
    reserveAppliesTo: reserve?.appliesTo === 'both' ? 'both' : 'overspend',
    commissioner: policy === null ? '' : commissioner ? 'yes' : 'no',
    remainder: policy === null ? '' : (remainder?.kind ?? 'none'),
    underspend: policy === null ? '' : underspendApart ? 'pro-rata' : 'same',
    capExcess: cap?.excess ?? 'others',
    agreementClause,
  };
  if (remainder?.kind === 'fixed-shares')
    for (const s of remainder.sharesBp) values[`share-${s.organisationId}`] = bpPercent(s.bp);
  if (cap) for (const c of cap.caps) values[`cap-${c.organisationId}`] = toDecimalString(c.maxPence);
  return values;
}

const decisionSchema = z.object({
  decisionReference: z
    .string()
    .trim()
    .min(1, 'Enter the reference of the decision that approved the settlement')
    .max(200, 'The decision reference must be 200 characters or fewer'),
});

export function readApprovalForm(body: FormBody) {
  const r = decisionSchema.safeParse({ decisionReference: field(body, 'decisionReference') });
  return r.success
    ? { ok: true as const, value: r.data }
    : { ok: false as const, problems: problemsFromZod(r.error) };
}

const reversalSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why the settlement is being reversed')
    .max(500, 'The reason must be 500 characters or fewer'),
});

export function readReversalForm(body: FormBody) {
  const r = reversalSchema.safeParse({ reason: field(body, 'reason') });
  return r.success
    ? { ok: true as const, value: r.data }
    : { ok: false as const, problems: problemsFromZod(r.error) };
}
