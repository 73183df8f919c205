/**
 * A measure's series, with no I/O: its values by period beside the target for the period, the control chart of
 * the values, and the summary the measures list and the dashboard tile show (latest value, on or off track,
 * the latest special cause).
 */
import {
  formatValue,
  measureValue,
  periodOf,
  periodShortLabel,
  periodLabel,
  trackStatus,
  type MeasureDefinition,
  type TrackStatus,
} from './rules.js';
import { latestVariation, xmrChart, type SpcChart, type SpcVariation } from './spc.js';

export interface StoredValue {
  period: string;
  periodStart: string;
  numerator: string;
  denominator: string | null;
  publishedValue: string | null;
  illustrative: boolean;
}

export interface StoredTarget {
  period: string;
  periodStart: string;
  target: string;
}

export interface Intervention {
  id: number;
  startedOn: string;
  label: string;
  description: string;
  illustrative: boolean;
}

export interface SeriesPoint {
  period: string;
  label: string;
  shortLabel: string;
  value: number | undefined;
  target: number | undefined;
  figures: StoredValue | undefined;
}

/**
 * How the control limits are drawn: from every point; from the points before an intervention (then the points
 * after are judged against them); or recalculated from an intervention onwards.
 */
export type LimitsChoice = { kind: 'all' } | { kind: 'before' | 'from'; interventionId: number };

export interface MeasureSeries {
  points: SeriesPoint[];
  /** The points with values, in order: what the control chart is drawn from. */
  valued: SeriesPoint[];
  spc: SpcChart;
  limits: LimitsChoice;
  /** Interventions with the index of their period among the valued points (undefined when outside the series). */
  interventions: (Intervention & { period: string; index: number | undefined })[];
  latest: SeriesPoint | undefined;
  status: TrackStatus;
  variation: SpcVariation;
}

/** The series: every period with a value or a target, in order. */
export function buildSeries(
  m: MeasureDefinition,
  values: readonly StoredValue[],
  targets: readonly StoredTarget[],
  interventions: readonly Intervention[],
  limits: LimitsChoice = { kind: 'all' },
): MeasureSeries {
  const starts = new Map<string, string>();
  for (const v of values) starts.set(v.period, v.periodStart);
  for (const t of targets) starts.set(t.period, t.periodStart);
  const periods = [...starts.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([p]) => p);
  const byValue = new Map(values.map((v) => [v.period, v]));
  const byTarget = new Map(targets.map((t) => [t.period, Number(t.target)]));
  const points = periods.map((period): SeriesPoint => {
    const figures = byValue.get(period);
    return {
      period,
      label: periodLabel(period, m.frequency),
      shortLabel: periodShortLabel(period, m.frequency),
      value: figures ? measureValue(m, figures) : undefined,
      target: byTarget.get(period),
      figures,
    };
  });
  const valued = points.filter((p) => p.value !== undefined);
  const placed = interventions.map((i) => {
    const period = periodOf(i.startedOn, m.frequency);
    const index = valued.findIndex((p) => p.period === period);
    return { ...i, period, index: index === -1 ? undefined : index };
  });
  const chosen = limits.kind === 'all' ? undefined : placed.find((i) => i.id === limits.interventionId);
  const at = chosen?.index;
  const spc = xmrChart(
    valued.map((p) => p.value as number),
    at === undefined ? {} : limits.kind === 'before' ? { baselineEnd: at } : { recalculateFrom: at },
  );
  const latest = valued[valued.length - 1];
  return {
    points,
    valued,
    spc,
    limits: at === undefined ? { kind: 'all' } : limits,
    interventions: placed,
    latest,
    status: trackStatus(m, latest?.value, latest?.target),
    variation: latestVariation(spc, m.polarity === 'higher_is_better'),
  };
}

/** The value as the measure shows it, or a dash. */
export const shown = (m: Pick<MeasureDefinition, 'decimals'>, v: number | undefined): string =>
  v === undefined ? '–' : formatValue(v, m.decimals);

/** Whether the latest points show a special cause (improvement or concern). */
export const hasSpecialCause = (s: MeasureSeries): boolean =>
  s.variation === 'improvement' || s.variation === 'concern';
