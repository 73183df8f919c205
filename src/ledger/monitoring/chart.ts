/**
 * The monitoring chart: cumulative budget (as profiled) against cumulative actual spend by month, drawn as SVG
 * on the server. The page shows the same figures in a table beside it, so the chart is never the only way in.
 */
import { formatMillions } from '../../kernel/money.js';

const W = 640;
const H = 300;
const M = { top: 20, right: 20, bottom: 40, left: 70 };

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** Cumulative sums of monthly figures. */
export function cumulative(values: readonly number[]): number[] {
  let total = 0;
  return values.map((v) => (total += v));
}

/** A 1, 2, 5 × 10^n step that gives about five gridlines up to `max`. */
export function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** The SVG: months across, pounds up, the budget line dashed and the actual line solid to the report period. */
export function cumulativeChart(
  profile: readonly number[],
  actual: readonly number[],
  asAtPeriod: number,
  months: readonly string[],
): string {
  const budget = cumulative(profile);
  const spent = cumulative(actual).slice(0, asAtPeriod);
  const top = Math.max(1, ...budget, ...spent);
  const step = niceStep(top);
  const yMax = Math.ceil(top / step) * step;
  const x = (i: number) => M.left + (i * (W - M.left - M.right)) / 11;
  const y = (v: number) => H - M.bottom - (Math.max(0, v) / yMax) * (H - M.top - M.bottom);
  const path = (vs: number[]) =>
    vs.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const grid: string[] = [];
  for (let v = 0; v <= yMax + step / 2; v += step) {
    grid.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`,
    );
    grid.push(
      `<text x="${M.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${escapeXml(formatMillions(Math.round(v)))}</text>`,
    );
  }
  const labels = months.map(
    (m, i) =>
      `<text x="${x(i).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(m)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-title chart-desc" focusable="false" font-family="Arial, sans-serif">`,
    `<title id="chart-title">Cumulative budget and actual spend by month</title>`,
    `<desc id="chart-desc">The dashed line is the budget as profiled; the solid line is actual spend to P${asAtPeriod}. The table below gives the figures.</desc>`,
    ...grid,
    ...labels,
    `<path d="${path(budget)}" fill="none" stroke="#1d70b8" stroke-width="3" stroke-dasharray="8 6"/>`,
    spent.length > 0 ? `<path d="${path(spent)}" fill="none" stroke="#d4351c" stroke-width="3"/>` : '',
    `</svg>`,
  ].join('');
}
