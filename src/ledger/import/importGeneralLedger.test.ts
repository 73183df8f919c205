import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { makeImportFund } from '../../../test/support/ledger.js';
import { accountCodes } from '../funds/index.js';
import { accountBalances } from '../journal/index.js';
import { importGeneralLedger } from './importGeneralLedger.js';

const actor = systemActor('test');

describe('importing a general-ledger extract', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let fundId: number;
  let ccg: number;
  let council: number;

  const count = async (table: 'postings' | 'journal_entries' | 'ledger_imports') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, { name: 'CCG' });
    council = await makeOrganisation(t.db, { name: 'Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    ({ fundId } = await makeImportFund(t.db, pid, {
      host: council,
      partners: [ccg, council],
      schemes: [
        { code: 'S01', costCentres: [[ccg, 'CC100']] },
        { code: 'S02', costCentres: [[ccg, 'CC200']] },
      ],
    }));
  });
  afterAll(() => t.dispose());

  const bigFile = (rows: number, prefix: string, bad?: { row: number; amount: string }) => {
    const lines = ['cost_centre,account_code,date,amount,description,supplier,reference'];
    for (let i = 1; i <= rows; i += 1) {
      const month = (((i % 12) + 4 - 1) % 12) + 1;
      const year = month >= 4 ? 2017 : 2018;
      const amount = bad?.row === i ? bad.amount : `${(i % 997) + 1}.${String(i % 100).padStart(2, '0')}`;
      lines.push(
        `${i % 2 ? 'CC100' : 'CC200'},5100,${year}-${String(month).padStart(2, '0')}-15,${amount},Invoice ${i},Provider Ltd,${prefix}-${i}`,
      );
    }
    return lines.join('\n') + '\n';
  };

  it('lands a good file of 10,000 rows whole, balanced, with totals equal to the file', async () => {
    const text = bigFile(10_000, 'GOOD');
    let expected = 0n;
    for (let i = 1; i <= 10_000; i += 1) expected += BigInt((i % 997) + 1) * 100n + BigInt(i % 100);
    const out = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'ccg-2017.csv',
      content: text,
    });
    expect(out).toMatchObject({ ok: true, rows: 10_000, totalPence: Number(expected) });
    const balances = await accountBalances(t.db, pid, fundId);
    expect(
      (balances.get(accountCodes.expenditure('S01')) ?? 0) +
        (balances.get(accountCodes.expenditure('S02')) ?? 0),
    ).toBe(Number(expected));
    expect(balances.get(accountCodes.creditor(ccg))).toBe(-Number(expected));
    expect([...balances.values()].reduce((a, b) => a + b, 0)).toBe(0);
    const actuals = await t.db
      .selectFrom('scheme_actuals')
      .select((eb) => eb.fn.sum<string>('actual_pence').as('s'))
      .executeTakeFirstOrThrow();
    expect(Number(actuals.s)).toBe(Number(expected));
  });

  it('writes nothing from a file with one bad row among 10,000, and reports its line and column', async () => {
    const before = await count('postings');
    const out = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'bad.csv',
      content: bigFile(10_000, 'BAD', { row: 7_321, amount: '12.3.4' }),
    });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.problemCount).toBe(1);
      expect(out.problems[0]).toMatchObject({ line: 7_322, column: 'amount' });
      expect(out.problems[0]?.reason).toContain('12.3.4');
    }
    expect(await count('postings')).toBe(before);
  });

  it('refuses the same file twice, and a file whose transaction references were imported already', async () => {
    const text = bigFile(50, 'TWICE');
    expect(
      (
        await importGeneralLedger({
          db: t.db,
          actor,
          partnershipId: pid,
          fundId,
          organisationId: ccg,
          filename: 'a.csv',
          content: text,
        })
      ).ok,
    ).toBe(true);
    const entries = await count('journal_entries');
    const again = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'a-copy.csv',
      content: text,
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.problems[0]?.reason).toContain('imported already');
    const renamed = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'b.csv',
      content: text.replace('Invoice 1,', 'Invoice one,'),
    });
    expect(renamed.ok).toBe(false);
    if (!renamed.ok) {
      expect(renamed.problemCount).toBe(50);
      expect(new Set(renamed.problems.map((p) => p.column))).toEqual(new Set(['reference']));
      expect(renamed.problems.map((p) => p.reason)).toContain(
        'Transaction reference TWICE-7 was imported already',
      );
    }
    expect(await count('journal_entries')).toBe(entries);
  });

  it('still reports every bad field after the database has refused a reused reference, and writes nothing', async () => {
    const good = bigFile(3_000, 'EARLY');
    expect(
      (
        await importGeneralLedger({
          db: t.db,
          actor,
          partnershipId: pid,
          fundId,
          organisationId: ccg,
          filename: 'early.csv',
          content: good,
        })
      ).ok,
    ).toBe(true);
    const postings = await count('postings');
    const entries = await count('journal_entries');
    const imports = await count('ledger_imports');
    // row 2 reuses a reference imported above; rows 2,500 and 2,990 are bad, long after the writing began
    const lines = bigFile(3_000, 'LATER', { row: 2_500, amount: 'ten pounds' }).split('\n');
    lines[2] = (lines[2] ?? '').replace('LATER-2', 'EARLY-2');
    lines[2_990] = (lines[2_990] ?? '').replace('CC200', 'CC999');
    const out = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'later.csv',
      content: lines.join('\n'),
    });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.problems).toEqual([
        expect.objectContaining({ line: 2_501, column: 'amount' }),
        expect.objectContaining({ line: 2_991, column: 'cost_centre' }),
      ]);
      expect(out.problems[1]?.reason).toContain('CC999');
    }
    expect(await count('postings')).toBe(postings);
    expect(await count('journal_entries')).toBe(entries);
    expect(await count('ledger_imports')).toBe(imports);
    // with the bad fields put right, the reused reference alone is reported, by its line
    const fixed = bigFile(3_000, 'LATER').split('\n');
    fixed[2] = (fixed[2] ?? '').replace('LATER-2', 'EARLY-2');
    const again = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'later-fixed.csv',
      content: fixed.join('\n'),
    });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.problems).toEqual([
        expect.objectContaining({
          line: 3,
          column: 'reference',
          reason: 'Transaction reference EARLY-2 was imported already',
        }),
      ]);
    expect(await count('postings')).toBe(postings);
  });

  it('reads a BOM, Windows line endings, quoted commas, and amounts like (1,234.56) and -1234.56', async () => {
    const text =
      '\uFEFFcost_centre,account_code,date,amount,description,supplier,reference\r\n' +
      'CC100,5100,30/04/2017,"(1,234.56)","Credit note, April",Solent,BOM-1\r\n' +
      'CC100,5100,2017-05-31,-1234.56,Refund,Solent,BOM-2\r\n' +
      'CC200,5100,2017-05-31,"2,469.12","Invoice, May","Provider, Ltd",BOM-3\r\n';
    const out = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'windows.csv',
      content: text,
    });
    expect(out).toMatchObject({ ok: true, rows: 3, totalPence: 0 });
    const rows = await t.db
      .selectFrom('postings')
      .select(['amount_pence', 'supplier', 'description', 'period'])
      .where('reference', 'like', 'BOM-%')
      .orderBy('reference')
      .execute();
    expect(rows).toEqual([
      { amount_pence: -123456, supplier: 'Solent', description: 'Credit note, April', period: 1 },
      { amount_pence: -123456, supplier: 'Solent', description: 'Refund', period: 2 },
      { amount_pence: 246912, supplier: 'Provider, Ltd', description: 'Invoice, May', period: 2 },
    ]);
  });

  it('says which rows are outside the year, unmapped or undated, all at once', async () => {
    const text =
      'cost_centre,account_code,date,amount\nCC999,5100,2017-06-01,10.00\nCC100,5100,2018-04-01,10.00\nCC100,5100,yesterday,10.00\nCC100,5100,2017-06-01,0\n';
    const out = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'mixed.csv',
      content: text,
    });
    expect(out.ok).toBe(false);
    if (!out.ok)
      expect(out.problems.map((p) => [p.line, p.column])).toEqual([
        [2, 'cost_centre'],
        [3, 'date'],
        [4, 'date'],
        [5, 'amount'],
      ]);
  });

  it('refuses a file without the columns the profile names', async () => {
    const out = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'x.csv',
      content: 'cc,when,value\nCC100,2017-06-01,1\n',
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((p) => p.column)).toEqual(['cost_centre', 'date', 'amount']);
  });
});
