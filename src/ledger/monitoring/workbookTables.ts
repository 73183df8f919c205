/**
 * Tables in a workbook as Concordat writes them: a bold, frozen header row, money in pounds with the £ format,
 * and a total row of SUM formulas whose cached results are Concordat's own figures.
 */
import type ExcelJS from 'exceljs';
import type { Pence } from '../../kernel/money.js';
import { METHOD_LABELS, type Figures } from './figures.js';

export const POUNDS_FORMAT = '£#,##0.00;[Red]-£#,##0.00';

/** Pounds for a spreadsheet cell: pence over 100 (Excel shows it to the penny with the £ format). */
export const pounds = (p: number) => p / 100;

export type Column = { header: string; width: number; money?: boolean };
export type CellValue = string | number | { formula: string; result: number };

const letter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : letter(Math.floor((n - 1) / 26)) + letter(((n - 1) % 26) + 1);

/**
 * Adds a sheet with a bold, frozen header row, the rows, and a total row whose money columns are SUM formulas
 * cached at `totals` (pence, by column index) and whose other columns hold `totalLabels`.
 */
export function addTable(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: CellValue[][],
  total?: { cells: Record<number, Pence>; labels: Record<number, string> },
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  if (total) {
    const last = rows.length + 1;
    const row = ws.addRow(
      columns.map((_, i) => {
        const cached = total.cells[i];
        if (cached !== undefined) {
          const col = letter(i + 1);
          return { formula: `SUM(${col}2:${col}${last})`, result: pounds(cached) };
        }
        return total.labels[i] ?? '';
      }),
    );
    row.font = { bold: true };
  }
  columns.forEach((c, i) => {
    if (c.money) ws.getColumn(i + 1).numFmt = POUNDS_FORMAT;
  });
  return ws;
}

export const FIGURE_COLUMNS: Column[] = [
  { header: 'Budget (£)', width: 18, money: true },
  { header: 'Budget to date (£)', width: 18, money: true },
  { header: 'Actual to date (£)', width: 18, money: true },
  { header: 'Forecast outturn (£)', width: 20, money: true },
  { header: 'Forecast variance (£)', width: 20, money: true },
  { header: 'RAG', width: 8 },
  { header: 'Forecast method', width: 16 },
];

/** A row's figures; the variance is a formula (forecast less budget) cached at Concordat's variance. */
export function figureCells(f: Figures, rowNumber: number, firstCol: number): CellValue[] {
  const b = letter(firstCol);
  const fo = letter(firstCol + 3);
  return [
    pounds(f.budgetPence),
    pounds(f.profiledToDatePence),
    pounds(f.actualToDatePence),
    pounds(f.forecastOutturnPence),
    { formula: `${fo}${rowNumber}-${b}${rowNumber}`, result: pounds(f.variancePence) },
    f.rag.toUpperCase(),
    METHOD_LABELS[f.method],
  ];
}

export const figureTotals = (t: Figures, firstCol: number) => ({
  [firstCol - 1]: t.budgetPence,
  [firstCol]: t.profiledToDatePence,
  [firstCol + 1]: t.actualToDatePence,
  [firstCol + 2]: t.forecastOutturnPence,
  [firstCol + 3]: t.variancePence,
});
