/**
 * Imports a partner's general-ledger extract (CSV) into a fund: reads it as a stream, validates every row
 * against the partner's import profile and cost-centre map, and then either writes every row in one transaction
 * or writes nothing and reports each bad row with its line, column and reason. A file imported before (same
 * content, or the same transaction references) is refused.
 */
import { createHash } from 'node:crypto';
import { transaction, type Db } from '../db/connection.js';
import { recordAuditEvent, type Actor } from '../audit/store.js';
import { CsvReader, CsvError } from '../kernel/csvReader.js';
import { parsePounds, pence, sumPence, type Pence } from '../kernel/money.js';
import { financialYearBounds, isIsoDate, periodOf, type IsoDate } from '../kernel/dates.js';
import { accountCodes, costCentreMapOf, getFund, importProfileOf } from './store.js';
import { closedPeriods, postEntry, type PostingLine } from './journalStore.js';
import type { ImportColumns } from './tables.js';

export interface ImportProblem {
  line: number;
  column: string;
  reason: string;
}

export type ImportOutcome =
  | {
      ok: true;
      importId: number;
      rows: number;
      totalPence: Pence;
      entries: { entryId: number; period: number; rows: number }[];
    }
  | { ok: false; problems: ImportProblem[]; problemCount: number; rowsRead: number };

export interface ImportRequest {
  db: Db;
  actor: Actor;
  partnershipId: number;
  fundId: number;
  organisationId: number;
  filename: string;
  content: AsyncIterable<Buffer | string> | Buffer | string;
  /** Called every so many rows with the count read so far (for progress bars). */
  onProgress?: (rowsRead: number) => void;
}

const MAX_REPORTED = 500;

/** Reads a date as finance systems write it: 2017-04-30 or 30/04/2017. */
function readDate(text: string): IsoDate | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

interface GoodRow {
  line: number;
  schemeId: number;
  schemeCode: string;
  period: number;
  amountPence: Pence;
  reference: string | null;
  supplier: string | null;
  description: string | null;
}

async function* chunksOf(content: ImportRequest['content']): AsyncIterable<string> {
  if (typeof content === 'string') {
    yield content;
    return;
  }
  if (Buffer.isBuffer(content)) {
    yield content.toString('utf8');
    return;
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of content)
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

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
  const codeOf = new Map(schemes.map((s) => [s.id, s.code]));
  const { startsOn, endsOn } = financialYearBounds(fund.financial_year);

  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const problem = (line: number, column: string, reason: string) => {
    problemCount += 1;
    if (problems.length < MAX_REPORTED) problems.push({ line, column, reason });
  };
  const rows: GoodRow[] = [];
  const referencesSeen = new Map<string, number>();
  const hash = createHash('sha256');
  const reader = new CsvReader();
  let header: Map<string, number> | null = null;
  let index: Record<keyof ImportColumns, number | undefined> | null = null;
  let rowsRead = 0;
  const sawHeader = { value: false };

  const take = (record: { line: number; fields: string[] }) => {
    if (header === null) {
      sawHeader.value = true;
      header = new Map(record.fields.map((f, i) => [f.trim().toLowerCase(), i]));
      const find = (name: string | undefined) =>
        name === undefined ? undefined : header?.get(name.trim().toLowerCase());
      index = {
        costCentre: find(columns.costCentre),
        accountCode: find(columns.accountCode),
        date: find(columns.date),
        amount: find(columns.amount),
        description: find(columns.description),
        supplier: find(columns.supplier),
        reference: find(columns.reference),
      };
      for (const key of ['costCentre', 'date', 'amount'] as const) {
        if (index[key] === undefined)
          problem(
            record.line,
            columns[key],
            `The file has no column headed "${columns[key]}"; the first line must name the columns`,
          );
      }
      // without its columns no row can be read: report the header alone
      if (problemCount > 0) index = null;
      return;
    }
    if (index === null) return;
    if (record.fields.length === 1 && record.fields[0] === '') return; // a blank line
    rowsRead += 1;
    if (req.onProgress && rowsRead % 10_000 === 0) req.onProgress(rowsRead);
    const get = (i: number | undefined) => (i === undefined ? '' : (record.fields[i] ?? '').trim());
    const line = record.line;
    let bad = false;
    const costCentre = get(index.costCentre);
    const accountCode = get(index.accountCode);
    const schemeId = map.get(`${costCentre}|${accountCode}`) ?? map.get(`${costCentre}|`);
    if (!costCentre) {
      problem(line, columns.costCentre, 'The cost centre is empty');
      bad = true;
    } else if (schemeId === undefined) {
      problem(
        line,
        columns.costCentre,
        `Cost centre ${costCentre}${accountCode ? ` with code ${accountCode}` : ''} is not mapped to a scheme of this fund`,
      );
      bad = true;
    }
    const dateText = get(index.date);
    const date = readDate(dateText);
    if (date === null) {
      problem(line, columns.date, `"${dateText}" is not a date; write it as 2017-04-30 or 30/04/2017`);
      bad = true;
    } else if (date < startsOn || date > endsOn) {
      problem(line, columns.date, `${date} is outside the fund's financial year (${startsOn} to ${endsOn})`);
      bad = true;
    }
    const amount = parsePounds(get(index.amount));
    if (!amount.ok) {
      problem(line, columns.amount, amount.error);
      bad = true;
    } else if (amount.value === 0) {
      problem(line, columns.amount, 'The amount is zero; leave the row out');
      bad = true;
    }
    const reference = get(index.reference) || null;
    if (reference !== null) {
      const first = referencesSeen.get(reference);
      if (first !== undefined) {
        problem(
          line,
          columns.reference ?? 'reference',
          `Transaction reference ${reference} appears again (first on line ${first})`,
        );
        bad = true;
      } else referencesSeen.set(reference, line);
    }
    if (!bad && date !== null && amount.ok && schemeId !== undefined) {
      rows.push({
        line,
        schemeId,
        schemeCode: codeOf.get(schemeId) ?? '',
        period: periodOf(date),
        amountPence: amount.value,
        reference,
        supplier: get(index.supplier) || null,
        description: get(index.description) || null,
      });
    }
  };

  try {
    for await (const chunk of chunksOf(req.content)) {
      hash.update(chunk);
      for (const record of reader.push(chunk)) take(record);
    }
    for (const record of reader.end()) take(record);
  } catch (e) {
    if (e instanceof CsvError) {
      problem(e.line, '', e.message.replace(/^Line \d+: /, ''));
      return { ok: false, problems, problemCount, rowsRead };
    }
    throw e;
  }
  if (!sawHeader.value) problem(1, '', 'The file is empty');
  else if (rowsRead === 0 && problemCount === 0) problem(2, '', 'The file has a header line but no rows');
  if (problemCount > 0) return { ok: false, problems, problemCount, rowsRead };

  const sha256 = hash.digest('hex');
  const previous = await db
    .selectFrom('ledger_imports')
    .select(['id', 'filename', 'imported_at'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (previous) {
    problem(
      0,
      '',
      `This file was imported already, as import ${previous.id} (${previous.filename}); nothing was written`,
    );
    return { ok: false, problems, problemCount, rowsRead };
  }
  const references = [...referencesSeen.keys()];
  for (let i = 0; i < references.length; i += 5000) {
    const found = await db
      .selectFrom('postings')
      .select('reference')
      .where('partnership_id', '=', partnershipId)
      .where('fund_id', '=', fundId)
      .where('organisation_id', '=', organisationId)
      .where('reference', 'in', references.slice(i, i + 5000))
      .execute();
    for (const f of found)
      if (f.reference)
        problem(
          referencesSeen.get(f.reference) ?? 0,
          columns.reference ?? 'reference',
          `Transaction reference ${f.reference} was imported already`,
        );
  }
  if (problemCount > 0) return { ok: false, problems, problemCount, rowsRead };

  const totalPence = sumPence(rows.map((r) => r.amountPence));
  return transaction(db, async (trx) => {
    const imp = await trx
      .insertInto('ledger_imports')
      .values({
        partnership_id: partnershipId,
        fund_id: fundId,
        organisation_id: organisationId,
        filename: req.filename,
        sha256,
        row_count: rows.length,
        total_pence: totalPence,
        imported_by: req.actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const closed = await closedPeriods(trx, partnershipId, fundId);
    const byPeriod = new Map<number, GoodRow[]>();
    for (const r of rows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
    const entries = [];
    for (const [period, periodRows] of [...byPeriod].sort(([a], [b]) => a - b)) {
      const postings: PostingLine[] = periodRows.map((r) => ({
        accountCode: accountCodes.expenditure(r.schemeCode),
        amountPence: r.amountPence,
        schemeId: r.schemeId,
        organisationId,
        reference: r.reference,
        supplier: r.supplier,
        description: r.description,
        importLine: r.line,
      }));
      // the pool owes the partner for spend it incurred on the pool's schemes
      const contra = sumPence(periodRows.map((r) => r.amountPence));
      if (contra !== 0)
        postings.push({
          accountCode: accountCodes.creditor(organisationId),
          amountPence: pence(-(contra as number)),
          organisationId,
          description: `${req.filename}: spend incurred by the partner`,
        });
      const { entryId, period: landed } = await postEntry(
        trx,
        req.actor,
        partnershipId,
        fundId,
        {
          period,
          entryDate: `${period <= 9 ? fund.financial_year : fund.financial_year + 1}-${String(((period + 2) % 12) + 1).padStart(2, '0')}-01`,
          description: `Import ${imp.id}: ${req.filename}, P${period}`,
          source: 'import',
          importId: imp.id,
          postings,
        },
        { closed, audit: false },
      );
      entries.push({ entryId, period: landed, rows: periodRows.length });
    }
    await recordAuditEvent(trx, req.actor, {
      action: 'create',
      entityType: 'ledger_import',
      entityId: imp.id,
      partnershipId,
      after: {
        fundId,
        organisationId,
        filename: req.filename,
        sha256,
        rows: rows.length,
        totalPence,
        entries,
      },
    });
    return { ok: true as const, importId: imp.id, rows: rows.length, totalPence, entries };
  });
}
