/**
 * Savings plans: the rules, with no I/O. A savings line is one saving a partner plans from one of its budgets in
 * a financial year, planned and achieved by month (P1 = April … P12 = March, DESIGN.md "Data"). Every figure is
 * integer pence and every total is an exact sum (kernel/money.ts), so that a roll-up equals the sum of its lines.
 */
import { parsePounds, pence, sumPence, type Pence } from '../../kernel/money.js';

/** The partner budgets a saving comes from (issue 6, scope 5). */
export const BUDGET_LINES = {
  adult_social_care: 'Adult social care',
  public_health: 'Public health',
  childrens_services: 'Children’s services',
  nhs_commissioner: 'NHS commissioner’s budget',
  other: 'Other',
} as const;
export type BudgetLine = keyof typeof BUDGET_LINES;

/** What kind of saving it is: cash released, cost that would otherwise have arisen, or an efficiency. */
export const SAVING_TYPES = {
  cashable: 'Cashable saving',
  cost_avoidance: 'Cost avoidance',
  efficiency_shared_estate: 'Efficiency: shared estate',
  efficiency_travel: 'Efficiency: travel',
  efficiency_back_office: 'Efficiency: back office',
} as const;
export type SavingType = keyof typeof SAVING_TYPES;

export const CONFIDENCES = { high: 'High', medium: 'Medium', low: 'Low' } as const;
export type Confidence = keyof typeof CONFIDENCES;

export const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
const MONTH_NAMES = [
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

/** `P3 (June)`. */
export const periodLabel = (period: number): string => `P${period} (${MONTH_NAMES[period - 1] ?? '?'})`;

export interface SavingsMonth {
  period: number;
  plannedPence: Pence;
  /** null until the month's achievement is recorded. */
  achievedPence: Pence | null;
}

export interface SavingsLineFigures {
  organisationId: number;
  budgetLine: BudgetLine;
  months: readonly SavingsMonth[];
}

/**
 * The RAG rule, stated once so that pages show the rule beside the rating. Achieved to date is compared with
 * planned to date (both through the as-at period): green at 95% or more, amber from 80% to below 95%, red below
 * 80%. Nothing planned to date yet is "not yet due".
 */
export const RAG_RULE =
  'Achieved to date against planned to date: green at 95% or more, amber from 80% up to 95%, red below 80%. ' +
  'Where nothing was planned to date, not yet due.';
export const GREEN_FROM_PERCENT = 95n;
export const AMBER_FROM_PERCENT = 80n;
export type Rag = 'green' | 'amber' | 'red' | 'not-due';
export const RAG_LABELS: Record<Rag, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  'not-due': 'Not yet due',
};

/** The rating by the rule above, compared in whole pence with BigInt, so no rounding decides a boundary. */
export function ragOf(achievedToDatePence: number, plannedToDatePence: number): Rag {
  const planned = BigInt(pence(plannedToDatePence));
  const achieved = BigInt(pence(achievedToDatePence));
  if (planned <= 0n) return 'not-due';
  if (achieved * 100n >= planned * GREEN_FROM_PERCENT) return 'green';
  if (achieved * 100n >= planned * AMBER_FROM_PERCENT) return 'amber';
  return 'red';
}

/**
 * The period a plan is reported at: the latest period for which any line has an achieved amount recorded
 * (0 when none is), so that every line and roll-up of a year is compared on the same footing.
 */
export function asAtPeriod(lines: readonly SavingsLineFigures[]): number {
  let latest = 0;
  for (const l of lines)
    for (const m of l.months) if (m.achievedPence !== null && m.period > latest) latest = m.period;
  return latest;
}

export interface SavingsFigures {
  plannedPence: Pence;
  plannedToDatePence: Pence;
  achievedToDatePence: Pence;
  /** Achieved through the as-at period, plus what is planned after it. */
  forecastPence: Pence;
  /** Forecast less planned for the year: negative is a shortfall. */
  variancePence: Pence;
  rag: Rag;
}

/** One line's figures as at a period. A month not yet recorded within the as-at period counts as nothing achieved. */
export function lineFigures(line: SavingsLineFigures, asAt: number): SavingsFigures {
  const planned = sumPence(line.months.map((m) => m.plannedPence));
  const plannedToDate = sumPence(line.months.filter((m) => m.period <= asAt).map((m) => m.plannedPence));
  const achievedToDate = sumPence(
    line.months.filter((m) => m.period <= asAt).map((m) => m.achievedPence ?? 0),
  );
  const plannedAfter = sumPence(line.months.filter((m) => m.period > asAt).map((m) => m.plannedPence));
  const forecast = sumPence([achievedToDate, plannedAfter]);
  return {
    plannedPence: planned,
    plannedToDatePence: plannedToDate,
    achievedToDatePence: achievedToDate,
    forecastPence: forecast,
    variancePence: pence(BigInt(forecast) - BigInt(planned)),
    rag: ragOf(achievedToDate, plannedToDate),
  };
}

/** The sum of several sets of figures, rated afresh on the summed amounts. */
export function addFigures(parts: readonly SavingsFigures[]): SavingsFigures {
  const sum = (k: keyof Omit<SavingsFigures, 'rag'>) => sumPence(parts.map((p) => p[k]));
  const achievedToDate = sum('achievedToDatePence');
  const plannedToDate = sum('plannedToDatePence');
  return {
    plannedPence: sum('plannedPence'),
    plannedToDatePence: plannedToDate,
    achievedToDatePence: achievedToDate,
    forecastPence: sum('forecastPence'),
    variancePence: sum('variancePence'),
    rag: ragOf(achievedToDate, plannedToDate),
  };
}

export interface SavingsRollUp {
  asAt: number;
  byBudget: { organisationId: number; budgetLine: BudgetLine; figures: SavingsFigures }[];
  byPartner: { organisationId: number; figures: SavingsFigures }[];
  partnership: SavingsFigures;
}

/**
 * Rolls a year's lines up per partner budget (partner and budget line), per partner and for the partnership.
 * Groups come in the order of `partnerIds`, then of BUDGET_LINES; groups with no lines are left out.
 */
export function rollUp(lines: readonly SavingsLineFigures[], partnerIds: readonly number[]): SavingsRollUp {
  const asAt = asAtPeriod(lines);
  const figures = lines.map((l) => ({ line: l, f: lineFigures(l, asAt) }));
  const orgOrder = [
    ...partnerIds,
    ...lines.map((l) => l.organisationId).filter((o) => !partnerIds.includes(o)),
  ];
  const byBudget: SavingsRollUp['byBudget'] = [];
  const byPartner: SavingsRollUp['byPartner'] = [];
  for (const organisationId of [...new Set(orgOrder)]) {
    const ofPartner = figures.filter((x) => x.line.organisationId === organisationId);
    if (ofPartner.length === 0) continue;
    for (const budgetLine of Object.keys(BUDGET_LINES) as BudgetLine[]) {
      const ofBudget = ofPartner.filter((x) => x.line.budgetLine === budgetLine);
      if (ofBudget.length > 0)
        byBudget.push({ organisationId, budgetLine, figures: addFigures(ofBudget.map((x) => x.f)) });
    }
    byPartner.push({ organisationId, figures: addFigures(ofPartner.map((x) => x.f)) });
  }
  return { asAt, byBudget, byPartner, partnership: addFigures(figures.map((x) => x.f)) };
}

/**
 * Reads one money field of a savings form: empty is nothing (when `emptyIsZero`), otherwise pounds and pence,
 * not negative. The message names the field, as `label`.
 */
export function readSavingsAmount(
  raw: string,
  label: string,
  emptyIsZero: boolean,
): { ok: true; value: Pence } | { ok: false; problem: string } {
  if (raw.trim() === '' && emptyIsZero) return { ok: true, value: pence(0) };
  if (raw.trim() === '') return { ok: false, problem: `Enter ${label} in pounds and pence, like 1234.56` };
  const parsed = parsePounds(raw);
  if (!parsed.ok) return { ok: false, problem: `${label}: ${parsed.error}` };
  if (parsed.value < 0) return { ok: false, problem: `${label} must not be negative` };
  return { ok: true, value: parsed.value };
}

export interface SavingsLineInput {
  financialYear: number;
  organisationId: number;
  budgetLine: BudgetLine;
  description: string;
  projectReference: string;
  /** The commissioning project that delivers the saving (migration 0027); null where none is recorded. */
  projectId?: number | null;
  savingType: SavingType;
  confidence: Confidence;
  plannedByPeriod: Pence[];
}
