import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { sql } from 'kysely';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { accountCodes, createFund } from '../funds/index.js';
import { accountBalances, closePeriod, postEntry, reverseEntry } from './store.js';

const actor = systemActor('test');

describe('the journal in the database', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let fundId: number;
  let a: number;
  let b: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeOrganisation(t.db);
    b = await makeOrganisation(t.db);
    pid = await makePartnership(t.db, [a, b]);
    fundId = await transaction(t.db, (trx) =>
      createFund(
        trx,
        actor,
        pid,
        {
          financialYear: 2017,
          name: 'Pool',
          kind: 'pooled',
          hostOrganisationId: a,
          pooledFundManager: '',
          betterCareFund: false,
        },
        [a, b],
      ),
    );
  });
  afterAll(() => t.dispose());

  const contribution = (amount: number) => ({
    period: 1,
    entryDate: '2017-04-01',
    description: 'Contribution due',
    source: 'contribution' as const,
    postings: [
      { accountCode: accountCodes.debtor(b), amountPence: pence(amount), organisationId: b },
      { accountCode: accountCodes.contribution(b), amountPence: pence(-amount), organisationId: b },
    ],
  });

  it('refuses, at commit, an entry whose postings do not sum to zero, even when written around the code', async () => {
    await expect(
      transaction(t.db, async (trx) => {
        const e = await trx
          .insertInto('journal_entries')
          .values({
            partnership_id: pid,
            fund_id: fundId,
            period: 1,
            entry_date: '2017-04-01',
            description: 'forged',
            source: 'manual',
            created_by: 'x',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('postings')
          .values([
            {
              partnership_id: pid,
              entry_id: e.id,
              line: 1,
              fund_id: fundId,
              account_code: 'HOST',
              amount_pence: 100,
              period: 1,
            },
            {
              partnership_id: pid,
              entry_id: e.id,
              line: 2,
              fund_id: fundId,
              account_code: 'RESERVE',
              amount_pence: -99,
              period: 1,
            },
          ])
          .execute();
      }),
    ).rejects.toThrow(/does not balance/);
    expect(
      await t.db.selectFrom('journal_entries').select('id').where('description', '=', 'forged').execute(),
    ).toEqual([]);
  });

  it('refuses to change or delete a posting, and to add one to an entry already written', async () => {
    const { entryId } = await transaction(t.db, (trx) =>
      postEntry(trx, actor, pid, fundId, contribution(5000)),
    );
    await expect(
      sql`update postings set amount_pence = 1 where entry_id = ${entryId}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from journal_entries where id = ${entryId}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      transaction(t.db, (trx) =>
        trx
          .insertInto('postings')
          .values({
            partnership_id: pid,
            entry_id: entryId,
            line: 9,
            fund_id: fundId,
            account_code: 'HOST',
            amount_pence: 1,
            period: 1,
          })
          .execute(),
      ),
    ).rejects.toThrow(/is closed/);
  });

  it('restores every balance when an entry is reversed', async () => {
    const before = await accountBalances(t.db, pid, fundId);
    const { entryId } = await transaction(t.db, (trx) =>
      postEntry(trx, actor, pid, fundId, contribution(123_45)),
    );
    expect((await accountBalances(t.db, pid, fundId)).get(accountCodes.debtor(b))).toBe(
      (before.get(accountCodes.debtor(b)) ?? 0) + 123_45,
    );
    await transaction(t.db, (trx) => reverseEntry(trx, actor, pid, entryId, 'keyed twice', '2017-04-02'));
    expect(await accountBalances(t.db, pid, fundId)).toEqual(before);
    await expect(
      transaction(t.db, (trx) => reverseEntry(trx, actor, pid, entryId, 'again', '2017-04-03')),
    ).rejects.toThrow(/already reversed/);
  });

  it('sends a late item for a closed period to the next open period', async () => {
    await transaction(t.db, (trx) => closePeriod(trx, actor, pid, fundId, 1));
    const { period } = await transaction(t.db, (trx) => postEntry(trx, actor, pid, fundId, contribution(10)));
    expect(period).toBe(2);
  });
});
