/**
 * The monthly monitoring report of a fund, as pure arithmetic over budgets, profiles and actuals: for each
 * scheme and funding partner, the annual budget, the budget profiled to date, the actual to date, the forecast
 * outturn and the variance, rolled up by scheme, scheme type and partner. Every roll-up is a sum of the same
 * scheme-and-partner cells, so the tables reconcile to the penny with each other and with the postings.
 */
import { apportionByWeights, pence, sumPence, type Pence } from '../kernel/money.js';

export type ForecastMethod = 'run-rate' | 'profile';

export interface SchemeFacts {
  schemeId: number;
  code: string;
  name: string;
  schemeType: string;
  budgets: readonly { organisationId: number; amountPence: Pence }[];
  /** Twelve weights, P1 to P12. */
  profile: readonly number[];
}

export interface ActualFact {
  schemeId: number;
  organisationId: number;
  period: number;
  actualPence: Pence;
}

export type Rag = 'green' | 'amber' | 'red';

export interface Figures {
  budgetPence: Pence;
  profiledToDatePence: Pence;
  actualToDatePence: Pence;
  forecastOutturnPence: Pence;
  /** Forecast outturn less budget: positive is an overspend. */
  variancePence: Pence;
  rag: Rag;
}

export interface MonitoringReport {
  asAtPeriod: number;
  method: ForecastMethod;
  schemes: (Figures & { schemeId: number; code: string; name: string; schemeType: string })[];
  bySchemeType: (Figures & { schemeType: string })[];
  byPartner: (Figures & { organisationId: number })[];
  total: Figures;
  /** Actual spend per period P1..P12 across the fund (for the chart). */
  actualByPeriod: Pence[];
  /** Budget profiled per period P1..P12 across the fund. */
  profileByPeriod: Pence[];
}

/** RAG thresholds in basis points of budget: within 1 % green, within 5 % amber, beyond red (either way). */
export const DEFAULT_RAG_BP = { green: 100, amber: 500 } as const;

/** Red, amber or green for a variance against a budget. A variance with no budget is red. */
export function ragFor(variancePence: number, budgetPence: number, thresholds = DEFAULT_RAG_BP): Rag {
  const v = BigInt(Math.abs(variancePence)) * 10_000n;
  if (budgetPence === 0) return variancePence === 0 ? 'green' : 'red';
  const b = BigInt(Math.abs(budgetPence));
  if (v <= b * BigInt(thresholds.green)) return 'green';
  if (v <= b * BigInt(thresholds.amber)) return 'amber';
  return 'red';
}

/** Divides exactly, rounding half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/**
 * The forecast outturn of one cell: the run rate (actual to date spread over the year) or the profile (actual to
 * date plus the budget still profiled for the rest of the year).
 */
export function forecastOutturn(
  method: ForecastMethod,
  asAtPeriod: number,
  actualToDatePence: number,
  budgetPence: number,
  profiledToDatePence: number,
): Pence {
  if (method === 'run-rate') return pence(divideRounded(BigInt(actualToDatePence) * 12n, BigInt(asAtPeriod)));
  return pence(BigInt(actualToDatePence) + BigInt(budgetPence) - BigInt(profiledToDatePence));
}

interface Cell {
  schemeId: number;
  organisationId: number;
  budgetPence: Pence;
  profiledToDatePence: Pence;
  actualToDatePence: Pence;
  forecastOutturnPence: Pence;
}

function figures(cells: readonly Cell[]): Figures {
  const budgetPence = sumPence(cells.map((c) => c.budgetPence));
  const forecastOutturnPence = sumPence(cells.map((c) => c.forecastOutturnPence));
  const variancePence = pence(forecastOutturnPence - budgetPence);
  return {
    budgetPence,
    profiledToDatePence: sumPence(cells.map((c) => c.profiledToDatePence)),
    actualToDatePence: sumPence(cells.map((c) => c.actualToDatePence)),
    forecastOutturnPence,
    variancePence,
    rag: ragFor(variancePence, budgetPence),
  };
}

/** Builds the report as at the end of `asAtPeriod` (1 to 12). */
export function monitoringReport(
  schemes: readonly SchemeFacts[],
  actuals: readonly ActualFact[],
  asAtPeriod: number,
  method: ForecastMethod = 'run-rate',
): MonitoringReport {
  if (!Number.isInteger(asAtPeriod) || asAtPeriod < 1 || asAtPeriod > 12)
    throw new RangeError('The report period is P1 to P12');
  const cells: Cell[] = [];
  const profileByPeriod = Array.from({ length: 12 }, () => 0n);
  const actualByPeriod = Array.from({ length: 12 }, () => 0n);
  // each scheme's actuals, so that the loop below reads a few rows per scheme rather than all of them
  const actualsOf = new Map<number, ActualFact[]>();
  for (const a of actuals) {
    actualByPeriod[a.period - 1] = (actualByPeriod[a.period - 1] ?? 0n) + BigInt(a.actualPence);
    const list = actualsOf.get(a.schemeId);
    if (list) list.push(a);
    else actualsOf.set(a.schemeId, [a]);
  }
  for (const s of schemes) {
    const own = actualsOf.get(s.schemeId) ?? [];
    const weights = s.profile.some((w) => w > 0) ? s.profile : Array.from({ length: 12 }, () => 1);
    const partners = new Set([
      ...s.budgets.map((b) => b.organisationId),
      ...own.map((a) => a.organisationId),
    ]);
    for (const organisationId of [...partners].sort((x, y) => x - y)) {
      const budgetPence = sumPence(
        s.budgets.filter((b) => b.organisationId === organisationId).map((b) => b.amountPence),
      );
      const monthly = apportionByWeights(budgetPence, weights);
      monthly.forEach((m, i) => (profileByPeriod[i] = (profileByPeriod[i] ?? 0n) + BigInt(m)));
      const profiledToDatePence = sumPence(monthly.slice(0, asAtPeriod));
      const actualToDatePence = sumPence(
        own
          .filter((a) => a.organisationId === organisationId && a.period <= asAtPeriod)
          .map((a) => a.actualPence),
      );
      cells.push({
        schemeId: s.schemeId,
        organisationId,
        budgetPence,
        profiledToDatePence,
        actualToDatePence,
        forecastOutturnPence: forecastOutturn(
          method,
          asAtPeriod,
          actualToDatePence,
          budgetPence,
          profiledToDatePence,
        ),
      });
    }
  }
  const cellsOf = new Map<number, Cell[]>();
  for (const c of cells) {
    const list = cellsOf.get(c.schemeId);
    if (list) list.push(c);
    else cellsOf.set(c.schemeId, [c]);
  }
  const types = [...new Set(schemes.map((s) => s.schemeType))].sort();
  const partnerIds = [...new Set(cells.map((c) => c.organisationId))].sort((x, y) => x - y);
  return {
    asAtPeriod,
    method,
    schemes: schemes.map((s) => ({
      schemeId: s.schemeId,
      code: s.code,
      name: s.name,
      schemeType: s.schemeType,
      ...figures(cellsOf.get(s.schemeId) ?? []),
    })),
    bySchemeType: types.map((schemeType) => {
      const ids = new Set(schemes.filter((s) => s.schemeType === schemeType).map((s) => s.schemeId));
      return { schemeType, ...figures(cells.filter((c) => ids.has(c.schemeId))) };
    }),
    byPartner: partnerIds.map((organisationId) => ({
      organisationId,
      ...figures(cells.filter((c) => c.organisationId === organisationId)),
    })),
    total: figures(cells),
    actualByPeriod: actualByPeriod.map((x) => pence(x)),
    profileByPeriod: profileByPeriod.map((x) => pence(x)),
  };
}
