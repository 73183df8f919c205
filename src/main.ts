/**
 * The `concordat` command: serve | migrate | demo | backup | restore | verify-audit | dates | import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { readConfig, type Config } from './config.js';
import { openConfiguredDatabase, type OpenedDatabase } from './db/open.js';
import { backupFolderOf, dataFolderState, dumpToFile, lockDataFolder, timestamp } from './db/dataFolder.js';
import { verifyAuditChain } from './audit/index.js';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, loadDemo, type DemoSummary } from './demo/index.js';
import { buildServer } from './web/index.js';
import { runDatesCommand } from './governance/dates/index.js';
import { loadBankHolidayChanges } from './governance/dates/index.js';
import type { BankHolidayChange } from './kernel/bankHolidays.js';
import { IMPORT_USAGE, parseImportArgs, runImportCommand } from './ledger/import/index.js';

const USAGE = `Usage: concordat <command>

Commands:
  serve                 start the web application (loads the demo into an empty database)
  migrate               apply database migrations
  demo                  load the demo partnerships into an empty database
  backup [file]         write a backup of the database
  restore <file>        replace the database with a backup (--force to replace a database that has data)
  verify-audit          check the audit log's hash chain and name the first broken link
  dates ...             bank holidays and statutory dates (concordat dates --help)
  import ...            import a partner's ledger extracts into a fund (concordat import --help)

Settings come from the environment: DATABASE_URL, CONCORDAT_DATA, PORT, HOST, SESSION_SECRET, SECURE_COOKIES,
CONCORDAT_DEMO, LOG_LEVEL (see README.md).`;

function printDemo(summary: DemoSummary): void {
  console.log(
    `Loaded the demo: ${summary.partnerships} partnerships, ${summary.organisations} organisations.`,
  );
  printAccounts(summary.users, summary.password);
}

function printAccounts(users: { email: string; roles: string }[], password: string): void {
  console.log(`Demo accounts (password for all: ${password}):`);
  for (const u of users) console.log(`  ${u.email.padEnd(36)} ${u.roles}`);
}

async function serve(config: Config): Promise<void> {
  const opened = await openConfiguredDatabase(config);
  opened.notes.forEach((n) => console.log(n));
  if (config.loadDemo && (await isEmpty(opened.db))) printDemo(await loadDemo(opened.db));
  else if (config.loadDemo) {
    const present = await opened.db
      .selectFrom('users')
      .select('email')
      .where(
        'email',
        'in',
        DEMO_USERS.map((u) => u.email),
      )
      .execute();
    if (present.length > 0)
      printAccounts(
        DEMO_USERS.filter((u) => present.some((p) => p.email === u.email)).map((u) => ({
          email: u.email,
          roles: u.systemAdmin
            ? 'system administrator'
            : u.roles.map((r) => `${r.role.replace(/_/g, ' ')} (${r.partnership})`).join(', '),
        })),
        DEMO_PASSWORD,
      );
  }
  const app = await buildServer({
    db: opened.db,
    pglite: opened.pglite,
    sessionSecret: config.sessionSecret,
    secureCookies: config.secureCookies,
    logLevel: config.logLevel,
    // outside production a template edited while the server runs is read again on its next use
    reloadTemplates: process.env.NODE_ENV !== 'production',
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing the database cleanly…`);
    void app
      .close()
      .then(() => opened.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  console.log(
    `Concordat is serving http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${where})`,
  );
}

async function withDatabase<T>(config: Config, work: (db: OpenedDatabase) => Promise<T>): Promise<T> {
  const opened = await openConfiguredDatabase(config);
  try {
    opened.notes.forEach((n) => console.log(n));
    return await work(opened);
  } finally {
    await opened.close();
  }
}

async function backup(config: Config, file: string | undefined): Promise<number> {
  const target =
    file ??
    path.join(
      backupFolderOf(config.dataDir),
      `concordat-${timestamp()}.${config.databaseUrl ? 'dump' : 'tar.gz'}`,
    );
  if (config.databaseUrl) {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const r = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--file', target, config.databaseUrl], {
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      console.error('pg_dump failed; is the PostgreSQL client installed (Debian package postgresql-client)?');
      return 1;
    }
    console.log(`Backed up to ${path.resolve(target)}`);
    return 0;
  }
  return withDatabase(config, async (opened) => {
    if (!opened.pglite) return 1;
    console.log(`Backed up to ${await dumpToFile(opened.pglite, target)}`);
    return 0;
  });
}

async function restore(config: Config, file: string | undefined, force: boolean): Promise<number> {
  if (!file || !fs.existsSync(file)) {
    console.error(
      `Name a backup file that exists: concordat restore <file>${file ? ` (${file} not found)` : ''}`,
    );
    return 2;
  }
  if (config.databaseUrl) {
    const r = spawnSync(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--dbname', config.databaseUrl, file],
      { stdio: 'inherit' },
    );
    return r.status === 0 ? 0 : 1;
  }
  const release = lockDataFolder(config.dataDir);
  try {
    if (dataFolderState(config.dataDir) !== 'new') {
      if (!force) {
        console.error(
          `${config.dataDir} already holds a database. Run with --force to replace it (it is moved aside, not deleted).`,
        );
        return 2;
      }
      const aside = `${config.dataDir}.before-restore-${timestamp()}`;
      fs.renameSync(config.dataDir, aside);
      console.log(`Moved the current database aside to ${aside}`);
    }
    const pglite = await PGlite.create(config.dataDir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
    await pglite.close();
    console.log(`Restored ${config.dataDir} from ${path.resolve(file)}`);
    return 0;
  } finally {
    release();
  }
}

/**
 * The one-off bank holiday changes in the database, for `concordat dates`; none when there is no database yet (the
 * command creates none) or it cannot be opened, which is said on stderr so that stdout stays one date a line.
 */
async function recordedBankHolidayChanges(config: Config): Promise<BankHolidayChange[]> {
  if (!config.databaseUrl && dataFolderState(config.dataDir) !== 'existing') return [];
  try {
    const opened = await openConfiguredDatabase(config, { migrate: false });
    try {
      return await loadBankHolidayChanges(opened.db);
    } finally {
      await opened.close();
    }
  } catch (error) {
    console.error(
      `Using the built-in bank holidays only: the database's changes could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
    return [];
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'dates') {
    // the calculation is pure; the database, where there is one, adds the bank holidays recorded since release
    const outcome = runDatesCommand(argv.slice(1), await recordedBankHolidayChanges(readConfig()));
    (outcome.exitCode === 0 ? console.log : console.error)(outcome.output);
    return outcome.exitCode;
  }
  if (argv[0] === 'import') {
    const parsed = parseImportArgs(argv.slice(1));
    if (!parsed.ok) {
      const help = argv.includes('--help') || argv.includes('-h');
      (help ? console.log : console.error)(help ? IMPORT_USAGE : `${parsed.error}\n\n${IMPORT_USAGE}`);
      return help ? 0 : 2;
    }
    return withDatabase(readConfig(), (opened) =>
      runImportCommand(
        opened.db,
        parsed.args,
        {
          out: (text) => process.stdout.write(text),
          err: (text) => process.stderr.write(text),
          tty: process.stderr.isTTY,
        },
        opened.pglite,
      ),
    );
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = readConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate':
      return withDatabase(config, async () => {
        console.log('The database is up to date.');
        return 0;
      });
    case 'demo':
      return withDatabase(config, async (opened) => {
        if (!(await isEmpty(opened.db))) {
          console.error(
            'The database already holds partnerships or users; the demo loads only into an empty database.',
          );
          return 2;
        }
        printDemo(await loadDemo(opened.db));
        return 0;
      });
    case 'backup':
      return backup(config, rest[0]);
    case 'restore':
      return restore(config, rest[0], values.force === true);
    case 'verify-audit':
      return withDatabase(config, async (opened) => {
        const verdict = await verifyAuditChain(opened.db);
        if (verdict.ok) {
          console.log(`Audit chain intact: ${verdict.events} events, last hash ${verdict.lastHash}`);
          return 0;
        }
        console.error(`Audit chain broken at event ${verdict.brokenAt}: ${verdict.reason}`);
        return 1;
      });
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

if (
  import.meta.url === `file://${process.argv[1] ?? ''}` ||
  process.argv[1]?.endsWith('main.ts') ||
  process.argv[1]?.endsWith('main.js')
) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
