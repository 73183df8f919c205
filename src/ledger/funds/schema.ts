/**
 * The forms of fund setup: zod schemas for each field, and a reader per form that returns the typed input or the
 * problems keyed by field (for the GOV.UK error summary). The rules they apply live in rules.ts and, for the
 * eligibility of a service, in partnerships/serviceScope.ts.
 */
import { z } from 'zod';
import {
  field,
  parseForm,
  problemsFromZod,
  readDateInput,
  type FormBody,
  type Parsed,
} from '../../kernel/forms.js';
import { parsePounds, type Pence } from '../../kernel/money.js';
import { parseFinancialYear } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { OrganisationKind } from '../../partnerships/index.js';
import { eligibilityFor, serviceByKey } from '../../partnerships/index.js';
import {
  AREAS_OF_SPEND,
  BCF_SCHEME_TYPES,
  COMMISSIONERS,
  IMPORT_FIELDS,
  SCHEME_CODE,
  commissionerProblem,
  payerProblem,
  readCostCentres,
  readProfile,
  validateFund,
  validateImportColumns,
  type CostCentreLine,
  type FundingStream,
  type ImportField,
} from './rules.js';
import type { FundFields } from './store.js';
import type { SchemeFields } from './schemeStore.js';
import type { ImportColumns } from './tables.js';

const keys = <T extends object>(o: T) =>
  Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
const text = (what: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
const required = (what: string, max = 200) => text(what, max).min(1, `Enter ${what}`);
const optionalId = (message: string) =>
  z.union([z.literal(''), z.coerce.number({ error: message }).int(message).positive(message)]);

/** A partner as the forms need it: its id, name and kind (to check who pays into which stream). */
export interface PartnerChoice {
  id: number;
  name: string;
  kind: OrganisationKind;
}

const fundSchema = z.object({
  name: required('the name of the fund'),
  kind: z.enum(['pooled', 'aligned'], { error: 'Select whether it is a pooled fund or an aligned budget' }),
  hostOrganisationId: optionalId('Select the host partner from the list'),
  pooledFundManager: text('the pooled fund manager'),
});

export function readFundForm(body: FormBody, partners: readonly PartnerChoice[]): Parsed<FundFields> {
  const problems: FieldProblems = {};
  const base = fundSchema.safeParse({
    name: field(body, 'name'),
    kind: field(body, 'kind'),
    hostOrganisationId: field(body, 'hostOrganisationId'),
    pooledFundManager: field(body, 'pooledFundManager'),
  });
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const year = parseFinancialYear(field(body, 'financialYear'));
  if (year === null) problems.financialYear = 'Select the financial year, like 2017-18';
  if (!base.success || year === null) return { ok: false, problems };
  const value: FundFields = {
    financialYear: year,
    name: base.data.name,
    kind: base.data.kind,
    hostOrganisationId: base.data.hostOrganisationId === '' ? null : base.data.hostOrganisationId,
    pooledFundManager: base.data.kind === 'pooled' ? base.data.pooledFundManager : '',
    betterCareFund: field(body, 'betterCareFund') === 'yes',
  };
  Object.assign(problems, validateFund(value, new Set(partners.map((p) => p.id))));
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value };
}

export interface ContributionForm {
  organisationId: number;
  stream: string;
  amountPence: Pence;
}

/** The partner and stream of a contribution or variation, checked against the fund's partners and streams. */
function readPartnerAndStream(
  body: FormBody,
  partners: readonly PartnerChoice[],
  streams: readonly FundingStream[],
  problems: FieldProblems,
): { partner: PartnerChoice | undefined; stream: FundingStream | undefined } {
  const partner = partners.find((p) => String(p.id) === field(body, 'organisationId'));
  if (!partner) problems.organisationId = 'Select the partner that contributes';
  const stream = streams.find((s) => s.name === field(body, 'stream'));
  if (!stream) problems.stream = 'Select the funding stream from the list';
  if (partner && stream) {
    const wrongPayer = payerProblem(stream, partner.kind, partner.name);
    if (wrongPayer) problems.stream = wrongPayer;
  }
  return { partner, stream };
}

/** An agreed contribution: a partner, a stream of the fund's year, and an amount of 0 or more in pounds and pence. */
export function readContributionForm(
  body: FormBody,
  partners: readonly PartnerChoice[],
  streams: readonly FundingStream[],
): Parsed<ContributionForm> {
  const problems: FieldProblems = {};
  const { partner, stream } = readPartnerAndStream(body, partners, streams, problems);
  const amount = parsePounds(field(body, 'amount'));
  if (!amount.ok) problems.amount = amount.error;
  // an agreed contribution is money paid in; a reduction is a variation with its decision (DOMAIN.md §4)
  else if (amount.value < 0)
    problems.amount = 'An agreed contribution cannot be negative; record a reduction as a variation';
  else if (amount.value === 0) problems.amount = 'Enter the amount agreed, more than £0.00';
  if (!partner || !stream || !amount.ok || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { organisationId: partner.id, stream: stream.name, amountPence: amount.value } };
}

export interface VariationForm extends ContributionForm {
  decisionReference: string;
  effectiveOn: string | null;
}

/** An in-year variation: as a contribution, but signed, with the decision that approved it and its date. */
export function readVariationForm(
  body: FormBody,
  partners: readonly PartnerChoice[],
  streams: readonly FundingStream[],
): Parsed<VariationForm> {
  const problems: FieldProblems = {};
  const { partner, stream } = readPartnerAndStream(body, partners, streams, problems);
  const amount = parsePounds(field(body, 'amount'));
  if (!amount.ok) problems.amount = amount.error;
  // a variation is a dated amendment approved under each partner's governance (DOMAIN.md §4)
  const reference = required('the reference of the decision that approved the variation').safeParse(
    field(body, 'decisionReference'),
  );
  if (!reference.success) problems.decisionReference = reference.error.issues[0]?.message ?? 'Too long';
  const effectiveOn = readDateInput(body, 'effectiveOn', 'the date the variation takes effect', true);
  if (effectiveOn.problem) problems.effectiveOn = effectiveOn.problem;
  if (!partner || !stream || !amount.ok || !reference.success || Object.keys(problems).length > 0)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      organisationId: partner.id,
      stream: stream.name,
      amountPence: amount.value,
      decisionReference: reference.data,
      effectiveOn: effectiveOn.value,
    },
  };
}

const schemeSchema = z.object({
  code: z.string().trim().regex(SCHEME_CODE, {
    error: 'Enter a scheme ID of up to 20 letters, digits, dots, hyphens or underscores, like SC01',
  }),
  name: required('the scheme’s name'),
  description: text('the description', 2000),
  schemeType: z.enum(BCF_SCHEME_TYPES, { error: 'Select the scheme type from the list' }),
  areaOfSpend: z.enum(AREAS_OF_SPEND, { error: 'Select the area of spend' }),
  commissioner: z.enum(keys(COMMISSIONERS), { error: 'Select who commissions the scheme' }),
  commissionerOrganisationId: optionalId('Select the commissioning partner from the list'),
  provider: text('the provider', 200),
  service: z.string().min(1, 'Select the service from the catalogue'),
});

export interface SchemeFormContext {
  partners: readonly PartnerChoice[];
  streams: readonly FundingStream[];
  fundKind: 'pooled' | 'aligned';
  /** On an edit, the scheme's ID is fixed. */
  fixedCode?: string;
}

/** Field name of a budget cell: `budget-<organisationId>-<index of the stream>`. */
export const budgetField = (organisationId: number, streamIndex: number) =>
  `budget-${organisationId}-${streamIndex}`;

/**
 * Reads a scheme form whole: its fields, a budget per partner and stream (empty means none), twelve profile
 * weights, each partner's cost centres, and the service, refused with the regulation's reason when the fund is
 * pooled and the service's NHS function is excluded (SI 2000/617 reg 3; partnerships/serviceScope.ts).
 */
export function readSchemeForm(body: FormBody, ctx: SchemeFormContext): Parsed<SchemeFields> {
  const problems: FieldProblems = {};
  const base = schemeSchema.safeParse({
    code: ctx.fixedCode ?? field(body, 'code'),
    name: field(body, 'name'),
    description: field(body, 'description'),
    schemeType: field(body, 'schemeType'),
    areaOfSpend: field(body, 'areaOfSpend'),
    commissioner: field(body, 'commissioner'),
    commissionerOrganisationId: field(body, 'commissionerOrganisationId'),
    provider: field(body, 'provider'),
    service: field(body, 'service'),
  });
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const service = serviceByKey(field(body, 'service'));
  if (!service) problems.service = 'Select the service from the catalogue';
  else {
    const eligibility = eligibilityFor(service, ctx.fundKind === 'pooled' ? 'pooled_fund' : 'aligned_budget');
    if (eligibility.kind === 'refused') problems.service = eligibility.reason;
  }
  const commissionerId = base.success ? base.data.commissionerOrganisationId : '';
  const commissioningPartner = ctx.partners.find((p) => p.id === commissionerId) ?? null;
  if (commissionerId !== '' && !commissioningPartner)
    problems.commissionerOrganisationId = 'The commissioning partner must be a partner in this partnership';
  else if (base.success) {
    const mismatch = commissionerProblem(base.data.commissioner, commissioningPartner);
    if (mismatch) problems.commissionerOrganisationId = mismatch;
  }
  const budgets: SchemeFields['budgets'][number][] = [];
  for (const partner of ctx.partners) {
    ctx.streams.forEach((stream, i) => {
      const name = budgetField(partner.id, i);
      const typed = field(body, name);
      if (typed === '') return;
      const amount = parsePounds(typed);
      if (!amount.ok) problems[name] = `${partner.name}, ${stream.name}: ${amount.error}`;
      else if (amount.value < 0)
        problems[name] = `${partner.name}, ${stream.name}: a budget cannot be negative`;
      else if (amount.value > 0) {
        const wrongPayer = payerProblem(stream, partner.kind, partner.name);
        if (wrongPayer) problems[name] = wrongPayer;
        else budgets.push({ organisationId: partner.id, stream: stream.name, amountPence: amount.value });
      }
    });
  }
  const profile = readProfile(Array.from({ length: 12 }, (_, i) => field(body, `profile-${i + 1}`)));
  Object.assign(problems, profile.problems);
  const costCentres: CostCentreLine[] = [];
  for (const partner of ctx.partners) {
    const read = readCostCentres(partner.id, field(body, `costCentres-${partner.id}`));
    if (read.problem) problems[`costCentres-${partner.id}`] = read.problem;
    costCentres.push(...read.lines);
  }
  if (!base.success || !service || !profile.weights || Object.keys(problems).length > 0)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      code: base.data.code,
      name: base.data.name,
      description: base.data.description,
      schemeType: base.data.schemeType,
      areaOfSpend: base.data.areaOfSpend,
      commissioner: base.data.commissioner,
      commissionerOrganisationId: commissionerId === '' ? null : commissionerId,
      provider: base.data.provider,
      service: service.key,
      budgets,
      profile: profile.weights,
      costCentres,
    },
  };
}

/** Every column heading is plain text, so the schema always reaches the profile's own checks (rules.ts). */
const importProfileSchema = z
  .object(
    Object.fromEntries(
      (Object.keys(IMPORT_FIELDS) as ImportField[]).map((k) => [
        k,
        z.string().transform((v) => v.slice(0, 100)),
      ]),
    ) as Record<ImportField, z.ZodPipe<z.ZodString, z.ZodTransform<string, string>>>,
  )
  .superRefine((columns, ctx) => {
    for (const [path, message] of Object.entries(validateImportColumns(columns)))
      ctx.addIssue({ code: 'custom', path: [path], message });
  });

/** A partner's import profile: the heading of the column that holds each field Concordat reads. */
export const readImportProfileForm = (body: unknown): Parsed<ImportColumns> =>
  parseForm(importProfileSchema, body, (columns) => {
    const optional = (v: string) => (v === '' ? undefined : v);
    return {
      costCentre: columns.costCentre,
      accountCode: columns.accountCode,
      date: columns.date,
      amount: columns.amount,
      description: optional(columns.description),
      supplier: optional(columns.supplier),
      reference: optional(columns.reference),
    };
  });
