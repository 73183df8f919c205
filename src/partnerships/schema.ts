/**
 * The forms of organisations, partnerships, agreements and budget areas: zod schemas for each field, and a
 * reader per form that returns the typed input or the problems keyed by field.
 */
import { z } from 'zod';
import {
  field,
  fields,
  problemsFromZod,
  readDateInput,
  type FormBody,
  type Parsed,
} from '../kernel/forms.js';
import { parsePounds } from '../kernel/money.js';
import { parseFinancialYear } from '../kernel/dates.js';
import type { FieldProblems } from '../kernel/result.js';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  ARRANGEMENTS,
  LOCAL_AUTHORITY_TIERS,
  normaliseCode,
  ORGANISATION_KINDS,
  slugify,
  type ContributionLine,
  type OrganisationInput,
} from './rules.js';
import type { AgreementFields } from './agreementStore.js';
import type { BudgetAreaFields } from './budgetStore.js';

const keys = <T extends object>(o: T) =>
  Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
const required = (what: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

const organisationSchema = z.object({
  name: required('the organisation’s name'),
  shortName: z.string().trim().max(40, 'Short name must be 40 characters or fewer'),
  kind: z.enum(keys(ORGANISATION_KINDS), { error: 'Select the kind of organisation' }),
  laTier: z.union([z.literal(''), z.enum(keys(LOCAL_AUTHORITY_TIERS))], {
    error: 'Select a tier from the list',
  }),
});

export function readOrganisationForm(body: FormBody): Parsed<OrganisationInput> {
  const problems: FieldProblems = {};
  const base = organisationSchema.safeParse({
    name: field(body, 'name'),
    shortName: field(body, 'shortName'),
    kind: field(body, 'kind'),
    laTier: field(body, 'laTier'),
  });
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const existsFrom = readDateInput(body, 'existsFrom', 'the date it was established');
  const existsTo = readDateInput(body, 'existsTo', 'the date it ceased to exist');
  if (existsFrom.problem) problems.existsFrom = existsFrom.problem;
  if (existsTo.problem) problems.existsTo = existsTo.problem;
  if (!base.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: base.data.name,
      shortName: base.data.shortName || null,
      kind: base.data.kind,
      laTier:
        base.data.kind === 'local_authority' && base.data.laTier !== ''
          ? base.data.laTier
          : base.data.laTier || null,
      odsCode: normaliseCode(field(body, 'odsCode')),
      gssCode: normaliseCode(field(body, 'gssCode')),
      existsFrom: existsFrom.value,
      existsTo: existsTo.value,
    },
  };
}

export interface PartnershipForm {
  name: string;
  slug: string;
  description: string;
  formedOn: string | null;
  organisationIds: number[];
}

export function readPartnershipForm(body: FormBody): Parsed<PartnershipForm> {
  const problems: FieldProblems = {};
  const name = required('the partnership’s name').safeParse(field(body, 'name'));
  if (!name.success) problems.name = name.error.issues[0]?.message ?? 'Enter a name';
  const slugText = field(body, 'slug') || (name.success ? slugify(name.data) : '');
  if (name.success && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slugText)) {
    problems.slug =
      'Web address name must be lower-case letters and numbers, joined by hyphens, like southampton-city';
  }
  const formedOn = readDateInput(body, 'formedOn', 'the date the partnership was formed');
  if (formedOn.problem) problems.formedOn = formedOn.problem;
  const organisationIds: number[] = [];
  for (const raw of fields(body, 'organisationIds')) {
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0) problems.organisationIds = `"${raw}" is not an organisation`;
    else organisationIds.push(n);
  }
  if (Object.keys(problems).length > 0 || !name.success) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: name.data,
      slug: slugText,
      description: field(body, 'description'),
      formedOn: formedOn.value,
      organisationIds,
    },
  };
}

const agreementSchema = z.object({
  kind: z.enum(keys(AGREEMENT_KINDS), { error: 'Select the kind of agreement' }),
  title: required('the agreement’s title', 300),
  status: z.enum(keys(AGREEMENT_STATUSES), { error: 'Select the agreement’s status' }),
  legalBasis: z.string().trim().max(300),
  summary: z.string().trim().max(5000, 'Summary must be 5,000 characters or fewer'),
  hostOrganisationId: z.union([z.literal(''), id('Select the host from the list')]),
});

export function readAgreementForm(body: FormBody): Parsed<AgreementFields> {
  const problems: FieldProblems = {};
  const base = agreementSchema.safeParse({
    kind: field(body, 'kind'),
    title: field(body, 'title'),
    status: field(body, 'status'),
    legalBasis: field(body, 'legalBasis'),
    summary: field(body, 'summary'),
    hostOrganisationId: field(body, 'hostOrganisationId'),
  });
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const startsOn = readDateInput(body, 'startsOn', 'the start date');
  const endsOn = readDateInput(body, 'endsOn', 'the end date');
  if (startsOn.problem) problems.startsOn = startsOn.problem;
  if (endsOn.problem) problems.endsOn = endsOn.problem;
  const partyIds = fields(body, 'partyIds').map(Number);
  if (partyIds.some((n) => !Number.isSafeInteger(n) || n <= 0))
    problems.partyIds = 'Select the parties from the list';
  if (!base.success || Object.keys(problems).length > 0) return { ok: false, problems };
  const kind = base.data.kind;
  return {
    ok: true,
    value: {
      kind,
      title: base.data.title,
      status: base.data.status,
      legalBasis: base.data.legalBasis || AGREEMENT_KINDS[kind].basis,
      legallyBinding: AGREEMENT_KINDS[kind].legallyBinding,
      summary: base.data.summary,
      hostOrganisationId: base.data.hostOrganisationId === '' ? null : base.data.hostOrganisationId,
      startsOn: startsOn.value,
      endsOn: endsOn.value,
      partyIds,
    },
  };
}

const budgetAreaSchema = z.object({
  name: required('the name of the area of spend'),
  arrangement: z.enum(keys(ARRANGEMENTS), { error: 'Select how this area of spend is arranged' }),
  notes: z.string().trim().max(2000, 'Notes must be 2,000 characters or fewer'),
  hostOrganisationId: z.union([z.literal(''), id('Select the host from the list')]),
});

/**
 * Reads a budget area form. Contributions come as `contribution-<organisationId>` fields in pounds and pence;
 * an empty one means no contribution from that partner.
 */
export function readBudgetAreaForm(body: FormBody): Parsed<BudgetAreaFields> {
  const problems: FieldProblems = {};
  const base = budgetAreaSchema.safeParse({
    name: field(body, 'name'),
    arrangement: field(body, 'arrangement'),
    notes: field(body, 'notes'),
    hostOrganisationId: field(body, 'hostOrganisationId'),
  });
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const year = parseFinancialYear(field(body, 'financialYear'));
  if (year === null) problems.financialYear = 'Select the financial year, like 2017-18';
  const contributions: ContributionLine[] = [];
  for (const key of Object.keys(body)
    .filter((k) => k.startsWith('contribution-'))
    .sort()) {
    const organisationId = Number(key.slice('contribution-'.length));
    const text = field(body, key);
    if (!Number.isSafeInteger(organisationId) || organisationId <= 0) {
      problems.contributions = `"${key.slice('contribution-'.length)}" is not an organisation`;
      continue;
    }
    if (text === '') continue;
    const amount = parsePounds(text);
    if (!amount.ok) problems[key] = amount.error;
    else if (amount.value < 0) problems[key] = 'A contribution cannot be negative; enter 0 or more';
    else contributions.push({ organisationId, amountPence: amount.value });
  }
  if (!base.success || year === null || Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      financialYear: year,
      name: base.data.name,
      arrangement: base.data.arrangement,
      notes: base.data.notes,
      hostOrganisationId: base.data.hostOrganisationId === '' ? null : base.data.hostOrganisationId,
      contributions,
    },
  };
}
