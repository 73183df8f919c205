/**
 * A streaming CSV reader over bytes, by the same rules as CsvReader (csvReader.ts): quoted fields with commas,
 * quotes and line breaks inside, CRLF or LF line endings, a lone CR ending a record that has quotes or CRs, and a
 * UTF-8 byte-order mark at the start. Records come out one at a time, on request (`next`), as the offsets of
 * their fields in a buffer rather than as strings: a reader of millions of rows then makes no garbage per field,
 * and can stop between records to wait for its writer. A field's text is decoded only when asked for.
 *
 * The caller pushes chunks as they arrive, takes records until `next` returns null (more input is needed), and
 * calls `end` after the last chunk. The record is one object, reused: copy what you keep.
 */
import { CsvError } from './csvReader.js';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const EMPTY = Buffer.alloc(0);

/** A record: its fields are `buf[starts[i]..ends[i])`, for i below `count`. */
export class ByteRecord {
  /** The physical line the record starts on (1 for the first line of the file). */
  line = 0;
  buf: Buffer = EMPTY;
  count = 0;
  starts = new Int32Array(16);
  ends = new Int32Array(16);

  /** The text of field `i` (empty when the record has fewer fields). */
  field(i: number): string {
    if (i >= this.count) return '';
    return this.buf.toString('utf8', this.starts[i], this.ends[i]);
  }

  /** Every field as text. */
  strings(): string[] {
    const out: string[] = new Array<string>(this.count);
    for (let i = 0; i < this.count; i += 1) out[i] = this.field(i);
    return out;
  }

  /** True when every field is empty. */
  blank(): boolean {
    for (let i = 0; i < this.count; i += 1) if (this.ends[i] !== this.starts[i]) return false;
    return true;
  }

  /** Adds a field; grows the offsets when needed. */
  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count += 1;
  }
}

export class CsvByteReader {
  /** The bytes not yet read, at the start of `own`, a buffer reused from chunk to chunk. */
  private own: Buffer = EMPTY;
  private buf: Buffer = EMPTY;
  private pos = 0;
  private final = false;
  private started = false;
  private nextLine = 1;
  // where the next quote and carriage return are, searched again only once passed (-2: not searched yet)
  private quoteAt = -2;
  private crAt = -2;
  /** Quoted records are written here unescaped (all their fields, so that one buffer holds the record). */
  private scratch = Buffer.allocUnsafe(1 << 12);
  private readonly record = new ByteRecord();

  /** Adds a chunk of bytes (copied: the caller may reuse the chunk at once). */
  push(chunk: Buffer): void {
    const rest = this.buf.length - this.pos;
    const size = rest + chunk.length;
    if (size > this.own.length) {
      const bigger = Buffer.allocUnsafe(Math.max(size, this.own.length * 2));
      this.buf.copy(bigger, 0, this.pos);
      this.own = bigger;
    } else if (rest > 0 && this.pos > 0) this.own.copyWithin(0, this.pos, this.buf.length);
    chunk.copy(this.own, rest);
    this.buf = this.own.subarray(0, size);
    this.pos = 0;
    this.quoteAt = -2;
    this.crAt = -2;
  }

  /** No more input: the last record may end without a line break. */
  end(): void {
    this.final = true;
  }

  /** The next whole record, or null when more input is needed (or, after `end`, when there is none left). */
  next(): ByteRecord | null {
    const s = this.buf;
    const n = s.length;
    if (!this.started) {
      if (n - this.pos < 3 && !this.final) return null;
      this.started = true;
      if (s[this.pos] === 0xef && s[this.pos + 1] === 0xbb && s[this.pos + 2] === 0xbf) this.pos += 3;
    }
    const pos = this.pos;
    if (pos >= n) return null;
    const lf = s.indexOf(LF, pos);
    if (lf === -1 && !this.final) return null;
    const end = lf === -1 ? n : lf;
    if (this.quoteAt !== -1 && this.quoteAt < pos) this.quoteAt = s.indexOf(QUOTE, pos);
    if (this.crAt !== -1 && this.crAt < pos) this.crAt = s.indexOf(CR, pos);
    const plain = this.quoteAt === -1 || this.quoteAt > end;
    const crFree = this.crAt === -1 || this.crAt >= end - 1;
    const r = this.record;
    if (plain && crFree) {
      const stop = this.crAt === end - 1 && end > pos ? end - 1 : end;
      r.line = this.nextLine;
      r.buf = s;
      r.count = 0;
      let from = pos;
      for (let i = pos; i < stop; i += 1) {
        if (s[i] === COMMA) {
          r.add(from, i);
          from = i + 1;
        }
      }
      r.add(from, stop);
      this.nextLine += 1;
      this.pos = end + 1;
      return r;
    }
    const lines = this.parseQuoted(s, pos);
    if (lines === 0) return null;
    r.line = this.nextLine;
    this.nextLine += lines;
    return r;
  }

  private room(used: number, more: number): void {
    if (used + more <= this.scratch.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, used + more));
    this.scratch.copy(bigger, 0, 0, used);
    this.scratch = bigger;
  }

  /**
   * Parses one record from `pos` into the scratch buffer, as CsvReader's parseRecord does; returns the number
   * of lines it spans (moving past it), or 0 when the input ends inside it and more may come.
   */
  private parseQuoted(s: Buffer, pos: number): number {
    const n = s.length;
    const final = this.final;
    const r = this.record;
    r.count = 0;
    let used = 0;
    let lines = 1;
    let i = pos;
    for (;;) {
      const start = used;
      if (i < n && s[i] === QUOTE) {
        // quoted field: "" is a quote; runs to the closing quote
        let j = i + 1;
        for (;;) {
          const q = s.indexOf(QUOTE, j);
          if (q === -1) {
            if (!final) return 0;
            throw new CsvError(this.nextLine, 'a quoted field is not closed before the end of the file');
          }
          for (let k = j; k < q; k += 1) if (s[k] === LF) lines += 1;
          this.room(used, q - j + 1);
          s.copy(this.scratch, used, j, q);
          used += q - j;
          if (q + 1 < n && s[q + 1] === QUOTE) {
            this.scratch[used] = QUOTE;
            used += 1;
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return 0;
          i = q + 1;
          break;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = s[j];
          if (c === COMMA || c === LF || c === CR) break;
          j += 1;
        }
        if (j >= n && !final) return 0;
        this.room(used, j - i);
        s.copy(this.scratch, used, i, j);
        used += j - i;
        i = j;
      }
      r.add(start, used);
      if (i >= n) return this.done(i, lines);
      const c = s[i];
      if (c === COMMA) {
        i += 1;
        if (i >= n && !final) return 0;
        if (i >= n) {
          r.add(used, used);
          return this.done(i, lines);
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return 0;
        return this.done(s[i + 1] === LF ? i + 2 : i + 1, lines);
      }
      if (c === LF) return this.done(i + 1, lines);
      // the character named in the error may be cut off by the end of this chunk
      if (i + 4 > n && !final) return 0;
      const character = s.toString('utf8', i, Math.min(n, i + 4)).charAt(0);
      throw new CsvError(this.nextLine, `unexpected character after a quoted field: ${character}`);
    }
  }

  private done(next: number, lines: number): number {
    this.record.buf = this.scratch;
    this.pos = next;
    return lines;
  }
}
