/**
 * The appraisal's charts, drawn as SVG on the server: each option's total as a bar stacked by criterion group,
 * and the tornado chart of one-way sensitivity. The page shows the same figures in a table beside each chart,
 * so a chart is never the only way to the numbers.
 */
import type { StageResults } from './results.js';
import type { WeightSensitivity } from './sensitivity.js';

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** GOV.UK colours that stay distinct for common colour-vision deficiencies when paired with the legend order. */
export const GROUP_COLOURS = [
  '#1d70b8',
  '#f47738',
  '#00703c',
  '#4c2c92',
  '#d4351c',
  '#5694ca',
  '#85994b',
  '#6f72af',
];

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A label in up to two lines of about `n` characters, broken at spaces, ending in … if still too long. */
export function wrapLabel(s: string, n: number): string[] {
  if (s.length <= n) return [s];
  const cut = s.lastIndexOf(' ', n);
  const at = cut > n / 2 ? cut : n;
  return [s.slice(0, at).trim(), truncate(s.slice(at).trim(), n)];
}

/** A right-aligned label beside a bar, on one or two lines centred on `middle`. */
const barLabel = (x: number, middle: number, text: string, n: number): string => {
  const lines = wrapLabel(text, n);
  const first = middle + 4 - (lines.length - 1) * 7.5;
  return `<text x="${x}" y="${first.toFixed(1)}" text-anchor="end" font-size="13" fill="#0b0c0c">${lines
    .map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : 15}">${escapeXml(l)}</tspan>`)
    .join('')}</text>`;
};

/** Options down, points (0 to 100) across, each bar split into the contributions of the criterion groups. */
export function stackedResultsChart(results: StageResults, title: string): string {
  const rows = results.ranked;
  const W = 720;
  const left = 280;
  const right = 60;
  const barH = 26;
  const gap = 12;
  const top = 30;
  const legendH = 24 * Math.ceil(results.groups.length / 2);
  const H = top + rows.length * (barH + gap) + 30 + legendH;
  const x = (v: number) => left + (v / 100) * (W - left - right);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="results-chart-title" focusable="false" font-family="Arial, sans-serif">`,
    `<title id="results-chart-title">${escapeXml(title)}</title>`,
  ];
  for (let v = 0; v <= 100; v += 20) {
    out.push(
      `<line x1="${x(v)}" x2="${x(v)}" y1="${top - 6}" y2="${top + rows.length * (barH + gap)}" stroke="#b1b4b6"/>`,
      `<text x="${x(v)}" y="${top - 10}" text-anchor="middle" font-size="12" fill="#0b0c0c">${v}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * (barH + gap);
    out.push(barLabel(left - 8, y + barH / 2, r.name, 38));
    let at = 0;
    r.contributions.forEach((c, g) => {
      if (c <= 0) return;
      out.push(
        `<rect x="${x(at).toFixed(1)}" y="${y}" width="${(x(at + c) - x(at)).toFixed(1)}" height="${barH}" fill="${GROUP_COLOURS[g % GROUP_COLOURS.length] ?? '#1d70b8'}" stroke="#ffffff" stroke-width="1"/>`,
      );
      at += c;
    });
    out.push(
      `<text x="${(x(at) + 6).toFixed(1)}" y="${y + barH / 2 + 4}" font-size="13" font-weight="bold" fill="#0b0c0c">${r.total.toFixed(1)}</text>`,
    );
  });
  const legendTop = top + rows.length * (barH + gap) + 20;
  results.groups.forEach((g, i) => {
    const lx = i % 2 === 0 ? 10 : W / 2;
    const ly = legendTop + Math.floor(i / 2) * 24;
    out.push(
      `<rect x="${lx}" y="${ly}" width="14" height="14" fill="${GROUP_COLOURS[i % GROUP_COLOURS.length] ?? '#1d70b8'}"/>`,
      `<text x="${lx + 20}" y="${ly + 12}" font-size="13" fill="#0b0c0c">${escapeXml(truncate(g.name, 48))}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/**
 * The tornado chart: for each weight (most sensitive first) the range over which the winner stays the winner,
 * as a bar on a 0 % to 100 % axis, with the weight as agreed marked on it.
 */
export function tornadoChart(weights: readonly WeightSensitivity[], winner: string): string {
  const W = 720;
  const left = 280;
  const right = 30;
  const barH = 26;
  const gap = 10;
  const top = 30;
  const H = top + weights.length * (barH + gap) + 20;
  const x = (f: number) => left + f * (W - left - right);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="tornado-title" focusable="false" font-family="Arial, sans-serif">`,
    `<title id="tornado-title">${escapeXml(`Range of each weight over which ${winner} stays first`)}</title>`,
  ];
  for (let v = 0; v <= 100; v += 25) {
    out.push(
      `<line x1="${x(v / 100)}" x2="${x(v / 100)}" y1="${top - 6}" y2="${top + weights.length * (barH + gap)}" stroke="#b1b4b6"/>`,
      `<text x="${x(v / 100)}" y="${top - 10}" text-anchor="middle" font-size="12" fill="#0b0c0c">${v} %</text>`,
    );
  }
  weights.forEach((w, i) => {
    const y = top + i * (barH + gap);
    const current = w.current;
    out.push(
      barLabel(left - 8, y + barH / 2, w.name, 38),
      `<rect x="${x(w.lower).toFixed(1)}" y="${y}" width="${Math.max(1, x(w.upper) - x(w.lower)).toFixed(1)}" height="${barH}" fill="#5694ca"/>`,
      `<line x1="${x(current).toFixed(1)}" x2="${x(current).toFixed(1)}" y1="${y - 3}" y2="${y + barH + 3}" stroke="#0b0c0c" stroke-width="3"/>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}
