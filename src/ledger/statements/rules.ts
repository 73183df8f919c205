/**
 * The quarterly partner statement (DOMAIN.md §4: the pooled fund manager reports to the partners at least
 * quarterly, with what each partner needs for its own accounts). Q1 is P1–P3 (April to June) ... Q4 is P10–P12.
 * For one partner and quarter: its contributions (from the journal's contribution entries when it holds any, or
 * else the agreed contribution in four instalments plus each variation spread over the quarters from the one it
 * takes effect), the spend it incurred for the pool and the spend on the schemes it commissions, for the quarter
 * and the year to date, and its forecast share of the year's under- or overspend under the risk-share policy.
 * Pure arithmetic: every split by largest remainder, so the quarters add up to the year exactly.
 */
import { apportionByWeights, formatPounds, pence, sumPence, type Pence } from '../../kernel/money.js';
import type { RiskShareResult } from '../settlement/index.js';

export type Quarter = 1 | 2 | 3 | 4;

export const QUARTER_MONTHS = [
  'April to June',
  'July to September',
  'October to December',
  'January to March',
];

/** `Q1` or `q1` as a quarter, else null. */
export function parseQuarter(text: string): Quarter | null {
  const m = /^[Qq]([1-4])$/.exec(text);
  return m ? (Number(m[1]) as Quarter) : null;
}

/** The periods of a quarter: Q1 is P1–P3. */
export const periodsOf = (q: Quarter): [number, number, number] => [q * 3 - 2, q * 3 - 1, q * 3];

/** The quarter a date (yyyy-mm-dd) falls in, within the financial year. */
export function quarterOfDate(date: string): Quarter {
  const month = Number(date.slice(5, 7));
  const period = ((month + 8) % 12) + 1;
  return Math.ceil(period / 3) as Quarter;
}

export function quarterLabel(q: Quarter, financialYear: number): string {
  const year = q === 4 ? financialYear + 1 : financialYear;
  return `Q${q} (${QUARTER_MONTHS[q - 1] ?? ''} ${year})`;
}

export interface ContributionLine {
  kind: 'agreed' | 'variation';
  amountPence: number;
  effectiveOn: string | null;
}

/**
 * A partner's contribution by quarter from the agreement: the agreed amounts in four equal instalments, and each
 * variation in equal instalments over the quarters from the one in which it takes effect (contributions are
 * "often paid in four quarterly instalments", DOMAIN.md §4).
 */
export function contributionInstalments(lines: readonly ContributionLine[]): Pence[] {
  const out = [0n, 0n, 0n, 0n];
  const agreed = sumPence(lines.filter((l) => l.kind === 'agreed').map((l) => l.amountPence));
  apportionByWeights(agreed, [1, 1, 1, 1]).forEach((x, i) => (out[i] = (out[i] ?? 0n) + BigInt(x)));
  for (const v of lines.filter((l) => l.kind === 'variation')) {
    const from = v.effectiveOn ? quarterOfDate(v.effectiveOn) : 1;
    const weights = [1, 2, 3, 4].map((q) => (q >= from ? 1 : 0));
    apportionByWeights(v.amountPence, weights).forEach((x, i) => (out[i] = (out[i] ?? 0n) + BigInt(x)));
  }
  return out.map((x) => pence(x));
}

export interface StatementFacts {
  financialYear: number;
  quarter: Quarter;
  partner: { organisationId: number; name: string };
  contributionLines: readonly ContributionLine[];
  /** Contributions posted to the journal per period (P1..P12), or null when the journal holds none. */
  journalContributionsByPeriod: readonly number[] | null;
  /** Spend the partner incurred per period, on every scheme of the pool. */
  incurredByPeriod: readonly number[];
  /** Spend on the schemes the partner commissions per period, whoever incurred it. */
  commissionedByPeriod: readonly number[];
  /** The risk share applied to the forecast outturn as at the quarter's end. */
  forecast: {
    asAtPeriod: number;
    forecastSpendPence: number;
    contributionsPence: number;
    riskShare: RiskShareResult;
  };
}

export interface StatementRow {
  key: 'contributions' | 'incurred' | 'commissioned';
  label: string;
  quarterPence: Pence;
  yearToDatePence: Pence;
}

export interface PartnerStatement {
  quarter: Quarter;
  label: string;
  periods: [number, number, number];
  partner: { organisationId: number; name: string };
  contributionBasis: 'journal' | 'instalments';
  annualContributionPence: Pence;
  rows: StatementRow[];
  /** Contributions less the spend the partner incurred, year to date: what the pool holds for it. */
  netYearToDatePence: Pence;
  forecast: {
    asAtPeriod: number;
    forecastSpendPence: Pence;
    variancePence: Pence;
    sharePence: Pence;
    text: string;
    /** The risk share's working on the forecast, step by step, in words. */
    steps: { title: string; applied: boolean; explanation: string[] }[];
  };
}

const sumPeriods = (byPeriod: readonly number[], from: number, to: number) =>
  sumPence(byPeriod.slice(from - 1, to));

/** Builds one partner's statement for one quarter. */
export function partnerStatement(f: StatementFacts): PartnerStatement {
  const periods = periodsOf(f.quarter);
  const [first, , last] = periods;
  let contributionQuarter: Pence;
  let contributionYtd: Pence;
  let annual: Pence;
  if (f.journalContributionsByPeriod) {
    contributionQuarter = sumPeriods(f.journalContributionsByPeriod, first, last);
    contributionYtd = sumPeriods(f.journalContributionsByPeriod, 1, last);
    annual = sumPence(f.contributionLines.map((l) => l.amountPence));
  } else {
    const instalments = contributionInstalments(f.contributionLines);
    contributionQuarter = instalments[f.quarter - 1] ?? pence(0);
    contributionYtd = sumPence(instalments.slice(0, f.quarter));
    annual = sumPence(instalments);
  }
  const row = (key: StatementRow['key'], label: string, byPeriod: readonly number[]): StatementRow => ({
    key,
    label,
    quarterPence: sumPeriods(byPeriod, first, last),
    yearToDatePence: sumPeriods(byPeriod, 1, last),
  });
  const incurred = row('incurred', 'Spend incurred by the partner for the pool', f.incurredByPeriod);
  const share = f.forecast.riskShare.shares.find((s) => s.organisationId === f.partner.organisationId);
  const sharePence = share?.pence ?? pence(0);
  const variancePence = f.forecast.riskShare.variancePence;
  const text =
    variancePence === 0
      ? `On the forecast as at P${f.forecast.asAtPeriod}, the fund will spend exactly its contributions: no share to bear.`
      : `On the forecast as at P${f.forecast.asAtPeriod}, the fund will ${variancePence > 0 ? 'overspend' : 'underspend'} by ${formatPounds(Math.abs(variancePence))}; under the risk-share policy ${f.partner.name} ${sharePence > 0 ? `would bear ${formatPounds(sharePence)}` : sharePence < 0 ? `would get back ${formatPounds(-(sharePence as number))}` : 'would bear nothing'}.`;
  return {
    quarter: f.quarter,
    label: quarterLabel(f.quarter, f.financialYear),
    periods,
    partner: f.partner,
    contributionBasis: f.journalContributionsByPeriod ? 'journal' : 'instalments',
    annualContributionPence: annual,
    rows: [
      {
        key: 'contributions',
        label: 'Contributions to the pool',
        quarterPence: contributionQuarter,
        yearToDatePence: contributionYtd,
      },
      incurred,
      row('commissioned', 'Spend on the schemes the partner commissions', f.commissionedByPeriod),
    ],
    netYearToDatePence: pence(contributionYtd - incurred.yearToDatePence),
    forecast: {
      asAtPeriod: f.forecast.asAtPeriod,
      forecastSpendPence: pence(f.forecast.forecastSpendPence),
      variancePence,
      sharePence,
      text,
      steps: f.forecast.riskShare.steps.map((st) => ({
        title: `Step ${st.number}: ${st.title}`,
        applied: st.applied,
        explanation: st.explanation,
      })),
    },
  };
}
