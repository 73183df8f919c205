/**
 * Writing many rows fast, inside the caller's transaction (DESIGN.md, "Testing": COPY is the fast way in).
 *
 * On PostgreSQL: `COPY ... FROM STDIN`. node-postgres runs any object with a `submit` method as a query (a
 * "submittable"); this one sends the COPY statement, then the data as CopyData messages, then CopyDone. Going
 * through Kysely's `executeQuery` keeps the COPY on the transaction's connection, so it commits or rolls back
 * with everything else. PGlite's wire protocol has no COPY FROM STDIN (it stops the process): there the rows go
 * as COPY from blobs through PGlite's own query when its instance is at hand, else in batches of
 * `INSERT ... SELECT FROM unnest(array, ...)`, one array parameter per column.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Executor } from './connection.js';

/** The part of a node-postgres connection that the COPY sub-protocol uses. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream?: {
    writableLength?: number;
    once?(event: 'drain', listener: () => void): unknown;
    write?(chunk: Buffer, callback: (error?: Error | null) => void): boolean;
  };
}

interface CopyResult {
  command: 'COPY';
  rowCount: number;
  rows: never[];
}

/** The submittable: node-postgres calls `submit`, then the `handle...` methods as the server answers. */
class CopyFromStdin implements PromiseLike<CopyResult> {
  callback: ((err: Error | null, res?: CopyResult) => void) | undefined;
  private error: Error | null = null;
  private rowCount = 0;
  private readonly ready: Promise<CopyConnection>;
  private readyWith!: (c: CopyConnection) => void;
  private readyFailed!: (e: Error) => void;
  private readonly done: Promise<CopyResult>;
  private doneWith!: (r: CopyResult) => void;
  private doneFailed!: (e: Error) => void;

  constructor(readonly text: string) {
    this.ready = new Promise((resolve, reject) => {
      this.readyWith = resolve;
      this.readyFailed = reject;
    });
    this.done = new Promise((resolve, reject) => {
      this.doneWith = resolve;
      this.doneFailed = reject;
    });
    // the caller awaits one or the other; neither may go unhandled
    this.ready.catch(() => undefined);
    this.done.catch(() => undefined);
  }

  then<A = CopyResult, B = never>(
    onfulfilled?: ((value: CopyResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.done.then(onfulfilled, onrejected);
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    this.readyWith(connection);
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    this.rowCount = m ? Number(m[1]) : 0;
  }

  handleError(err: Error): void {
    // node-postgres forgets the query on an error, so the COPY is over now: settle both promises
    this.error = err;
    this.readyFailed(err);
    this.doneFailed(err);
    this.callback?.(err);
  }

  handleReadyForQuery(): void {
    const result: CopyResult = { command: 'COPY', rowCount: this.rowCount, rows: [] };
    if (this.error) this.doneFailed(this.error);
    else this.doneWith(result);
    this.callback?.(this.error, result);
  }

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  get copied(): number {
    return this.rowCount;
  }

  get failed(): boolean {
    return this.error !== null;
  }

  waitReady(): Promise<CopyConnection> {
    return this.ready;
  }
}

const SPECIAL = /[\\\t\n\r]/;

/** Escapes a value for COPY's text format: backslash, tab, newline and carriage return; null as \N. */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** A row in COPY's text format, ending with its line break. */
function copyLine(row: readonly BulkValue[]): string {
  let line = copyText(row[0] ?? null);
  for (let i = 1; i < row.length; i += 1) line += '\t' + copyText(row[i] ?? null);
  return line + '\n';
}

/** Quotes a value as an element of a PostgreSQL array literal. */
function arrayElement(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

export type BulkValue = string | number | null;

/** A column to write and its SQL type (for the arrays on PGlite). */
export interface BulkColumn {
  name: string;
  type: 'bigint' | 'integer' | 'smallint' | 'text';
}

/** Takes rows one at a time; `finish` when done, or `abort` to stop without finishing. */
export interface BulkSink {
  add(row: readonly BulkValue[]): Promise<void> | undefined;
  /**
   * Takes a row already written as a line of COPY's text format (values escaped by `copyText`, separated by
   * tabs, ending with a line break): the fast way for a caller that writes many rows of one shape.
   */
  addLine(line: string): Promise<void> | undefined;
  /** Takes rows already written as whole lines of COPY's text format in bytes (see CopyLineWriter). */
  addBytes(buf: Buffer, start: number, end: number): Promise<void> | undefined;
  /** Writes what is left and returns the number of rows written. */
  finish(): Promise<number>;
  /**
   * Stops without writing what is left: a COPY in progress is failed, so that the connection is free for the
   * transaction's rollback. The caller must roll the transaction back. Never throws.
   */
  abort(): Promise<void>;
}

/** The values of a line of COPY's text format (the inverse of `copyLine`), for the engines that take values. */
function valuesOfLine(line: string): BulkValue[] {
  const end = line.endsWith('\n') ? line.length - 1 : line.length;
  return line
    .slice(0, end)
    .split('\t')
    .map((v) =>
      v === '\\N'
        ? null
        : v.includes('\\')
          ? v.replace(/\\([\\tnr])/g, (_, c: string) =>
              c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\',
            )
          : v,
    );
}

/** What `isPglite` found for each database handle (a handle's server never changes). */
const pgliteFound = new WeakMap<Executor, boolean>();

/** True when the database is PGlite (Postgres compiled to WebAssembly). */
export async function isPglite(db: Executor): Promise<boolean> {
  const known = pgliteFound.get(db);
  if (known !== undefined) return known;
  const r = await sql<{ version: string }>`select version() as version`.execute(db);
  const found = /PGlite|emscripten/.test(r.rows[0]?.version ?? '');
  pgliteFound.set(db, found);
  return found;
}

const HIGH_WATER = 1 << 20;
/** At most this many bytes of COPY data waiting in the socket's queue (more than a run of sorted postings). */
const QUEUED = 8 << 20;
/**
 * Pieces the socket has taken, kept for the next COPY (an import starts one per journal entry, and a fresh
 * buffer costs the kernel a page fault a page): at most SPARE_PIECES, enough for the queue of two COPYs.
 */
const sparePieces: Buffer[] = [];
const COPY_PIECE = 1 << 18;
const SPARE_PIECES = 2 * (QUEUED / COPY_PIECE + 2);
/** The header of a CopyData message: its type byte and its length. */
const HEADER = 5;
const ARRAY_BATCH = 20_000;

/** Starts a COPY into `table` on PostgreSQL; rows added are sent in pieces, waiting when the server is behind. */
async function copySink(db: Executor, table: string, columns: readonly BulkColumn[]): Promise<BulkSink> {
  const copy = new CopyFromStdin(`copy ${table} (${columns.map((c) => c.name).join(', ')}) from stdin`);
  const running = db.executeQuery({ ...CompiledQuery.raw(''), sql: copy as unknown as string });
  running.catch(() => undefined);
  const connection = await Promise.race([copy.waitReady(), running.then(() => null)]);
  if (connection === null) throw new Error('The COPY ended before it started');
  const stream = connection.stream;
  // Lines are encoded straight into a buffer that goes to the socket as one CopyData message (its five-byte
  // header written in front), without node-postgres copying it into a message of its own; buffers the socket
  // has taken are reused. Up to QUEUED bytes may wait in the socket's queue, so that a caller that hands over
  // rows in bursts (a run of sorted rows) goes back to its reading while the server works through the last
  // burst, rather than waiting for it. A million rows then make neither long-lived strings nor a new buffer per
  // piece for the garbage collector, and memory stays within QUEUED and a piece.
  const write = stream?.write?.bind(stream);
  const fresh = () => sparePieces.pop() ?? Buffer.allocUnsafe(COPY_PIECE * 2);
  let piece = fresh();
  let used = HEADER;
  let rows = 0;
  // bytes handed to the socket and not yet taken; the socket's error; who waits for the queue to shorten
  let queued = 0;
  let socketError: Error | null = null;
  // read through a call: the socket's callback sets it between awaits
  const failure = (): Error | null => socketError;
  let wake: (() => void) | null = null;
  const send = async () => {
    if (copy.failed) await running; // throws the server's error, which ends the producer
    const before = failure();
    if (before) throw before;
    if (used === HEADER) return;
    if (write) {
      // CopyData: 'd', then the length of the message without its type byte
      piece[0] = 0x64;
      piece.writeInt32BE(used - 1, 1);
      const sent = piece;
      const size = used;
      queued += size;
      write(sent.subarray(0, size), (error) => {
        queued -= size;
        if (error) socketError ??= error;
        else if (sparePieces.length < SPARE_PIECES && sent.length === COPY_PIECE * 2) sparePieces.push(sent);
        const w = wake;
        wake = null;
        w?.();
      });
      piece = fresh();
      used = HEADER;
      while (queued > QUEUED && failure() === null)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      const after = failure();
      if (after) throw after;
      return;
    }
    connection.sendCopyFromChunk(piece.subarray(HEADER, used));
    used = HEADER;
    if (stream?.writableLength !== undefined && stream.writableLength > HIGH_WATER && stream.once)
      await new Promise<void>((resolve) => stream.once?.('drain', resolve));
  };
  const grow = (more: number) => {
    const bigger = Buffer.allocUnsafe(Math.max(piece.length, used + more));
    piece.copy(bigger, 0, 0, used);
    piece = bigger;
  };
  const addLine = (line: string) => {
    rows += 1;
    // a UTF-8 character takes at most three bytes per UTF-16 unit
    if (line.length * 3 > piece.length - used) grow(line.length * 3);
    used += piece.write(line, used);
    return used >= COPY_PIECE + HEADER ? send() : undefined;
  };
  const addBytes = (buf: Buffer, start: number, end: number) => {
    rows += linesIn(buf, start, end);
    if (end - start > piece.length - used) grow(end - start);
    used += buf.copy(piece, used, start, end);
    return used >= COPY_PIECE + HEADER ? send() : undefined;
  };
  let over = false;
  return {
    add: (row) => addLine(copyLine(row)),
    addLine,
    addBytes,
    async finish() {
      await send();
      over = true;
      if (!copy.failed) connection.endCopyFrom();
      await running;
      return copy.copied || rows;
    },
    async abort() {
      used = HEADER;
      if (over) return;
      over = true;
      if (!copy.failed) connection.sendCopyFail('abandoned by the caller');
      await running.catch(() => undefined);
    },
  };
}

/** Inserts into `table` in batches of array parameters (PGlite). */
function arraySink(db: Executor, table: string, columns: readonly BulkColumn[]): BulkSink {
  let batch: string[][] = columns.map(() => []);
  let inBatch = 0;
  let rows = 0;
  const names = sql.raw(columns.map((c) => c.name).join(', '));
  const flush = async () => {
    if (inBatch === 0) return;
    const arrays = batch.map(
      (values, i) => sql`${'{' + values.join(',') + '}'}::${sql.raw(columns[i]?.type ?? 'text')}[]`,
    );
    batch = columns.map(() => []);
    inBatch = 0;
    await sql`insert into ${sql.raw(table)} (${names}) select * from unnest(${sql.join(arrays)})`.execute(db);
  };
  const add = (row: readonly BulkValue[]) => {
    rows += 1;
    for (let i = 0; i < columns.length; i += 1) batch[i]?.push(arrayElement(row[i] ?? null));
    inBatch += 1;
    return inBatch >= ARRAY_BATCH ? flush() : undefined;
  };
  return {
    add,
    addLine: (line) => add(valuesOfLine(line)),
    addBytes(buf, start, end) {
      // one or more lines; a value never holds a line break (COPY's text format escapes it)
      const lines = buf.toString('utf8', start, end).split('\n');
      let wait: Promise<void> | undefined;
      for (let i = 0; i < lines.length - 1; i += 1) wait = add(valuesOfLine(lines[i] ?? '')) ?? wait;
      return wait;
    },
    async finish() {
      await flush();
      return rows;
    },
    abort() {
      batch = columns.map(() => []);
      inBatch = 0;
      return Promise.resolve();
    },
  };
}

/** PGlite's own query, which can COPY from a blob: the one way into PGlite at COPY's speed. */
export interface PgliteBlobQuery {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/**
 * How rows go in: COPY FROM STDIN (PostgreSQL); COPY from a blob through PGlite's own query, which runs in the
 * transaction that its one connection has open; or arrays (PGlite, when only its Kysely handle is at hand).
 */
export type BulkEngine = 'copy' | 'arrays' | { pglite: PgliteBlobQuery };

const BLOB_PIECE = 4 << 20;

/** The number of lines (line breaks) in `buf[start..end)`. */
function linesIn(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let at = buf.indexOf(10, start); at !== -1 && at < end; at = buf.indexOf(10, at + 1)) n += 1;
  return n;
}

/** COPY from blobs of a few megabytes each (PGlite). */
function blobSink(pglite: PgliteBlobQuery, table: string, columns: readonly BulkColumn[]): BulkSink {
  const statement = `copy ${table} (${columns.map((c) => c.name).join(', ')}) from '/dev/blob'`;
  // lines given as text and as bytes, in order: the text so far is closed into a part when bytes come
  let text = '';
  let parts: (string | Buffer)[] = [];
  let size = 0;
  let rows = 0;
  const send = async () => {
    if (text.length > 0) parts.push(text);
    if (parts.length === 0) return;
    const blob = new Blob(parts);
    text = '';
    parts = [];
    size = 0;
    await pglite.query(statement, [], { blob });
  };
  return {
    add(row) {
      rows += 1;
      const line = copyLine(row);
      text += line;
      size += line.length;
      return size >= BLOB_PIECE ? send() : undefined;
    },
    addLine(line) {
      rows += 1;
      text += line;
      size += line.length;
      return size >= BLOB_PIECE ? send() : undefined;
    },
    addBytes(buf, start, end) {
      rows += linesIn(buf, start, end);
      if (text.length > 0) {
        parts.push(text);
        text = '';
      }
      const last = parts[parts.length - 1];
      // consecutive byte lines share one growing buffer, copied out of the caller's
      if (last instanceof Buffer && last.length + end - start <= last.buffer.byteLength - last.byteOffset) {
        const grown = Buffer.from(last.buffer, last.byteOffset, last.length + end - start);
        buf.copy(grown, last.length, start, end);
        parts[parts.length - 1] = grown;
      } else {
        const fresh = Buffer.allocUnsafeSlow(Math.max(1 << 20, end - start));
        buf.copy(fresh, 0, start, end);
        parts.push(fresh.subarray(0, end - start));
      }
      size += end - start;
      return size >= BLOB_PIECE ? send() : undefined;
    },
    async finish() {
      await send();
      return rows;
    },
    abort() {
      text = '';
      parts = [];
      size = 0;
      return Promise.resolve();
    },
  };
}

/** The engine for a database: COPY on PostgreSQL; on PGlite, blobs when its instance is given, else arrays. */
export async function bulkEngineFor(db: Executor, pglite?: PgliteBlobQuery): Promise<BulkEngine> {
  if (!(await isPglite(db))) return 'copy';
  return pglite ? { pglite } : 'arrays';
}

/**
 * Opens a fast writer of rows into `table`, inside the transaction `db` (see BulkEngine). Await what `add`
 * returns when it returns a promise (that is how the writer holds memory flat). A constraint the rows break is
 * thrown by `add` or `finish`, and the transaction is then aborted.
 */
export async function bulkInsert(
  db: Executor,
  engine: BulkEngine,
  table: string,
  columns: readonly BulkColumn[],
): Promise<BulkSink> {
  if (engine === 'copy') return copySink(db, table, columns);
  if (engine === 'arrays') return arraySink(db, table, columns);
  return blobSink(engine.pglite, table, columns);
}

const BACKSLASH = 92;
const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;

/**
 * Writes rows of COPY's text format as bytes, into one buffer reused for every batch: values copied from the
 * bytes they were read from (escaped as `copyText` escapes them), numbers written as digits, and no string made
 * on the way. Write a row's values with `tab` between them and `end` it; hand the rows so far, `buf[0..at)`, to
 * a sink's `addBytes` every so often, and `clear`.
 */
export class CopyLineWriter {
  buf = Buffer.allocUnsafe(1 << 17);
  at = 0;

  /** Forgets the rows written. */
  clear(): void {
    this.at = 0;
  }

  private room(more: number): void {
    if (this.at + more <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + more));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  /** Bytes already in COPY's text format (a value written before, with its tabs). */
  raw(b: Buffer): void {
    this.room(b.length);
    // a loop: for the few bytes of a value, cheaper than Buffer.copy
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < b.length; i += 1, at += 1) buf[at] = b[i] ?? 0;
    this.at = at;
  }

  /** Bytes already in COPY's text format, from `src[start..end)` (rows written before, say). */
  copy(src: Buffer, start: number, end: number): void {
    this.room(end - start);
    if (end - start > 256) {
      this.at += src.copy(this.buf, this.at, start, end);
      return;
    }
    // a loop: for a row's hundred bytes, cheaper than Buffer.copy's call
    const buf = this.buf;
    let at = this.at;
    for (let i = start; i < end; i += 1, at += 1) buf[at] = src[i] ?? 0;
    this.at = at;
  }

  /** A whole number, as digits. */
  int(n: number): void {
    this.room(24);
    let v = n;
    if (v < 0) {
      this.buf[this.at] = 45;
      this.at += 1;
      v = -v;
    }
    // count the digits, then write them from the last
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits += 1;
    const buf = this.buf;
    let at = this.at + digits - 1;
    do {
      const q = Math.floor(v / 10);
      buf[at] = 48 + v - q * 10;
      at -= 1;
      v = q;
    } while (v > 0);
    this.at += digits;
  }

  /** Text from `src[start..end)` (UTF-8), escaped; an empty range is written as null (\N) when `emptyIsNull`. */
  text(src: Buffer, start: number, end: number, emptyIsNull: boolean): void {
    if (start === end && emptyIsNull) {
      this.room(2);
      this.buf[this.at] = BACKSLASH;
      this.buf[this.at + 1] = 78;
      this.at += 2;
      return;
    }
    this.room((end - start) * 2);
    const buf = this.buf;
    let at = this.at;
    for (let i = start; i < end; i += 1) {
      const c = src[i] ?? 0;
      if (c === BACKSLASH || c === TAB || c === NEWLINE || c === RETURN) {
        buf[at] = BACKSLASH;
        buf[at + 1] = c === BACKSLASH ? BACKSLASH : c === TAB ? 116 : c === NEWLINE ? 110 : 114;
        at += 2;
      } else {
        buf[at] = c;
        at += 1;
      }
    }
    this.at = at;
  }

  tab(): void {
    this.room(1);
    this.buf[this.at] = TAB;
    this.at += 1;
  }

  end(): void {
    this.room(1);
    this.buf[this.at] = NEWLINE;
    this.at += 1;
  }
}
