/**
 * `concordat import --partnership <id|slug> --fund <id> --partner <organisation id, ODS or GSS code> <file>...`:
 * imports a partner's general-ledger extracts (CSV or XLSX) from disk through the same path as the web form,
 * with a progress bar on stderr (a plain progress line every so often when stderr is not a terminal). Several
 * files go as a batch (importBatch.ts): each whole or not at all, two at once on PostgreSQL. Prints each file's
 * outcome, or every problem (line, column, reason) of a refused file, and exits 1 when a file is refused; exits
 * 2 on wrong arguments. The caller opens the database (taking the data folder's lock) and passes it in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/connection.js';
import type { PgliteBlobQuery } from '../../db/copyIn.js';
import { systemActor } from '../../audit/index.js';
import { formatPounds } from '../../kernel/money.js';
import type { ImportOutcome, ImportProgress } from './importGeneralLedger.js';
import { importExtracts } from './importBatch.js';

export const IMPORT_USAGE = [
  'Usage:',
  '  concordat import --partnership <id or slug> --fund <id> --partner <organisation id, ODS or GSS code> <file>...',
  "      import a partner's general-ledger extracts (.csv or .xlsx) into a fund: all of a file's rows or none",
].join('\n');

export interface ImportArgs {
  partnership: string;
  fund: number;
  partner: string;
  /** One or more files, imported in this order (several at once on PostgreSQL). */
  files: string[];
}

/** Reads the arguments, or says what is wrong with them. */
export function parseImportArgs(
  argv: readonly string[],
): { ok: true; args: ImportArgs } | { ok: false; error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        partnership: { type: 'string' },
        fund: { type: 'string' },
        partner: { type: 'string' },
      },
    });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const { values, positionals } = parsed;
  const missing = (['partnership', 'fund', 'partner'] as const).filter((k) => !values[k]?.trim());
  if (missing.length > 0) return { ok: false, error: `Give ${missing.map((m) => `--${m}`).join(', ')}` };
  if (positionals.length === 0) return { ok: false, error: 'Name a file to import' };
  const fund = Number(values.fund);
  if (!Number.isSafeInteger(fund) || fund <= 0) return { ok: false, error: '--fund is the number of a fund' };
  return {
    ok: true,
    args: {
      partnership: values.partnership?.trim() ?? '',
      fund,
      partner: values.partner?.trim() ?? '',
      files: positionals,
    },
  };
}

/** Where the command writes: stdout for the outcome, stderr for progress and problems. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: draw a bar that redraws in place. */
  tty: boolean;
  now?: () => number;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** A progress line: rows read, share of the file's bytes, rows a second. */
export function progressLine(p: ImportProgress, seconds: number, width = 24): string {
  const share = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const filled = Math.round(share * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  const rate = seconds > 0 ? Math.round(p.rows / seconds) : 0;
  const verb = p.phase === 'checking' ? 'Checking' : 'Writing ';
  return `${verb} ${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${p.rows.toLocaleString('en-GB')} rows  ${rate.toLocaleString('en-GB')} rows/s  ${p.totalBytes ? `${mb(p.bytes)} of ${mb(p.totalBytes)}` : mb(p.bytes)}`;
}

/** The outcome as the command prints it: the summary, or every problem (as many as the import reports). */
export function describeOutcome(file: string, outcome: ImportOutcome): { text: string; refused: boolean } {
  if (outcome.ok) {
    const lines = [
      `Imported ${outcome.rows.toLocaleString('en-GB')} ${outcome.rows === 1 ? 'row' : 'rows'} from ${file} as import ${outcome.importId}: ${formatPounds(outcome.totalPence)} in total.`,
      'Journal entries by period:',
      ...outcome.entries.map(
        (e) => `  P${String(e.period).padEnd(2)}  entry ${e.entryId}  ${e.rows.toLocaleString('en-GB')} rows`,
      ),
    ];
    return { text: lines.join('\n'), refused: false };
  }
  const { problems, problemCount, rowsRead } = outcome;
  const lines = [
    `${file} was not imported: ${problemCount.toLocaleString('en-GB')} ${problemCount === 1 ? 'problem' : 'problems'} in ${rowsRead.toLocaleString('en-GB')} rows. Nothing was saved.`,
    ...problems.map((p) => {
      const where = p.line > 0 ? `line ${p.line}` : 'file';
      const column = p.column ? `, ${p.column}${p.cell ? ` (cell ${p.cell})` : ''}` : '';
      return `  ${where}${column}: ${p.reason}`;
    }),
  ];
  if (problemCount > problems.length)
    lines.push(
      `  ... and ${(problemCount - problems.length).toLocaleString('en-GB')} more (the first ${problems.length} are listed)`,
    );
  return { text: lines.join('\n'), refused: true };
}

/** Finds the partnership, fund and partner the arguments name; a message when one is not found. */
async function resolve(
  db: Db,
  args: ImportArgs,
): Promise<{ partnershipId: number; fundId: number; organisationId: number } | string> {
  const byId = /^\d+$/.test(args.partnership) ? Number(args.partnership) : null;
  const partnership = await db
    .selectFrom('partnerships')
    .select(['id', 'name'])
    .where((eb) => (byId === null ? eb('slug', '=', args.partnership) : eb('id', '=', byId)))
    .executeTakeFirst();
  if (!partnership) return `There is no partnership ${args.partnership}`;
  const fund = await db
    .selectFrom('funds')
    .select(['id'])
    .where('partnership_id', '=', partnership.id)
    .where('id', '=', args.fund)
    .executeTakeFirst();
  if (!fund) return `There is no fund ${args.fund} in ${partnership.name}`;
  const orgId = /^\d+$/.test(args.partner) ? Number(args.partner) : null;
  const code = args.partner.toUpperCase();
  const partner = await db
    .selectFrom('organisations')
    .innerJoin('partnership_members', 'partnership_members.organisation_id', 'organisations.id')
    .select(['organisations.id'])
    .where('partnership_members.partnership_id', '=', partnership.id)
    .where((eb) =>
      eb.or([
        ...(orgId === null ? [] : [eb('organisations.id', '=', orgId)]),
        eb(eb.fn('upper', ['organisations.ods_code']), '=', code),
        eb(eb.fn('upper', ['organisations.gss_code']), '=', code),
      ]),
    )
    .executeTakeFirst();
  if (!partner)
    return `${args.partner} is not a partner in ${partnership.name} (give its organisation id, ODS or GSS code)`;
  return { partnershipId: partnership.id, fundId: fund.id, organisationId: partner.id };
}

/** Runs the import; returns the exit code (0 imported, 1 refused, 2 wrong arguments). */
export async function runImportCommand(
  db: Db,
  args: ImportArgs,
  io: CommandOutput,
  pglite?: PgliteBlobQuery,
): Promise<number> {
  const missing = args.files.find((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
  if (missing !== undefined) {
    io.err(`There is no file ${missing}`);
    return 2;
  }
  const target = await resolve(db, args);
  if (typeof target === 'string') {
    io.err(target);
    return 2;
  }
  const now = io.now ?? (() => performance.now());
  let started = now();
  let phase: ImportProgress['phase'] = 'checking';
  let lastPlain = 0;
  // whether a bar is on the terminal's current line (set from the progress callback)
  const bar = { drawn: false };
  // each file's latest progress; the bar shows them added up (a file's own, when there is one)
  const each: ImportProgress[] = args.files.map((f) => ({
    phase: 'checking',
    rows: 0,
    bytes: 0,
    totalBytes: fs.statSync(f).size,
  }));
  const draw = () => {
    const p: ImportProgress = {
      phase: each.every((e) => e.phase === 'writing') ? 'writing' : 'checking',
      rows: each.reduce((a, e) => a + e.rows, 0),
      bytes: each.reduce((a, e) => a + e.bytes, 0),
      totalBytes: each.reduce((a, e) => a + (e.totalBytes ?? 0), 0),
    };
    if (p.phase !== phase) {
      phase = p.phase;
      started = now();
      if (bar.drawn && io.tty) io.err('\n');
      bar.drawn = false;
    }
    const seconds = (now() - started) / 1000;
    if (io.tty) {
      // back to the start of the line, the bar, then clear what a longer bar left
      io.err(`\r${progressLine(p, seconds)}\x1b[K`);
      bar.drawn = true;
    } else if (now() - lastPlain >= 2000) {
      lastPlain = now();
      io.err(`${progressLine(p, seconds)}\n`);
    }
  };
  const outcomes = await importExtracts(
    db,
    args.files.map((file, i) => ({
      actor: systemActor('concordat import'),
      ...target,
      filename: path.basename(file),
      path: file,
      pglite,
      onProgress: (_rows: number, p: ImportProgress) => {
        each[i] = p;
        draw();
      },
    })),
  );
  if (bar.drawn && io.tty) io.err('\n');
  let refusedAny = false;
  for (const [i, outcome] of outcomes.entries()) {
    const { text, refused } = describeOutcome(path.basename(args.files[i] ?? ''), outcome);
    if (refused) io.err(`${text}\n`);
    else io.out(`${text}\n`);
    refusedAny ||= refused;
  }
  return refusedAny ? 1 : 0;
}
