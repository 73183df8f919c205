import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ReferenceOrderedRows } from './referenceOrder.js';

/** Holds rows with these references (null: none), each row's text being its own number, in these periods. */
function hold(refs: (string | null)[], periods: number[] = []): ReferenceOrderedRows {
  const run = new ReferenceOrderedRows();
  refs.forEach((ref, i) => {
    run.begin();
    run.rows.int(i);
    run.rows.tab();
    if (ref !== null) {
      const at = run.rows.at;
      const bytes = Buffer.from(ref);
      run.rows.text(bytes, 0, bytes.length, false);
      run.reference(at, run.rows.at);
    }
    run.rows.end();
    run.end(periods[i] ?? 1);
  });
  return run;
}

const rowsOf = (run: ReferenceOrderedRows) =>
  [...run.order()].map((i) =>
    Number(run.rows.buf.toString('utf8', run.start(i), run.stop(i)).split('\t')[0]),
  );

describe('rows held to be written in the order of their references', () => {
  it('gives every row once, those with a reference first, in the order of the references after their common prefix', () => {
    const refs = ['INV-0042', null, 'INV-0007', 'INV-0100', null, 'INV-0009'];
    expect(rowsOf(hold(refs))).toEqual([2, 5, 0, 3, 1, 4]);
  });

  it("keeps each period's rows together, in the order of the periods, so that each entry's lines go in at once", () => {
    const refs = ['INV-0042', 'INV-0007', null, 'INV-0100', 'INV-0009', 'INV-0001'];
    expect(rowsOf(hold(refs, [12, 3, 3, 1, 12, 3]))).toEqual([3, 5, 1, 2, 4, 0]);
  });

  it('is a permutation of the rows whatever the references', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ maxLength: 8 }), { nil: null }), { maxLength: 200 }),
        (refs) => {
          const order = rowsOf(hold(refs));
          expect([...order].sort((a, b) => a - b)).toEqual(refs.map((_, i) => i));
          // rows without a reference come last
          const firstWithout = order.findIndex((i) => refs[i] === null);
          if (firstWithout >= 0) expect(order.slice(firstWithout).every((i) => refs[i] === null)).toBe(true);
        },
      ),
    );
  });
});
