/**
 * The forms of organisations, partnerships, agreements and budget areas: zod schemas for each field, and a
 * reader per form that returns the typed input or the problems keyed by field.
 */
import { z } from 'zod';
import { dateInput, field, parseForm, problemsFromZod, type FormBody, type Parsed } from '../kernel/forms.js';
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
  odsCode: z.string(),
  gssCode: z.string(),
  existsFrom: dateInput('the date it was established'),
  existsTo: dateInput('the date it ceased to exist'),
});

export const readOrganisationForm = (body: unknown): Parsed<OrganisationInput> =>
  parseForm(organisationSchema, body, (o) => ({
    name: o.name,
    shortName: o.shortName || null,
    kind: o.kind,
    laTier: o.laTier || null,
    odsCode: normaliseCode(o.odsCode),
    gssCode: normaliseCode(o.gssCode),
    existsFrom: o.existsFrom,
    existsTo: o.existsTo,
  }));

export interface PartnershipForm {
  name: string;
  slug: string;
  description: string;
  formedOn: string | null;
  organisationIds: number[];
}

/** Ids chosen from a list (read as numbers by `Number`); `problem` says which one is not an id. */
const ids = (problem: (raw: string) => string) =>
  z.array(z.string()).superRefine((raws, ctx) => {
    const bad = raws.filter((raw) => {
      const n = Number(raw);
      return !Number.isSafeInteger(n) || n <= 0;
    });
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: problem(bad[bad.length - 1] ?? '') });
  });

/** The web address name as typed, or made from the name when left empty. */
const slugOf = (p: { name: string; slug: string }) => p.slug || slugify(p.name);

const partnershipSchema = z
  .object({
    name: required('the partnership’s name'),
    slug: z.string(),
    description: z.string(),
    formedOn: dateInput('the date the partnership was formed'),
    organisationIds: ids((raw) => `"${raw}" is not an organisation`),
  })
  .superRefine((p, ctx) => {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slugOf(p)))
      ctx.addIssue({
        code: 'custom',
        path: ['slug'],
        message:
          'Web address name must be lower-case letters and numbers, joined by hyphens, like southampton-city',
      });
  });

export const readPartnershipForm = (body: unknown): Parsed<PartnershipForm> =>
  parseForm(partnershipSchema, body, (p) => ({
    ...p,
    slug: slugOf(p),
    organisationIds: p.organisationIds.map(Number),
  }));

const agreementSchema = z.object({
  kind: z.enum(keys(AGREEMENT_KINDS), { error: 'Select the kind of agreement' }),
  title: required('the agreement’s title', 300),
  status: z.enum(keys(AGREEMENT_STATUSES), { error: 'Select the agreement’s status' }),
  legalBasis: z.string().trim().max(300),
  summary: z.string().trim().max(5000, 'Summary must be 5,000 characters or fewer'),
  hostOrganisationId: z.union([z.literal(''), id('Select the host from the list')]),
  startsOn: dateInput('the start date'),
  endsOn: dateInput('the end date'),
  partyIds: ids(() => 'Select the parties from the list'),
});

export const readAgreementForm = (body: unknown): Parsed<AgreementFields> =>
  parseForm(agreementSchema, body, (a) => ({
    kind: a.kind,
    title: a.title,
    status: a.status,
    legalBasis: a.legalBasis || AGREEMENT_KINDS[a.kind].basis,
    legallyBinding: AGREEMENT_KINDS[a.kind].legallyBinding,
    summary: a.summary,
    hostOrganisationId: a.hostOrganisationId === '' ? null : a.hostOrganisationId,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    partyIds: a.partyIds.map(Number),
  }));

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
