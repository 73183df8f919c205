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
  stream?: { writableLength?: number; once?(event: 'drain', listener: () => void): unknown };
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

/** True when the database is PGlite (Postgres compiled to WebAssembly). */
export async function isPglite(db: Executor): Promise<boolean> {
  const r = await sql<{ version: string }>`select version() as version`.execute(db);
  return /PGlite|emscripten/.test(r.rows[0]?.version ?? '');
}

const HIGH_WATER = 1 << 20;
const COPY_PIECE = 1 << 18;
const ARRAY_BATCH = 20_000;

/** Starts a COPY into `table` on PostgreSQL; rows added are sent in pieces, waiting when the server is behind. */
async function copySink(db: Executor, table: string, columns: readonly BulkColumn[]): Promise<BulkSink> {
  const copy = new CopyFromStdin(`copy ${table} (${columns.map((c) => c.name).join(', ')}) from stdin`);
  const running = db.executeQuery({ ...CompiledQuery.raw(''), sql: copy as unknown as string });
  running.catch(() => undefined);
  const connection = await Promise.race([copy.waitReady(), running.then(() => null)]);
  if (connection === null) throw new Error('The COPY ended before it started');
  const stream = connection.stream;
  // Lines are encoded straight into one buffer, reused for every piece (node-postgres copies a piece into its
  // message as it is sent): a million rows then make no long-lived strings for the garbage collector to move.
  let piece = Buffer.allocUnsafe(COPY_PIECE * 2);
  let used = 0;
  let rows = 0;
  const send = async () => {
    if (copy.failed) await running; // throws the server's error, which ends the producer
    if (used === 0) return;
    connection.sendCopyFromChunk(piece.subarray(0, used));
    used = 0;
    if (stream?.writableLength !== undefined && stream.writableLength > HIGH_WATER && stream.once)
      await new Promise<void>((resolve) => stream.once?.('drain', resolve));
  };
  const addLine = (line: string) => {
    rows += 1;
    // a UTF-8 character takes at most three bytes per UTF-16 unit
    if (line.length * 3 > piece.length - used) {
      const bigger = Buffer.allocUnsafe(Math.max(piece.length, used + line.length * 3));
      piece.copy(bigger, 0, 0, used);
      piece = bigger;
    }
    used += piece.write(line, used);
    return used >= COPY_PIECE ? send() : undefined;
  };
  let over = false;
  return {
    add: (row) => addLine(copyLine(row)),
    addLine,
    async finish() {
      await send();
      over = true;
      if (!copy.failed) connection.endCopyFrom();
      await running;
      return copy.copied || rows;
    },
    async abort() {
      used = 0;
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

/** COPY from blobs of a few megabytes each (PGlite). */
function blobSink(pglite: PgliteBlobQuery, table: string, columns: readonly BulkColumn[]): BulkSink {
  const statement = `copy ${table} (${columns.map((c) => c.name).join(', ')}) from '/dev/blob'`;
  let text = '';
  let rows = 0;
  const send = async () => {
    if (text.length === 0) return;
    const blob = new Blob([text]);
    text = '';
    await pglite.query(statement, [], { blob });
  };
  return {
    add(row) {
      rows += 1;
      text += copyLine(row);
      return text.length >= BLOB_PIECE ? send() : undefined;
    },
    addLine(line) {
      rows += 1;
      text += line;
      return text.length >= BLOB_PIECE ? send() : undefined;
    },
    async finish() {
      await send();
      return rows;
    },
    abort() {
      text = '';
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
