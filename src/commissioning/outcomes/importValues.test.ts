import { describe, expect, it } from 'vitest';
import { catalogueEntry } from './rules.js';
import { existingKey, readOutcomeCsv, type ImportMeasure } from './importValues.js';

const measure = (id: number, code: string): ImportMeasure => ({ ...catalogueEntry(code)!, id });
const measures = new Map(
  [measure(1, 'LOCAL-AE'), measure(2, 'ASCOF-2B1'), measure(3, 'PHOF-C29'), measure(4, 'BCF-DISCH-2022')].map(
    (m) => [m.code, m],
  ),
);
const ctx = { measures, existing: new Set<string>(), replaceExisting: false };

describe('reading an outcome CSV', () => {
  it('reads good rows of each kind of measure', () => {
    const r = readOutcomeCsv(
      'measure_code,period,numerator,denominator,value\n' +
        'LOCAL-AE,2016-04,7412,,\n' +
        'ASCOF-2B1,2016-17,412,498,\n' +
        'PHOF-C29,2016-17,1210,41200,2301.4\n' +
        'BCF-DISCH-2022,2022-23 Q1,9100,9800,\n',
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      rows: [
        expect.objectContaining({
          line: 2,
          measureId: 1,
          period: '2016-04',
          numerator: '7412',
          denominator: null,
        }),
        expect.objectContaining({ line: 3, measureId: 2, period: '2016-17', periodStart: '2016-04-01' }),
        expect.objectContaining({ line: 4, measureId: 3, publishedValue: '2301.4' }),
        expect.objectContaining({ line: 5, measureId: 4, period: '2022-23 Q1', denominator: '9800' }),
      ],
    });
  });

  it('rejects bad periods, non-numeric values and zero denominators with line and column, and returns no rows', () => {
    const r = readOutcomeCsv(
      'measure_code,period,numerator,denominator\n' +
        'LOCAL-AE,2016-13,7412,\n' + // line 2: no such month
        'LOCAL-AE,2016-17,7412,\n' + // line 3: an annual period for a monthly measure
        'LOCAL-AE,2016-05,"7,412",\n' + // line 4: a thousands separator
        'ASCOF-2B1,2016-17,412,0\n' + // line 5: a zero denominator
        'ASCOF-2B1,2017-18,412,\n' + // line 6: no denominator
        'LOCAL-AE,2016-06,-3,\n' + // line 7: negative
        'NOPE,2016-06,3,\n' + // line 8: unknown measure
        'LOCAL-AE,2016-07,abc,\n' + // line 9: not a number
        'LOCAL-AE,2016-08,10,\n', // line 10: fine
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'period'],
      [3, 'period'],
      [4, 'numerator'],
      [5, 'denominator'],
      [6, 'denominator'],
      [7, 'numerator'],
      [8, 'measure_code'],
      [9, 'numerator'],
    ]);
    expect(r.problems[0]!.reason).toMatch(/"2016-13" is not a monthly period: write it as YYYY-MM/);
    expect(r.problems[3]!.reason).toBe('The denominator cannot be zero');
    expect(r.problems[5]!.reason).toMatch(/cannot be negative/);
    expect(r.problems[6]!.reason).toMatch(/No measure with code "NOPE"/);
  });

  it('rejects a period given twice in the file, naming the first line', () => {
    const r = readOutcomeCsv('measure_code,period,numerator\nLOCAL-AE,2016-04,1\nLOCAL-AE,2016-04,2\n', ctx);
    expect(r).toEqual({
      ok: false,
      problems: [{ line: 3, column: 'period', reason: 'LOCAL-AE 2016-04 is already on line 2 of this file' }],
    });
  });

  it('refuses to overwrite a recorded value unless replacing is chosen, then marks the row as a replacement', () => {
    const existing = new Set([existingKey(1, '2016-04')]);
    const text = 'measure_code,period,numerator\nLOCAL-AE,2016-04,7000\nLOCAL-AE,2016-05,7100\n';
    const refused = readOutcomeCsv(text, { ...ctx, existing });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems[0]).toMatchObject({ line: 2, column: 'period' });
    const replaced = readOutcomeCsv(text, { ...ctx, existing, replaceExisting: true });
    expect(replaced.ok && replaced.rows.map((row) => row.replaces)).toEqual([true, false]);
  });

  it('asks for the published rate of a standardised measure and refuses a value for a crude one', () => {
    const r = readOutcomeCsv(
      'measure_code,period,numerator,denominator,value\nPHOF-C29,2016-17,1210,41200,\nASCOF-2B1,2016-17,1,2,50\n',
      ctx,
    );
    expect(!r.ok && r.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'value'],
      [3, 'value'],
    ]);
  });

  it('names a missing or unknown column in the header, and an empty file', () => {
    const r = readOutcomeCsv('measure_code,when,numerator\nLOCAL-AE,2016-04,1\n', ctx);
    expect(!r.ok && r.problems.map((p) => [p.line, p.column])).toEqual([
      [1, 'period'],
      [1, 'when'],
    ]);
    expect(readOutcomeCsv('', ctx)).toEqual({
      ok: false,
      problems: [{ line: 1, column: '', reason: 'The file is empty' }],
    });
  });
});
