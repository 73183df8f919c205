/**
 * The monthly monitoring report of a fund, as pure arithmetic over budgets, profiles, actuals and manual
 * forecasts: for each scheme and funding partner (a "cell"), the annual budget, the budget profiled to date, the
 * actual to date, the forecast outturn and the variance, rolled up by scheme, scheme type, partner and funding
 * stream. Every roll-up is a sum of the same cells, so the tables reconcile to the penny with each other and with
 * the postings (issue 3, scope 5).
 */
import { apportionByWeights, pence, sumPence, type Pence } from '../../kernel/money.js';
import { sumFigures, type Cell, type Figures, type ForecastMethod, type ManualForecast } from './figures.js';
import { byStream, type StreamFigures } from './streams.js';

export * from './figures.js';

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
  if (method === 'run-rate') {
    // in numbers when every step is a safe integer (so exact); in BigInt otherwise
    const twice = Math.abs(actualToDatePence) * 24 + asAtPeriod;
    if (Number.isSafeInteger(actualToDatePence) && Number.isSafeInteger(twice) && asAtPeriod >= 1) {
      const d = 2 * asAtPeriod;
      const q = (twice - (twice % d)) / d;
      return (actualToDatePence < 0 && q !== 0 ? -q : q) as Pence;
    }
    return pence(divideRounded(BigInt(actualToDatePence) * 12n, BigInt(asAtPeriod)));
  }
  const withBudget = actualToDatePence + budgetPence;
  const outturn = withBudget - profiledToDatePence;
  if (
    Number.isSafeInteger(actualToDatePence) &&
    Number.isSafeInteger(budgetPence) &&
    Number.isSafeInteger(profiledToDatePence) &&
    Number.isSafeInteger(withBudget) &&
    Number.isSafeInteger(outturn)
  )
    return (outturn === 0 ? 0 : outturn) as Pence;
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

/**
 * Actual spend as the report needs it for one period: each scheme and partner with spend in any period, with
 * its actual to the end of `asAtPeriod` (nil when all its spend is later), and the fund's actual in each period
 * P1..P12. The store reads it already added up from the summaries; `actualsToDate` adds it up from per-period
 * facts, to the same figures.
 */
export interface ActualsToDate {
  asAtPeriod: number;
  cells: readonly { schemeId: number; organisationId: number; actualToDatePence: Pence }[];
  byPeriod: readonly Pence[];
}

/** Adds up per-period actuals for the report as at `asAtPeriod`. */
export function actualsToDate(actuals: readonly ActualFact[], asAtPeriod: number): ActualsToDate {
  const byPeriod = Array.from({ length: 12 }, () => 0n);
  const cells = new Map<number, Map<number, bigint>>();
  for (const a of actuals) {
    byPeriod[a.period - 1] = (byPeriod[a.period - 1] ?? 0n) + BigInt(a.actualPence);
    let partners = cells.get(a.schemeId);
    if (!partners) cells.set(a.schemeId, (partners = new Map<number, bigint>()));
    const toDate = partners.get(a.organisationId) ?? 0n;
    partners.set(a.organisationId, a.period <= asAtPeriod ? toDate + BigInt(a.actualPence) : toDate);
  }
  return {
    asAtPeriod,
    cells: [...cells].flatMap(([schemeId, partners]) =>
      [...partners].map(([organisationId, p]) => ({ schemeId, organisationId, actualToDatePence: pence(p) })),
    ),
    byPeriod: byPeriod.map((x) => pence(x)),
  };
}

const EVEN_PROFILE: readonly number[] = Array.from({ length: 12 }, () => 1);
const isPositive = (w: number) => w > 0;

/** The cells of a fund as at the end of `asAtPeriod`, and the fund's budget and actual by month. */
export function monitoringCells(
  schemes: readonly SchemeFacts[],
  actuals: readonly ActualFact[] | ActualsToDate,
  asAtPeriod: number,
  method: ForecastMethod,
  forecasts: readonly ManualForecast[] = [],
) {
  const spend = 'cells' in actuals ? actuals : actualsToDate(actuals, asAtPeriod);
  if (spend.asAtPeriod !== asAtPeriod)
    throw new RangeError(`Actuals to P${spend.asAtPeriod} cannot make a report as at P${asAtPeriod}`);
  const cells: Cell[] = [];
  // each period's profiled budget of every cell, added up at the end
  const profileParts = Array.from({ length: 12 }, (): Pence[] => []);
  const actualByPeriod = spend.byPeriod.map((x) => pence(x));
  const actualsByScheme = groupBy(spend.cells, (a) => a.schemeId);
  const forecastsByScheme = groupBy(forecasts, (f) => f.schemeId);
  for (const s of schemes) {
    const weights = s.profile.some(isPositive) ? s.profile : EVEN_PROFILE;
    const own = new Map<number, Pence>();
    for (const a of actualsByScheme.get(s.schemeId) ?? [])
      own.set(a.organisationId, sumPence([own.get(a.organisationId) ?? 0, a.actualToDatePence]));
    const manual = manualFor(forecastsByScheme.get(s.schemeId) ?? [], s.schemeId, asAtPeriod);
    // each partner's budget lines, in the order they are listed
    const lines = groupBy(s.budgets, (b) => b.organisationId);
    const partners = [...new Set([...lines.keys(), ...own.keys(), ...manual.byPartner.keys()])].sort(
      (x, y) => x - y,
    );
    const budgets = partners.map((o) => sumPence((lines.get(o) ?? []).map((b) => b.amountPence)));
    const wholeShares =
      manual.whole && partners.length > 0
        ? apportionByWeights(
            manual.whole.outturnPence,
            budgets.some((b) => b > 0) ? budgets : partners.map(() => 1),
          )
        : [];
    partners.forEach((organisationId, i) => {
      const budgetPence = budgets[i] ?? pence(0);
      const streams = new Map<string, Pence[]>();
      for (const b of lines.get(organisationId) ?? []) {
        const stream = b.stream ?? 'Unspecified';
        const amounts = streams.get(stream);
        if (amounts) amounts.push(b.amountPence);
        else streams.set(stream, [b.amountPence]);
      }
      const monthly = apportionByWeights(budgetPence, weights);
      for (let p = 0; p < monthly.length; p += 1) profileParts[p]?.push(monthly[p] ?? pence(0));
      const profiledToDatePence = sumPence(monthly.slice(0, asAtPeriod));
      const actualToDatePence = own.get(organisationId) ?? pence(0);
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
        streams: [...streams].map(([stream, amounts]) => ({ stream, budgetPence: sumPence(amounts) })),
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
    actualByPeriod,
    profileByPeriod: profileParts.map((parts) => sumPence(parts)),
  };
}

/** Builds the report as at the end of `asAtPeriod` (1 to 12). */
export function monitoringReport(
  schemes: readonly SchemeFacts[],
  actuals: readonly ActualFact[] | ActualsToDate,
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
