/**
 * The contracts forms, each a zod schema read by `parseForm`: the typed input, or problems keyed by field so that
 * the error summary links to each one and the form is shown again with what the user typed.
 */
import { z } from 'zod';
import {
  dateInput,
  keys,
  parseForm,
  text,
  type Parsed,
  fieldsRead,
  chosenId,
  optionalPounds,
} from '../../kernel/forms.js';
import { parseFinancialYear, type IsoDate } from '../../kernel/dates.js';
import { parsePounds, pence, type Pence } from '../../kernel/money.js';
import { serviceByKey } from '../../partnerships/index.js';
import {
  ARRANGEMENT_KEYS,
  FUND_ARRANGEMENTS,
  KPI_FREQUENCIES,
  KPI_POLARITIES,
  PROCUREMENT_ROUTES,
  isKpiTarget,
  parsePercentBp,
  splitAnnualValue,
  type ExtensionOption,
  type Kpi,
  type ValueLine,
  type ValueShare,
} from './rules.js';
import type { ContractInput } from './store.js';

/** The date fields of the contract form, for the error summary's links to their day parts. */
export const CONTRACT_DATE_FIELDS = ['startsOn', 'endsOn', 'reviewOn'] as const;

export interface ContractChoices {
  partnerIds: ReadonlySet<number>;
  schemeIds: ReadonlySet<number>;
  awardIds: ReadonlySet<number>;
  decisionIds: ReadonlySet<number>;
}

const capitalise = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** An optional line of text of at most `max` characters ('' when empty). */
const upTo = (label: string, max: number) =>
  z.string().max(max, `${capitalise(label)} must be ${max} characters or fewer`);

const yesNo = (question: string) => z.enum(['yes', 'no'], { error: `Select whether ${question}` });

const extensionMonths = z.string().transform((raw, ctx): number[] => {
  if (raw === '') return [];
  const months = raw.split(',').map((p) => (/^\d{1,3}$/.test(p.trim()) ? Number(p.trim()) : NaN));
  if (months.some((n) => !(n >= 1 && n <= 120))) {
    ctx.addIssue({
      code: 'custom',
      message: 'Enter each option’s length in months, 1 to 120, separated by commas, like 12, 12',
    });
    return z.NEVER;
  }
  return months;
});

const contractSchema = (choices: ContractChoices) =>
  z
    .object({
      reference: text('the contract reference', 50),
      title: text('the title of the contract', 200),
      description: upTo('a description', 2000),
      department: upTo('the department', 200),
      buyerOrganisationId: z
        .string()
        .refine((raw) => choices.partnerIds.has(Number(raw)), 'Select the partner that signs the contract')
        .transform(Number),
      providerName: text('the provider’s name', 200),
      companiesHouseNumber: z
        .string()
        .transform((raw) => raw.toUpperCase().replace(/\s+/g, ''))
        .refine(
          (ch) => ch === '' || /^[A-Z0-9]{8}$/.test(ch),
          'Companies House number must be 8 characters, like 01234567 or SC123456',
        ),
      charityNumber: z
        .string()
        .transform((raw) => raw.replace(/\s+/g, ''))
        .refine(
          (n) => n === '' || /^[0-9]{6,8}(-[0-9]{1,2})?$/.test(n),
          'Charity number must be 6 to 8 digits, like 1012345',
        ),
      sme: yesNo('the provider is a small or medium-sized enterprise'),
      vcse: yesNo('the provider is a voluntary, community or social enterprise'),
      services: z
        .array(z.string())
        .refine((ks) => ks.every((k) => serviceByKey(k) !== undefined), 'Select services from the list'),
      schemeId: chosenId(choices.schemeIds, 'Select a scheme from the list'),
      startsOn: dateInput('the start date', { required: true }),
      endsOn: dateInput('the end date', { required: true }),
      reviewOn: dateInput('the review date'),
      irrecoverableVat: optionalPounds('Irrecoverable VAT'),
      procurementRoute: z.enum(keys(PROCUREMENT_ROUTES), { error: 'Select how the contract was let' }),
      awardId: chosenId(choices.awardIds, 'Select a procurement award from the list'),
      decisionId: chosenId(choices.decisionIds, 'Select a decision from the list'),
      extensionMonths,
    })
    .superRefine(
      (c, ctx) => {
        if (c.endsOn < c.startsOn)
          ctx.addIssue({
            code: 'custom',
            path: ['endsOn'],
            message: 'The end date must be on or after the start date',
          });
      },
      { when: fieldsRead('startsOn', 'endsOn') },
    );

/** The add-a-contract form. */
export const readContractForm = (body: unknown, choices: ContractChoices): Parsed<ContractInput> =>
  parseForm(contractSchema(choices), body, (c) => ({
    reference: c.reference,
    title: c.title,
    description: c.description,
    department: c.department,
    buyerOrganisationId: c.buyerOrganisationId,
    provider: {
      name: c.providerName,
      companiesHouseNumber: c.companiesHouseNumber === '' ? null : c.companiesHouseNumber,
      charityNumber: c.charityNumber === '' ? null : c.charityNumber,
      sme: c.sme === 'yes',
      vcse: c.vcse === 'yes',
    },
    serviceKeys: c.services,
    schemeId: c.schemeId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    reviewOn: c.reviewOn,
    irrecoverableVatPence: c.irrecoverableVat ?? pence(0),
    procurementRoute: c.procurementRoute,
    awardId: c.awardId,
    decisionId: c.decisionId,
    extensionMonths: c.extensionMonths,
  }));

/** The name of the percentage field of one partner and arrangement in the value form. */
export const shareField = (organisationId: number, arrangement: string) =>
  `share-${organisationId}-${arrangement}`;

/** The shares typed in the value form, each partner's percentage in each arrangement. */
const readShares = (
  shares: readonly { organisationId: number; arrangement: ValueShare['arrangement']; name: string }[],
  form: Record<string, unknown>,
): ValueShare[] =>
  shares.flatMap((s) => {
    const bp = form[s.name] === '' ? null : parsePercentBp(String(form[s.name]));
    return bp === null ? [] : [{ organisationId: s.organisationId, arrangement: s.arrangement, shareBp: bp }];
  });

/**
 * The set-a-year's-value form: the year, the annual value, and each partner's share in each arrangement as a
 * percentage, which must add up to 100%. The lines are split by the largest-remainder rule.
 */
export function readValueForm(
  body: unknown,
  partnerIds: readonly number[],
): Parsed<{ financialYear: number; lines: ValueLine[] }> {
  const shares = partnerIds.flatMap((organisationId) =>
    ARRANGEMENT_KEYS.map((arrangement) => ({
      organisationId,
      arrangement,
      name: shareField(organisationId, arrangement),
    })),
  );
  const first = partnerIds[0] === undefined ? 'valueYear' : shareField(partnerIds[0], 'pooled');
  const schema = z
    .object({
      valueYear: z.string().transform((raw, ctx): number => {
        const year = parseFinancialYear(raw);
        if (year !== null) return year;
        ctx.addIssue({ code: 'custom', message: 'Enter the financial year, like 2026-27' });
        return z.NEVER;
      }),
      annualValue: z.string().transform((raw, ctx): Pence => {
        const read = parsePounds(raw);
        if (!read.ok) ctx.addIssue({ code: 'custom', message: `Annual value: ${read.error}` });
        else if (read.value <= 0)
          ctx.addIssue({ code: 'custom', message: 'Annual value must be more than £0.00' });
        else return read.value;
        return z.NEVER;
      }),
      ...Object.fromEntries(
        shares.map((s) => [
          s.name,
          z
            .string()
            .refine(
              (raw) => raw === '' || parsePercentBp(raw) !== null,
              `${FUND_ARRANGEMENTS[s.arrangement]} share must be a percentage from 0 to 100, like 33.33`,
            ),
        ]),
      ),
    })
    .superRefine((v, ctx) => {
      const total = readShares(shares, v).reduce((a, s) => a + s.shareBp, 0);
      if (total !== 10_000)
        ctx.addIssue({
          code: 'custom',
          path: [first],
          message: `The shares must add up to 100%; they add up to ${(total / 100).toFixed(2)}%`,
        });
    });
  return parseForm(schema, body, (v) => ({
    financialYear: v.valueYear,
    lines: splitAnnualValue(v.valueYear, v.annualValue, readShares(shares, v)),
  }));
}

const extensionSchema = z.object({
  extensionDate: dateInput('the date the option was exercised', { required: true }),
});

/** The record-an-extension form: the next option in order, and the date it was exercised. */
export function readExtensionForm(
  body: unknown,
  options: readonly (ExtensionOption & { position: number })[],
): Parsed<{ position: number; exercisedOn: IsoDate }> {
  // options are exercised in order: only the first one not yet exercised can be
  const next = options.find((o) => o.exercisedOn === null);
  if (!next)
    return { ok: false, problems: { extensionDate: 'Every extension option has already been exercised' } };
  return parseForm(extensionSchema, body, (v) => ({ position: next.position, exercisedOn: v.extensionDate }));
}

const kpiSchema = z.object({
  kpiName: text('the indicator’s name', 200),
  kpiTarget: z.string().refine(isKpiTarget, 'Enter the target as a number, like 95 or 2.5'),
  kpiUnit: upTo('the unit', 50),
  kpiFrequency: z.enum(keys(KPI_FREQUENCIES), { error: 'Select how often it is measured' }),
  kpiPolarity: z.enum(keys(KPI_POLARITIES), { error: 'Select whether higher or lower is better' }),
});

/** The add-a-KPI form. */
export const readKpiForm = (body: unknown): Parsed<Kpi> =>
  parseForm(kpiSchema, body, (k) => ({
    name: k.kpiName,
    target: k.kpiTarget,
    unit: k.kpiUnit,
    frequency: k.kpiFrequency,
    polarity: k.kpiPolarity,
  }));
