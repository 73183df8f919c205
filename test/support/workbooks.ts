/** Reading back the workbooks Concordat writes, and checking their totals as Excel would recompute them. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';

export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/**
 * A formula cell's cached result, or a number cell's value, in pence. Excel's SUM counts an empty or text cell as
 * nothing; exceljs writes no cached result for a formula whose result is nil.
 */
export function asPence(v: ExcelJS.CellValue): number {
  if (typeof v === 'number') return Math.round(v * 100);
  if (v === null || v === '') return 0;
  if (typeof v === 'object' && 'formula' in v) {
    if (typeof v.result === 'number') return Math.round(v.result * 100);
    if (v.result === undefined) return 0;
  }
  throw new Error(`Not a number: ${JSON.stringify(v)}`);
}

/**
 * Checks every SUM total in a sheet: its range is the rows above it, and its cached result equals the sum of
 * those rows to the penny (what Excel will show when it recalculates). Returns the totals by column letter.
 */
export function checkTotals(ws: ExcelJS.Worksheet): Map<string, number> {
  const totals = new Map<string, number>();
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      const v = cell.value;
      if (!v || typeof v !== 'object' || !('formula' in v) || typeof v.formula !== 'string') return;
      if (!v.formula.startsWith('SUM(')) return;
      const m = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(v.formula);
      expect(m, v.formula).not.toBeNull();
      const [, col = '', from = '', , to = ''] = m ?? [];
      let sum = 0;
      for (let r = Number(from); r <= Number(to); r += 1) sum += asPence(ws.getCell(`${col}${r}`).value);
      expect(asPence(v), `${ws.name} ${cell.address}`).toBe(sum);
      expect(Number(to), `${ws.name} ${cell.address} sums the rows above it`).toBe(Number(cell.row) - 1);
      totals.set(col, asPence(v));
    });
  });
  return totals;
}
