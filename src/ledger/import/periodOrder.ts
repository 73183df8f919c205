/**
 * Postings held back in runs and written period by period, in the order read within a period: each period's
 * entry is opened as its first row is met, and written together its postings take line numbers in order, so
 * that the primary key (entry, line) grows at one end. A run holds at most RUN_ROWS rows, so that memory stays
 * flat however long the file is; a file shorter than a run is written wholly in order.
 *
 * Each row is kept as COPY text without its start (partnership, entry and line number): the line numbers are
 * given as the rows are written, in the order written.
 *
 * (Until migration 0032 the rows went in the order of their transaction references too, for the unique index on
 * references; the check at commit that replaced it reads each entry's postings whatever their order.)
 */
import { CopyLineWriter } from '../../db/copyIn.js';

export const RUN_ROWS = 1 << 16;

/** Runs finished with, kept for the next import: a run's buffer grows to megabytes, better made once. */
const spare: PeriodOrderedRows[] = [];

export class PeriodOrderedRows {
  /** A run to use (one kept from an earlier import, or a new one); `give` it back when done. */
  static take(): PeriodOrderedRows {
    return spare.pop() ?? new PeriodOrderedRows();
  }

  /** Returns a run taken with `take`, emptied, for the next import. */
  static give(run: PeriodOrderedRows): void {
    run.clear();
    if (spare.length < 4) spare.push(run);
  }

  /** The rows' text, each from the tab before its fund to its line break. */
  readonly rows = new CopyLineWriter();
  private starts = new Int32Array(1024);
  private periods = new Uint8Array(1024);
  private rowStart = 0;
  count = 0;

  /** Call before writing a row's text to `rows`. */
  begin(): void {
    this.rowStart = this.rows.at;
  }

  /** Ends the row, written for `period`; true when the run is full and should be written out. */
  end(period: number): boolean {
    const i = this.count;
    if (i === this.starts.length) this.grow();
    this.starts[i] = this.rowStart;
    this.periods[i] = period;
    this.count = i + 1;
    return this.count >= RUN_ROWS;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const periods = new Uint8Array(size);
    starts.set(this.starts);
    periods.set(this.periods);
    this.starts = starts;
    this.periods = periods;
  }

  /** The rows by period, in the order read within each (a counting sort: periods are 1 to 12). */
  order(): Int32Array {
    const n = this.count;
    const periods = this.periods;
    const next = new Int32Array(14);
    for (let i = 0; i < n; i += 1) {
      const p = (periods[i] ?? 0) + 1;
      next[p] = (next[p] ?? 0) + 1;
    }
    for (let p = 1; p < 14; p += 1) next[p] = (next[p] ?? 0) + (next[p - 1] ?? 0);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i += 1) {
      const p = periods[i] ?? 0;
      const at = next[p] ?? 0;
      order[at] = i;
      next[p] = at + 1;
    }
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
