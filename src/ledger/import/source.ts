/**
 * The file behind an import, read as many times as the import needs (once to check every row, once more to
 * write them) without holding it in memory: a file on disk is read from disk each time, a buffer from memory,
 * and a stream that can be read only once is copied to a temporary file as it is first read. Each read gives
 * the file's records (CSV lines or spreadsheet rows) and its SHA-256 over the bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CsvByteReader, type ByteRecord } from '../../kernel/csvBytes.js';
import { readXlsx } from '../../kernel/xlsxReader.js';

export type ExtractContent = AsyncIterable<Buffer | string> | Buffer | string;
export type ExtractFormat = 'csv' | 'xlsx';

/** Called with each record; a promise returned holds the reading back until it settles. */
export type RecordHandler = (line: number, fields: string[]) => Promise<void> | undefined;

/** Called with each CSV record as bytes (the record is reused: copy what you keep); as for RecordHandler. */
export type ByteRecordHandler = (record: ByteRecord) => Promise<void> | undefined;

const PIECE = 1 << 20;
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

export class ExtractSource {
  private spool: string | null = null;
  private spooled = false;

  private constructor(
    private readonly content: ExtractContent | null,
    private readonly file: string | null,
    readonly format: ExtractFormat,
    /** The size in bytes, when known before reading (for progress). */
    readonly size: number | null,
  ) {}

  /**
   * A source for a file on disk (`path`) or given content. The format is `format` when given, else .xlsx by
   * the file name's ending or by the zip signature at the start of the bytes, else CSV.
   */
  static async open(input: {
    filename: string;
    path?: string | undefined;
    content?: ExtractContent | undefined;
    format?: ExtractFormat | undefined;
  }): Promise<ExtractSource> {
    const byName: ExtractFormat | undefined = input.filename.toLowerCase().endsWith('.xlsx')
      ? 'xlsx'
      : undefined;
    if (input.path !== undefined) {
      const size = (await fs.promises.stat(input.path)).size;
      let format = input.format ?? byName;
      if (!format) {
        const handle = await fs.promises.open(input.path, 'r');
        const head = Buffer.alloc(4);
        await handle.read(head, 0, 4, 0);
        await handle.close();
        format = head.equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
      }
      return new ExtractSource(null, input.path, format, size);
    }
    const content = input.content ?? '';
    if (typeof content === 'string') {
      return new ExtractSource(content, null, input.format ?? byName ?? 'csv', Buffer.byteLength(content));
    }
    if (Buffer.isBuffer(content)) {
      const magic = content.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
      return new ExtractSource(content, null, input.format ?? byName ?? magic, content.length);
    }
    return new ExtractSource(content, null, input.format ?? byName ?? 'csv', null);
  }

  /**
   * The bytes, in pieces; the first read of a one-time stream copies it to a temporary file. With `reuse`, a
   * file is read into one buffer over and over (each piece is gone once the next is asked for): for a reader
   * that copies what it keeps, a file of any size then makes no garbage.
   */
  private async *bytes(reuse = false): AsyncIterable<Buffer> {
    if (this.file !== null || this.spooled) {
      const handle = await fs.promises.open(this.file ?? this.spool ?? '', 'r');
      try {
        let piece = Buffer.allocUnsafe(PIECE);
        for (;;) {
          const { bytesRead } = await handle.read(piece, 0, PIECE, null);
          if (bytesRead === 0) return;
          yield piece.subarray(0, bytesRead);
          if (!reuse) piece = Buffer.allocUnsafe(PIECE);
        }
      } finally {
        await handle.close();
      }
    }
    const content = this.content;
    if (typeof content === 'string') {
      yield Buffer.from(content, 'utf8');
      return;
    }
    if (Buffer.isBuffer(content)) {
      for (let i = 0; i < content.length; i += PIECE) yield content.subarray(i, i + PIECE);
      return;
    }
    if (content === null) return;
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'concordat-import-'));
    this.spool = path.join(dir, 'extract');
    const out = fs.createWriteStream(this.spool);
    for await (const piece of content) {
      const buf = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      if (!out.write(buf)) await once(out, 'drain');
      yield buf;
    }
    out.end();
    await once(out, 'close');
    this.spooled = true;
  }

  /**
   * Reads every record, in order, calling `onRecord` with its fields as text, or `onByteRecord` (when given, for
   * a CSV file) with the record as bytes; a promise either returns holds the reading back until it settles.
   * `onBytes` hears how many bytes have been read. Returns the SHA-256 of the bytes. A CSV error (an unclosed
   * quote) is thrown as a CsvError.
   */
  async read(
    onRecord: RecordHandler,
    onBytes?: (bytes: number) => void,
    onByteRecord?: ByteRecordHandler,
  ): Promise<{ sha256: string }> {
    const hash = createHash('sha256');
    let bytes = 0;
    const counted = async function* (pieces: AsyncIterable<Buffer>) {
      for await (const piece of pieces) {
        hash.update(piece);
        bytes += piece.length;
        onBytes?.(bytes);
        yield piece;
      }
    };
    if (this.format === 'xlsx') {
      await readXlsx(Readable.from(counted(this.bytes())), onRecord);
      return { sha256: hash.digest('hex') };
    }
    const reader = new CsvByteReader();
    const each = onByteRecord ?? ((r: ByteRecord) => onRecord(r.line, r.strings()));
    const take = async () => {
      for (let r = reader.next(); r !== null; r = reader.next()) {
        const wait = each(r);
        if (wait) await wait;
      }
    };
    for await (const piece of counted(this.bytes(true))) {
      reader.push(piece);
      await take();
    }
    reader.end();
    await take();
    return { sha256: hash.digest('hex') };
  }

  /**
   * The SHA-256 of the bytes alone, reading no records (a one-time stream is copied to its temporary file as
   * it is read): cheap enough to refuse a file imported before ahead of reading any row.
   */
  async sha256(onBytes?: (bytes: number) => void): Promise<string> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const piece of this.bytes(true)) {
      hash.update(piece);
      bytes += piece.length;
      onBytes?.(bytes);
    }
    return hash.digest('hex');
  }

  /** Removes the temporary copy, if one was made. */
  async dispose(): Promise<void> {
    if (this.spool) await fs.promises.rm(path.dirname(this.spool), { recursive: true, force: true });
  }
}
