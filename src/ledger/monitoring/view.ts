/**
 * What the monitoring page shows, built once for the live report and for a published one, so that the board
 * sees a published report laid out exactly as the finance officer saw it live; and the same for the workbook.
 */
import { financialYearLabel, formatLongDate } from '../../kernel/dates.js';
import type { ForecastMethod, MonitoringReport } from './rules.js';
import { METHOD_LABELS } from './figures.js';
import { cumulativeChart } from './chart.js';
import { movementSince, type Movement, type Reconciliation } from './rollups.js';
import { STREAM_NOTE } from './streams.js';
import type { RecordedForecast } from './forecastStore.js';
import type { PublishedReport } from './publication.js';
import type { WorkbookInput } from './workbook.js';

export const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];

/** The period and forecast method asked for: P12 and the profile by default (spend in care is seasonal, so a
 * straight run rate misleads in the first half of the year). */
export function readReportQuery(q: { period?: string; method?: string }): {
  period: number;
  method: ForecastMethod;
} {
  const p = Number((q.period ?? '').replace(/^P/i, ''));
  return {
    period: Number.isInteger(p) && p >= 1 && p <= 12 ? p : 12,
    method: q.method === 'run-rate' ? 'run-rate' : 'profile',
  };
}

export interface ReportContent {
  report: MonitoringReport;
  forecasts: RecordedForecast[];
  reconciliation: Reconciliation;
  partnerName: (organisationId: number) => string;
  previous: PublishedReport | undefined;
}

/** "the P2 report, published 3 November 2017" */
export const previousLabel = (p: PublishedReport) =>
  `the P${p.period} report published ${formatLongDate(p.publishedAt.slice(0, 10))}`;

function movementOf(c: ReportContent) {
  if (!c.previous) return undefined;
  const m = movementSince(c.report, c.previous.report);
  return { label: `P${c.previous.period} report`, schemes: m.schemes, total: m.total };
}

/** The template's data for a report, live or published. */
export function reportViewData(c: ReportContent) {
  const { report } = c;
  const movement = movementOf(c);
  const bySchemeId: Record<string, Movement> = {};
  for (const [id, m] of movement?.schemes ?? []) bySchemeId[String(id)] = m;
  return {
    report,
    methodLabels: METHOD_LABELS,
    byPartner: report.byPartner.map((p) => ({ ...p, name: c.partnerName(p.organisationId) })),
    streamNote: STREAM_NOTE,
    reconciliation: c.reconciliation,
    movement: movement
      ? { label: c.previous ? previousLabel(c.previous) : '', bySchemeId, total: movement.total }
      : null,
    forecastsUsed: report.schemes.flatMap((s) =>
      s.manual.map((m) => ({
        ...m,
        scheme: `${s.code} ${s.name}`,
        partner: m.organisationId === null ? 'Whole scheme' : c.partnerName(m.organisationId),
      })),
    ),
    chart: cumulativeChart(report.profileByPeriod, report.actualByPeriod, report.asAtPeriod, MONTHS),
    months: MONTHS.map((m, i) => ({
      month: m,
      profile: report.profileByPeriod[i] ?? 0,
      actual: report.actualByPeriod[i] ?? 0,
      reported: i < report.asAtPeriod,
    })),
  };
}

/** The workbook's input for a report, live or published. */
export function workbookInput(
  c: ReportContent,
  fund: { name: string; financialYear: number },
  status: string,
): WorkbookInput {
  return {
    title: `Monitoring report as at P${c.report.asAtPeriod}: ${fund.name}`,
    fundName: fund.name,
    yearLabel: financialYearLabel(fund.financialYear),
    report: c.report,
    partnerName: c.partnerName,
    reconciliation: c.reconciliation,
    forecasts: c.forecasts.filter((f) => f.period <= c.report.asAtPeriod),
    movement: movementOf(c),
    status,
  };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
