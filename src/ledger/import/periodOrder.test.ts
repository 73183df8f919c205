import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PeriodOrderedRows } from './periodOrder.js';

/** Holds rows in these periods, each row's text being its own number. */
function hold(periods: number[]): PeriodOrderedRows {
  const run = new PeriodOrderedRows();
  periods.forEach((period, i) => {
    run.begin();
    run.rows.int(i);
    run.rows.tab();
    run.rows.end();
    run.end(period);
  });
  return run;
}

const rowsOf = (run: PeriodOrderedRows) =>
  [...run.order()].map((i) =>
    Number(run.rows.buf.toString('utf8', run.start(i), run.stop(i)).split('\t')[0]),
  );

describe('rows held to be written period by period', () => {
  it("keeps each period's rows together, in the order of the periods and as read within each", () => {
    expect(rowsOf(hold([12, 3, 3, 1, 12, 3]))).toEqual([3, 1, 2, 5, 0, 4]);
  });

  it('gives every row once, periods ascending and rows of a period in the order read, for any periods', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 300 }), (periods) => {
        const order = rowsOf(hold(periods));
        const expected = periods.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(order).toEqual(expected.map(([, i]) => i));
      }),
    );
  });

  it('grows past its first size and forgets its rows when cleared', () => {
    const run = hold(Array.from({ length: 5000 }, (_, i) => 12 - (i % 12)));
    expect(run.count).toBe(5000);
    expect(rowsOf(run).slice(0, 3)).toEqual([11, 23, 35]);
    run.clear();
    expect(run.count).toBe(0);
    expect([...run.order()]).toEqual([]);
  });
});
