import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvByteReader } from './csvBytes.js';
import { CsvError, readCsv, type CsvRecord } from './csvReader.js';

/** Every record of `bytes`, read in chunks cut at `cuts`, as text. */
function readBytes(bytes: Buffer, cuts: number[] = []): CsvRecord[] {
  const reader = new CsvByteReader();
  const out: CsvRecord[] = [];
  const take = () => {
    for (let r = reader.next(); r !== null; r = reader.next())
      out.push({ line: r.line, fields: r.strings() });
  };
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(at, cut));
    take();
    at = cut;
  }
  reader.push(bytes.subarray(at));
  take();
  reader.end();
  take();
  return out;
}

/** What the text reader makes of the same bytes, decoded as a finance system's UTF-8 file would be. */
function readText(bytes: Buffer): CsvRecord[] {
  return readCsv(new TextDecoder('utf-8').decode(bytes));
}

const outcome = (f: () => CsvRecord[]) => {
  try {
    return { records: f() };
  } catch (e) {
    if (e instanceof CsvError) return { error: e.message };
    throw e;
  }
};

describe('reading CSV as bytes', () => {
  it('reads a UTF-8 BOM, Windows line endings, quoted commas and quotes as the text reader does', () => {
    const bytes = Buffer.from(
      '\uFEFFcost_centre,amount,description\r\nCC100,"(1,234.56)","Podiatry, west"\r\nCC200,-1234.56,"He said ""no"""\r\n',
    );
    expect(readBytes(bytes)).toEqual([
      { line: 1, fields: ['cost_centre', 'amount', 'description'] },
      { line: 2, fields: ['CC100', '(1,234.56)', 'Podiatry, west'] },
      { line: 3, fields: ['CC200', '-1234.56', 'He said "no"'] },
    ]);
  });

  it('keeps line numbers across a quoted line break, and reads a last line with no line break', () => {
    expect(readBytes(Buffer.from('a,"two\nlines"\nb,£c'), [3, 9])).toEqual([
      { line: 1, fields: ['a', 'two\nlines'] },
      { line: 3, fields: ['b', '£c'] },
    ]);
  });

  it('names the line of a quoted field left open', () => {
    expect(() => readBytes(Buffer.from('a,b\nc,"open\nd'))).toThrow('Line 2: a quoted field is not closed');
  });

  it('gives what the text reader gives, records or error, however the bytes are cut into chunks', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '1', '£', '\t', '\\'),
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, bom, crlf, cuts) => {
          // fields quoted as a finance system quotes them, and some raw, so that bad files are tried too
          const text =
            (bom ? '\uFEFF' : '') +
            rows
              .map((r) =>
                r
                  .map((f, i) => (i % 2 === 0 && /[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
                  .join(','),
              )
              .join(crlf ? '\r\n' : '\n');
          const bytes = Buffer.from(text, 'utf8');
          expect(outcome(() => readBytes(bytes, cuts))).toEqual(outcome(() => readText(bytes)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('splits a multi-byte character across chunks without harm', () => {
    const bytes = Buffer.from('£1,€2\n');
    for (let cut = 0; cut <= bytes.length; cut += 1)
      expect(readBytes(bytes, [cut])).toEqual([{ line: 1, fields: ['£1', '€2'] }]);
  });
});
