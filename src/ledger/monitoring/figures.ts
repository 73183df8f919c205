/**
 * The figures of the monitoring report and how they add up: budget, budget to date, actual to date, forecast
 * outturn, variance and RAG, for one scheme-and-partner cell or any roll-up of cells.
 */
import { pence, sumPence, type Pence } from '../../kernel/money.js';

export type ForecastMethod = 'run-rate' | 'profile';
/** How a figure's forecast outturn was made: a cell is one of these; a roll-up of cells may be `mixed`. */
export type CellMethod = ForecastMethod | 'manual';
export type FigureMethod = CellMethod | 'mixed';

export const METHOD_LABELS: Record<FigureMethod, string> = {
  'run-rate': 'Run rate',
  profile: 'Profile',
  manual: 'Manual',
  mixed: 'Mixed',
};

/** A forecast outturn a finance officer recorded, with why. `organisationId` null covers the whole scheme. */
export interface ManualForecast {
  id: number;
  schemeId: number;
  organisationId: number | null;
  period: number;
  outturnPence: Pence;
  commentary: string;
  author: string;
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
  method: FigureMethod;
}

/** One scheme and funding partner: the unit every roll-up adds up. */
export interface Cell {
  schemeId: number;
  organisationId: number;
  /** The cell's budget by funding stream. */
  streams: { stream: string; budgetPence: Pence }[];
  budgetPence: Pence;
  profiledToDatePence: Pence;
  actualToDatePence: Pence;
  forecastOutturnPence: Pence;
  method: CellMethod;
  manual: ManualForecast | null;
}

/** RAG thresholds in basis points of budget: within 1 % green, within 5 % amber, beyond red (either way). */
export const DEFAULT_RAG_BP = { green: 100, amber: 500 } as const;

/** Red, amber or green for a variance against a budget. A variance with no budget is red. */
export function ragFor(variancePence: number, budgetPence: number, thresholds = DEFAULT_RAG_BP): Rag {
  // in numbers when every product is a safe integer (so exact); in BigInt otherwise
  if (
    Number.isSafeInteger(variancePence) &&
    Number.isSafeInteger(budgetPence) &&
    Number.isSafeInteger(thresholds.green) &&
    Number.isSafeInteger(thresholds.amber)
  ) {
    const vn = Math.abs(variancePence) * 10_000;
    const green = Math.abs(budgetPence) * thresholds.green;
    const amber = Math.abs(budgetPence) * thresholds.amber;
    if (Number.isSafeInteger(vn) && Number.isSafeInteger(green) && Number.isSafeInteger(amber)) {
      if (budgetPence === 0) return variancePence === 0 ? 'green' : 'red';
      if (vn <= green) return 'green';
      if (vn <= amber) return 'amber';
      return 'red';
    }
  }
  const v = BigInt(Math.abs(variancePence)) * 10_000n;
  if (budgetPence === 0) return variancePence === 0 ? 'green' : 'red';
  const b = BigInt(Math.abs(budgetPence));
  if (v <= b * BigInt(thresholds.green)) return 'green';
  if (v <= b * BigInt(thresholds.amber)) return 'amber';
  return 'red';
}

/** Adds up cells (or figures already added up): variance and RAG are worked out again from the sums. */
export function sumFigures(
  parts: readonly Omit<Figures, 'variancePence' | 'rag'>[],
  empty: FigureMethod = 'profile',
): Figures {
  // one pass in numbers while every amount and every partial sum is a safe integer (so each addition is
  // exact); the BigInt sums otherwise
  let budget = 0;
  let profiled = 0;
  let actual = 0;
  let forecast = 0;
  let method: FigureMethod | undefined;
  for (const c of parts) {
    budget += c.budgetPence;
    profiled += c.profiledToDatePence;
    actual += c.actualToDatePence;
    forecast += c.forecastOutturnPence;
    if (
      !Number.isSafeInteger(c.budgetPence) ||
      !Number.isSafeInteger(c.profiledToDatePence) ||
      !Number.isSafeInteger(c.actualToDatePence) ||
      !Number.isSafeInteger(c.forecastOutturnPence) ||
      !Number.isSafeInteger(budget) ||
      !Number.isSafeInteger(profiled) ||
      !Number.isSafeInteger(actual) ||
      !Number.isSafeInteger(forecast)
    )
      return sumFiguresExactly(parts, empty);
    method = method === undefined || method === c.method ? c.method : 'mixed';
  }
  const budgetPence = pence(budget);
  const forecastOutturnPence = pence(forecast);
  const variancePence = pence(forecastOutturnPence - budgetPence);
  return {
    budgetPence,
    profiledToDatePence: pence(profiled),
    actualToDatePence: pence(actual),
    forecastOutturnPence,
    variancePence,
    rag: ragFor(variancePence, budgetPence),
    method: method ?? empty,
  };
}

function sumFiguresExactly(
  parts: readonly Omit<Figures, 'variancePence' | 'rag'>[],
  empty: FigureMethod,
): Figures {
  const budgetPence = sumPence(parts.map((c) => c.budgetPence));
  const forecastOutturnPence = sumPence(parts.map((c) => c.forecastOutturnPence));
  const variancePence = pence(forecastOutturnPence - budgetPence);
  const methods = [...new Set(parts.map((c) => c.method))];
  return {
    budgetPence,
    profiledToDatePence: sumPence(parts.map((c) => c.profiledToDatePence)),
    actualToDatePence: sumPence(parts.map((c) => c.actualToDatePence)),
    forecastOutturnPence,
    variancePence,
    rag: ragFor(variancePence, budgetPence),
    method: methods.length === 0 ? empty : methods.length === 1 ? (methods[0] ?? empty) : 'mixed',
  };
}
