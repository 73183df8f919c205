import { describe, expect, it } from 'vitest';
import { cellKey } from '../criteria/index.js';
import { stackedResultsChart, tornadoChart, wrapLabel } from './charts.js';
import { buildTree } from '../criteria/index.js';
import { stageResults } from './results.js';
import { oneWaySensitivity } from './sensitivity.js';
import { flatRows } from './testTrees.js';

describe('the appraisal charts', () => {
  const roots = buildTree(flatRows([6000, 4000]));
  const options = [
    { id: 1, name: 'A Joint Commissioning Board with executive powers' },
    { id: 2, name: 'Do nothing & <wait>' },
  ];
  const values = new Map([
    [cellKey(1, 1), 1],
    [cellKey(1, 2), 0.5],
    [cellKey(2, 1), 0],
    [cellKey(2, 2), 1],
  ]);

  it('breaks a long label at a space into two lines', () => {
    expect(wrapLabel('A Joint Commissioning Board with executive powers', 38)).toEqual([
      'A Joint Commissioning Board with',
      'executive powers',
    ]);
    expect(wrapLabel('Short', 38)).toEqual(['Short']);
  });

  it('draws one segment per group with a positive contribution, and escapes names', () => {
    const svg = stackedResultsChart(stageResults(roots, options, values), 'Totals');
    // A: 60 + 20; B: 0 + 40 → three segments
    expect(svg.match(/<rect [^>]*height="26"/g)).toHaveLength(3);
    expect(svg).toContain('>80.0<');
    expect(svg).toContain('Do nothing &amp; &lt;wait&gt;');
    expect(svg).toContain('role="img"');
  });

  it('draws a tornado bar and a mark for each weight', () => {
    const s = oneWaySensitivity(roots, options, values)!;
    const svg = tornadoChart(s.weights, s.winner.name);
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('stays first');
  });
});
