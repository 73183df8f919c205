/**
 * The monitoring report as an Excel workbook: one sheet per table (by scheme, partner, scheme type, funding
 * stream), the chart's monthly figures, the manual forecasts with their commentary, and a cover with the
 * reconciliation to the imported files. Totals are SUM formulas whose cached results are Concordat's own
 * figures, so that Excel shows the same numbers before and after it recalculates (issue 3, scope 5).
 */
import ExcelJS from 'exceljs';
import {
  addTable,
  figureCells,
  FIGURE_COLUMNS,
  figureTotals,
  pounds,
  POUNDS_FORMAT,
  type Column,
} from './workbookTables.js';
import { sumPence } from '../../kernel/money.js';
import { METHOD_LABELS, type Figures } from './figures.js';

export { POUNDS_FORMAT } from './workbookTables.js';
import type { MonitoringReport } from './rules.js';
import { STREAM_NOTE } from './streams.js';
import type { Movement, Reconciliation } from './rollups.js';
import type { RecordedForecast } from './forecastStore.js';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];

export interface WorkbookInput {
  title: string;
  fundName: string;
  yearLabel: string;
  report: MonitoringReport;
  partnerName: (organisationId: number) => string;
  reconciliation: Reconciliation;
  forecasts: readonly RecordedForecast[];
  /** Movement since the last published report, when there is one. */
  movement?: { label: string; schemes: Map<number, Movement>; total: Movement } | undefined;
  status: string;
}

/** Builds the workbook and returns its bytes. */
export async function monitoringWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { report, reconciliation: rec } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concordat';
  // Excel recalculates every formula on opening: the cached results must be what it computes
  wb.calcProperties.fullCalcOnLoad = true;
  const cover = wb.addWorksheet('Report');
  cover.getColumn(1).width = 44;
  cover.getColumn(2).width = 22;
  cover.addRow([input.title]).font = { bold: true, size: 14 };
  cover.addRow(['Fund', input.fundName]);
  cover.addRow(['Financial year', input.yearLabel]);
  cover.addRow(['As at the end of', `P${report.asAtPeriod} (${MONTHS[report.asAtPeriod - 1] ?? ''})`]);
  cover.addRow(['Forecast method where no manual forecast', METHOD_LABELS[report.method]]);
  cover.addRow(['Status', input.status]);
  cover.addRow([]);
  cover.addRow(['Reconciliation with the imported files']).font = { bold: true };
  const first = cover.rowCount + 1;
  cover.addRow([`Imported files (${rec.importCount})`, pounds(rec.importedPence)]);
  cover.addRow(['Other journal entries to scheme expenditure', pounds(rec.otherEntriesPence)]);
  cover.addRow(['Actual spend in the ledger, all periods', pounds(rec.actualAllPeriodsPence)]);
  cover.addRow([
    'Difference (nil when the files and the ledger agree)',
    { formula: `B${first}+B${first + 1}-B${first + 2}`, result: pounds(rec.differencePence) },
  ]);
  cover.addRow(['Less spend in periods after the report', pounds(rec.laterPeriodsPence)]);
  cover.addRow([
    'Actual to date (the scheme table)',
    { formula: `B${first + 2}-B${first + 4}`, result: pounds(rec.actualToDatePence) },
  ]).font = { bold: true };
  for (let r = first; r <= first + 5; r += 1) cover.getCell(`B${r}`).numFmt = POUNDS_FORMAT;
  cover.addRow([]);
  cover.addRow(['Funding streams', STREAM_NOTE]);
  cover.getCell(`B${cover.rowCount}`).alignment = { wrapText: true };

  const movement = input.movement;
  const schemeColumns: Column[] = [
    { header: 'Scheme ID', width: 11 },
    { header: 'Scheme', width: 40 },
    { header: 'Scheme type', width: 36 },
    ...FIGURE_COLUMNS,
    ...(movement
      ? [
          { header: `Forecast movement since ${movement.label} (£)`, width: 24, money: true },
          { header: `Variance movement since ${movement.label} (£)`, width: 24, money: true },
        ]
      : []),
  ];
  addTable(
    wb,
    'By scheme',
    schemeColumns,
    report.schemes.map((s, i) => {
      const m = movement?.schemes.get(s.schemeId);
      return [
        s.code,
        s.name,
        s.schemeType,
        ...figureCells(s, i + 2, 4),
        ...(movement
          ? [pounds(m?.forecastOutturnMovementPence ?? 0), pounds(m?.varianceMovementPence ?? 0)]
          : []),
      ];
    }),
    {
      cells: movement
        ? {
            ...figureTotals(report.total, 4),
            10: movement.total.forecastOutturnMovementPence,
            11: movement.total.varianceMovementPence,
          }
        : figureTotals(report.total, 4),
      labels: { 1: 'Total', 8: report.total.rag.toUpperCase(), 9: METHOD_LABELS[report.total.method] },
    },
  );
  const rollUp = (name: string, header: string, rows: (Figures & { label: string })[]) =>
    addTable(
      wb,
      name,
      [{ header, width: 48 }, ...FIGURE_COLUMNS],
      rows.map((r, i) => [r.label, ...figureCells(r, i + 2, 2)]),
      {
        cells: figureTotals(report.total, 2),
        labels: { 0: 'Total', 6: report.total.rag.toUpperCase(), 7: METHOD_LABELS[report.total.method] },
      },
    );
  rollUp(
    'By partner',
    'Funding partner',
    report.byPartner.map((p) => ({ ...p, label: input.partnerName(p.organisationId) })),
  );
  rollUp(
    'By scheme type',
    'Scheme type',
    report.bySchemeType.map((t) => ({ ...t, label: t.schemeType })),
  );
  const streams = rollUp(
    'By funding stream',
    'Funding stream',
    report.byStream.map((s) => ({ ...s, label: s.stream })),
  );
  streams.addRow([]);
  streams.addRow([STREAM_NOTE]);

  addTable(
    wb,
    'By month',
    [
      { header: 'Month', width: 10 },
      { header: 'Budget as profiled (£)', width: 22, money: true },
      { header: 'Actual (£)', width: 18, money: true },
    ],
    // as on the page: actual spend only up to the report period
    MONTHS.map((m, i) => [
      `P${i + 1} ${m}`,
      pounds(report.profileByPeriod[i] ?? 0),
      i < report.asAtPeriod ? pounds(report.actualByPeriod[i] ?? 0) : '',
    ]),
    {
      cells: {
        1: report.total.budgetPence,
        2: sumPence(report.actualByPeriod.slice(0, report.asAtPeriod)),
      },
      labels: { 0: 'Year' },
    },
  );

  addTable(
    wb,
    'Manual forecasts',
    [
      { header: 'Scheme ID', width: 11 },
      { header: 'Partner', width: 30 },
      { header: 'Period', width: 8 },
      { header: 'Forecast outturn (£)', width: 20, money: true },
      { header: 'Commentary', width: 60 },
      { header: 'Author', width: 24 },
      { header: 'Recorded', width: 22 },
    ],
    input.forecasts.map((f) => [
      report.schemes.find((s) => s.schemeId === f.schemeId)?.code ?? String(f.schemeId),
      f.organisationId === null ? 'Whole scheme' : input.partnerName(f.organisationId),
      `P${f.period}`,
      pounds(f.outturnPence),
      f.commentary,
      f.author,
      f.recordedAt.toISOString().slice(0, 16).replace('T', ' '),
    ]),
  );
  const bytes = await wb.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
