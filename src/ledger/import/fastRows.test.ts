import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvByteReader, type ByteRecord } from '../../kernel/csvBytes.js';
import { CopyLineWriter, copyText } from '../../db/copyIn.js';
import { financialYearBounds } from '../../kernel/dates.js';
import { RowChecker } from './rows.js';
import { STANDARD_COLUMNS } from '../funds/index.js';
import { FastRowChecker, amountOf } from './fastRows.js';

const COLUMNS = STANDARD_COLUMNS;
const MAP = new Map([
  ['CC100|5100', 1],
  ['CC100|', 2],
  ['CC200|', 3],
  ['C|C|5', 4],
  ['Café|', 5],
]);
const YEAR = financialYearBounds(2017);

function records(text: string): ByteRecord[] {
  const reader = new CsvByteReader();
  reader.push(Buffer.from(text, 'utf8'));
  reader.end();
  const out: ByteRecord[] = [];
  for (let r = reader.next(); r !== null; r = reader.next()) {
    // the reader reuses its record: keep a copy
    const copy = Object.assign(Object.create(Object.getPrototypeOf(r) as object) as ByteRecord, r, {
      buf: Buffer.from(r.buf),
      starts: r.starts.slice(),
      ends: r.ends.slice(),
    });
    out.push(copy);
  }
  return out;
}

describe('the fast way through an extract’s rows', () => {
  it('reads plain amounts as readAmount does, and leaves every other form to it', () => {
    const read = (s: string) => amountOf(Buffer.from(s), 0, Buffer.byteLength(s));
    expect(read('1234.56')).toBe(123456);
    expect(read('-1234.5')).toBe(-123450);
    expect(read('7')).toBe(700);
    expect(read('-0.00')).toBe(0);
    expect(read('9999999999999.99')).toBe(999999999999999);
    for (const other of [
      '(1,234.56)',
      '1,234.56',
      '£12',
      '.5',
      '1.234',
      '12.',
      '',
      '-',
      '1e3',
      '99999999999999',
    ])
      expect(read(other)).toBeUndefined();
  });

  it('gives the same row as the text checker for every row it takes, and takes the plain ones', () => {
    const words = fc.oneof(
      fc.constantFrom('Invoice 1', 'Acme \\ Sons', 'R-1', ''),
      fc.string({ unit: fc.constantFrom('a', ' ', '\\', 'é', '1', '-'), maxLength: 5 }),
    );
    const line = fc.tuple(
      fc.constantFrom('CC100', 'CC200', 'CC999', 'C', 'C|C', ' CC100', 'Café', ''),
      fc.constantFrom('5100', '5', '', '9999', ' 5100'),
      fc.constantFrom(
        '2017-04-30',
        '30/04/2017',
        '2018-03-31',
        '2018-04-01',
        '2017-02-30',
        '1/4/2017',
        'soon',
      ),
      fc.constantFrom('12.34', '-5', '0', '0.00', '(1.00)', '1,000.00', 'x', '3.456'),
      words,
      words,
      words,
    );
    let taken = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (rows) => {
        const text = [
          'cost_centre,account_code,date,amount,description,supplier,reference',
          ...rows.map((r) => r.join(',')),
        ].join('\n');
        const checker = new RowChecker(COLUMNS, MAP, YEAR);
        const fast = new FastRowChecker(checker, MAP);
        const [header, ...body] = records(text);
        if (!header) throw new Error('no header');
        checker.header(header.line, header.strings());
        for (const r of body) {
          const quick = fast.check(r);
          const slow = checker.check(r.line, r.strings());
          if (quick === null) continue;
          taken += 1;
          expect(slow).not.toBeNull();
          expect({ schemeId: quick.schemeId, period: quick.period, amountPence: quick.amountPence }).toEqual({
            schemeId: slow?.schemeId,
            period: slow?.period,
            amountPence: slow?.amountPence,
          });
          const text = (column: number) => (column < 0 ? null : r.field(column) || null);
          expect([text(quick.reference), text(quick.supplier), text(quick.description)]).toEqual([
            slow?.reference,
            slow?.supplier,
            slow?.description,
          ]);
        }
      }),
      { numRuns: 1000 },
    );
    expect(taken).toBeGreaterThan(20);
    // and a plain row goes the fast way
    const checker = new RowChecker(COLUMNS, MAP, YEAR);
    const fast = new FastRowChecker(checker, MAP);
    const [header, row] = records(
      'cost_centre,account_code,date,amount,description,supplier,reference\nCC100,5100,30/04/2017,-12.30,Invoice 1,Acme,R1\n',
    );
    if (!header || !row) throw new Error('no rows');
    checker.header(header.line, header.strings());
    expect(fast.check(row)).toMatchObject({ schemeId: 1, period: 1, amountPence: -1230 });
  });

  it('writes COPY lines as copyText writes them', () => {
    const out = new CopyLineWriter();
    const value = Buffer.from('a\\b\tc\nd\re');
    out.int(-1234567890123);
    out.tab();
    out.int(0);
    out.tab();
    out.text(value, 0, value.length, true);
    out.tab();
    out.text(value, 0, 0, true);
    out.end();
    expect(out.buf.toString('utf8', 0, out.at)).toBe(
      `-1234567890123\t0\t${copyText('a\\b\tc\nd\re')}\t${copyText(null)}\n`,
    );
  });
});
