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

export class CsvReader {
  private buffer = '';
  private nextLine = 1;
  private started = false;

  /** Adds a chunk of text and returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buffer += chunk;
    return this.drain(false);
  }

  /** Ends the input and returns the last record, if the file did not end with a line break. */
  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const s = this.buffer;
    const n = s.length;
    let pos = 0;
    for (;;) {
      if (pos >= n) break;
      const parsed = this.parseRecord(s, pos, final);
      if (parsed === null) break;
      out.push({ line: this.nextLine, fields: parsed.fields });
      this.nextLine += parsed.lines;
      pos = parsed.next;
    }
    this.buffer = s.slice(pos);
    return out;
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
