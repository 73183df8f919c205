import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { createFund } from '../funds/index.js';
import { createScheme } from '../funds/index.js';
import { describeOutcome, parseImportArgs, progressLine, runImportCommand } from './importCommand.js';
import { main } from '../../main.js';

const actor = systemActor('test');

describe('the import command’s arguments and printed outcome', steps, () => {
  it('reads the partnership, fund, partner and file', () => {
    expect(
      parseImportArgs(['--partnership', 'southampton', '--fund', '3', '--partner', '05D', 'gl.csv']),
    ).toEqual({ ok: true, args: { partnership: 'southampton', fund: 3, partner: '05D', files: ['gl.csv'] } });
  });

  it('says what is missing or wrong', () => {
    expect(parseImportArgs(['gl.csv'])).toEqual({
      ok: false,
      error: 'Give --partnership, --fund, --partner',
    });
    expect(parseImportArgs(['--partnership', 'x', '--fund', 'two', '--partner', '1', 'a.csv'])).toEqual({
      ok: false,
      error: '--fund is the number of a fund',
    });
    expect(parseImportArgs(['--partnership', 'x', '--fund', '2', '--partner', '1'])).toEqual({
      ok: false,
      error: 'Name a file to import',
    });
    expect(parseImportArgs(['--partnership', 'x', '--colour', 'red']).ok).toBe(false);
  });

  it('exits 2 with the usage when the arguments are wrong, before opening any database', async () => {
    expect(await main(['import', '--fund', '1', 'x.csv'])).toBe(2);
  });

  it('prints rows, the total in pounds and the entries by period', () => {
    const { text, refused } = describeOutcome('gl.csv', {
      ok: true,
      importId: 7,
      rows: 12_345,
      totalPence: pence(123_456_789),
      entries: [
        { entryId: 40, period: 1, rows: 12_000 },
        { entryId: 41, period: 2, rows: 345 },
      ],
    });
    expect(refused).toBe(false);
    expect(text).toBe(
      [
        'Imported 12,345 rows from gl.csv as import 7: £1,234,567.89 in total.',
        'Journal entries by period:',
        '  P1   entry 40  12,000 rows',
        '  P2   entry 41  345 rows',
      ].join('\n'),
    );
  });

  it('prints every problem it was given, and how many more there were', () => {
    const { text, refused } = describeOutcome('gl.xlsx', {
      ok: false,
      problemCount: 501,
      rowsRead: 10_000,
      problems: [
        { line: 7322, column: 'amount', reason: '"12.3.4" is not an amount', cell: 'D7322' },
        { line: 0, column: '', reason: 'This file was imported already' },
      ],
    });
    expect(refused).toBe(true);
    expect(text.split('\n')).toEqual([
      'gl.xlsx was not imported: 501 problems in 10,000 rows. Nothing was saved.',
      '  line 7322, amount (cell D7322): "12.3.4" is not an amount',
      '  file: This file was imported already',
      '  ... and 499 more (the first 2 are listed)',
    ]);
  });

  it('draws progress as rows, share of the file and rate', () => {
    expect(
      progressLine({ phase: 'checking', rows: 50_000, bytes: 2_621_440, totalBytes: 5_242_880 }, 2, 10),
    ).toBe('Checking [#####.....]  50%  50,000 rows  25,000 rows/s  2.5 MB of 5.0 MB');
  });
});

describe('running the import command on a database', steps, () => {
  let t: TestDatabase;
  let dir: string;
  let fundId: number;
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (s: string) => out.push(s),
    err: (s: string) => err.push(s),
    tty: false,
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concordat-import-test-'));
    const ccg = await makeOrganisation(t.db, { name: 'West CCG', odsCode: '99X' });
    const council = await makeOrganisation(t.db, { name: 'Council' });
    const pid = await makePartnership(t.db, [ccg, council], 'Command test partnership');
    fundId = await transaction(t.db, (trx) =>
      createFund(
        trx,
        actor,
        pid,
        {
          financialYear: 2017,
          name: 'Pool',
          kind: 'pooled',
          hostOrganisationId: council,
          pooledFundManager: '',
          betterCareFund: false,
        },
        [ccg, council],
      ),
    );
    await transaction(t.db, (trx) =>
      createScheme(trx, actor, pid, fundId, {
        code: 'S01',
        name: 'Scheme',
        description: '',
        schemeType: 'Community Based Schemes',
        areaOfSpend: 'Community Health',
        commissioner: 'nhs',
        commissionerOrganisationId: ccg,
        provider: '',
        service: 'community-nursing',
        budgets: [],
        profile: Array.from({ length: 12 }, () => 1),
        costCentres: [{ organisationId: ccg, costCentre: 'CC100' }],
      }),
    );
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.dispose();
  });

  const slug = async () =>
    (
      await t.db
        .selectFrom('partnerships')
        .select('slug')
        .where('name', '=', 'Command test partnership')
        .executeTakeFirstOrThrow()
    ).slug;

  it('imports a file named by slug and ODS code, and prints the outcome', async () => {
    const file = path.join(dir, 'april.csv');
    fs.writeFileSync(file, 'cost_centre,date,amount\nCC100,2017-04-10,100.00\nCC100,2017-05-10,23.45\n');
    const code = await runImportCommand(
      t.db,
      { partnership: await slug(), fund: fundId, partner: '99x', files: [file] },
      io,
    );
    expect(code).toBe(0);
    expect(out.join('')).toContain('Imported 2 rows from april.csv');
    expect(out.join('')).toContain('£123.45 in total');
  });

  it('exits 1 and lists the problems of a refused file', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'cost_centre,date,amount\nCC100,2017-04-10,lots\n');
    const code = await runImportCommand(
      t.db,
      { partnership: await slug(), fund: fundId, partner: '99X', files: [file] },
      io,
    );
    expect(code).toBe(1);
    expect(err.join('')).toContain('line 2, amount: "lots" is not an amount');
  });

  it('imports several files in one command, each whole or not at all, and prints each outcome', async () => {
    const june = path.join(dir, 'june.csv');
    const july = path.join(dir, 'july.csv');
    const bad = path.join(dir, 'august.csv');
    fs.writeFileSync(
      june,
      'cost_centre,date,amount,reference\nCC100,2017-06-10,10.00,J1\nCC100,2017-06-11,1.01,J2\n',
    );
    fs.writeFileSync(july, 'cost_centre,date,amount,reference\nCC100,2017-07-10,20.00,K1\n');
    fs.writeFileSync(
      bad,
      'cost_centre,date,amount,reference\nCC100,2017-08-10,5.00,L1\nCC999,2017-08-10,5.00,L2\n',
    );
    out.length = 0;
    err.length = 0;
    const code = await runImportCommand(
      t.db,
      { partnership: await slug(), fund: fundId, partner: '99X', files: [june, bad, july] },
      io,
    );
    expect(code).toBe(1);
    expect(out.join('')).toContain('Imported 2 rows from june.csv');
    expect(out.join('')).toContain('£11.01 in total');
    expect(out.join('')).toContain('Imported 1 row from july.csv');
    expect(err.join('')).toContain('august.csv was not imported: 1 problem in 2 rows. Nothing was saved.');
    expect(err.join('')).toMatch(/line 3, cost_centre: .*CC999/);
    const landed = await t.db
      .selectFrom('ledger_imports')
      .select('filename')
      .where('filename', 'in', ['june.csv', 'july.csv', 'august.csv'])
      .orderBy('filename')
      .execute();
    expect(landed.map((l) => l.filename)).toEqual(['july.csv', 'june.csv']);
  });

  it('exits 2 naming a partner that is not in the partnership, or a missing file', async () => {
    const file = path.join(dir, 'april.csv');
    expect(
      await runImportCommand(
        t.db,
        { partnership: await slug(), fund: fundId, partner: 'NOPE', files: [file] },
        io,
      ),
    ).toBe(2);
    expect(err.join('')).toContain('NOPE is not a partner in Command test partnership');
    expect(
      await runImportCommand(
        t.db,
        {
          partnership: await slug(),
          fund: fundId,
          partner: '99X',
          files: [file, path.join(dir, 'none.csv')],
        },
        io,
      ),
    ).toBe(2);
  });
});
