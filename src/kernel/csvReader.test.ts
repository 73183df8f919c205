import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvReader, readCsv } from './csvReader.js';
import { csvLines } from './csv.js';

describe('reading CSV from finance systems', () => {
  it('reads a UTF-8 BOM, Windows line endings, quoted commas and quotes', () => {
    const text =
      '\uFEFFcost_centre,amount,description\r\nCC100,"(1,234.56)","Podiatry, west"\r\nCC200,-1234.56,"He said ""no"""\r\n';
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['cost_centre', 'amount', 'description'] },
      { line: 2, fields: ['CC100', '(1,234.56)', 'Podiatry, west'] },
      { line: 3, fields: ['CC200', '-1234.56', 'He said "no"'] },
    ]);
  });
  it('keeps line numbers right across a quoted line break and reads a last line with no line break', () => {
    expect(readCsv('a,"two\nlines"\nb,c')).toEqual([
      { line: 1, fields: ['a', 'two\nlines'] },
      { line: 3, fields: ['b', 'c'] },
    ]);
  });
  it('reads empty fields at the end of a line', () => {
    expect(readCsv('a,,\n')).toEqual([{ line: 1, fields: ['a', '', ''] }]);
  });
  it('gives the same records however the file is split into chunks', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', '1', '£') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, cuts) => {
          const text = csvLines(rows);
          const whole = readCsv(text).map((r) => r.fields);
          const reader = new CsvReader();
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const got = [];
          let from = 0;
          for (const p of points) {
            got.push(...reader.push(text.slice(from, p)));
            from = p;
          }
          got.push(...reader.push(text.slice(from)), ...reader.end());
          expect(got.map((r) => r.fields)).toEqual(whole);
          // csvLines escapes a leading = + - @ with an apostrophe; compare the rest exactly
          expect(whole.map((r) => r.map((f) => f.replace(/^'(?=[=+\-@\t\r])/, '')))).toEqual(rows);
        },
      ),
    );
  });

  it('reads the same records with Windows or Unix line endings, quoted or plain, however split', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '1') });
    const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, eol, lastEol, cuts) => {
          // a record of one empty field is a blank line, which the reader gives as such: keep it out
          const records = rows.filter((r) => !(r.length === 1 && r[0] === ''));
          fc.pre(records.length > 0);
          const text = records.map((r) => r.map(quote).join(',')).join(eol) + (lastEol ? eol : '');
          const reader = new CsvReader();
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const got: string[][] = [];
          const each = (_line: number, fields: string[]) => got.push(fields);
          let from = 0;
          for (const p of points) {
            reader.pushEach(text.slice(from, p), each);
            from = p;
          }
          reader.pushEach(text.slice(from), each);
          reader.endEach(each);
          expect(got).toEqual(records);
        },
      ),
    );
  });

  it('counts lines across quoted line breaks on the fast path and the careful one alike', () => {
    const lines: number[] = [];
    const reader = new CsvReader();
    reader.pushEach('a,b\r\n"c\r\nd",e\r\nf,g\r\n', (line) => lines.push(line));
    reader.endEach((line) => lines.push(line));
    expect(lines).toEqual([1, 2, 4]);
  });
});
