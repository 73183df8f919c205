/**
 * Imports a partner's general-ledger extract (CSV or XLSX) into a fund, in two passes over the file so that
 * memory stays flat however long it is (issue 3, "Benchmark"):
 *
 * 1. Check: read every row against the partner's import profile and cost-centre map, keeping only counts and
 *    sums per period and scheme, and a problem (line, column, reason) for each bad field. Any problem, or a file
 *    imported before (same SHA-256), and nothing is written.
 * 2. Write, in one transaction: the import record, one journal entry per period, then every row read again and
 *    streamed into the journal (COPY on PostgreSQL), each entry's balancing posting to the partner's creditor
 *    account, the monitoring summaries (scheme_actuals) from the sums of pass 1, and one audit event. The
 *    database refuses a transaction reference used before (in this file or an earlier one) and checks at commit
 *    that every entry balances. A refused reference rolls everything back and is reported by line.
 */
import { transaction, type Db } from '../db/connection.js';
import { bulkEngineFor, type PgliteBlobQuery } from '../db/copyIn.js';
import { recordAuditEvent, type Actor } from '../audit/store.js';
import { CsvError } from '../kernel/csvReader.js';
import { pence, type Pence } from '../kernel/money.js';
import { financialYearBounds } from '../kernel/dates.js';
import { accountCodes, costCentreMapOf, getFund, importProfileOf } from './store.js';
import { closedPeriods } from './journalStore.js';
import { addToActuals, bulkPostings, openEntry, type ActualsDelta } from './journalBulk.js';
import { RowChecker, isBlank, type CheckedRow, type ImportProblem } from './importRows.js';
import { ExtractSource, type ExtractContent, type ExtractFormat } from './importSource.js';
import { duplicateReferences } from './importDuplicates.js';

export type { ImportProblem } from './importRows.js';

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

/** Raised inside the write transaction to roll it back when the file reads differently the second time. */
class FileChanged extends Error {}

/** Validates and imports one extract; see the module comment. */
export async function importGeneralLedger(req: ImportRequest): Promise<ImportOutcome> {
  const { db, partnershipId, fundId, organisationId } = req;
  const fund = await getFund(db, partnershipId, fundId);
  if (!fund) throw new Error(`There is no fund ${fundId} in partnership ${partnershipId}`);
  const columns = await importProfileOf(db, partnershipId, fundId, organisationId);
  const map = await costCentreMapOf(db, partnershipId, fundId, organisationId);
  const schemes = await db
    .selectFrom('schemes')
    .select(['id', 'code'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .execute();
  const accountOf = new Map(schemes.map((s) => [s.id, accountCodes.expenditure(s.code)]));
  const year = financialYearBounds(fund.financial_year);
  const source = await ExtractSource.open(req);
  const xlsx = source.format === 'xlsx';
  try {
    // pass 1: check every row, keeping sums only
    const checker = new RowChecker(columns, map, year, xlsx);
    const perPeriod = Array.from({ length: 13 }, () => ({ rows: 0, pence: 0 }));
    const perScheme = new Map<number, { pence: number; rows: number }>();
    let rowsRead = 0;
    let totalPence = 0;
    let bytes = 0;
    let firstHash = '';
    const progress = (phase: ImportProgress['phase'], rows: number) =>
      req.onProgress?.(rows, { phase, rows, bytes, totalBytes: source.size });
    const outcomeOf = (): ImportOutcome => ({
      ok: false,
      problems: checker.problems,
      problemCount: checker.problemCount,
      rowsRead,
    });
    try {
      const read = await source.read(
        (line, fields) => {
          if (!checker.sawHeader) {
            checker.header(line, fields);
            return;
          }
          if (!checker.readable || isBlank(fields)) return;
          rowsRead += 1;
          if (rowsRead % PROGRESS_EVERY === 0) progress('checking', rowsRead);
          const row = checker.check(line, fields, false);
          if (row === null) return;
          const p = perPeriod[row.period];
          if (p) {
            p.rows += 1;
            p.pence += row.amountPence;
          }
          const key = row.schemeId * 16 + row.period;
          const s = perScheme.get(key);
          if (s) {
            s.pence += row.amountPence;
            s.rows += 1;
          } else perScheme.set(key, { pence: row.amountPence, rows: 1 });
          totalPence += row.amountPence;
        },
        (n) => (bytes = n),
      );
      firstHash = read.sha256;
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      checker.problem(e.line, '', e.message.replace(/^Line \d+: /, ''));
      return outcomeOf();
    }
    progress('checking', rowsRead);
    if (!checker.sawHeader) checker.problem(1, '', 'The file is empty');
    else if (rowsRead === 0 && checker.problemCount === 0)
      checker.problem(2, '', 'The file has a header line but no rows');
    if (checker.problemCount > 0) return outcomeOf();
    if (!Number.isSafeInteger(totalPence)) {
      checker.problem(0, columns.amount, 'The amounts add up to more than Concordat can hold exactly');
      return outcomeOf();
    }
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

    // pass 2: write, in one transaction
    const engine = await bulkEngineFor(db, req.pglite);
    try {
      return await transaction(db, async (trx) => {
        const imp = await trx
          .insertInto('ledger_imports')
          .values({
            partnership_id: partnershipId,
            fund_id: fundId,
            organisation_id: organisationId,
            filename: req.filename,
            sha256: firstHash,
            row_count: rowsRead,
            total_pence: totalPence,
            imported_by: req.actor.label,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const closed = await closedPeriods(trx, partnershipId, fundId);
        const entryOf: number[] = [];
        const landedOf: number[] = [];
        const entries: { entryId: number; period: number; rows: number }[] = [];
        for (let period = 1; period <= 12; period += 1) {
          const rows = perPeriod[period]?.rows ?? 0;
          if (rows === 0) continue;
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
          entryOf[period] = entryId;
          landedOf[period] = landed;
          entries.push({ entryId, period: landed, rows });
        }
        const sink = await bulkPostings(trx, engine);
        const again = new RowChecker(columns, map, year, xlsx);
        const lineIn = Array.from({ length: 13 }, () => 0);
        let written = 0;
        const write = (row: CheckedRow) => {
          const period = row.period;
          // a period the first read did not see: the file is not what was checked
          if (entryOf[period] === undefined) throw new FileChanged();
          lineIn[period] = (lineIn[period] ?? 0) + 1;
          written += 1;
          if (written % PROGRESS_EVERY === 0) progress('writing', written);
          return sink.add([
            partnershipId,
            entryOf[period] ?? null,
            lineIn[period] ?? 0,
            fundId,
            accountOf.get(row.schemeId) ?? '',
            row.amountPence,
            row.schemeId,
            organisationId,
            landedOf[period] ?? period,
            row.reference,
            row.supplier,
            row.description,
            row.line,
          ]);
        };
        const { sha256 } = await source.read(
          (line, fields) => {
            if (!again.sawHeader) {
              again.header(line, fields);
              return;
            }
            if (!again.readable || isBlank(fields)) return;
            const row = again.check(line, fields);
            if (row === null) throw new FileChanged();
            return write(row);
          },
          (n) => (bytes = n),
        );
        await sink.finish();
        if (sha256 !== firstHash || written !== rowsRead) throw new FileChanged();
        progress('writing', written);
        // each entry's balancing posting: the pool owes the partner for spend it incurred on the pool's schemes
        const contra = [];
        for (let period = 1; period <= 12; period += 1) {
          const p = perPeriod[period];
          if (!p || p.rows === 0 || p.pence === 0) continue;
          contra.push({
            partnership_id: partnershipId,
            entry_id: entryOf[period] ?? 0,
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
        await addToActuals(trx, partnershipId, fundId, [...deltas.values()]);
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
      if (e instanceof FileChanged)
        throw new Error(`${req.filename} changed while it was being imported; nothing was written`);
      if (!isReferenceClash(e)) throw e;
      // a transaction reference used twice: nothing was written; say which rows
      const found = await duplicateReferences(db, source, columns, { partnershipId, fundId, organisationId });
      for (const p of found) checker.problem(p.line, p.column, p.reason, p.at);
      if (checker.problemCount === 0)
        checker.problem(0, columns.reference ?? 'reference', 'A transaction reference was imported already');
      return outcomeOf();
    }
  } finally {
    await source.dispose();
  }
}

/** The database's refusal of a transaction reference it holds already. */
function isReferenceClash(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown } | null;
  return err?.code === '23505' && err.constraint === 'postings_reference';
}
