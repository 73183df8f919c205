/** Writes a Better Care Fund return (expenditure plan or year-end actuals) as an Excel workbook. */
import ExcelJS from 'exceljs';
import type { Pence } from '../../kernel/money.js';
import type { BcfRow, BcfTemplate } from './returns.js';
import { POUNDS_FORMAT } from '../monitoring/index.js';

export type BcfReturnKind = 'plan' | 'actuals';

const WIDTHS: Partial<Record<string, number>> = {
  schemeName: 40,
  briefDescription: 40,
  schemeType: 40,
  provider: 32,
  sourceOfFunding: 30,
  expenditure: 18,
};

/** The return's one sheet: the template's columns, a bold frozen header, and a SUM total of expenditure. */
export async function bcfWorkbook(props: {
  template: BcfTemplate;
  kind: BcfReturnKind;
  title: string;
  rows: readonly BcfRow[];
  totalPence: Pence;
}): Promise<Buffer> {
  const { template, rows } = props;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concordat';
  // Excel recalculates every formula on opening: the cached results must be what it computes
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = wb.addWorksheet(props.kind === 'plan' ? 'Expenditure plan' : 'Year-end actuals', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = template.columns.map((c) => ({ header: c.header, width: WIDTHS[c.field] ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(template.columns.map((c) => r[c.field] ?? ''));
  const at = template.columns.findIndex((c) => c.field === 'expenditure') + 1;
  const col = ws.getColumn(at).letter;
  const total = ws.addRow(
    template.columns.map((c, i) =>
      c.field === 'expenditure'
        ? { formula: `SUM(${col}2:${col}${rows.length + 1})`, result: props.totalPence / 100 }
        : i === 0
          ? 'Total'
          : '',
    ),
  );
  total.font = { bold: true };
  ws.getColumn(at).numFmt = POUNDS_FORMAT;
  const notes = wb.addWorksheet('About this return');
  notes.getColumn(1).width = 100;
  for (const line of [
    props.title,
    `Columns of the ${template.name}.`,
    props.kind === 'plan'
      ? 'Expenditure is each scheme’s budget for the year by source of funding.'
      : 'Expenditure is the actual spend of the year; a partner’s spend on a scheme is attributed to its sources of funding in proportion to its budget by source (largest remainder, to the penny).',
    'Commissioner % NHS and % LA are the shares of a jointly commissioned scheme’s budget from the NHS and council partners.',
    'New/ Existing: existing when the scheme ran in the partnership’s fund of the year before.',
  ])
    notes.addRow([line]);
  const bytes = await wb.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
