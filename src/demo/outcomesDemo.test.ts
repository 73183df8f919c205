import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { measuresWithSeries, outcomesDashboardTile } from '../commissioning/outcomes/index.js';
import { actualTargetChart, runChart } from '../commissioning/outcomes/index.js';
import {
  DEMO_ADMISSIONS,
  DEMO_AE,
  DEMO_INTERVENTION,
  DEMO_MONTHS,
  loadOutcomesDemo,
} from './outcomesDemo.js';

describe('the demo outcome measures of Southampton, 2014-15 to 2016-17', () => {
  let t: TestDatabase;
  let pid: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG', kind: 'ccg' });
    const council = await makeOrganisation(t.db, {
      name: 'Southampton City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    await loadOutcomesDemo(t.db, pid);
  });
  afterAll(() => t.dispose());

  it('has three years of plausible monthly counts for a city of about 250,000', () => {
    expect(DEMO_MONTHS).toHaveLength(36);
    expect(DEMO_MONTHS[0]).toBe('2014-04');
    expect(DEMO_MONTHS[35]).toBe('2017-03');
    expect(Math.min(...DEMO_AE)).toBeGreaterThanOrEqual(7000);
    expect(Math.max(...DEMO_AE)).toBeLessThanOrEqual(8500);
    expect(Math.min(...DEMO_ADMISSIONS)).toBeGreaterThanOrEqual(2300);
    expect(Math.max(...DEMO_ADMISSIONS)).toBeLessThanOrEqual(2700);
  });

  it('marks every measure illustrative, with values, targets and the intervention', async () => {
    const all = await measuresWithSeries(t.db, pid);
    expect(all.map((x) => x.measure.name).sort()).toEqual([
      'Emergency admissions',
      'Emergency department attendances',
      'Long-term needs of older people (65+) met by admission to residential and nursing care, per 100,000',
    ]);
    for (const { measure, series } of all) {
      expect(measure.illustrative).toBe(true);
      expect(series.valued.every((p) => p.figures?.illustrative)).toBe(true);
      expect(series.points.every((p) => p.target !== undefined)).toBe(true);
    }
  });

  it('shows the intervention on both charts and a run of eight or more below the mean after it', async () => {
    const all = await measuresWithSeries(t.db, pid);
    for (const name of ['Emergency department attendances', 'Emergency admissions']) {
      const { measure, series } = all.find((x) => x.measure.name === name)!;
      const at = series.valued.findIndex((p) => p.period === '2015-10');
      expect(series.interventions.map((i) => [i.label, i.index])).toEqual([[DEMO_INTERVENTION.label, at]]);
      expect(actualTargetChart(measure, series)).toContain(DEMO_INTERVENTION.label);
      expect(runChart(measure, series)).toContain(DEMO_INTERVENTION.label);
      // after the intervention, a run of eight or more consecutive points below the mean, each flagged
      const after = series.spc.points.slice(at);
      let longest = 0;
      let current = 0;
      for (const p of after) {
        const inRun = p.value < p.mean && p.signals.some((sg) => sg.rule === 'run');
        current = inRun ? current + 1 : 0;
        longest = Math.max(longest, current);
      }
      expect(longest).toBeGreaterThanOrEqual(8);
      const flagged = after.find((p) => p.signals.some((sg) => sg.rule === 'run'))!;
      expect(flagged.signals.find((sg) => sg.rule === 'run')!.reason).toMatch(
        /^One of a run of \d+ points below the mean$/,
      );
      // most points are inside the limits: the signal is the run, not a scatter of outliers
      expect(
        series.spc.points.filter((p) => p.signals.some((sg) => sg.rule === 'beyond-limit')).length,
      ).toBeLessThan(4);
      // fewer admissions is better: the board sees improvement, not noise
      expect(series.variation).toBe('improvement');
    }
  });

  it('gives the dashboard tile its counts', async () => {
    const tile = await outcomesDashboardTile(t.db, pid);
    expect(tile).toEqual({
      measures: 3,
      // March 2017: 7,773 attendances against 7,500 (off); 2,424 admissions against 2,450 and 602.7 per 100,000
      // against 620 (on)
      onTrack: 2,
      offTrack: 1,
      noTarget: 0,
      specialCause: 2,
      path: `/partnerships/${pid}/outcomes`,
    });
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
