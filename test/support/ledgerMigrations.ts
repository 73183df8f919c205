/**
 * A ledger on a database migrated but for one migration, for tests that show a migration applied to a database
 * that already holds an import: one partner, an aligned fund of 2017-18, scheme S01 on cost centre CC100, and a
 * way to import a file of invoices (one per reference) before and after the migration is applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { transaction } from '../../src/db/connection.js';
import { createEmptyTestDatabase, type TestDatabase } from '../../src/db/testing.js';
import { systemActor } from '../../src/audit/index.js';
import { pence } from '../../src/kernel/money.js';
import { createFund } from '../../src/ledger/funds/index.js';
import { createScheme } from '../../src/ledger/funds/index.js';
import { importGeneralLedger, type ImportOutcome } from '../../src/ledger/import/index.js';
import { makeOrganisation, makePartnership } from './fixtures.js';

const actor = systemActor('test');
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');

async function apply(t: TestDatabase, files: string[]) {
  for (const f of files) await sql.raw(fs.readFileSync(path.join(dir, f), 'utf8')).execute(t.db);
}

export interface LedgerBeforeMigration {
  t: TestDatabase;
  pid: number;
  fundId: number;
  ccg: number;
  schemeId: number;
  /** Imports a file with one invoice of £10.00 per reference, dated 1, 2, ... May 2017. */
  load(filename: string, references: string[]): Promise<ImportOutcome>;
  /** Applies the migration held back, and those after it. */
  migrate(): Promise<void>;
}

/**
 * A database with the migrations before `held` (a file name in src/db/migrations) applied, and a ledger;
 * `migrate` then applies `held` and those after it, as an upgrade would.
 */
export async function ledgerBeforeMigration(held: string): Promise<LedgerBeforeMigration> {
  const t = await createEmptyTestDatabase();
  const all = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort();
  await apply(
    t,
    all.filter((f) => f < held),
  );
  const ccg = await makeOrganisation(t.db, { name: 'CCG' });
  const pid = await makePartnership(t.db, [ccg]);
  const fundId = await transaction(t.db, (trx) =>
    createFund(
      trx,
      actor,
      pid,
      {
        financialYear: 2017,
        name: 'Better Care Fund',
        kind: 'aligned',
        hostOrganisationId: null,
        pooledFundManager: '',
        betterCareFund: true,
      },
      [ccg],
    ),
  );
  const schemeId = await transaction(t.db, (trx) =>
    createScheme(trx, actor, pid, fundId, {
      code: 'S01',
      name: 'Scheme S01',
      description: '',
      schemeType: 'Community Based Schemes',
      areaOfSpend: 'Community Health',
      commissioner: 'nhs',
      commissionerOrganisationId: ccg,
      provider: 'Solent NHS Trust',
      service: 'community-nursing',
      budgets: [{ organisationId: ccg, stream: 'Minimum NHS Contribution', amountPence: pence(1_000_000) }],
      profile: Array.from({ length: 12 }, () => 1),
      costCentres: [{ organisationId: ccg, costCentre: 'CC100' }],
    }),
  );
  const file = (refs: string[]) =>
    ['cost_centre,account_code,date,amount,description,supplier,reference']
      .concat(refs.map((r, i) => `CC100,5100,2017-05-0${i + 1},10.00,Invoice,Supplier,${r}`))
      .join('\n');
  return {
    t,
    pid,
    fundId,
    ccg,
    schemeId,
    load: (filename, references) =>
      importGeneralLedger({
        db: t.db,
        actor,
        partnershipId: pid,
        fundId,
        organisationId: ccg,
        filename,
        content: file(references),
      }),
    migrate: () =>
      apply(
        t,
        all.filter((f) => f >= held),
      ),
  };
}
