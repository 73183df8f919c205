/**
 * A streaming CSV reader (RFC 4180 as finance systems write it): quoted fields with commas, quotes and line
 * breaks inside, CRLF or LF line endings, and a UTF-8 byte-order mark. Chunks go in as they arrive and whole
 * records come out with the line they started on, so that memory stays flat however long the file is.
 */
export interface CsvRecord {
  /** The physical line the record starts on (1 for the first line of the file). */
  line: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export type RecordCallback = (line: number, fields: string[]) => void;

export class CsvReader {
  private buffer = '';
  private nextLine = 1;
  private started = false;

  /** Adds a chunk of text and returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.pushEach(chunk, (line, fields) => out.push({ line, fields }));
    return out;
  }

  /** Ends the input and returns the last record, if the file did not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.endEach((line, fields) => out.push({ line, fields }));
    return out;
  }

  /** Adds a chunk of text and calls `each` with every record it completes, building no list of them. */
  pushEach(chunk: string, each: RecordCallback): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buffer = this.buffer.length === 0 ? chunk : this.buffer + chunk;
    this.drain(false, each);
  }

  /** Ends the input, calling `each` with the last record if the file did not end with a line break. */
  endEach(each: RecordCallback): void {
    this.drain(true, each);
  }

  private drain(final: boolean, each: RecordCallback): void {
    const s = this.buffer;
    const n = s.length;
    let pos = 0;
    // where the next quote and carriage return are, searched again only once passed: a line without either
    // (the usual case) is split at its commas in one step
    let quoteAt = -2;
    let crAt = -2;
    for (;;) {
      if (pos >= n) break;
      const lf = s.indexOf('\n', pos);
      if (lf === -1 && !final) break;
      const end = lf === -1 ? n : lf;
      if (quoteAt !== -1 && quoteAt < pos) quoteAt = s.indexOf('"', pos);
      if (crAt !== -1 && crAt < pos) crAt = s.indexOf('\r', pos);
      const plain = quoteAt === -1 || quoteAt > end;
      const crFree = crAt === -1 || crAt >= end - 1;
      if (plain && crFree) {
        const stop = crAt === end - 1 && end > pos ? end - 1 : end;
        each(this.nextLine, s.slice(pos, stop).split(','));
        this.nextLine += 1;
        pos = end + 1;
        continue;
      }
      const parsed = this.parseRecord(s, pos, final);
      if (parsed === null) break;
      each(this.nextLine, parsed.fields);
      this.nextLine += parsed.lines;
      pos = parsed.next;
    }
    this.buffer = pos >= n ? '' : s.slice(pos);
  }

  /** Parses one record from `pos`; null when the buffer ends inside it and more input may come. */
  private parseRecord(
    s: string,
    pos: number,
    final: boolean,
  ): { fields: string[]; next: number; lines: number } | null {
    const n = s.length;
    const fields: string[] = [];
    let lines = 1;
    let i = pos;
    for (;;) {
      if (i < n && s.charCodeAt(i) === QUOTE) {
        // quoted field: "" is a quote; runs to the closing quote
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q === -1) {
            if (!final) return null;
            throw new CsvError(this.nextLine, 'a quoted field is not closed before the end of the file');
          }
          const piece = s.slice(j, q);
          for (let k = 0; k < piece.length; k += 1) if (piece.charCodeAt(k) === LF) lines += 1;
          value += piece;
          if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return null;
          i = q + 1;
          break;
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = s.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j += 1;
        }
        if (j >= n && !final) return null;
        fields.push(s.slice(i, j));
        i = j;
      }
      if (i >= n) return { fields, next: i, lines };
      const c = s.charCodeAt(i);
      if (c === COMMA) {
        i += 1;
        if (i >= n && !final) return null;
        if (i >= n) {
          fields.push('');
          return { fields, next: i, lines };
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return null;
        return { fields, next: s.charCodeAt(i + 1) === LF ? i + 2 : i + 1, lines };
      }
      if (c === LF) return { fields, next: i + 1, lines };
      throw new CsvError(this.nextLine, `unexpected character after a quoted field: ${s.charAt(i)}`);
    }
  }
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`Line ${line}: ${reason}`);
  }
}

/** Reads a whole CSV text at once. */
export function readCsv(text: string): CsvRecord[] {
  const r = new CsvReader();
  return [...r.push(text), ...r.end()];
}
