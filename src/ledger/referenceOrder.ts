/**
 * Postings held back in runs and written in the order of their transaction references. The database keeps a
 * unique index on the reference (a reference imported twice is refused); rows that reach it in the index's own
 * order go into neighbouring leaf pages that fill from left to right, where rows in a file's order land all
 * over the index, splitting pages half-empty (on this project's benchmark, measured with psql: 1.2 µs less per
 * posting, and an index a third smaller). A run holds at most RUN_ROWS rows, so that memory stays flat
 * however long the file is; a file shorter than a run is written wholly in order.
 *
 * Each row is kept as COPY text without its start (partnership, entry and line number): the line numbers are
 * given as the rows are written, in the order written, so that the primary key (entry, line) also grows in
 * order.
 */
import { CopyLineWriter } from '../db/copyIn.js';

export const RUN_ROWS = 1 << 16;
/** A period's place in a row's sort key: above the reference's four bytes and the "no reference" mark. */
const PERIOD_STEP = 2 ** 33;

/** Runs finished with, kept for the next import: a run's buffer grows to megabytes, better made once. */
const spare: ReferenceOrderedRows[] = [];

export class ReferenceOrderedRows {
  /** A run to use (one kept from an earlier import, or a new one); `give` it back when done. */
  static take(): ReferenceOrderedRows {
    return spare.pop() ?? new ReferenceOrderedRows();
  }

  /** Returns a run taken with `take`, emptied, for the next import. */
  static give(run: ReferenceOrderedRows): void {
    run.clear();
    if (spare.length < 4) spare.push(run);
  }

  /** The rows' text, each from the tab before its fund to its line break. */
  readonly rows = new CopyLineWriter();
  private starts = new Int32Array(1024);
  private refStarts = new Int32Array(1024);
  private refEnds = new Int32Array(1024);
  private periods = new Uint8Array(1024);
  private rowStart = 0;
  private refStart = -1;
  private refEnd = -1;
  count = 0;

  /** Call before writing a row's text to `rows`. */
  begin(): void {
    this.rowStart = this.rows.at;
    this.refStart = -1;
    this.refEnd = -1;
  }

  /** Marks the reference as written between `start` and `end` of `rows` (leave unmarked for none). */
  reference(start: number, end: number): void {
    this.refStart = start;
    this.refEnd = end;
  }

  /** Ends the row, written for `period`; true when the run is full and should be written out. */
  end(period: number): boolean {
    const i = this.count;
    if (i === this.starts.length) this.grow();
    this.starts[i] = this.rowStart;
    this.refStarts[i] = this.refStart;
    this.refEnds[i] = this.refEnd;
    this.periods[i] = period;
    this.count = i + 1;
    return this.count >= RUN_ROWS;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const refStarts = new Int32Array(size);
    const refEnds = new Int32Array(size);
    const periods = new Uint8Array(size);
    starts.set(this.starts);
    refStarts.set(this.refStarts);
    refEnds.set(this.refEnds);
    periods.set(this.periods);
    this.starts = starts;
    this.refStarts = refStarts;
    this.refEnds = refEnds;
    this.periods = periods;
  }

  /**
   * The rows by period, then in the order of their references, near enough: by the four bytes that follow the
   * prefix common to the run's references (rows without a reference last), then as read. Period first, so that
   * each entry's postings go in together and the primary key (entry, line) grows at one end; by reference within
   * it, for the reference index. The order serves the indexes' locality only, never a rule, so an approximate
   * order that a typed array sorts natively (one number per row: period, four bytes of reference, and the row's
   * index in the low 16 bits, 53 bits in all) is worth more than an exact one sorted with a comparator.
   */
  order(): Int32Array {
    const n = this.count;
    const buf = this.rows.buf;
    const rs = this.refStarts;
    const re = this.refEnds;
    let first = -1;
    let common = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < n; i += 1) {
      const s = rs[i] ?? -1;
      if (s < 0) continue;
      if (first < 0) {
        first = s;
        common = (re[i] ?? 0) - s;
        continue;
      }
      const m = Math.min(common, (re[i] ?? 0) - s);
      let k = 0;
      while (k < m && buf[s + k] === buf[first + k]) k += 1;
      common = k;
    }
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      const s = rs[i] ?? -1;
      let key = 0x100000000;
      if (s >= 0) {
        const e = re[i] ?? 0;
        key = 0;
        for (let k = s + common; k < s + common + 4; k += 1) key = key * 256 + (k < e ? (buf[k] ?? 0) : 0);
      }
      keys[i] = ((this.periods[i] ?? 0) * PERIOD_STEP + key) * RUN_ROWS + i;
    }
    keys.sort();
    const order = new Int32Array(n);
    for (let i = 0; i < n; i += 1) order[i] = (keys[i] ?? 0) % RUN_ROWS;
    return order;
  }

  /** Row `i`'s period, and where its text is in `rows`. */
  period(i: number): number {
    return this.periods[i] ?? 0;
  }

  start(i: number): number {
    return this.starts[i] ?? 0;
  }

  stop(i: number): number {
    return i + 1 < this.count ? (this.starts[i + 1] ?? 0) : this.rows.at;
  }

  /** Forgets every row. */
  clear(): void {
    this.rows.clear();
    this.count = 0;
  }
}
