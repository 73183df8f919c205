/**
 * Reads the first worksheet of an .xlsx file as a stream (exceljs's WorkbookReader), row by row, as the same
 * records of text fields that the CSV reader gives: the row number stands for the line, and each cell becomes
 * the text a CSV would hold. Numbers keep their shortest exact decimal form (1234.56, never a float sum), dates
 * become 2017-04-30, formulas give their cached result, rich text its plain text.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** The spreadsheet letter of a column: 0 is A, 25 is Z, 26 is AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The text of one cell, as a CSV export of it would read. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // exceljs gives Excel's serial dates as UTC midnight of that day
    if (Number.isNaN(value.getTime())) return '';
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      formula?: string;
      sharedFormula?: string;
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/**
 * Calls `each` with every row of the first worksheet (its row number and its cells as text, column A first),
 * awaiting what `each` returns, so that a slow consumer holds the reader back.
 */
export async function readXlsx(
  input: Readable,
  each: (line: number, fields: string[]) => Promise<void> | undefined,
): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let first = true;
  for await (const sheet of reader) {
    if (!first) {
      // the extract is the first worksheet; the rest must still be read through for the stream to end
      for await (const _row of sheet) continue;
      continue;
    }
    first = false;
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const fields: string[] = [];
      for (let c = 1; c < values.length; c += 1) fields.push(cellText(values[c]));
      const waiting = each(row.number, fields);
      if (waiting) await waiting;
    }
  }
}
