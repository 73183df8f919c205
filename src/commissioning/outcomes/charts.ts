/**
 * The charts of a measure, drawn as SVG on the server: actual against target (or trajectory) with interventions
 * marked, and the SPC run chart (mean, control limits, special-cause points marked by shape and letter, never by
 * colour alone). Each page shows the same figures in a table after the chart.
 */
import { niceStep } from '../../ledger/monitoring/index.js';
import { formatValue, type MeasureDefinition } from './rules.js';
import type { MeasureSeries } from './series.js';
import type { SpcRule } from './spc.js';

const W = 720;
const H = 340;
const M = { top: 36, right: 24, bottom: 48, left: 76 };

const esc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** The letter each rule is marked with on the run chart (the table beside it gives the reason in words). */
export const RULE_MARKS: Record<SpcRule, string> = {
  'beyond-limit': 'L',
  run: 'R',
  trend: 'T',
  'two-of-three': 'S',
};

interface Frame {
  x: (i: number) => number;
  y: (v: number) => number;
  parts: string[];
}

/** Axes, gridlines and period labels for `n` points spanning `lo` to `hi`. */
function frame(
  n: number,
  lo: number,
  hi: number,
  labels: readonly string[],
  decimals: number,
  fromZero: boolean,
): Frame {
  const span = Math.max(hi - (fromZero ? 0 : lo), Math.abs(hi) * 0.01, 1e-9);
  const step = niceStep(span);
  const yMin = fromZero ? 0 : Math.floor(lo / step) * step;
  const yMax = Math.max(yMin + step, Math.ceil(hi / step) * step);
  const x = (i: number) => M.left + (n <= 1 ? 0 : (i * (W - M.left - M.right)) / (n - 1));
  const y = (v: number) => H - M.bottom - ((v - yMin) / (yMax - yMin)) * (H - M.top - M.bottom);
  const parts: string[] = [];
  const gridDecimals = step < 1 ? Math.min(4, Math.ceil(-Math.log10(step))) : 0;
  for (let v = yMin; v <= yMax + step / 2; v += step) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`,
      `<text x="${M.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${esc(formatValue(v, Math.max(gridDecimals, decimals > 0 && step < 1 ? decimals : 0)))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(n / 12));
  labels.forEach((l, i) => {
    if (i % every !== 0) return;
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${esc(l)}</text>`,
    );
  });
  return { x, y, parts };
}

const pathOf = (pts: readonly { x: number; y: number }[]) =>
  pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');

/** A vertical line and label at each intervention in the series. */
function interventionMarks(s: MeasureSeries, xAt: (i: number) => number | undefined): string[] {
  const out: string[] = [];
  s.interventions.forEach((iv, k) => {
    const x = xAt(iv.index ?? -1);
    if (x === undefined) return;
    const labelY = M.top - 20 + (k % 2) * 12;
    out.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${M.top - 8}" y2="${H - M.bottom}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="2 3"/>`,
      `<text x="${(x + 4).toFixed(1)}" y="${labelY}" font-size="12" fill="#0b0c0c">${esc(`▼ ${iv.label}`)}</text>`,
    );
  });
  return out;
}

const open = (id: string, title: string, desc: string) =>
  [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-family="Arial, sans-serif">`,
    `<title id="${id}-title">${esc(title)}</title>`,
    `<desc id="${id}-desc">${esc(desc)}</desc>`,
  ].join('');

/** Actual (solid line, round points) against target or trajectory (dashed line, no points). */
export function actualTargetChart(m: MeasureDefinition, s: MeasureSeries): string {
  const pts = s.points;
  const nums = pts.flatMap((p) => [p.value, p.target]).filter((v): v is number => v !== undefined);
  const f = frame(
    pts.length,
    Math.min(...nums),
    Math.max(...nums),
    pts.map((p) => p.shortLabel),
    m.decimals,
    false,
  );
  const line = (get: (p: (typeof pts)[number]) => number | undefined) =>
    pts.flatMap((p, i) => {
      const v = get(p);
      return v === undefined ? [] : [{ x: f.x(i), y: f.y(v) }];
    });
  const actual = line((p) => p.value);
  const target = line((p) => p.target);
  const xByValuedIndex = (i: number) => {
    const period = s.valued[i]?.period;
    const at = pts.findIndex((p) => p.period === period);
    return at === -1 ? undefined : f.x(at);
  };
  return [
    open(
      'actual-target',
      `${m.name}: actual against target`,
      `The solid line with round points is the actual value; the dashed line is the target or trajectory. Dotted vertical lines mark when interventions started. The table after the chart gives the figures.`,
    ),
    ...f.parts,
    target.length > 0
      ? `<path d="${pathOf(target)}" fill="none" stroke="#1d70b8" stroke-width="3" stroke-dasharray="8 6"/>`
      : '',
    actual.length > 0 ? `<path d="${pathOf(actual)}" fill="none" stroke="#0b0c0c" stroke-width="2"/>` : '',
    ...actual.map((p) => `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3" fill="#0b0c0c"/>`),
    ...interventionMarks(s, xByValuedIndex),
    `</svg>`,
  ].join('');
}

/**
 * The run chart: values as round points joined by a line; the mean solid; the control limits dashed; a special-
 * cause point drawn as a larger diamond with the letter of its rule above it (L, R, T, S).
 */
export function runChart(m: MeasureDefinition, s: MeasureSeries): string {
  const pts = s.spc.points;
  const nums = pts.flatMap((p) => [p.value, p.upperLimit, p.lowerLimit]);
  const f = frame(
    pts.length,
    Math.min(...nums),
    Math.max(...nums),
    s.valued.map((p) => p.shortLabel),
    m.decimals,
    false,
  );
  const sectionLines = s.spc.sections.flatMap((sec) => {
    const x1 = f.x(sec.from).toFixed(1);
    const x2 = f.x(sec.to).toFixed(1);
    const hLine = (v: number, attrs: string) =>
      `<line x1="${x1}" x2="${x2}" y1="${f.y(v).toFixed(1)}" y2="${f.y(v).toFixed(1)}" ${attrs}/>`;
    return [
      hLine(sec.mean, 'stroke="#1d70b8" stroke-width="2"'),
      hLine(sec.upperLimit, 'stroke="#6f777b" stroke-width="2" stroke-dasharray="6 4"'),
      hLine(sec.lowerLimit, 'stroke="#6f777b" stroke-width="2" stroke-dasharray="6 4"'),
      `<text x="${W - M.right}" y="${(f.y(sec.upperLimit) - 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#0b0c0c">UCL</text>`,
      `<text x="${W - M.right}" y="${(f.y(sec.mean) - 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#0b0c0c">Mean</text>`,
      `<text x="${W - M.right}" y="${(f.y(sec.lowerLimit) + 12).toFixed(1)}" text-anchor="end" font-size="11" fill="#0b0c0c">LCL</text>`,
    ];
  });
  const line = pts.map((p) => ({ x: f.x(p.index), y: f.y(p.value) }));
  const marks = pts.map((p) => {
    const x = f.x(p.index);
    const y = f.y(p.value);
    if (p.signals.length === 0)
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="#0b0c0c"/>`;
    const letters = [...new Set(p.signals.map((sg) => RULE_MARKS[sg.rule]))].join('');
    return [
      `<path d="M${x.toFixed(1)},${(y - 7).toFixed(1)} L${(x + 7).toFixed(1)},${y.toFixed(1)} L${x.toFixed(1)},${(y + 7).toFixed(1)} L${(x - 7).toFixed(1)},${y.toFixed(1)} Z" fill="#f47738" stroke="#0b0c0c" stroke-width="1.5"/>`,
      `<text x="${x.toFixed(1)}" y="${(y - 10).toFixed(1)}" text-anchor="middle" font-size="10" font-weight="bold" fill="#0b0c0c">${letters}</text>`,
    ].join('');
  });
  return [
    open(
      'run-chart',
      `${m.name}: run chart with control limits`,
      `Each point is a period's value. The solid horizontal line is the mean; the dashed lines are the upper and lower control limits. Diamonds with a letter mark special-cause variation: L a point beyond a limit, R a run of 8 on one side of the mean, T a trend of 6, S two of three points beyond two sigma. Dotted vertical lines mark interventions. The table after the chart gives the figures and the reasons.`,
    ),
    ...f.parts,
    ...sectionLines,
    line.length > 0 ? `<path d="${pathOf(line)}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/>` : '',
    ...marks,
    ...interventionMarks(s, (i) => (i >= 0 && i < pts.length ? f.x(i) : undefined)),
    `</svg>`,
  ].join('');
}
