import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { makeAppraisal, makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { appraisalWorkbook } from './exportXlsx.js';
import { loadAppraisalRecord } from '../appraisals/index.js';

describe('the appraisal workbook', () => {
  let t: TestDatabase;
  let sheets: ExcelJS.Workbook;
  beforeAll(async () => {
    t = await createTestDatabase();
    const pid = await makePartnership(t.db, [await makeOrganisation(t.db)]);
    const { appraisalId } = await makeAppraisal(t.db, pid);
    const record = (await loadAppraisalRecord(t.db, pid, appraisalId))!;
    sheets = new ExcelJS.Workbook();
    await sheets.xlsx.load((await appraisalWorkbook(record)) as unknown as ExcelJS.Buffer);
  });
  afterAll(() => t.dispose());

  it('puts the scoring matrix in, criteria down and options across, as numbers', () => {
    const ws = sheets.getWorksheet('Stage 1 scores')!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      'Criterion',
      'Weight in stage',
      'Scale',
      'Do nothing',
      'Joint board',
    ]);
    expect(ws.getRow(4).values).toEqual([undefined, 'Outcomes', 0.6, '0 to 10, higher is better', 2, 8]);
  });

  it('ranks the options with each group’s contribution, as figured by hand', () => {
    // Joint board: 60 × .8 + 40 × .6 = 48 + 24 = 72; Do nothing: 60 × .2 + 40 × .9 = 12 + 36 = 48
    const ws = sheets.getWorksheet('Stage 1 results')!;
    const row = (n: number) =>
      (ws.getRow(n).values as unknown[])
        .slice(1)
        .map((v) => (typeof v === 'number' ? Number(v.toFixed(9)) : v));
    expect(row(3)).toEqual(['1', 'Joint board', 72, 48, 24]);
    expect(row(4)).toEqual(['2', 'Do nothing', 48, 12, 36]);
  });

  it('ends with the alternatives text', () => {
    expect(sheets.getWorksheet('Alternatives considered')!.getCell('A2').value).toBe(
      '1. 2 options were appraised in one stage.',
    );
  });

  it('lists every score with who gave it and when', () => {
    const ws = sheets.getWorksheet('Scores by assessor')!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
      'Stage',
      'Criterion',
      'Option',
      'Score',
      'Assessor',
    ]);
    expect(ws.rowCount).toBe(5);
    const first = (ws.getRow(2).values as unknown[]).slice(1);
    expect(first.slice(0, 5)).toEqual(['Long list', 'Outcomes', 'Do nothing', 2, 'Fixture']);
    expect(first[5]).toBeInstanceOf(Date);
  });
});
