/**
 * The shapes of risk share: the policy's steps as stored (jsonb, checked with zod on the way in and out), the
 * policy form a finance officer fills in, and the approval and reversal forms of a settlement.
 */
import { z } from 'zod';
import { parseForm, type Parsed } from '../../kernel/forms.js';
import { parsePounds, toDecimalString } from '../../kernel/money.js';
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

/** A percentage with at most two decimal places, as basis points: `60` → 6000, `33.33` → 3333. */
export function parsePercentBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** A choice with a default when the post leaves it out. */
const choice = <const V extends readonly [string, ...string[]]>(
  values: V,
  error: string,
  fallback?: V[number],
) =>
  z
    .string()
    .transform((v) => (v === '' && fallback !== undefined ? fallback : v))
    .pipe(z.enum(values, { error }));

/** An amount of 0 or more in pounds and pence, empty meaning none; `what` names it in a problem. */
const amountOrNone = (what: string, negative: string) =>
  z.string().transform((text, ctx): number | null => {
    if (text === '') return null;
    const read = parsePounds(text);
    if (!read.ok) ctx.addIssue({ code: 'custom', message: `${what}: ${read.error}` });
    else if (read.value < 0) ctx.addIssue({ code: 'custom', message: negative });
    else return read.value;
    return z.NEVER;
  });

/** A partner's share as typed (a field the schema adds per partner). */
const shareText = (f: object, id: number): string => {
  const v = (f as Record<string, unknown>)[`share-${id}`];
  return typeof v === 'string' ? v : '';
};

/** The policy form for a fund's partners: a share (read only for fixed shares) and a cap for each partner. */
const policyFormSchema = (partners: readonly { id: number; name: string }[]) =>
  z
    .object({
      reserveAppliesTo: choice(['overspend', 'both'], 'Select what the risk reserve absorbs', 'overspend'),
      commissioner: choice(
        ['yes', 'no'],
        'Select whether each partner bears the variance on the schemes it commissions',
      ),
      remainder: choice(['pro-rata', 'fixed-shares', 'none'], 'Select how what remains is shared'),
      underspend: choice(['same', 'pro-rata'], 'Select how underspends are treated'),
      capExcess: choice(['others', 'unallocated'], 'Select where the excess over a cap goes', 'others'),
      agreementClause: z.string().max(500, 'The agreement’s clause must be 500 characters or fewer'),
      reserve: amountOrNone('Risk reserve', 'The risk reserve cannot be negative'),
      ...Object.fromEntries(partners.map((p) => [`share-${p.id}`, z.string()])),
      ...Object.fromEntries(
        partners.map((p) => [
          `cap-${p.id}`,
          amountOrNone(`${p.name}’s cap`, `${p.name}’s cap cannot be negative`),
        ]),
      ),
    })
    .superRefine((f, ctx) => {
      if (f.remainder !== 'fixed-shares') return;
      let total = 0;
      let read = 0;
      for (const p of partners) {
        const text = shareText(f, p.id);
        const bp = parsePercentBp(text === '' ? '0' : text);
        if (bp === null)
          ctx.addIssue({
            code: 'custom',
            path: [`share-${p.id}`],
            message: `Enter ${p.name}’s share as a percentage, like 60 or 33.33`,
          });
        else {
          total += bp;
          read += 1;
        }
      }
      if (read === partners.length && total !== 10_000)
        ctx.addIssue({
          code: 'custom',
          path: [`share-${partners[0]?.id ?? 0}`],
          message: 'The fixed shares must add up to 100%',
        });
    });

/**
 * Reads the policy form into steps in the usual order of an agreement's risk-share clause: the reserve first,
 * then each commissioner's own schemes, then what remains (pro rata or by fixed shares), underspends returned
 * pro rata if the agreement treats them apart, and caps last (so that they limit everything before them).
 */
export const readPolicyForm = (
  body: unknown,
  partners: readonly { id: number; name: string }[],
): Parsed<PolicyForm> =>
  parseForm(policyFormSchema(partners), body, (f) => {
    const typed = f as Record<string, unknown>;
    const main: Direction = f.underspend === 'same' ? 'both' : 'overspend';
    const reservePence = f.reserve ?? 0;
    const sharesBp = partners.map((p) => {
      const text = shareText(f, p.id);
      return { organisationId: p.id, bp: parsePercentBp(text === '' ? '0' : text) ?? 0 };
    });
    const caps = partners.flatMap((p) => {
      const maxPence = typed[`cap-${p.id}`];
      return typeof maxPence === 'number' ? [{ organisationId: p.id, maxPence }] : [];
    });
    const steps: RiskShareStep[] = [];
    if (reservePence > 0)
      steps.push({ kind: 'reserve', amountPence: reservePence, appliesTo: f.reserveAppliesTo });
    if (f.commissioner === 'yes') steps.push({ kind: 'commissioner', appliesTo: main });
    if (f.remainder === 'pro-rata') steps.push({ kind: 'pro-rata', appliesTo: main });
    if (f.remainder === 'fixed-shares') steps.push({ kind: 'fixed-shares', appliesTo: main, sharesBp });
    if (f.underspend === 'pro-rata') steps.push({ kind: 'pro-rata', appliesTo: 'underspend' });
    if (caps.length > 0) steps.push({ kind: 'cap', appliesTo: 'overspend', excess: f.capExcess, caps });
    return { policy: { steps }, agreementClause: f.agreementClause };
  });

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

export const readApprovalForm = (body: unknown): Parsed<{ decisionReference: string }> =>
  parseForm(decisionSchema, body);

const reversalSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why the settlement is being reversed')
    .max(500, 'The reason must be 500 characters or fewer'),
});

export const readReversalForm = (body: unknown): Parsed<{ reason: string }> =>
  parseForm(reversalSchema, body);
