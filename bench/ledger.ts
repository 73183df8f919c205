/**
 * The ledger benchmark (issue 3, "Benchmark"): a year of postings for 500 schemes and 3 partners, written as the
 * CSV extracts the partners would send (one file per partner per month, under .bench/), imported through the
 * real import path, then the whole year's monitoring report; on PGlite, and on PostgreSQL when DATABASE_URL is
 * set. The same data as a ledger-cli journal, timed with `ledger bal`, and the totals per scheme and partner
 * compared to the penny. Usage: npm run bench:ledger -- [--postings N] [--backend pglite|postgres|both]
 * [--no-ledger-cli] [--concurrency N] [--layout monthly|yearly] [--references running|scattered]
 *
 * The extracts go in as a finance officer's batch does (importBatch.ts): each file in its own transaction, up to
 * --concurrency files at once on PostgreSQL (2 by default; PGlite takes one at a time). The files are one per
 * partner per month by default; `--layout yearly` writes one per partner for the year, to time long files.
 *
 * A partner's references run on from month to month by default, as journal and invoice numbers do, so that no
 * two files' spans of references overlap; `--references scattered` gives every month's file the same span (the
 * row's number first, then the month), the worst case for the check at commit that a reference is new (migration
 * 0032), which then reads every earlier file of the partner.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, transaction, type Db } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/audit/index.js';
import { pence } from '../src/kernel/money.js';
import { createFund } from '../src/ledger/funds/index.js';
import { createScheme } from '../src/ledger/funds/index.js';
import { DEFAULT_CONCURRENCY, importExtracts } from '../src/ledger/import/index.js';
import { loadMonitoringReport } from '../src/ledger/monitoring/index.js';
import { makeOrganisation, makePartnership } from '../test/support/fixtures.js';
import { sql } from 'kysely';
import os from 'node:os';

const { values: args } = parseArgs({
  options: {
    postings: { type: 'string', default: '1000000' },
    backend: { type: 'string', default: 'both' },
    'no-ledger-cli': { type: 'boolean', default: false },
    concurrency: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
    layout: { type: 'string', default: 'monthly' },
    references: { type: 'string', default: 'running' },
  },
});
const POSTINGS = Number(args.postings);
if (!Number.isSafeInteger(POSTINGS) || POSTINGS < 36)
  throw new Error('--postings must be a number, 36 or more');
const CONCURRENCY = Number(args.concurrency);
if (!Number.isSafeInteger(CONCURRENCY) || CONCURRENCY < 1) throw new Error('--concurrency must be 1 or more');
if (args.layout !== 'monthly' && args.layout !== 'yearly') throw new Error('--layout is monthly or yearly');
/** One extract per partner per month (as partners send them), or one per partner for the whole year. */
const YEARLY = args.layout === 'yearly';
if (args.references !== 'running' && args.references !== 'scattered')
  throw new Error('--references is running or scattered');
const SCATTERED = args.references === 'scattered';
const SCHEMES = 500;
const PARTNERS = 3;
const ROOT = path.resolve('.bench');
const DATA = path.join(ROOT, `ledger-${POSTINGS}${YEARLY ? '-yearly' : ''}${SCATTERED ? '-scattered' : ''}`);
const actor = systemActor('bench');

/** A small deterministic generator (mulberry32), so that every run writes the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const schemeCode = (s: number) => `S${String(s + 1).padStart(3, '0')}`;
const costCentre = (partner: number, s: number) => `P${partner + 1}CC${String(s + 1).padStart(4, '0')}`;
const monthOf = (period: number) => ({
  year: period <= 9 ? 2017 : 2018,
  month: ((period + 2) % 12) + 1,
});

interface Generated {
  files: { partner: number; period: number; file: string; rows: number }[];
  /** pence per scheme and partner: index scheme * PARTNERS + partner */
  totals: bigint[];
  journal: string;
}

/** Writes the extracts and the ledger-cli journal; returns the expected totals. */
async function generate(): Promise<Generated> {
  fs.mkdirSync(DATA, { recursive: true });
  const rand = random(20170401);
  const totals = Array.from({ length: SCHEMES * PARTNERS }, () => 0n);
  const files: Generated['files'] = [];
  const journal = path.join(DATA, 'journal.ledger');
  const jout = fs.createWriteStream(journal);
  const write = async (out: fs.WriteStream, text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let made = 0;
  for (let partner = 0; partner < PARTNERS; partner += 1) {
    let out: fs.WriteStream | null = null;
    for (let period = 1; period <= 12; period += 1) {
      const slot = partner * 12 + period - 1;
      const rows = Math.floor((POSTINGS * (slot + 1)) / (PARTNERS * 12)) - made;
      made += rows;
      if (out === null) {
        const name = YEARLY
          ? `partner${partner + 1}.csv`
          : `partner${partner + 1}-P${String(period).padStart(2, '0')}.csv`;
        const file = path.join(DATA, name);
        files.push({ partner, period, file, rows: 0 });
        out = fs.createWriteStream(file);
        await write(out, 'cost_centre,account_code,date,amount,description,supplier,reference\n');
      }
      const f = files[files.length - 1];
      if (f) f.rows += rows;
      const { year, month } = monthOf(period);
      let csv = '';
      let led = '';
      for (let i = 0; i < rows; i += 1) {
        const s = Math.floor(rand() * SCHEMES);
        const day = 1 + Math.floor(rand() * 28);
        // mostly invoices, some credit notes; pounds and pence
        const p = Math.floor(rand() * 500_000) + 1;
        const amount = rand() < 0.05 ? -p : p;
        totals[s * PARTNERS + partner] = (totals[s * PARTNERS + partner] ?? 0n) + BigInt(amount);
        const a = Math.abs(amount);
        const text = `${amount < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const ref = SCATTERED ? `P${partner + 1}-${i + 1}-${period}` : `P${partner + 1}-${period}-${i + 1}`;
        csv += `${costCentre(partner, s)},5100,${date},${text},Invoice ${i + 1},Supplier ${s % 37},${ref}\n`;
        led += `${date.replace(/-/g, '/')} ${ref}\n    Expenses:${schemeCode(s)}:Partner${partner + 1}  ${text}\n    Liabilities:Partner${partner + 1}\n`;
        if (csv.length > 1 << 16) {
          await write(out, csv);
          await write(jout, led);
          csv = '';
          led = '';
        }
      }
      await write(out, csv);
      await write(jout, led);
      if (YEARLY && period < 12) continue;
      out.end();
      await once(out, 'close');
      out = null;
    }
  }
  jout.end();
  await once(jout, 'close');
  return { files, totals, journal };
}

interface Run {
  backend: string;
  importSeconds: number;
  /** CPU seconds spent importing by this process, and by the PostgreSQL server processes of its database */
  nodeCpuSeconds: number;
  serverCpuSeconds: number | null;
  postingsPerSecond: number;
  reportMs: number;
  totalsMatch: boolean;
}

async function setUp(db: Db) {
  const partners: number[] = [];
  for (let p = 0; p < PARTNERS; p += 1)
    partners.push(await makeOrganisation(db, { name: `Partner ${p + 1}` }));
  const pid = await makePartnership(db, partners, 'Bench partnership');
  const fundId = await transaction(db, (trx) =>
    createFund(
      trx,
      actor,
      pid,
      {
        financialYear: 2017,
        name: 'Bench pooled fund',
        kind: 'pooled',
        hostOrganisationId: partners[0]!,
        pooledFundManager: 'Bench',
        betterCareFund: true,
      },
      partners,
    ),
  );
  await transaction(db, async (trx) => {
    for (let s = 0; s < SCHEMES; s += 1) {
      await createScheme(trx, actor, pid, fundId, {
        code: schemeCode(s),
        name: `Scheme ${s + 1}`,
        description: '',
        schemeType: 'Community Based Schemes',
        areaOfSpend: 'Community Health',
        commissioner: 'joint',
        commissionerOrganisationId: null,
        provider: 'Provider',
        service: 'community-nursing',
        budgets: partners.map((o) => ({
          organisationId: o,
          stream: 'Minimum NHS Contribution',
          amountPence: pence(400_000_000),
        })),
        profile: Array.from({ length: 12 }, () => 1),
        costCentres: partners.map((o, p) => ({ organisationId: o, costCentre: costCentre(p, s) })),
      });
    }
  });
  return { pid, fundId, partners };
}

/** CPU seconds used so far by the server processes serving this database (Linux: /proc), or null. */
async function serverCpu(db: Db): Promise<Map<number, number> | null> {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const r = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const ticks = new Map<number, number>();
  for (const { pid } of r.rows) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the server is elsewhere, or the process has gone
    }
  }
  return ticks;
}

async function runOn(backend: string, db: Db, data: Generated, pglite?: PGlite): Promise<Run> {
  const { pid, fundId, partners } = await setUp(db);
  // each run starts from a checkpoint, as on a quiet server, so that it does not pay for writing out the last
  // run's pages (about 340 MB of WAL a run at 1M postings; a server checkpoints every max_wal_size of WAL)
  if (!pglite) await sql`checkpoint`.execute(db).catch(() => undefined);
  const serverBefore = pglite ? null : await serverCpu(db);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let done = 0;
  const requests = data.files.map((f) => ({
    actor,
    partnershipId: pid,
    fundId,
    organisationId: partners[f.partner]!,
    filename: path.basename(f.file),
    path: f.file,
    pglite,
  }));
  await importExtracts(db, requests, {
    concurrency: CONCURRENCY,
    onOutcome: (i, out) => {
      if (!out.ok)
        throw new Error(`${requests[i]?.path} was refused: ${JSON.stringify(out.problems.slice(0, 3))}`);
      done += out.rows;
      const secs = (performance.now() - started) / 1000;
      process.stderr.write(
        `\r${backend}: ${done.toLocaleString('en-GB')} postings imported, ${Math.round(done / secs).toLocaleString('en-GB')}/s   `,
      );
    },
  });
  process.stderr.write('\n');
  const importSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const serverAfter = serverBefore ? await serverCpu(db) : null;
  const serverCpuSeconds =
    serverBefore && serverAfter
      ? [...serverAfter].reduce((a, [p, t]) => a + t - (serverBefore.get(p) ?? 0), 0)
      : null;
  const times: number[] = [];
  let report = await loadMonitoringReport(db, pid, fundId, 12, 'profile');
  for (let i = 0; i < 5; i += 1) {
    const t0 = performance.now();
    report = await loadMonitoringReport(db, pid, fundId, 12, 'profile');
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // totals per scheme and partner, from the summaries the report reads
  const rows = await db
    .selectFrom('scheme_actuals')
    .innerJoin('schemes', (j) =>
      j
        .onRef('schemes.partnership_id', '=', 'scheme_actuals.partnership_id')
        .onRef('schemes.id', '=', 'scheme_actuals.scheme_id'),
    )
    .select(['schemes.code', 'scheme_actuals.organisation_id', 'scheme_actuals.actual_pence'])
    .where('scheme_actuals.partnership_id', '=', pid)
    .execute();
  const ours = Array.from({ length: SCHEMES * PARTNERS }, () => 0n);
  for (const r of rows) {
    const s = Number(r.code.slice(1)) - 1;
    const p = partners.indexOf(r.organisation_id);
    ours[s * PARTNERS + p] = (ours[s * PARTNERS + p] ?? 0n) + BigInt(r.actual_pence);
  }
  const reportTotal = report.schemes.reduce((a, s) => a + BigInt(s.actualToDatePence), 0n);
  const expectedTotal = data.totals.reduce((a, b) => a + b, 0n);
  const totalsMatch = ours.every((v, i) => v === data.totals[i]) && reportTotal === expectedTotal;
  return {
    backend,
    importSeconds,
    nodeCpuSeconds,
    serverCpuSeconds,
    postingsPerSecond: POSTINGS / importSeconds,
    reportMs: times[2] ?? 0,
    totalsMatch,
  };
}

async function onPglite(data: Generated): Promise<Run> {
  const dir = path.join(ROOT, `pglite-${Date.now()}`);
  const handle = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(handle.db);
    return await runOn('pglite', handle.db, data, handle.pglite);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(url: string, data: Generated): Promise<Run> {
  const name = `concordat_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString() });
  try {
    await migrateToLatest(handle.db);
    return await runOn('postgres', handle.db, data);
  } finally {
    await handle.close();
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  }
}

/** Times `ledger -f journal bal` and reads its balances per scheme and partner. */
function ledgerCli(data: Generated): { ms: number; totals: bigint[] } | null {
  if (spawnSync('ledger', ['--version']).status !== 0) {
    console.error('ledger-cli is missing: installing Debian package ledger');
    const r = spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq ledger'], {
      stdio: 'inherit',
    });
    if (r.status !== 0) return null;
  }
  const t0 = performance.now();
  const r = spawnSync('ledger', ['-f', data.journal, 'bal', '--flat', '--no-total'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`ledger failed: ${r.stderr}`);
  const totals = Array.from({ length: SCHEMES * PARTNERS }, () => 0n);
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(-?[\d,]+(?:\.\d+)?)\s+Expenses:S(\d+):Partner(\d+)\s*$/.exec(line);
    if (!m) continue;
    const [whole = '0', frac = ''] = m[1]!.replace(/,/g, '').split('.');
    const negative = whole.startsWith('-');
    const value = BigInt(whole.replace('-', '')) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
    totals[(Number(m[2]) - 1) * PARTNERS + Number(m[3]) - 1] = negative ? -value : value;
  }
  return { ms, totals };
}

async function main() {
  console.log(
    `Generating ${POSTINGS.toLocaleString('en-GB')} postings (${SCHEMES} schemes, ${PARTNERS} partners, 12 months) in ${DATA}`,
  );
  const t0 = performance.now();
  const data = await generate();
  console.log(
    `Generated ${data.files.length} extracts and a ledger-cli journal in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const runs: Run[] = [];
  if (args.backend !== 'postgres') runs.push(await onPglite(data));
  const url = process.env.DATABASE_URL;
  if (args.backend !== 'pglite' && url) runs.push(await onPostgres(url, data));
  const cli = args['no-ledger-cli'] ? null : ledgerCli(data);
  const cliMatch = cli ? cli.totals.every((v, i) => v === data.totals[i]) : false;
  for (const r of runs) {
    console.log(
      `${r.backend}: imported ${POSTINGS.toLocaleString('en-GB')} postings in ${r.importSeconds.toFixed(2)} s (${Math.round(r.postingsPerSecond).toLocaleString('en-GB')}/s); monitoring report ${r.reportMs.toFixed(1)} ms; totals equal the generated data: ${r.totalsMatch ? 'yes' : 'no'}`,
    );
    console.log(
      `${r.backend}: CPU for the import: ${r.nodeCpuSeconds.toFixed(1)} s in this process${r.serverCpuSeconds === null ? '' : `, ${r.serverCpuSeconds.toFixed(1)} s in the PostgreSQL server`}`,
    );
  }
  if (cli)
    console.log(
      `ledger-cli: bal in ${(cli.ms / 1000).toFixed(2)} s; totals equal the generated data: ${cliMatch ? 'yes' : 'no'}`,
    );
  const main = runs.find((r) => r.backend === 'postgres') ?? runs[0];
  if (!main) throw new Error('No back-end was run');
  const ratio = (r: Run) => (cli ? (r.importSeconds * 1000 + r.reportMs) / cli.ms : NaN);
  const lines: [string, string | number][] = [
    ['postings', POSTINGS],
    ['backend', main.backend],
    ['layout', YEARLY ? 'yearly' : 'monthly'],
    ['references', SCATTERED ? 'scattered' : 'running'],
    ['import_concurrency', main.backend === 'pglite' ? 1 : CONCURRENCY],
    ['import_postings_per_s', Math.round(main.postingsPerSecond)],
    ['monitoring_report_ms', main.reportMs.toFixed(1)],
    ['ledger_cli_bal_ms', cli ? Math.round(cli.ms) : 'n/a'],
    ['ratio_end_to_end_vs_ledger_cli', ratio(main).toFixed(3)],
    ['totals_match_ledger_cli', cli && cliMatch && main.totalsMatch ? 'yes' : 'no'],
  ];
  for (const r of runs.filter((x) => x !== main)) {
    lines.push([`${r.backend}_import_postings_per_s`, Math.round(r.postingsPerSecond)]);
    lines.push([`${r.backend}_monitoring_report_ms`, r.reportMs.toFixed(1)]);
    lines.push([`${r.backend}_ratio_end_to_end_vs_ledger_cli`, ratio(r).toFixed(3)]);
    lines.push([`${r.backend}_totals_match_ledger_cli`, cli && cliMatch && r.totalsMatch ? 'yes' : 'no']);
  }
  lines.push(['import_cpu_s_node', main.nodeCpuSeconds.toFixed(1)]);
  if (main.serverCpuSeconds !== null) lines.push(['import_cpu_s_server', main.serverCpuSeconds.toFixed(1)]);
  // the machine was shared while it ran: the load says how much
  lines.push(['load_average_1m', os.loadavg()[0]?.toFixed(1) ?? 'n/a']);
  lines.push(['peak_rss_mb', Math.round(process.resourceUsage().maxRSS / 1024)]);
  for (const [k, v] of lines) console.log(`${k}: ${v}`);
}

await main();
