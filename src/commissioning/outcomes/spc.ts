/**
 * Statistical process control: the XmR (individuals and moving range) chart, with no I/O.
 *
 * The chart and its rules follow NHS England / NHS Improvement, "Making Data Count" (2017, 2019), which adapts
 * the Western Electric rules (Western Electric, Statistical Quality Control Handbook, 1956):
 * - centre line: the mean of the baseline points;
 * - limits: mean ± 2.66 × the mean moving range (2.66 = 3 / 1.128, so the limits sit three sigma out, with
 *   sigma estimated as mean moving range / 1.128, d2 for subgroups of two);
 * - special cause: a point beyond a limit; a run of 8 or more points on one side of the mean (Making Data Count's
 *   "shift" is 7; 8 is the Western Electric run and the one asked for here); a trend of 6 points each higher (or
 *   lower) than the one before; two of three consecutive points beyond two sigma on the same side.
 *
 * The baseline is every point unless a period is given; limits may be recalculated from an intervention onwards,
 * in which case the points from it on are judged against limits drawn from themselves.
 */

/** Mean moving range to three-sigma limits (Making Data Count). */
export const LIMIT_FACTOR = 2.66;
/** d2 for moving ranges of two points: sigma = mean moving range / 1.128. */
export const D2 = 1.128;
export const RUN_LENGTH = 8;
export const TREND_LENGTH = 6;

export type SpcRule = 'beyond-limit' | 'run' | 'trend' | 'two-of-three';

export const SPC_RULES: Record<SpcRule, string> = {
  'beyond-limit': 'A point outside a control limit',
  run: `A run of ${RUN_LENGTH} or more points on one side of the mean`,
  trend: `A trend of ${TREND_LENGTH} points each higher, or each lower, than the one before`,
  'two-of-three': 'Two out of three consecutive points beyond two sigma on the same side of the mean',
};

export interface SpcSignal {
  rule: SpcRule;
  /** Plain English, for the table beside the chart. */
  reason: string;
}

export interface SpcPoint {
  index: number;
  value: number;
  /** Absolute difference from the previous point; null for the first point of a section. */
  movingRange: number | null;
  mean: number;
  upperLimit: number;
  lowerLimit: number;
  /** Two-sigma lines, for the two-of-three rule. */
  upperTwoSigma: number;
  lowerTwoSigma: number;
  signals: SpcSignal[];
}

export interface SpcSection {
  /** Index of the first and last point of the section (inclusive). */
  from: number;
  to: number;
  /** The points the mean and limits came from (inclusive). */
  baselineFrom: number;
  baselineTo: number;
  mean: number;
  meanMovingRange: number;
  sigma: number;
  upperLimit: number;
  lowerLimit: number;
}

export interface SpcChart {
  points: SpcPoint[];
  sections: SpcSection[];
  /** Points that show any special cause. */
  specialCauseCount: number;
}

export interface SpcOptions {
  /** Floor the lower limit at zero, for counts and rates that cannot be negative. Default true. */
  floorAtZero?: boolean;
  /**
   * The index where the baseline ends (exclusive): the mean and limits come from points before it only (say, the
   * points before an intervention). Default: every point.
   */
  baselineEnd?: number;
  /** Recalculate mean and limits from this index onwards, from the points from it on (a process that changed). */
  recalculateFrom?: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function sectionLimits(
  values: readonly number[],
  from: number,
  to: number,
  baselineFrom: number,
  baselineTo: number,
  floorAtZero: boolean,
): SpcSection {
  const base = values.slice(baselineFrom, baselineTo + 1);
  const m = mean(base);
  const ranges = base.slice(1).map((v, i) => Math.abs(v - (base[i] as number)));
  const mr = ranges.length === 0 ? 0 : mean(ranges);
  const lower = m - LIMIT_FACTOR * mr;
  return {
    from,
    to,
    baselineFrom,
    baselineTo,
    mean: m,
    meanMovingRange: mr,
    sigma: mr / D2,
    upperLimit: m + LIMIT_FACTOR * mr,
    lowerLimit: floorAtZero ? Math.max(0, lower) : lower,
  };
}

const fmt = (n: number) => Number(n.toFixed(2)).toLocaleString('en-GB');

/** The individuals chart of a series, with each point's special-cause signals. Needs at least two points. */
export function xmrChart(values: readonly number[], options: SpcOptions = {}): SpcChart {
  const floorAtZero = options.floorAtZero ?? true;
  const n = values.length;
  if (n === 0) return { points: [], sections: [], specialCauseCount: 0 };
  const split =
    options.recalculateFrom !== undefined && options.recalculateFrom > 1 && options.recalculateFrom < n - 1
      ? options.recalculateFrom
      : undefined;
  const sections: SpcSection[] = [];
  if (split === undefined) {
    const end = Math.min(Math.max(options.baselineEnd ?? n, 2), n);
    sections.push(sectionLimits(values, 0, n - 1, 0, end - 1, floorAtZero));
  } else {
    const end = Math.min(Math.max(options.baselineEnd ?? split, 2), split);
    sections.push(sectionLimits(values, 0, split - 1, 0, end - 1, floorAtZero));
    sections.push(sectionLimits(values, split, n - 1, split, n - 1, floorAtZero));
  }

  const points: SpcPoint[] = values.map((value, index) => {
    const s = sections.find((x) => index >= x.from && index <= x.to) as SpcSection;
    return {
      index,
      value,
      movingRange: index === s.from ? null : Math.abs(value - (values[index - 1] as number)),
      mean: s.mean,
      upperLimit: s.upperLimit,
      lowerLimit: s.lowerLimit,
      upperTwoSigma: s.mean + 2 * s.sigma,
      lowerTwoSigma: s.mean - 2 * s.sigma,
      signals: [],
    };
  });

  for (const s of sections) flagSection(points, s);
  return { points, sections, specialCauseCount: points.filter((p) => p.signals.length > 0).length };
}

function add(p: SpcPoint, rule: SpcRule, reason: string) {
  if (!p.signals.some((s) => s.rule === rule)) p.signals.push({ rule, reason });
}

/** Flags the rules within one section: a run or trend does not cross a recalculation of the limits. */
function flagSection(all: SpcPoint[], s: SpcSection) {
  const pts = all.slice(s.from, s.to + 1);

  // Rule 1: a point beyond a control limit.
  for (const p of pts) {
    if (p.value > p.upperLimit)
      add(p, 'beyond-limit', `Above the upper control limit (${fmt(p.upperLimit)})`);
    else if (p.value < p.lowerLimit)
      add(p, 'beyond-limit', `Below the lower control limit (${fmt(p.lowerLimit)})`);
  }

  // Rule 2: a run of 8 or more on one side of the mean (a point on the mean breaks the run).
  let i = 0;
  while (i < pts.length) {
    const side = Math.sign((pts[i] as SpcPoint).value - s.mean);
    let j = i;
    while (j + 1 < pts.length && side !== 0 && Math.sign((pts[j + 1] as SpcPoint).value - s.mean) === side)
      j++;
    const length = j - i + 1;
    if (side !== 0 && length >= RUN_LENGTH) {
      const where = side > 0 ? 'above' : 'below';
      for (let k = i; k <= j; k++)
        add(pts[k] as SpcPoint, 'run', `One of a run of ${length} points ${where} the mean`);
    }
    i = j + 1;
  }

  // Rule 3: a trend of 6 points each higher (or lower) than the one before; equal neighbours break it.
  i = 0;
  while (i < pts.length - 1) {
    const dir = Math.sign((pts[i + 1] as SpcPoint).value - (pts[i] as SpcPoint).value);
    let j = i + 1;
    while (
      j + 1 < pts.length &&
      dir !== 0 &&
      Math.sign((pts[j + 1] as SpcPoint).value - (pts[j] as SpcPoint).value) === dir
    )
      j++;
    const length = j - i + 1;
    if (dir !== 0 && length >= TREND_LENGTH) {
      const how = dir > 0 ? 'rising' : 'falling';
      for (let k = i; k <= j; k++)
        add(pts[k] as SpcPoint, 'trend', `One of ${length} points ${how} one after another`);
    }
    i = dir === 0 ? i + 1 : j;
  }

  // Rule 4: two out of three consecutive points beyond two sigma on the same side: both points are flagged.
  if (s.sigma > 0) {
    for (let k = 0; k + 2 < pts.length; k++) {
      const window = pts.slice(k, k + 3);
      for (const side of [1, -1]) {
        const beyond = window.filter((p) =>
          side > 0 ? p.value > p.upperTwoSigma : p.value < p.lowerTwoSigma,
        );
        if (beyond.length >= 2)
          for (const p of beyond)
            add(
              p,
              'two-of-three',
              `Two of three points beyond two sigma ${side > 0 ? 'above' : 'below'} the mean (${fmt(
                side > 0 ? p.upperTwoSigma : p.lowerTwoSigma,
              )})`,
            );
      }
    }
  }
}

/** Whether the special causes of a series are improvement, concern or neither, given the polarity. */
export type SpcVariation = 'improvement' | 'concern' | 'common-cause' | 'too-few-points';

/** Fewer points than this, and the limits mean little: Making Data Count suggests 15 to 20 for a baseline. */
export const MIN_POINTS = 12;

/**
 * What the latest special cause says: improvement when its points lie on the better side of the mean by the
 * measure's polarity, concern when on the worse side, common cause when the recent points flag nothing.
 * "Recent" is the last RUN_LENGTH points.
 */
export function latestVariation(chart: SpcChart, higherIsBetter: boolean): SpcVariation {
  if (chart.points.length < MIN_POINTS) return 'too-few-points';
  const recent = chart.points.slice(-RUN_LENGTH).filter((p) => p.signals.length > 0);
  if (recent.length === 0) return 'common-cause';
  const last = recent[recent.length - 1] as SpcPoint;
  const above = last.value > last.mean;
  return above === higherIsBetter ? 'improvement' : 'concern';
}

export const VARIATION_LABELS: Record<SpcVariation, string> = {
  improvement: 'Special cause: improvement',
  concern: 'Special cause: concern',
  'common-cause': 'Common cause variation only',
  'too-few-points': 'Too few points to judge',
};
