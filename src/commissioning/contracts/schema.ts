/**
 * The contracts forms read from a post: the typed input, or problems keyed by field so that the error summary
 * links to each one and the form is shown again with what the user typed.
 */
import { field, fields, readDateInput, type FormBody, type Parsed } from '../../kernel/forms.js';
import { isoDate, parseFinancialYear, type IsoDate } from '../../kernel/dates.js';
import { parsePounds, pence, type Pence } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
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
  type KpiFrequency,
  type KpiPolarity,
  type ProcurementRoute,
  type ValueLine,
  type ValueShare,
} from './rules.js';
import type { ContractInput } from './store.js';

const isKey = <T extends object>(o: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(o, k);

/** The date fields of the contract form, for the error summary's links to their day parts. */
export const CONTRACT_DATE_FIELDS = ['startsOn', 'endsOn', 'reviewOn'] as const;

export interface ContractChoices {
  partnerIds: ReadonlySet<number>;
  schemeIds: ReadonlySet<number>;
  awardIds: ReadonlySet<number>;
  decisionIds: ReadonlySet<number>;
}

/** An optional id chosen from a list: null when none is chosen, undefined when it is not one of the choices. */
function chosen(raw: string, allowed: ReadonlySet<number>): number | null | undefined {
  if (raw === '') return null;
  const id = Number(raw);
  return allowed.has(id) ? id : undefined;
}

function text(
  body: FormBody,
  name: string,
  label: string,
  max: number,
  problems: FieldProblems,
  required = true,
) {
  const v = field(body, name);
  if (required && v === '') problems[name] = `Enter ${label}`;
  else if (v.length > max)
    problems[name] = `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`;
  return v;
}

function yesNo(body: FormBody, name: string, question: string, problems: FieldProblems): boolean {
  const v = field(body, name);
  if (v !== 'yes' && v !== 'no') problems[name] = `Select whether ${question}`;
  return v === 'yes';
}

/** The add-a-contract form. */
export function readContractForm(body: FormBody, choices: ContractChoices): Parsed<ContractInput> {
  const problems: FieldProblems = {};
  const reference = text(body, 'reference', 'the contract reference', 50, problems);
  const title = text(body, 'title', 'the title of the contract', 200, problems);
  const description = text(body, 'description', 'a description', 2000, problems, false);
  const department = text(body, 'department', 'the department', 200, problems, false);
  const buyer = Number(field(body, 'buyerOrganisationId'));
  if (!choices.partnerIds.has(buyer))
    problems.buyerOrganisationId = 'Select the partner that signs the contract';
  const providerName = text(body, 'providerName', 'the provider’s name', 200, problems);
  const ch = field(body, 'companiesHouseNumber').toUpperCase().replace(/\s+/g, '');
  if (ch !== '' && !/^[A-Z0-9]{8}$/.test(ch))
    problems.companiesHouseNumber = 'Companies House number must be 8 characters, like 01234567 or SC123456';
  const charity = field(body, 'charityNumber').replace(/\s+/g, '');
  if (charity !== '' && !/^[0-9]{6,8}(-[0-9]{1,2})?$/.test(charity))
    problems.charityNumber = 'Charity number must be 6 to 8 digits, like 1012345';
  const sme = yesNo(body, 'sme', 'the provider is a small or medium-sized enterprise', problems);
  const vcse = yesNo(body, 'vcse', 'the provider is a voluntary, community or social enterprise', problems);
  const serviceKeys = fields(body, 'services');
  if (serviceKeys.some((k) => serviceByKey(k) === undefined))
    problems.services = 'Select services from the list';
  const schemeId = chosen(field(body, 'schemeId'), choices.schemeIds);
  if (schemeId === undefined) problems.schemeId = 'Select a scheme from the list';
  const startsOn = readDateInput(body, 'startsOn', 'the start date', true);
  if (startsOn.problem) problems.startsOn = startsOn.problem;
  const endsOn = readDateInput(body, 'endsOn', 'the end date', true);
  if (endsOn.problem) problems.endsOn = endsOn.problem;
  else if (startsOn.value && endsOn.value && endsOn.value < startsOn.value)
    problems.endsOn = 'The end date must be on or after the start date';
  const reviewOn = readDateInput(body, 'reviewOn', 'the review date');
  if (reviewOn.problem) problems.reviewOn = reviewOn.problem;
  const vatRaw = field(body, 'irrecoverableVat');
  let vat: Pence = pence(0);
  if (vatRaw !== '') {
    const parsed = parsePounds(vatRaw);
    if (!parsed.ok) problems.irrecoverableVat = `Irrecoverable VAT: ${parsed.error}`;
    else if (parsed.value < 0) problems.irrecoverableVat = 'Irrecoverable VAT must not be negative';
    else vat = parsed.value;
  }
  const route = field(body, 'procurementRoute');
  if (!isKey(PROCUREMENT_ROUTES, route)) problems.procurementRoute = 'Select how the contract was let';
  const awardId = chosen(field(body, 'awardId'), choices.awardIds);
  if (awardId === undefined) problems.awardId = 'Select a procurement award from the list';
  const decisionId = chosen(field(body, 'decisionId'), choices.decisionIds);
  if (decisionId === undefined) problems.decisionId = 'Select a decision from the list';
  const extensionMonths: number[] = [];
  const extRaw = field(body, 'extensionMonths');
  if (extRaw !== '') {
    for (const part of extRaw.split(',').map((p) => p.trim())) {
      const n = /^\d{1,3}$/.test(part) ? Number(part) : NaN;
      if (!(n >= 1 && n <= 120)) {
        problems.extensionMonths =
          'Enter each option’s length in months, 1 to 120, separated by commas, like 12, 12';
        break;
      }
      extensionMonths.push(n);
    }
  }
  if (Object.keys(problems).length > 0 || !startsOn.value || !endsOn.value) return { ok: false, problems };
  return {
    ok: true,
    value: {
      reference,
      title,
      description,
      department,
      buyerOrganisationId: buyer,
      provider: {
        name: providerName,
        companiesHouseNumber: ch === '' ? null : ch,
        charityNumber: charity === '' ? null : charity,
        sme,
        vcse,
      },
      serviceKeys,
      schemeId: schemeId ?? null,
      startsOn: isoDate(startsOn.value),
      endsOn: isoDate(endsOn.value),
      reviewOn: reviewOn.value ? isoDate(reviewOn.value) : null,
      irrecoverableVatPence: vat,
      procurementRoute: route as ProcurementRoute,
      awardId: awardId ?? null,
      decisionId: decisionId ?? null,
      extensionMonths,
    },
  };
}

/** The name of the percentage field of one partner and arrangement in the value form. */
export const shareField = (organisationId: number, arrangement: string) =>
  `share-${organisationId}-${arrangement}`;

/**
 * The set-a-year's-value form: the year, the annual value, and each partner's share in each arrangement as a
 * percentage, which must add up to 100%. The lines are split by the largest-remainder rule.
 */
export function readValueForm(
  body: FormBody,
  partnerIds: readonly number[],
): Parsed<{ financialYear: number; lines: ValueLine[] }> {
  const problems: FieldProblems = {};
  const year = parseFinancialYear(field(body, 'valueYear'));
  if (year === null) problems.valueYear = 'Enter the financial year, like 2026-27';
  const amount = parsePounds(field(body, 'annualValue'));
  if (!amount.ok) problems.annualValue = `Annual value: ${amount.error}`;
  else if (amount.value <= 0) problems.annualValue = 'Annual value must be more than £0.00';
  const shares: ValueShare[] = [];
  for (const organisationId of partnerIds)
    for (const arrangement of ARRANGEMENT_KEYS) {
      const name = shareField(organisationId, arrangement);
      const raw = field(body, name);
      if (raw === '') continue;
      const bp = parsePercentBp(raw);
      if (bp === null)
        problems[name] =
          `${FUND_ARRANGEMENTS[arrangement]} share must be a percentage from 0 to 100, like 33.33`;
      else shares.push({ organisationId, arrangement, shareBp: bp });
    }
  const total = shares.reduce((a, s) => a + s.shareBp, 0);
  const first = partnerIds[0] === undefined ? 'valueYear' : shareField(partnerIds[0], 'pooled');
  if (Object.keys(problems).length === 0 && total !== 10_000)
    problems[first] = `The shares must add up to 100%; they add up to ${(total / 100).toFixed(2)}%`;
  if (Object.keys(problems).length > 0 || year === null || !amount.ok) return { ok: false, problems };
  return { ok: true, value: { financialYear: year, lines: splitAnnualValue(year, amount.value, shares) } };
}

/** The record-an-extension form: the next option in order, and the date it was exercised. */
export function readExtensionForm(
  body: FormBody,
  options: readonly (ExtensionOption & { position: number })[],
): Parsed<{ position: number; exercisedOn: IsoDate }> {
  const problems: FieldProblems = {};
  // options are exercised in order: only the first one not yet exercised can be
  const next = options.find((o) => o.exercisedOn === null);
  if (!next) problems.extensionDate = 'Every extension option has already been exercised';
  const date = readDateInput(body, 'extensionDate', 'the date the option was exercised', true);
  if (next && date.problem) problems.extensionDate = date.problem;
  if (!next || !date.value || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { position: next.position, exercisedOn: isoDate(date.value) } };
}

/** The add-a-KPI form. */
export function readKpiForm(body: FormBody): Parsed<Kpi> {
  const problems: FieldProblems = {};
  const name = text(body, 'kpiName', 'the indicator’s name', 200, problems);
  const target = field(body, 'kpiTarget');
  if (!isKpiTarget(target)) problems.kpiTarget = 'Enter the target as a number, like 95 or 2.5';
  const unit = text(body, 'kpiUnit', 'the unit', 50, problems, false);
  const frequency = field(body, 'kpiFrequency');
  if (!isKey(KPI_FREQUENCIES, frequency)) problems.kpiFrequency = 'Select how often it is measured';
  const polarity = field(body, 'kpiPolarity');
  if (!isKey(KPI_POLARITIES, polarity)) problems.kpiPolarity = 'Select whether higher or lower is better';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { name, target, unit, frequency: frequency as KpiFrequency, polarity: polarity as KpiPolarity },
  };
}
