/**
 * Roll-ups across reports: the movement of each figure since the last report published to the board, and the
 * combined view of a partnership's year across its arrangements (the pooled fund under SI 2000/617 reg 7 and the
 * aligned budgets planned beside it, DOMAIN.md §4). Both add up the same figures the fund reports show, so they
 * reconcile to the penny with them.
 */
import { pence, type Pence } from '../../kernel/money.js';
import { sumFigures, type Figures } from './figures.js';
import type { MonitoringReport } from './rules.js';

export interface Movement {
  previousForecastOutturnPence: Pence;
  previousVariancePence: Pence;
  forecastOutturnMovementPence: Pence;
  varianceMovementPence: Pence;
  /** True when the scheme was not in the last report (its previous figures count as nil). */
  isNew: boolean;
}

type Comparable = Pick<MonitoringReport, 'schemes' | 'total'>;

function movement(now: Figures, before: Figures | undefined): Movement {
  const prevForecast = before?.forecastOutturnPence ?? pence(0);
  const prevVariance = before?.variancePence ?? pence(0);
  return {
    previousForecastOutturnPence: prevForecast,
    previousVariancePence: prevVariance,
    forecastOutturnMovementPence: pence(now.forecastOutturnPence - prevForecast),
    varianceMovementPence: pence(now.variancePence - prevVariance),
    isNew: before === undefined,
  };
}

/**
 * Movement since the last published report: forecast outturn and variance now, less what the board was shown.
 * A variance can move without the forecast moving when a budget is varied in year.
 */
export function movementSince(
  current: Comparable,
  previous: Comparable,
): { schemes: Map<number, Movement>; total: Movement } {
  const before = new Map(previous.schemes.map((s) => [s.schemeId, s]));
  return {
    schemes: new Map(current.schemes.map((s) => [s.schemeId, movement(s, before.get(s.schemeId))])),
    total: movement(current.total, previous.total),
  };
}

export type Arrangement = 'pooled' | 'aligned';

export interface FundInYear {
  fundId: number;
  name: string;
  kind: Arrangement;
  report: Pick<MonitoringReport, 'total' | 'byPartner' | 'method'>;
}

export interface PartnershipYearView {
  byFund: (Figures & { fundId: number; name: string; kind: Arrangement })[];
  byArrangement: (Figures & { kind: Arrangement })[];
  byPartner: (Figures & { organisationId: number })[];
  total: Figures;
}

/** The partnership's year: each fund's totals, the pooled and aligned subtotals, each partner across funds. */
export function partnershipYearView(funds: readonly FundInYear[]): PartnershipYearView {
  const kinds: Arrangement[] = ['pooled', 'aligned'];
  const partners = [...new Set(funds.flatMap((f) => f.report.byPartner.map((p) => p.organisationId)))].sort(
    (a, b) => a - b,
  );
  return {
    byFund: funds.map((f) => ({ fundId: f.fundId, name: f.name, kind: f.kind, ...f.report.total })),
    byArrangement: kinds
      .filter((k) => funds.some((f) => f.kind === k))
      .map((kind) => ({
        kind,
        ...sumFigures(funds.filter((f) => f.kind === kind).map((f) => f.report.total)),
      })),
    byPartner: partners.map((organisationId) => ({
      organisationId,
      ...sumFigures(
        funds.flatMap((f) => f.report.byPartner.filter((p) => p.organisationId === organisationId)),
      ),
    })),
    total: sumFigures(funds.map((f) => f.report.total)),
  };
}

/**
 * How the report's actual spend reconciles with what was imported: the imported files, plus journal entries
 * made by hand (corrections, reversals, settlements) to scheme expenditure, make the spend of all periods; less
 * the periods after the report's, that is the actual to date in the scheme table.
 */
export interface Reconciliation {
  importCount: number;
  importedPence: Pence;
  otherEntriesPence: Pence;
  actualAllPeriodsPence: Pence;
  laterPeriodsPence: Pence;
  actualToDatePence: Pence;
  /** Imported plus other entries, less the actual of all periods: nil when the ledger and the files agree. */
  differencePence: Pence;
}

export function reconcile(
  report: Pick<MonitoringReport, 'asAtPeriod' | 'actualByPeriod' | 'total'>,
  imports: { count: number; totalPence: Pence },
  otherEntriesPence: Pence,
): Reconciliation {
  const all = report.actualByPeriod.reduce((a, b) => a + BigInt(b), 0n);
  const later = report.actualByPeriod.slice(report.asAtPeriod).reduce((a, b) => a + BigInt(b), 0n);
  return {
    importCount: imports.count,
    importedPence: imports.totalPence,
    otherEntriesPence,
    actualAllPeriodsPence: pence(all),
    laterPeriodsPence: pence(later),
    actualToDatePence: report.total.actualToDatePence,
    differencePence: pence(BigInt(imports.totalPence) + BigInt(otherEntriesPence) - all),
  };
}
