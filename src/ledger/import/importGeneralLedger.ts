/**
 * Imports a partner's general-ledger extract (CSV or XLSX) into a fund, reading its rows once, so that memory
 * stays flat however long the file is and each row is parsed only once (issue 3, "Benchmark"):
 *
 * 1. The bytes alone (no rows read): a file imported before (same SHA-256) is refused and nothing is written.
 * 2. In one transaction: the import record, then every row read, checked against the partner's import profile
 *    and cost-centre map, and streamed into the journal (COPY on PostgreSQL) under the entry for its period
 *    (opened as the period is first met). The first bad field stops the writing; the reading goes on to report
 *    every bad field (line, column, reason), and the transaction is rolled back, so that nothing is written.
 *    With no problem: each entry's balancing posting to the partner's creditor account, the monitoring
 *    summaries (scheme_actuals) from sums kept while reading, the import's row count and total, and one audit
 *    event. At commit the database checks that every entry balances and refuses a transaction reference used
 *    before (in this file or an earlier one). A refused reference rolls everything back and is reported by line.
 */
import { sql } from 'kysely';
import { transaction, type Db } from '../../db/connection.js';
import { bulkEngineFor, copyText, CopyLineWriter, type PgliteBlobQuery } from '../../db/copyIn.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { CsvError } from '../../kernel/csvReader.js';
import { pence, type Pence } from '../../kernel/money.js';
import { financialYearBounds } from '../../kernel/dates.js';
import { accountCodes, costCentreMapOf, getFund, importProfileOf } from '../funds/index.js';
import { closedPeriods, isReferenceClash } from '../journal/index.js';
import { addToActuals, bulkPostings, openEntry, type ActualsDelta } from './journalBulk.js';
import { RowChecker, isBlank, type ImportProblem } from './rows.js';
import { ExtractSource, type ExtractContent, type ExtractFormat } from './source.js';
import { FastRowChecker } from './fastRows.js';
import { PeriodOrderedRows } from './periodOrder.js';
import type { ByteRecord } from '../../kernel/csvBytes.js';
import { duplicateReferences } from './duplicates.js';

export type { ImportProblem } from './rows.js';

export type ImportOutcome =
  | {
      ok: true;
      importId: number;
      rows: number;
      totalPence: Pence;
      entries: { entryId: number; period: number; rows: number }[];
    }
  | { ok: false; problems: ImportProblem[]; problemCount: number; rowsRead: number };

export interface ImportProgress {
  /** Checking every row first, then writing them. */
  phase: 'checking' | 'writing';
  rows: number;
  bytes: number;
  /** The file's size, when known. */
  totalBytes: number | null;
}

export interface ImportRequest {
  db: Db;
  actor: Actor;
  partnershipId: number;
  fundId: number;
  organisationId: number;
  filename: string;
  /** The extract's bytes or text; or give `path` to read it from disk. */
  content?: ExtractContent;
  path?: string;
  /** CSV or XLSX; by default from the file name's ending or the bytes. */
  format?: ExtractFormat;
  /** PGlite's own instance, when the caller has it: rows then go in by COPY rather than by INSERT. */
  pglite?: PgliteBlobQuery | undefined;
  /** Called every so many rows with the count read so far in this phase (for progress bars). */
  onProgress?: (rowsRead: number, progress: ImportProgress) => void;
}

const PROGRESS_EVERY = 10_000;
/** Rows written as bytes go to the sink in batches of about this many bytes. */
const OUT_BATCH = 1 << 16;

/** Raised inside the write transaction to roll it back when the file reads differently the second time. */
class FileChanged extends Error {}

/** Raised inside the write transaction to roll it back when a row was bad (the problems are in the checker). */
class Refused extends Error {}

/** How many times an import that the database chose as a deadlock's victim is tried again. */
const DEADLOCK_TRIES = 3;

/**
 * Validates and imports one extract; see the module comment. Imports may run at once (importBatch.ts, or two
 * officers' uploads): one that the database picks as the victim of a deadlock (two files holding each other's
 * transaction references, say) wrote nothing, and is tried again once the other has finished.
 */
export async function importGeneralLedger(req: ImportRequest): Promise<ImportOutcome> {
  // opened once (a stream that can be read only once is kept on disk), to be read again by a second try
  const source = await ExtractSource.open(req);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await importOnce(req, source);
      } catch (e) {
        if (attempt >= DEADLOCK_TRIES || (e as { code?: unknown } | null)?.code !== '40P01') throw e;
      }
    }
  } finally {
    await source.dispose();
  }
}

async function importOnce(req: ImportRequest, source: ExtractSource): Promise<ImportOutcome> {
  const { db, partnershipId, fundId, organisationId } = req;
  // read at once (on PostgreSQL, over several connections): a month's batch of extracts pays for these per file
  const [fund, columns, map, schemes] = await Promise.all([
    getFund(db, partnershipId, fundId),
    importProfileOf(db, partnershipId, fundId, organisationId),
    costCentreMapOf(db, partnershipId, fundId, organisationId),
    db
      .selectFrom('schemes')
      .select(['id', 'code'])
      .where('partnership_id', '=', partnershipId)
      .where('fund_id', '=', fundId)
      .execute(),
  ]);
  if (!fund) throw new Error(`There is no fund ${fundId} in partnership ${partnershipId}`);
  // each scheme's expenditure account, escaped for COPY once rather than per row
  const accountOf = new Map(schemes.map((s) => [s.id, copyText(accountCodes.expenditure(s.code))]));
  const year = financialYearBounds(fund.financial_year);
  const xlsx = source.format === 'xlsx';
  const checker = new RowChecker(columns, map, year, xlsx);
  let rowsRead = 0;
  let bytes = 0;
  const progress = (phase: ImportProgress['phase'], rows: number) =>
    req.onProgress?.(rows, { phase, rows, bytes, totalBytes: source.size });
  // the fast way's rows held back to be written period by period (see writeHeld below)
  const held = PeriodOrderedRows.take();
  const outcomeOf = (): ImportOutcome => ({
    ok: false,
    problems: checker.problems,
    problemCount: checker.problemCount,
    rowsRead,
  });
  try {
    progress('checking', 0);
    const firstHash = await source.sha256((n) => (bytes = n));
    const previous = await db
      .selectFrom('ledger_imports')
      .select(['id', 'filename'])
      .where('partnership_id', '=', partnershipId)
      .where('fund_id', '=', fundId)
      .where('sha256', '=', firstHash)
      .executeTakeFirst();
    if (previous) {
      checker.problem(
        0,
        '',
        `This file was imported already, as import ${previous.id} (${previous.filename}); nothing was written`,
      );
      return outcomeOf();
    }

    const engine = await bulkEngineFor(db, req.pglite);
    try {
      return await transaction(db, async (trx) => {
        // The check on each COPY's new postings reads them from a transition table, which the server keeps in
        // work_mem and writes to a temporary file beyond it (4 MB by default; a monthly extract's 28,000 rows
        // take 3.7 MB, a run of 65,536 about 9 MB). For this transaction only.
        await sql`set local work_mem = '32MB'`.execute(trx);
        // its row count and total are set once every row has been read
        const imp = await trx
          .insertInto('ledger_imports')
          .values({
            partnership_id: partnershipId,
            fund_id: fundId,
            organisation_id: organisationId,
            filename: req.filename,
            sha256: firstHash,
            row_count: 0,
            total_pence: 0,
            imported_by: req.actor.label,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const closed = await closedPeriods(trx, partnershipId, fundId);
        const perPeriod = Array.from({ length: 13 }, () => ({ rows: 0, pence: 0 }));
        const perScheme = new Map<number, { pence: number; rows: number }>();
        let totalPence = 0;
        const entryOf: string[] = [];
        const landedOf: number[] = [];
        const entries: { entryId: number; period: number; rows: number }[] = [];
        // every posting's line starts alike; its entry's id (unknown until the entry is opened) goes after it
        const head = `${partnershipId}\t`;
        const tail = `\t${fundId}\t`;
        const partner = `\t${organisationId}\t`;
        let sink = await bulkPostings(trx, engine);
        // writing stops at the first bad row, or when the database refuses a row; the checking goes on
        let writing = true;
        let refusal: unknown = null;
        // read through calls where the lane may have changed them since they were last looked at
        const stillWriting = () => writing;
        const refused = () => refusal;
        const lineIn = Array.from({ length: 13 }, () => 0);
        // the rows written as bytes and not yet handed to the sink (see onRecord below)
        const out = new CopyLineWriter();
        const flushOut = () => {
          if (out.at === 0) return;
          const w = sink.addBytes(out.buf, 0, out.at);
          out.clear();
          return w;
        };
        const stopWriting = async (e?: unknown) => {
          if (e !== undefined && refusal === null) refusal = e;
          writing = false;
          out.clear();
          held.clear();
          await sink.abort();
        };
        // What the COPY connection does, one thing after another: open a period's entry (which ends the COPY
        // under way, waiting for the server to take in what it was sent, and starts another), write a run of held
        // rows, write rows that went the text way. The reading goes on while a period's entry is opened, so that
        // it overlaps the server's work on the rows sent before; it waits for this lane only to write.
        let lane: Promise<void> = Promise.resolve();
        let onLaneNow = 0;
        const onLane = (op: () => Promise<void>): Promise<void> => {
          onLaneNow += 1;
          lane = lane
            .then(op)
            .catch(stopWriting)
            .finally(() => {
              onLaneNow -= 1;
            });
          return lane;
        };
        // each period's entry: asked for (as its first row is met), then opened; and the start of its postings'
        // lines (partnership, entry, landing period), before each one's line number
        const asked: boolean[] = [];
        const entryHead: Buffer[] = [];
        const open = async (period: number) => {
          if (!writing || entryOf[period] !== undefined) return;
          // an entry's header cannot be written while a COPY runs on the connection: finish it, then start anew
          await flushOut();
          await sink.finish();
          const month = String(((period + 2) % 12) + 1).padStart(2, '0');
          const { entryId, period: landed } = await openEntry(
            trx,
            req.actor,
            partnershipId,
            fundId,
            {
              period,
              entryDate: `${period <= 9 ? fund.financial_year : fund.financial_year + 1}-${month}-01`,
              description: `Import ${imp.id}: ${req.filename}, P${period}`,
              source: 'import',
              importId: imp.id,
            },
            closed,
          );
          entryOf[period] = String(entryId);
          landedOf[period] = landed;
          entryHead[period] = Buffer.from(`${partnershipId}\t${entryId}\t${landed}\t`);
          entries.push({ entryId, period: landed, rows: 0 });
          sink = await bulkPostings(trx, engine);
          // writing may have stopped meanwhile: the new COPY must not stay open
          if (!stillWriting()) await sink.abort();
        };
        const ask = (period: number) => {
          if (asked[period]) return;
          asked[period] = true;
          void onLane(() => open(period));
        };
        // the held rows are each given, as they are written, the start of their period's entry and their line
        // number in it (their entries were asked for as the rows were met, so are open by their turn)
        const noBytes = Buffer.alloc(0);
        const writeHeldNow = async () => {
          if (held.count === 0) return;
          const order = held.order();
          for (let k = 0; k < order.length && writing; k += 1) {
            const i = order[k] ?? 0;
            const period = held.period(i);
            const n = (lineIn[period] ?? 0) + 1;
            lineIn[period] = n;
            out.raw(entryHead[period] ?? noBytes);
            out.int(n);
            out.copy(held.rows.buf, held.start(i), held.stop(i));
            if (out.at >= OUT_BATCH) await flushOut();
          }
          held.clear();
        };
        const writeHeld = () => onLane(writeHeldNow);
        // the rows that went the text way and wait for their turn on the lane: each posting's line but for its
        // entry's id and landing period (`mid` goes after them, `end` after that)
        let waiting: { period: number; mid: string; end: string }[] | null = null;
        const send = (period: number, mid: string, end: string): Promise<void> | undefined => {
          const entryId = entryOf[period];
          if (entryId === undefined || waiting !== null || onLaneNow > 0) {
            if (waiting !== null) {
              waiting.push({ period, mid, end });
              return;
            }
            waiting = [{ period, mid, end }];
            return onLane(drain);
          }
          return sink.addLine(`${head}${entryId}\t${landedOf[period] ?? period}${mid}${end}`);
        };
        // opens the entries the waiting rows need, in order, then writes them
        const drain = async () => {
          while (waiting !== null && waiting.length > 0 && writing) {
            const w = waiting.shift();
            if (!w) break;
            asked[w.period] = true;
            await open(w.period);
            const line = `${head}${entryOf[w.period] ?? ''}\t${landedOf[w.period] ?? w.period}${w.mid}${w.end}`;
            const wait = sink.addLine(line);
            if (wait) await wait;
          }
          waiting = null;
        };
        const tally = (schemeId: number, period: number, amount: number) => {
          const p = perPeriod[period];
          if (p) {
            p.rows += 1;
            p.pence += amount;
          }
          const key = schemeId * 16 + period;
          const s = perScheme.get(key);
          if (s) {
            s.pence += amount;
            s.rows += 1;
          } else perScheme.set(key, { pence: amount, rows: 1 });
          totalPence += amount;
        };
        const onFields = (line: number, fields: string[]) => {
          if (!checker.sawHeader) {
            checker.header(line, fields);
            return;
          }
          if (!checker.readable || isBlank(fields)) return;
          rowsRead += 1;
          if (rowsRead % PROGRESS_EVERY === 0) progress('checking', rowsRead);
          const row = checker.check(line, fields, writing);
          if (row === null) return writing ? stopWriting() : undefined;
          const period = row.period;
          const amount = row.amountPence;
          tally(row.schemeId, period, amount);
          if (!writing) return;
          const n = (lineIn[period] ?? 0) + 1;
          lineIn[period] = n;
          // the posting as a line of COPY's text format, in the order of BULK_POSTING_COLUMNS
          const mid = `\t${n}${tail}${accountOf.get(row.schemeId) ?? ''}\t${amount}\t${row.schemeId}${partner}`;
          const end = `${copyText(row.reference)}\t${copyText(row.supplier)}\t${copyText(row.description)}\t${line}\n`;
          const w = send(period, mid, end);
          return w ? w.catch(stopWriting) : undefined;
        };
        // CSV rows as bytes: the plain ones are checked and written with no string made (ledger/import/fastRows.ts);
        // the rest, and every row once writing has stopped or while text rows wait, go the text way
        const fast = new FastRowChecker(checker, map);
        // each scheme's fund and account, as written before the amount; and its scheme and partner, after it
        const schemeMid = new Map(
          schemes.map((s) => [s.id, Buffer.from(`\t${fundId}\t${accountOf.get(s.id) ?? ''}\t`)]),
        );
        const afterAmount = new Map(schemes.map((s) => [s.id, Buffer.from(`\t${s.id}${partner}`)]));
        // a text field of the row (its column, or -1 for none: null)
        const detail = (w: CopyLineWriter, r: ByteRecord, column: number) => {
          if (column < 0) w.text(r.buf, 0, 0, true);
          else w.text(r.buf, r.starts[column] ?? 0, r.ends[column] ?? 0, true);
        };
        const onRecord = (r: ByteRecord) => {
          if (!writing || waiting !== null || !checker.readable) return onFields(r.line, r.strings());
          if (r.blank()) return;
          const row = fast.check(r);
          if (row === null) return onFields(r.line, r.strings());
          rowsRead += 1;
          if (rowsRead % PROGRESS_EVERY === 0) progress('checking', rowsRead);
          const period = row.period;
          tally(row.schemeId, period, row.amountPence);
          ask(period);
          // the row but for its start (partnership, entry, landing period, line number), held to be written
          // period by period
          const w = held.rows;
          held.begin();
          w.raw(schemeMid.get(row.schemeId) ?? noBytes);
          w.int(row.amountPence);
          w.raw(afterAmount.get(row.schemeId) ?? noBytes);
          detail(w, r, row.reference);
          w.tab();
          detail(w, r, row.supplier);
          w.tab();
          detail(w, r, row.description);
          w.tab();
          w.int(r.line);
          w.end();
          if (!held.end(period)) return;
          return writeHeld();
        };
        const { sha256 } = await source
          .read(onFields, (n) => (bytes = n), onRecord)
          .catch(async (e: unknown) => {
            await stopWriting();
            // nothing may still be under way on the connection when the transaction rolls back
            await lane;
            if (!(e instanceof CsvError)) throw e;
            checker.problem(e.line, '', e.message.replace(/^Line \d+: /, ''));
            throw new Refused();
          });
        // what the lane has under way (an entry being opened) ends before anything else goes on the connection
        await lane;
        if (!checker.sawHeader) checker.problem(1, '', 'The file is empty');
        else if (rowsRead === 0 && checker.problemCount === 0)
          checker.problem(2, '', 'The file has a header line but no rows');
        if (checker.problemCount === 0 && !Number.isSafeInteger(totalPence))
          checker.problem(0, columns.amount, 'The amounts add up to more than Concordat can hold exactly');
        if (checker.problemCount > 0) {
          await stopWriting();
          throw new Refused();
        }
        // the database's refusal of a row, as it gave it: rolls back, and is reported below by line
        if (refusal !== null) throw refusal as Error;
        if (sha256 !== firstHash) {
          await stopWriting();
          throw new FileChanged();
        }
        await writeHeld();
        await lane;
        // the database's refusal of a row written since the reading ended
        const late = refused();
        if (late !== null) throw late as Error;
        await flushOut();
        await sink.finish();
        progress('writing', rowsRead);
        await trx
          .updateTable('ledger_imports')
          .set({ row_count: rowsRead, total_pence: totalPence })
          .where('partnership_id', '=', partnershipId)
          .where('id', '=', imp.id)
          .execute();
        // each entry's balancing posting: the pool owes the partner for spend it incurred on the pool's schemes
        const contra = [];
        for (let period = 1; period <= 12; period += 1) {
          const p = perPeriod[period];
          if (!p || p.rows === 0 || p.pence === 0) continue;
          contra.push({
            partnership_id: partnershipId,
            entry_id: Number(entryOf[period] ?? 0),
            line: p.rows + 1,
            fund_id: fundId,
            account_code: accountCodes.creditor(organisationId),
            amount_pence: -p.pence,
            organisation_id: organisationId,
            period: landedOf[period] ?? period,
            description: `${req.filename}: spend incurred by the partner`,
          });
        }
        if (contra.length > 0) await trx.insertInto('postings').values(contra).execute();
        // the summaries, by the period each entry landed in
        const deltas = new Map<string, ActualsDelta>();
        for (const [key, s] of perScheme) {
          const schemeId = Math.floor(key / 16);
          const period = landedOf[key % 16] ?? key % 16;
          const k = `${schemeId}|${period}`;
          const d = deltas.get(k);
          if (d) {
            d.amountPence += s.pence;
            d.postings += s.rows;
          } else deltas.set(k, { schemeId, organisationId, period, amountPence: s.pence, postings: s.rows });
        }
        // in the summaries' key order, so that imports running at once take their rows' locks in one order
        const ordered = [...deltas.values()].sort((x, y) => x.schemeId - y.schemeId || x.period - y.period);
        await addToActuals(trx, partnershipId, fundId, ordered);
        // the entries in the order of their periods, each with its rows
        for (let period = 1; period <= 12; period += 1) {
          const e = entries.find((x) => String(x.entryId) === entryOf[period]);
          if (e) e.rows = perPeriod[period]?.rows ?? 0;
        }
        entries.sort((a, b) => a.period - b.period || a.entryId - b.entryId);
        await recordAuditEvent(trx, req.actor, {
          action: 'create',
          entityType: 'ledger_import',
          entityId: imp.id,
          partnershipId,
          after: {
            fundId,
            organisationId,
            filename: req.filename,
            sha256: firstHash,
            rows: rowsRead,
            totalPence,
            entries,
          },
        });
        return {
          ok: true as const,
          importId: imp.id,
          rows: rowsRead,
          totalPence: pence(totalPence),
          entries,
        };
      });
    } catch (e) {
      if (e instanceof Refused) return outcomeOf();
      if (e instanceof FileChanged)
        throw new Error(`${req.filename} changed while it was being imported; nothing was written`);
      if (isSameFileClash(e)) {
        // the same file, imported by another transaction that committed while this one ran
        checker.problem(0, '', 'This file was imported already, while this import ran; nothing was written');
        return outcomeOf();
      }
      if (!isReferenceClash(e)) throw e;
      // a transaction reference used twice: nothing was written; say which rows
      const found = await duplicateReferences(db, source, columns, { partnershipId, fundId, organisationId });
      for (const p of found) checker.problem(p.line, p.column, p.reason, p.at);
      if (checker.problemCount === 0)
        checker.problem(0, columns.reference ?? 'reference', 'A transaction reference was imported already');
      return outcomeOf();
    }
  } finally {
    PeriodOrderedRows.give(held);
  }
}

/** The database's refusal of a file (by its SHA-256) that another import of the fund holds already. */
function isSameFileClash(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown } | null;
  return err?.code === '23505' && err.constraint === 'ledger_imports_partnership_id_fund_id_sha256_key';
}
