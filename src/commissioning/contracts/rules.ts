/**
 * The contracts register: the rules, with no I/O. A contract runs from its start to its end date; extension
 * options each add a number of months once exercised; its value is recorded per financial year, per funding
 * partner and per fund arrangement (issue 6, scope 4; DOMAIN.md §4 for the arrangements). Money is integer pence
 * and every split uses the largest-remainder rule (kernel/money.ts), so that the parts add up to the whole.
 */
import { addDays, isoDate, type IsoDate } from '../../kernel/dates.js';
import { apportionByWeights, sumPence, type Pence } from '../../kernel/money.js';

/** How the partners hold the money a contract is paid from (SI 2000/617 regs 7 to 9; DOMAIN.md §4). */
export const FUND_ARRANGEMENTS = {
  pooled: 'Pooled fund',
  aligned: 'Aligned budget',
  lead_commissioned: 'Lead commissioned',
} as const;
export type FundArrangement = keyof typeof FUND_ARRANGEMENTS;
export const ARRANGEMENT_KEYS = Object.keys(FUND_ARRANGEMENTS) as FundArrangement[];

/**
 * How the contract was let. The Local Government Transparency Code 2015 asks whether a contract followed an
 * invitation to quote or a published invitation to tender (DOMAIN.md §10); a direct award is neither.
 */
export const PROCUREMENT_ROUTES = {
  invitation_to_quote: 'Invitation to quote',
  published_tender: 'Published invitation to tender',
  direct_award: 'Direct award',
} as const;
export type ProcurementRoute = keyof typeof PROCUREMENT_ROUTES;

export const KPI_FREQUENCIES = { monthly: 'Monthly', quarterly: 'Quarterly', annually: 'Annually' } as const;
export type KpiFrequency = keyof typeof KPI_FREQUENCIES;
export const KPI_POLARITIES = { higher: 'Higher is better', lower: 'Lower is better' } as const;
export type KpiPolarity = keyof typeof KPI_POLARITIES;

/** A key performance indicator: what is measured, the target and its unit, how often, and which way is good. */
export interface Kpi {
  name: string;
  /** A decimal number as written, like `95` or `2.5`. */
  target: string;
  unit: string;
  frequency: KpiFrequency;
  polarity: KpiPolarity;
}

/** An option to extend the contract by some months; `exercisedOn` is set once the partners exercise it. */
export interface ExtensionOption {
  months: number;
  exercisedOn: IsoDate | null;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Adds whole months to a date. A date on the last day of its month moves to the last day of the target month
 * (a term ending 30 September, extended by a month, ends 31 October); any other day keeps its number, brought
 * back to the month's last day where the month is shorter (31 January + 1 month is 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return shiftMonths(date, months, true);
}

/** Moves a date by whole months; `keepMonthEnd` sends a month's last day to the target month's last day. */
function shiftMonths(date: IsoDate, months: number, keepMonthEnd: boolean): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError('Months must be whole');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const last = daysInMonth(ty, tm);
  const day = keepMonthEnd && d === daysInMonth(y, m) ? last : Math.min(d, last);
  return isoDate(
    `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/**
 * The length of a term from its first to its last day inclusive, in whole months and days left over: 1 April
 * 2020 to 31 March 2023 is 36 months; 1 April to 15 May is 1 month and 15 days.
 */
export function termLength(startsOn: IsoDate, endsOn: IsoDate): { months: number; days: number } {
  if (endsOn < startsOn) throw new RangeError('A term cannot end before it starts');
  // calendar months counted from the start's day number (clamped in short months), then the days left over
  const dayAfter = addDays(endsOn, 1);
  let months = 0;
  while (shiftMonths(startsOn, months + 1, false) <= dayAfter) months += 1;
  const from = shiftMonths(startsOn, months, false);
  const days = Math.round(
    (Date.parse(`${dayAfter}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000,
  );
  return { months, days };
}

/** `3 years`, `2 years and 6 months`, `18 months and 4 days`: how a term reads on a page. */
export function describeTerm(term: { months: number; days: number }): string {
  const parts: string[] = [];
  const years = Math.floor(term.months / 12);
  const months = term.months % 12;
  if (term.months >= 12 && months === 0 && term.days === 0) return plural(years, 'year');
  if (term.months >= 12 && term.days === 0) return `${plural(years, 'year')} and ${plural(months, 'month')}`;
  if (term.months > 0) parts.push(plural(term.months, 'month'));
  if (term.days > 0 || parts.length === 0) parts.push(plural(term.days, 'day'));
  return parts.join(' and ');
}
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The end date once the exercised extension options are added to the original end, one option after another. */
export function currentEndDate(endsOn: IsoDate, options: readonly ExtensionOption[]): IsoDate {
  return options.filter((o) => o.exercisedOn !== null).reduce((end, o) => addMonths(end, o.months), endsOn);
}

/** The latest the contract could run to if every option were exercised. */
export function latestPossibleEndDate(endsOn: IsoDate, options: readonly ExtensionOption[]): IsoDate {
  return options.reduce((end, o) => addMonths(end, o.months), endsOn);
}

/**
 * Whether a contract ends within 12 months of `today`: its current end date (with exercised extensions) is on or
 * after today and no later than the same day a year on. A contract that has already ended is not "ending".
 */
export function endsWithin12Months(endDate: IsoDate, today: IsoDate): boolean {
  return endDate >= today && endDate <= addMonths(today, 12);
}

export type ContractStatus = 'pending' | 'active' | 'ended';
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  pending: 'Not started',
  active: 'Running',
  ended: 'Ended',
};

/** Not started before its start date, running to its current end date, ended after it. */
export function contractStatus(startsOn: IsoDate, endDate: IsoDate, today: IsoDate): ContractStatus {
  if (today < startsOn) return 'pending';
  return today > endDate ? 'ended' : 'active';
}

/** One amount of a contract's value: a financial year, the funding partner and the arrangement the money sits in. */
export interface ValueLine {
  financialYear: number;
  organisationId: number;
  arrangement: FundArrangement;
  amountPence: Pence;
}

/** The value over the life of the contract: every line, every year. */
export const totalValuePence = (lines: readonly ValueLine[]): Pence =>
  sumPence(lines.map((l) => l.amountPence));

/** One year's value, as a total and split by partner and by arrangement; each split sums to the total exactly. */
export interface YearValue {
  financialYear: number;
  totalPence: Pence;
  byPartner: { organisationId: number; totalPence: Pence; byArrangement: Record<FundArrangement, Pence> }[];
  byArrangement: Record<FundArrangement, Pence>;
}

export interface ValueBreakdown {
  years: YearValue[];
  byPartner: { organisationId: number; totalPence: Pence }[];
  byArrangement: Record<FundArrangement, Pence>;
  totalPence: Pence;
}

const byArrangementOf = (lines: readonly ValueLine[]) =>
  Object.fromEntries(
    ARRANGEMENT_KEYS.map((a) => [
      a,
      sumPence(lines.filter((l) => l.arrangement === a).map((l) => l.amountPence)),
    ]),
  ) as Record<FundArrangement, Pence>;

/**
 * The value table: by financial year (earliest first), and within a year by partner (in the order of
 * `partnerIds`, then any others) and arrangement, with totals. Every total is a sum of lines, so it is exact.
 */
export function valueBreakdown(lines: readonly ValueLine[], partnerIds: readonly number[]): ValueBreakdown {
  const order = [...new Set([...partnerIds, ...lines.map((l) => l.organisationId)])].filter((id) =>
    lines.some((l) => l.organisationId === id),
  );
  const years = [...new Set(lines.map((l) => l.financialYear))].sort((a, b) => a - b);
  return {
    years: years.map((financialYear) => {
      const ofYear = lines.filter((l) => l.financialYear === financialYear);
      return {
        financialYear,
        totalPence: totalValuePence(ofYear),
        byPartner: order
          .filter((id) => ofYear.some((l) => l.organisationId === id))
          .map((organisationId) => {
            const ofPartner = ofYear.filter((l) => l.organisationId === organisationId);
            return {
              organisationId,
              totalPence: totalValuePence(ofPartner),
              byArrangement: byArrangementOf(ofPartner),
            };
          }),
        byArrangement: byArrangementOf(ofYear),
      };
    }),
    byPartner: order.map((organisationId) => ({
      organisationId,
      totalPence: totalValuePence(lines.filter((l) => l.organisationId === organisationId)),
    })),
    byArrangement: byArrangementOf(lines),
    totalPence: totalValuePence(lines),
  };
}

/** A share of a year's value given as a percentage, in basis points (10000 = 100%). */
export interface ValueShare {
  organisationId: number;
  arrangement: FundArrangement;
  shareBp: number;
}

/**
 * Splits a year's value between partners and arrangements given as percentages. Each (partner, arrangement) cell
 * gets its share by the largest-remainder rule over all the cells together, so the cells sum to the annual value
 * exactly, and so do the totals per partner and per arrangement, which are sums of cells. Cells with no share
 * are left out. The shares must add up to 100%.
 */
export function splitAnnualValue(
  financialYear: number,
  annualPence: Pence,
  shares: readonly ValueShare[],
): ValueLine[] {
  const given = shares.filter((s) => s.shareBp > 0);
  const total = given.reduce((a, s) => a + s.shareBp, 0);
  if (total !== 10_000) throw new RangeError(`Shares must add up to 100%, not ${total / 100}%`);
  const parts = apportionByWeights(
    annualPence,
    given.map((s) => s.shareBp),
  );
  return given.map((s, i) => ({
    financialYear,
    organisationId: s.organisationId,
    arrangement: s.arrangement,
    amountPence: parts[i] ?? (0 as Pence),
  }));
}

/**
 * Reads a percentage typed in a form (`33.33`, `50`, `12.5%`) as basis points: at most two decimal places, from 0
 * to 100. Null when it is not such a number.
 */
export function parsePercentBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** A KPI target: a plain decimal number, like `95` or `2.5` or `-1`. */
export const isKpiTarget = (text: string): boolean => /^-?\d{1,9}(\.\d{1,4})?$/.test(text.trim());
