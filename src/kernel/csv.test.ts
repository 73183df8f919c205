import { describe, expect, it } from 'vitest';
import { csvField, csvLines } from './csv.js';

describe('CSV fields', () => {
  it('keeps a negative amount a number, so that a spreadsheet adds it up', () => {
    expect(csvField('-1234.56')).toBe('-1234.56');
    expect(csvField(-1234.56)).toBe('-1234.56');
    expect(csvLines([['SC01', '-18800.00']])).toBe('SC01,-18800.00\r\n');
  });

  it('disarms text that a spreadsheet would run as a formula', () => {
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('+44 20 7946 0000')).toBe("'+44 20 7946 0000");
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('Reablement, invoice 1')).toBe('"Reablement, invoice 1"');
    expect(csvField('the "pool"')).toBe('"the ""pool"""');
  });
});
