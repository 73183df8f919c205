/**
 * The monthly monitoring report of a fund, as pure arithmetic over budgets, profiles, actuals and manual
 * forecasts: for each scheme and funding partner (a "cell"), the annual budget, the budget profiled to date, the
 * actual to date, the forecast outturn and the variance, rolled up by scheme, scheme type, partner and funding
 * stream. Every roll-up is a sum of the same cells, so the tables reconcile to the penny with each other and with
 * the postings (issue 3, scope 5).
 */
import { apportionByWeights, pence, sumPence, type Pence } from '../kernel/money.js';
import {
  sumFigures,
  type Cell,
  type Figures,
  type ForecastMethod,
  type ManualForecast,
} from './monitoringFigures.js';
import { byStream, type StreamFigures } from './monitoringStreams.js';

export * from './monitoringFigures.js';

export interface SchemeFacts {
  schemeId: number;
  code: string;
  name: string;
  schemeType: string;
  /** Budget by funding partner and stream (a missing stream reads as "Unspecified"). */
  budgets: readonly { organisationId: number; stream?: string; amountPence: Pence }[];
  /** Twelve weights, P1 to P12. */
  profile: readonly number[];
}

export interface ActualFact {
  schemeId: number;
  organisationId: number;
  period: number;
  actualPence: Pence;
}

export interface SchemeRow extends Figures {
  schemeId: number;
  code: string;
  name: string;
  schemeType: string;
  /** The manual forecasts the figure uses, with their commentary and author. */
  manual: ManualForecast[];
}

export interface MonitoringReport {
  asAtPeriod: number;
  method: ForecastMethod;
  schemes: SchemeRow[];
  bySchemeType: (Figures & { schemeType: string })[];
  byPartner: (Figures & { organisationId: number })[];
  byStream: StreamFigures[];
  total: Figures;
  /** Actual spend per period P1..P12 across the fund (for the chart). */
  actualByPeriod: Pence[];
  /** Budget profiled per period P1..P12 across the fund. */
  profileByPeriod: Pence[];
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

/** Items grouped by a key, each group in the items' order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const later = (a: ManualForecast, b: ManualForecast | null | undefined) =>
  !b || a.period > b.period || (a.period === b.period && a.id > b.id);

/**
 * The manual forecast in force for each cell at `asAtPeriod`: the latest recorded for a period up to the report
 * period, whether for the cell's partner or for the whole scheme. A whole-scheme forecast is shared between the
 * scheme's partners in proportion to their budgets (largest remainder), so its shares add up to it exactly.
 */
function manualFor(
  forecasts: readonly ManualForecast[],
  schemeId: number,
  asAtPeriod: number,
): { whole: ManualForecast | null; byPartner: Map<number, ManualForecast> } {
  let whole: ManualForecast | null = null;
  const byPartner = new Map<number, ManualForecast>();
  for (const f of forecasts) {
    if (f.schemeId !== schemeId || f.period > asAtPeriod) continue;
    if (f.organisationId === null) {
      if (later(f, whole)) whole = f;
    } else if (later(f, byPartner.get(f.organisationId))) byPartner.set(f.organisationId, f);
  }
  return { whole, byPartner };
}

/** The cells of a fund as at the end of `asAtPeriod`, and the fund's budget and actual by month. */
export function monitoringCells(
  schemes: readonly SchemeFacts[],
  actuals: readonly ActualFact[],
  asAtPeriod: number,
  method: ForecastMethod,
  forecasts: readonly ManualForecast[] = [],
) {
  const cells: Cell[] = [];
  const profileByPeriod = Array.from({ length: 12 }, () => 0n);
  const actualByPeriod = Array.from({ length: 12 }, () => 0n);
  const actualsByScheme = groupBy(actuals, (a) => a.schemeId);
  const forecastsByScheme = groupBy(forecasts, (f) => f.schemeId);
  for (const a of actuals)
    actualByPeriod[a.period - 1] = (actualByPeriod[a.period - 1] ?? 0n) + BigInt(a.actualPence);
  for (const s of schemes) {
    const weights = s.profile.some((w) => w > 0) ? s.profile : Array.from({ length: 12 }, () => 1);
    const own = actualsByScheme.get(s.schemeId) ?? [];
    const manual = manualFor(forecastsByScheme.get(s.schemeId) ?? [], s.schemeId, asAtPeriod);
    const partners = [
      ...new Set([
        ...s.budgets.map((b) => b.organisationId),
        ...own.map((a) => a.organisationId),
        ...manual.byPartner.keys(),
      ]),
    ].sort((x, y) => x - y);
    const budgets = partners.map((o) =>
      sumPence(s.budgets.filter((b) => b.organisationId === o).map((b) => b.amountPence)),
    );
    const wholeShares =
      manual.whole && partners.length > 0
        ? apportionByWeights(
            manual.whole.outturnPence,
            budgets.some((b) => b > 0) ? budgets : partners.map(() => 1),
          )
        : [];
    partners.forEach((organisationId, i) => {
      const budgetPence = budgets[i] ?? pence(0);
      const streams = new Map<string, bigint>();
      for (const b of s.budgets.filter((x) => x.organisationId === organisationId)) {
        const stream = b.stream ?? 'Unspecified';
        streams.set(stream, (streams.get(stream) ?? 0n) + BigInt(b.amountPence));
      }
      const monthly = apportionByWeights(budgetPence, weights);
      monthly.forEach((m, p) => (profileByPeriod[p] = (profileByPeriod[p] ?? 0n) + BigInt(m)));
      const profiledToDatePence = sumPence(monthly.slice(0, asAtPeriod));
      const actualToDatePence = sumPence(
        own
          .filter((a) => a.organisationId === organisationId && a.period <= asAtPeriod)
          .map((a) => a.actualPence),
      );
      const partnerManual = manual.byPartner.get(organisationId);
      const chosen =
        manual.whole && later(manual.whole, partnerManual) ? manual.whole : (partnerManual ?? null);
      const forecastOutturnPence = chosen
        ? chosen === manual.whole
          ? (wholeShares[i] ?? pence(0))
          : chosen.outturnPence
        : forecastOutturn(method, asAtPeriod, actualToDatePence, budgetPence, profiledToDatePence);
      cells.push({
        schemeId: s.schemeId,
        organisationId,
        streams: [...streams].map(([stream, p]) => ({ stream, budgetPence: pence(p) })),
        budgetPence,
        profiledToDatePence,
        actualToDatePence,
        forecastOutturnPence,
        method: chosen ? 'manual' : method,
        manual: chosen,
      });
    });
  }
  return {
    cells,
    actualByPeriod: actualByPeriod.map((x) => pence(x)),
    profileByPeriod: profileByPeriod.map((x) => pence(x)),
  };
}

/** Builds the report as at the end of `asAtPeriod` (1 to 12). */
export function monitoringReport(
  schemes: readonly SchemeFacts[],
  actuals: readonly ActualFact[],
  asAtPeriod: number,
  method: ForecastMethod = 'run-rate',
  forecasts: readonly ManualForecast[] = [],
): MonitoringReport {
  if (!Number.isInteger(asAtPeriod) || asAtPeriod < 1 || asAtPeriod > 12)
    throw new RangeError('The report period is P1 to P12');
  const { cells, actualByPeriod, profileByPeriod } = monitoringCells(
    schemes,
    actuals,
    asAtPeriod,
    method,
    forecasts,
  );
  const typeOf = new Map(schemes.map((s) => [s.schemeId, s.schemeType]));
  const cellsByScheme = groupBy(cells, (c) => c.schemeId);
  const cellsByType = groupBy(cells, (c) => typeOf.get(c.schemeId) ?? '');
  const cellsByPartner = groupBy(cells, (c) => c.organisationId);
  const types = [...new Set(schemes.map((s) => s.schemeType))].sort();
  const partnerIds = [...cellsByPartner.keys()].sort((x, y) => x - y);
  const sum = (cs: readonly Cell[] = []) => sumFigures(cs, method);
  return {
    asAtPeriod,
    method,
    schemes: schemes.map((s) => {
      const own = cellsByScheme.get(s.schemeId) ?? [];
      return {
        schemeId: s.schemeId,
        code: s.code,
        name: s.name,
        schemeType: s.schemeType,
        ...sum(own),
        manual: [
          ...new Map(own.flatMap((c) => (c.manual ? [[c.manual.id, c.manual] as const] : []))).values(),
        ],
      };
    }),
    bySchemeType: types.map((schemeType) => ({ schemeType, ...sum(cellsByType.get(schemeType)) })),
    byPartner: partnerIds.map((organisationId) => ({
      organisationId,
      ...sum(cellsByPartner.get(organisationId)),
    })),
    byStream: byStream(cells, method),
    total: sum(cells),
    actualByPeriod,
    profileByPeriod,
  };
}
