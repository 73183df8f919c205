import { describe, expect, it } from 'vitest';
import { asPence, checkTotals, readWorkbook } from '../../../test/support/workbooks.js';
import { pence, type Pence } from '../../kernel/money.js';
import { monitoringReport, type ActualFact, type SchemeFacts } from './rules.js';
import { movementSince, reconcile } from './rollups.js';
import { monitoringWorkbook, POUNDS_FORMAT } from './workbook.js';

const FLAT = Array.from({ length: 12 }, () => 1);

describe('the monitoring workbook', () => {
  const schemes: SchemeFacts[] = [
    {
      schemeId: 1,
      code: 'S01',
      name: 'Reablement',
      schemeType: 'Home-based intermediate care services',
      budgets: [
        { organisationId: 10, stream: 'Minimum NHS Contribution', amountPence: pence(1_000_000_01) },
        { organisationId: 20, stream: 'iBCF', amountPence: pence(333_333_33) },
      ],
      profile: FLAT,
    },
    {
      schemeId: 2,
      code: 'S02',
      name: 'Carers',
      schemeType: 'Carers Services',
      budgets: [{ organisationId: 20, stream: 'Additional LA Contribution', amountPence: pence(250_000_00) }],
      profile: FLAT,
    },
  ];
  const actuals: ActualFact[] = [
    { schemeId: 1, organisationId: 10, period: 1, actualPence: pence(83_333_34) },
    { schemeId: 1, organisationId: 20, period: 2, actualPence: pence(55_555_57) },
    { schemeId: 2, organisationId: 20, period: 2, actualPence: pence(20_833_33) },
    { schemeId: 2, organisationId: 20, period: 5, actualPence: pence(1_00) },
  ];
  const report = monitoringReport(schemes, actuals, 3, 'run-rate');
  const previous = monitoringReport(schemes, actuals.slice(0, 1), 2, 'profile');
  const names: Record<number, string> = { 10: 'NHS Southampton City CCG', 20: 'Southampton City Council' };

  it('has a SUM total on every sheet that Excel recomputes to Concordat’s figures', async () => {
    const m = movementSince(report, previous);
    const bytes = await monitoringWorkbook({
      title: 'Monitoring report as at P3',
      fundName: 'Pool',
      yearLabel: '2017-18',
      report,
      partnerName: (o) => names[o] ?? '',
      reconciliation: reconcile(report, { count: 2, totalPence: pence(159_723_24) }, pence(0)),
      forecasts: [],
      movement: { label: 'P2 report', ...m },
      status: 'Live',
    });
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'By scheme',
      'By partner',
      'By scheme type',
      'By funding stream',
      'By month',
      'Manual forecasts',
    ]);
    const t = report.total;
    const expected = (cols: string[], values: Pence[]) => new Map(cols.map((c, i) => [c, values[i]]));
    const figures = [
      t.budgetPence,
      t.profiledToDatePence,
      t.actualToDatePence,
      t.forecastOutturnPence,
      t.variancePence,
    ];
    expect(checkTotals(wb.getWorksheet('By scheme')!)).toEqual(
      expected(
        ['D', 'E', 'F', 'G', 'H', 'K', 'L'],
        [...figures, m.total.forecastOutturnMovementPence, m.total.varianceMovementPence],
      ),
    );
    for (const name of ['By partner', 'By scheme type', 'By funding stream'])
      expect(checkTotals(wb.getWorksheet(name)!), name).toEqual(expected(['B', 'C', 'D', 'E', 'F'], figures));
    expect(checkTotals(wb.getWorksheet('By month')!)).toEqual(
      // the months to P3 only, as on the page: the £1.00 of P5 is left out
      expected(['B', 'C'], [t.budgetPence, t.actualToDatePence]),
    );
  });

  it('formats money in pounds, with bold frozen headers and a variance formula on each row', async () => {
    const bytes = await monitoringWorkbook({
      title: 'Monitoring report as at P3',
      fundName: 'Pool',
      yearLabel: '2017-18',
      report,
      partnerName: (o) => names[o] ?? '',
      reconciliation: reconcile(report, { count: 2, totalPence: pence(159_723_24) }, pence(0)),
      forecasts: [],
      status: 'Live',
    });
    const wb = await readWorkbook(bytes);
    const ws = wb.getWorksheet('By scheme')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font.bold).toBe(true);
    expect(ws.getCell('D2').numFmt).toBe(POUNDS_FORMAT);
    expect(ws.getColumn(2).width).toBe(40);
    // S01: budget £1,333,333.34, run rate (£138,888.91 × 4) = £555,555.64, variance -£777,777.70
    expect(ws.getCell('H2').value).toEqual({ formula: 'G2-D2', result: -777_777.7 });
    expect(asPence(ws.getCell('G2').value)).toBe(555_555_64);
    const cover = wb.getWorksheet('Report')!;
    const difference = cover
      .getColumn(1)
      .values.findIndex((v) => typeof v === 'string' && v.startsWith('Difference'));
    expect(cover.getCell(`B${difference}`).value).toMatchObject({ formula: 'B9+B10-B11' });
    expect(asPence(cover.getCell(`B${difference}`).value)).toBe(0);
    const actualToDate = cover
      .getColumn(1)
      .values.findIndex((v) => typeof v === 'string' && v.startsWith('Actual to date'));
    expect(asPence(cover.getCell(`B${actualToDate}`).value)).toBe(report.total.actualToDatePence);
  });
});
