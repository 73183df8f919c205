/**
 * Migration 0023 on a database that already holds an import: applied after the others, it keeps the postings,
 * and the rules it re-implements still hold (a reference used before is refused; a summary needs a scheme of
 * its fund; a scheme with spend cannot be removed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { transaction } from '../db/connection.js';
import { createEmptyTestDatabase, type TestDatabase } from '../db/testing.js';
import { systemActor } from '../audit/store.js';
import { pence } from '../kernel/money.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { createFund } from './store.js';
import { createScheme } from './schemeStore.js';
import { importGeneralLedger } from './importGeneralLedger.js';

const actor = systemActor('test');
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');
const SPEED = '0023_ledger_import_speed.sql';

async function apply(t: TestDatabase, files: string[]) {
  for (const f of files) await sql.raw(fs.readFileSync(path.join(dir, f), 'utf8')).execute(t.db);
}

describe('migration 0023 on a database with postings', () => {
  let t: TestDatabase;
  let pid: number;
  let fundId: number;
  let ccg: number;
  let schemeId: number;
  const file = (refs: string[]) =>
    ['cost_centre,account_code,date,amount,description,supplier,reference']
      .concat(refs.map((r, i) => `CC100,5100,2017-05-0${i + 1},10.00,Invoice,Supplier,${r}`))
      .join('\n');
  const load = (name: string, refs: string[]) =>
    importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: name,
      content: file(refs),
    });

  beforeAll(async () => {
    t = await createEmptyTestDatabase();
    const all = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}_.*\.sql$/.test(f))
      .sort();
    await apply(
      t,
      all.filter((f) => f !== SPEED),
    );
    ccg = await makeOrganisation(t.db, { name: 'CCG' });
    pid = await makePartnership(t.db, [ccg]);
    fundId = await transaction(t.db, (trx) =>
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
    schemeId = await transaction(t.db, (trx) =>
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
    expect((await load('before.csv', ['R-1', 'R-2'])).ok).toBe(true);
    await apply(t, [SPEED]);
  });
  afterAll(() => t.dispose());

  it('keeps the postings and refuses a reference imported before the migration', async () => {
    const n = await sql<{
      n: string;
    }>`select count(*) as n from postings where reference is not null`.execute(t.db);
    expect(Number(n.rows[0]?.n)).toBe(2);
    const again = await load('again.csv', ['R-3', 'R-2']);
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.problems).toEqual([expect.objectContaining({ line: 3, column: 'reference' })]);
    expect((await load('after.csv', ['R-3', 'r-2'])).ok).toBe(true);
  });

  it('refuses a summary for a scheme of no fund of its, and the removal of a scheme with spend', async () => {
    await expect(
      sql`insert into scheme_actuals values (${pid}, ${fundId}, ${schemeId + 1000}, ${ccg}, 1, 5, 1)`.execute(
        t.db,
      ),
    ).rejects.toThrow(/not a scheme of the fund/);
    await expect(sql`delete from schemes where id = ${schemeId}`.execute(t.db)).rejects.toThrow(
      /spend recorded against it/,
    );
  });
});
