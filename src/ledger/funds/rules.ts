/**
 * The rules of setting up a fund: Better Care Fund scheme types, areas of spend and funding streams as data per
 * year (DOMAIN.md §8), and the checks on a fund, a contribution, a variation and a scheme. Pure, no I/O.
 */
import { isIsoDate, financialYearBounds, financialYearLabel, formatLongDate } from '../../kernel/dates.js';
import { formatPounds, type Pence } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { OrganisationKind } from '../../partnerships/index.js';

/** BCF scheme types, 2023-25 planning template (DOMAIN.md §8). */
export const BCF_SCHEME_TYPES = [
  'Assistive Technologies and Equipment',
  'Care Act Implementation Related Duties',
  'Carers Services',
  'Community Based Schemes',
  'DFG Related Schemes',
  'Enablers for Integration',
  'High Impact Change Model for Managing Transfer of Care',
  'Home Care or Domiciliary Care',
  'Housing Related Schemes',
  'Integrated Care Planning and Navigation',
  'Bed-based intermediate care services',
  'Home-based intermediate care services',
  'Urgent Community Response',
  'Personalised Budgeting and Commissioning',
  'Personalised Care at Home',
  'Prevention / Early Intervention',
  'Residential Placements',
  'Workforce recruitment and retention',
  'Other',
] as const;

/** Areas of spend of the BCF expenditure plan (DOMAIN.md §8). */
export const AREAS_OF_SPEND = [
  'Social Care',
  'Community Health',
  'Mental Health',
  'Continuing Care',
  'Primary Care',
  'Acute',
  'Other',
] as const;

/** Who commissions a scheme, as the BCF template asks: the council, the NHS, or both jointly. */
export const COMMISSIONERS = { la: 'Local authority', nhs: 'NHS', joint: 'Joint' } as const;
export type Commissioner = keyof typeof COMMISSIONERS;

/** Which kind of partner pays into a stream: an NHS commissioner, the council, or either. */
export type Payer = 'nhs' | 'la' | 'either';

export interface FundingStream {
  name: string;
  payer: Payer;
  note?: string;
}

const MIN_NHS: FundingStream = {
  name: 'Minimum NHS Contribution',
  payer: 'nhs',
  note: 'Includes the minimum spend on adult social care',
};
const IBCF: FundingStream = { name: 'iBCF', payer: 'la', note: 'Improved Better Care Fund grant' };
const DFG: FundingStream = { name: 'DFG', payer: 'la', note: 'Disabled Facilities Grant (capital)' };
const ADD_LA: FundingStream = { name: 'Additional LA Contribution', payer: 'la' };
const ADD_NHS: FundingStream = { name: 'Additional NHS Contribution', payer: 'nhs' };
const WINTER: FundingStream = { name: 'Winter Pressures Grant', payer: 'la' };
const LA_DISCHARGE: FundingStream = { name: 'LA Discharge Funding', payer: 'la' };
const ICB_DISCHARGE: FundingStream = { name: 'ICB Discharge Funding', payer: 'nhs' };
const BETTER_CARE_GRANT: FundingStream = {
  name: 'Local Authority Better Care Grant',
  payer: 'la',
  note: 'Formerly the iBCF, now including the council discharge fund',
};

/**
 * The BCF funding streams of each year, from the first year the list took that shape (DOMAIN.md §8: "the list
 * of streams is per year, as data"). The iBCF grant began in 2017-18; the winter pressures grant stood apart in
 * 2019-20 only; discharge funding came in 2023-24; in 2025-26 the iBCF and council discharge fund became the
 * Local Authority Better Care Grant and the ICB discharge fund joined the NHS minimum contribution.
 */
const BCF_STREAMS_FROM: readonly [fromYear: number, streams: readonly FundingStream[]][] = [
  [2015, [MIN_NHS, DFG, ADD_LA, ADD_NHS]],
  [2017, [MIN_NHS, IBCF, DFG, ADD_LA, ADD_NHS]],
  [2019, [MIN_NHS, IBCF, WINTER, DFG, ADD_LA, ADD_NHS]],
  [2020, [MIN_NHS, IBCF, DFG, ADD_LA, ADD_NHS]],
  [2023, [MIN_NHS, IBCF, DFG, LA_DISCHARGE, ICB_DISCHARGE, ADD_LA, ADD_NHS]],
  [2025, [MIN_NHS, BETTER_CARE_GRANT, DFG, ADD_LA, ADD_NHS]],
];

/** Streams of a pooled fund or aligned budget outside the Better Care Fund. */
const LOCAL_STREAMS: readonly FundingStream[] = [
  { name: 'NHS contribution', payer: 'nhs' },
  { name: 'Council contribution', payer: 'la' },
  { name: 'Other contribution', payer: 'either' },
];

/** The funding streams a fund of this year may receive. */
export function fundingStreamsFor(financialYear: number, betterCareFund: boolean): readonly FundingStream[] {
  if (!betterCareFund) return LOCAL_STREAMS;
  let streams = BCF_STREAMS_FROM[0]?.[1] ?? [];
  for (const [from, list] of BCF_STREAMS_FROM) if (financialYear >= from) streams = list;
  return streams;
}

const NHS_KINDS: readonly OrganisationKind[] = ['icb', 'ccg', 'nhs_england', 'nhs_trust'];

/** A problem when a partner of this kind cannot pay into this stream (a CCG cannot pay the council's DFG). */
export function payerProblem(
  stream: FundingStream,
  kind: OrganisationKind,
  partnerName: string,
): string | null {
  if (stream.payer === 'either' || kind === 'other') return null;
  const isNhs = NHS_KINDS.includes(kind);
  if (stream.payer === 'nhs' && !isNhs)
    return `${stream.name} is paid by the NHS partner, not ${partnerName}`;
  if (stream.payer === 'la' && kind !== 'local_authority')
    return `${stream.name} is paid by the council, not ${partnerName}`;
  return null;
}

/**
 * A scheme's commissioning partner matches its commissioner as the BCF template records it: a council for "LA",
 * an NHS body for "NHS"; a joint scheme may name a lead partner or none.
 */
export function commissionerProblem(
  commissioner: Commissioner,
  partner: { kind: OrganisationKind; name: string } | null,
): string | null {
  if (partner === null || commissioner === 'joint' || partner.kind === 'other') return null;
  const isNhs = NHS_KINDS.includes(partner.kind);
  if (commissioner === 'la' && partner.kind !== 'local_authority')
    return `${partner.name} is not a local authority: choose the council, or NHS or Joint as the commissioner`;
  if (commissioner === 'nhs' && !isNhs)
    return `${partner.name} is not an NHS body: choose the NHS partner, or Local authority or Joint as the commissioner`;
  return null;
}

/** The twelve periods' names, P1 (April) to P12 (March). */
export const PERIOD_MONTHS = [
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'January',
  'February',
  'March',
] as const;

/**
 * Checks a monthly profile as typed: twelve whole numbers of 0 or more, at least one of them positive (so the
 * budget can be spread by largest remainder). Problems are keyed `profile-1`..`profile-12`, or `profile`.
 */
export function readProfile(texts: readonly string[]): { weights: number[] | null; problems: FieldProblems } {
  const problems: FieldProblems = {};
  if (texts.length !== 12)
    return { weights: null, problems: { profile: 'Enter a weight for each of the twelve months' } };
  const weights = texts.map((text, i) => {
    const t = text.trim();
    const month = PERIOD_MONTHS[i] ?? `P${i + 1}`;
    if (t === '') problems[`profile-${i + 1}`] = `Enter a weight for ${month}, 0 or more`;
    else if (!/^\d{1,6}$/.test(t))
      problems[`profile-${i + 1}`] = `The weight for ${month} must be a whole number, 0 or more`;
    return Number(t);
  });
  if (Object.keys(problems).length === 0 && weights.every((w) => w === 0))
    problems.profile = 'At least one month’s weight must be more than 0';
  return { weights: Object.keys(problems).length === 0 ? weights : null, problems };
}

export interface FundInput {
  financialYear: number;
  kind: 'pooled' | 'aligned';
  hostOrganisationId: number | null;
  pooledFundManager: string;
}

/** A pooled fund has a host partner and a pooled fund manager (SI 2000/617 reg 7(4); DOMAIN.md §4); an aligned
 * budget stays in each partner's ledger and has neither. */
export function validateFund(f: FundInput, partnerIds: ReadonlySet<number>): FieldProblems {
  const problems: FieldProblems = {};
  if (f.kind === 'pooled') {
    if (f.hostOrganisationId === null)
      problems.hostOrganisationId = 'Select the host partner of the pooled fund';
    else if (!partnerIds.has(f.hostOrganisationId))
      problems.hostOrganisationId = 'The host must be a partner in this partnership';
    if (f.pooledFundManager.trim() === '')
      problems.pooledFundManager = 'Enter the pooled fund manager the host has appointed';
  } else if (f.hostOrganisationId !== null) {
    problems.hostOrganisationId = 'An aligned budget has no host: each partner keeps its own money';
  }
  return problems;
}

/** The dated amendment that varies a contribution in year (DOMAIN.md §4). */
export interface VariationInput {
  amountPence: Pence;
  decisionReference: string;
  effectiveOn: string | null;
}

/**
 * An in-year variation is a dated amendment approved under each partner's governance (DOMAIN.md §4): it names
 * the decision that approved it and takes effect on a date within the fund's year. It may be negative (a
 * reduction), but not zero, and may not take a partner's contribution to the stream below nothing.
 */
export function validateVariation(
  v: VariationInput,
  financialYear: number,
  currentPence: Pence,
): FieldProblems {
  const problems: FieldProblems = {};
  if (v.amountPence === 0) problems.amount = 'Enter the change in the contribution: more or less than 0';
  else if (currentPence + v.amountPence < 0)
    problems.amount = `A reduction cannot be more than the contribution so far, ${formatPounds(currentPence)}`;
  if (v.decisionReference.trim() === '')
    problems.decisionReference = 'Enter the reference of the decision that approved the variation';
  const { startsOn, endsOn } = financialYearBounds(financialYear);
  if (v.effectiveOn === null) problems.effectiveOn = 'Enter the date the variation takes effect';
  else if (!isIsoDate(v.effectiveOn) || v.effectiveOn < startsOn || v.effectiveOn > endsOn)
    problems.effectiveOn = `The date must be within ${financialYearLabel(financialYear)}, from ${formatLongDate(startsOn)} to ${formatLongDate(endsOn)}`;
  return problems;
}

/** A scheme ID as the BCF template and the chart of accounts use it: letters and digits, up to 20. */
export const SCHEME_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

export interface CostCentreLine {
  organisationId: number;
  costCentre: string;
  accountCode: string;
}

/**
 * Reads a partner's cost centres as typed: one a line or separated by commas, each `cost centre` or
 * `cost centre:account code` (when a cost centre pays for several schemes, told apart by subjective code).
 */
export function readCostCentres(
  organisationId: number,
  text: string,
): { lines: CostCentreLine[]; problem: string | null } {
  const lines: CostCentreLine[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\n,]/)) {
    const item = raw.trim();
    if (item === '') continue;
    const [cc = '', code = '', ...rest] = item.split(':').map((x) => x.trim());
    if (
      rest.length > 0 ||
      !/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/.test(cc) ||
      !/^[A-Za-z0-9._/-]{0,40}$/.test(code)
    )
      return {
        lines: [],
        problem: `"${item}" is not a cost centre; write it like SCC-SC01, or SCC-SC01:5100 with an account code`,
      };
    const key = `${cc}|${code}`;
    if (seen.has(key)) return { lines: [], problem: `${item} is listed twice` };
    seen.add(key);
    lines.push({ organisationId, costCentre: cc, accountCode: code });
  }
  return { lines, problem: null };
}

/** Cost centres written back as the form shows them. */
export const costCentresText = (lines: readonly { costCentre: string; accountCode: string }[]): string =>
  lines.map((l) => (l.accountCode ? `${l.costCentre}:${l.accountCode}` : l.costCentre)).join(', ');

/** The fields of a partner's general-ledger extract that Concordat reads, and which of them it must have. */
export const IMPORT_FIELDS = {
  costCentre: { label: 'Cost centre', required: true },
  accountCode: { label: 'Account (subjective) code', required: true },
  date: { label: 'Date', required: true },
  amount: { label: 'Amount', required: true },
  description: { label: 'Description', required: false },
  supplier: { label: 'Supplier', required: false },
  reference: { label: 'Transaction reference', required: false },
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;

/** Each required column named, and no column heading used for two fields. */
export function validateImportColumns(columns: Readonly<Record<ImportField, string>>): FieldProblems {
  const problems: FieldProblems = {};
  const used = new Map<string, ImportField>();
  for (const [key, spec] of Object.entries(IMPORT_FIELDS) as [
    ImportField,
    (typeof IMPORT_FIELDS)[ImportField],
  ][]) {
    const heading = columns[key].trim();
    if (heading === '') {
      if (spec.required)
        problems[key] = `Enter the heading of the column that holds the ${spec.label.toLowerCase()}`;
      continue;
    }
    const other = used.get(heading.toLowerCase());
    if (other) problems[key] = `${heading} is already the ${IMPORT_FIELDS[other].label.toLowerCase()} column`;
    else used.set(heading.toLowerCase(), key);
  }
  return problems;
}
