/**
 * Better Care Fund returns (DOMAIN.md §8): the expenditure plan, one line per scheme and source of funding, and
 * the year-end actuals in the same columns. The templates' column sets and funding-source names change by year,
 * so they are data here (BCF_TEMPLATES), chosen by the fund's financial year.
 */
import { apportionByWeights, pence, sumPence, type Pence } from '../../kernel/money.js';
import type { Cell } from '../monitoring/index.js';
import { attributeToStreams } from '../monitoring/index.js';

export type BcfField =
  | 'schemeId'
  | 'schemeName'
  | 'briefDescription'
  | 'schemeType'
  | 'subType'
  | 'otherSpecification'
  | 'plannedOutputs'
  | 'outputUnits'
  | 'areaOfSpend'
  | 'commissioner'
  | 'percentNhs'
  | 'percentLa'
  | 'provider'
  | 'sourceOfFunding'
  | 'expenditure'
  | 'newOrExisting';

export interface BcfTemplate {
  name: string;
  /** The first financial year (its starting calendar year) the template applies to. */
  fromYear: number;
  columns: { field: BcfField; header: string }[];
  /** Concordat's funding-stream names as the template names its sources of funding. */
  sources: Record<string, string>;
}

const COMMON_SOURCES = {
  'Minimum NHS Contribution': 'Minimum NHS Contribution',
  DFG: 'DFG',
  'Additional LA Contribution': 'Additional LA Contribution',
};

const FIRST_TEMPLATE: BcfTemplate = {
  name: 'BCF planning template 2017-19',
  fromYear: 2017,
  columns: [
    { field: 'schemeId', header: 'Scheme ID' },
    { field: 'schemeName', header: 'Scheme Name' },
    { field: 'briefDescription', header: 'Brief Description of Scheme' },
    { field: 'schemeType', header: 'Scheme Type' },
    { field: 'subType', header: 'Sub Type' },
    { field: 'areaOfSpend', header: 'Area of Spend' },
    { field: 'commissioner', header: 'Commissioner' },
    { field: 'percentNhs', header: '% NHS (if Joint Commissioner)' },
    { field: 'percentLa', header: '% LA (if Joint Commissioner)' },
    { field: 'provider', header: 'Provider' },
    { field: 'sourceOfFunding', header: 'Source of Funding' },
    { field: 'expenditure', header: 'Expenditure (£)' },
    { field: 'newOrExisting', header: 'New/ Existing Scheme' },
  ],
  sources: {
    ...COMMON_SOURCES,
    iBCF: 'iBCF',
    'Additional NHS Contribution': 'Additional CCG Contribution',
  },
};

/** The column sets, oldest first. The year-end return uses the same columns, with actual expenditure. */
export const BCF_TEMPLATES: readonly BcfTemplate[] = [
  FIRST_TEMPLATE,
  {
    name: 'BCF planning template 2023-25',
    fromYear: 2023,
    columns: [
      { field: 'schemeId', header: 'Scheme ID' },
      { field: 'schemeName', header: 'Scheme Name' },
      { field: 'briefDescription', header: 'Brief Description of Scheme' },
      { field: 'schemeType', header: 'Scheme Type' },
      { field: 'subType', header: 'Sub Types' },
      { field: 'otherSpecification', header: "Please specify if 'Scheme Type' is 'Other'" },
      { field: 'plannedOutputs', header: 'Planned Outputs' },
      { field: 'outputUnits', header: 'Units' },
      { field: 'areaOfSpend', header: 'Area of Spend' },
      { field: 'commissioner', header: 'Commissioner' },
      { field: 'percentNhs', header: '% NHS (if Joint Commissioner)' },
      { field: 'percentLa', header: '% LA (if Joint Commissioner)' },
      { field: 'provider', header: 'Provider' },
      { field: 'sourceOfFunding', header: 'Source of Funding' },
      { field: 'expenditure', header: 'Expenditure (£)' },
      { field: 'newOrExisting', header: 'New/ Existing Scheme' },
    ],
    sources: {
      ...COMMON_SOURCES,
      iBCF: 'iBCF',
      'Additional NHS Contribution': 'Additional NHS Contribution',
      'LA Discharge Funding': 'Local Authority Discharge Funding',
      'ICB Discharge Funding': 'ICB Discharge Funding',
    },
  },
  {
    name: 'BCF planning template 2025-26',
    fromYear: 2025,
    columns: [
      { field: 'schemeId', header: 'Scheme ID' },
      { field: 'schemeName', header: 'Scheme Name' },
      { field: 'briefDescription', header: 'Brief Description of Scheme' },
      { field: 'schemeType', header: 'Scheme Type' },
      { field: 'subType', header: 'Sub Types' },
      { field: 'otherSpecification', header: "Please specify if 'Scheme Type' is 'Other'" },
      { field: 'areaOfSpend', header: 'Area of Spend' },
      { field: 'commissioner', header: 'Commissioner' },
      { field: 'percentNhs', header: '% NHS (if Joint Commissioner)' },
      { field: 'percentLa', header: '% LA (if Joint Commissioner)' },
      { field: 'provider', header: 'Provider' },
      { field: 'sourceOfFunding', header: 'Source of Funding' },
      { field: 'expenditure', header: 'Expenditure (£)' },
      { field: 'newOrExisting', header: 'New/ Existing Scheme' },
    ],
    // 2025-26: the iBCF and the council discharge fund became the Local Authority Better Care Grant
    sources: {
      ...COMMON_SOURCES,
      iBCF: 'Local Authority Better Care Grant',
      'LA Discharge Funding': 'Local Authority Better Care Grant',
      'Additional NHS Contribution': 'Additional NHS Contribution',
    },
  },
];

/** The template in force for a financial year: the latest that starts on or before it (the first before 2017). */
export function templateFor(financialYear: number): BcfTemplate {
  let chosen = FIRST_TEMPLATE;
  for (const t of BCF_TEMPLATES) if (t.fromYear <= financialYear) chosen = t;
  return chosen;
}

export interface BcfScheme {
  schemeId: number;
  code: string;
  name: string;
  description: string;
  schemeType: string;
  areaOfSpend: string;
  commissioner: 'la' | 'nhs' | 'joint';
  provider: string;
  budgets: readonly { organisationId: number; stream: string; amountPence: Pence }[];
  /** True when the scheme ran in the partnership's fund of the year before. */
  existing: boolean;
}

export type BcfRow = Record<BcfField, string | number | null> & { expenditurePence: Pence };

const NHS_KINDS = new Set(['icb', 'ccg', 'nhs_england', 'nhs_trust']);

/**
 * The NHS and council shares of a jointly commissioned scheme, from its budget by partner, in percent to two
 * decimal places that add up to 100 exactly (basis points by largest remainder).
 */
export function jointSplit(
  budgets: BcfScheme['budgets'],
  kindOf: (organisationId: number) => string,
): { percentNhs: number; percentLa: number } | null {
  const nhs = sumPence(
    budgets.filter((b) => NHS_KINDS.has(kindOf(b.organisationId))).map((b) => b.amountPence),
  );
  const la = sumPence(
    budgets.filter((b) => kindOf(b.organisationId) === 'local_authority').map((b) => b.amountPence),
  );
  if (nhs + la === 0) return null;
  const [nhsBp = 0, laBp = 0] = apportionByWeights(10_000, [nhs, la]);
  return { percentNhs: nhsBp / 100, percentLa: laBp / 100 };
}

/**
 * The return's rows: one per scheme and source of funding, with the planned expenditure (the budget) or, given
 * `cells` at P12, the year's actual expenditure attributed to the sources as the monitoring report does.
 */
export function bcfRows(
  template: BcfTemplate,
  schemes: readonly BcfScheme[],
  kindOf: (organisationId: number) => string,
  cells?: readonly Cell[],
): BcfRow[] {
  const rows: BcfRow[] = [];
  for (const s of schemes) {
    const split = s.commissioner === 'joint' ? jointSplit(s.budgets, kindOf) : null;
    const actualByStream = new Map<string, bigint>();
    for (const part of (cells ?? []).filter((c) => c.schemeId === s.schemeId).flatMap(attributeToStreams))
      actualByStream.set(
        part.stream,
        (actualByStream.get(part.stream) ?? 0n) + BigInt(part.actualToDatePence),
      );
    const streams = [...new Set([...s.budgets.map((b) => b.stream), ...actualByStream.keys()])].sort((a, b) =>
      a.localeCompare(b),
    );
    for (const stream of streams) {
      const planned = sumPence(s.budgets.filter((b) => b.stream === stream).map((b) => b.amountPence));
      const expenditurePence = cells ? pence(actualByStream.get(stream) ?? 0n) : planned;
      rows.push({
        schemeId: s.code,
        schemeName: s.name,
        briefDescription: s.description,
        schemeType: s.schemeType,
        subType: '',
        otherSpecification: '',
        plannedOutputs: null,
        outputUnits: '',
        areaOfSpend: s.areaOfSpend,
        commissioner: { la: 'LA', nhs: 'NHS', joint: 'Joint' }[s.commissioner],
        percentNhs: split?.percentNhs ?? null,
        percentLa: split?.percentLa ?? null,
        provider: s.provider,
        sourceOfFunding: template.sources[stream] ?? stream,
        expenditure: expenditurePence / 100,
        expenditurePence,
        newOrExisting: s.existing ? 'Existing' : 'New',
      });
    }
  }
  return rows;
}
