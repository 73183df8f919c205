import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { pence, sumPence, type Pence } from '../../kernel/money.js';
import type { IsoDate } from '../../kernel/dates.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { accountCodes, addContribution, createFund } from '../funds/index.js';
import { accountBalances, closePeriod, postEntry, reverseEntry } from './store.js';
import {
  planInstalments,
  raiseContributionInstalments,
  recordContributionReceipt,
  type ContributionAmount,
} from './contributions.js';

const actor = systemActor('test');
const MIN_NHS = 'Minimum NHS Contribution';

describe('planning contribution instalments', () => {
  it('splits £1,200,000.01 into four quarterly instalments, the odd penny to the first', () => {
    const lines = planInstalments(
      [{ organisationId: 1, stream: MIN_NHS, amountPence: pence(120_000_001) }],
      [],
      1,
    );
    expect(lines.map((l) => [l.period, l.amountPence])).toEqual([
      [1, 30_000_001],
      [4, 30_000_000],
      [7, 30_000_000],
      [10, 30_000_000],
    ]);
  });

  it('raises only the difference of a later variation, in the first open period', () => {
    const lines = planInstalments(
      [
        { organisationId: 1, stream: MIN_NHS, amountPence: pence(400_00) },
        { organisationId: 1, stream: MIN_NHS, amountPence: pence(-50_00) },
      ],
      [{ organisationId: 1, stream: MIN_NHS, amountPence: pence(400_00) }],
      5,
    );
    expect(lines).toEqual([
      { organisationId: 1, stream: MIN_NHS, amountPence: -50_00, period: 5, kind: 'variation' },
    ]);
  });

  const contribution = fc.record({
    organisationId: fc.integer({ min: 1, max: 4 }),
    stream: fc.constantFrom(MIN_NHS, 'iBCF', 'DFG'),
    amountPence: fc.integer({ min: -5_000_000, max: 2_000_000_000 }).map((n) => pence(n)),
  });

  it('always raises, with what was raised before, exactly the agreed amount plus variations', () => {
    fc.assert(
      fc.property(
        fc.array(contribution, { maxLength: 12 }),
        fc.array(contribution, { maxLength: 6 }),
        (due, raised) => {
          const lines = planInstalments(due, raised, 3);
          const keys = new Set([...due, ...raised].map((c) => `${c.organisationId}|${c.stream}`));
          const total = (xs: readonly ContributionAmount[], key: string) =>
            sumPence(xs.filter((c) => `${c.organisationId}|${c.stream}` === key).map((c) => c.amountPence));
          for (const key of keys) expect(total(raised, key) + total(lines, key)).toBe(total(due, key));
          expect(lines.every((l) => l.amountPence !== 0)).toBe(true);
        },
      ),
    );
  });
});

describe('contributions in the journal', () => {
  let t: TestDatabase;
  let pid: number;
  let ccg: number;
  let council: number;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, { name: 'CCG' });
    council = await makeOrganisation(t.db, { name: 'Council' });
    pid = await makePartnership(t.db, [ccg, council]);
  });
  afterAll(() => t.dispose());

  async function fundWith(
    contributions: { organisationId: number; stream: string; amountPence: Pence; variation?: boolean }[],
  ) {
    n += 1;
    return transaction(t.db, async (trx) => {
      const fundId = await createFund(
        trx,
        actor,
        pid,
        {
          financialYear: 2017,
          name: `Pool ${n}`,
          kind: 'pooled',
          hostOrganisationId: council,
          pooledFundManager: '',
          betterCareFund: true,
        },
        [ccg, council],
      );
      for (const c of contributions)
        await addContribution(trx, actor, pid, fundId, {
          ...c,
          kind: c.variation ? 'variation' : 'agreed',
          decisionReference: c.variation ? 'Board decision 2017/12' : null,
          effectiveOn: null,
        });
      return fundId;
    });
  }

  const journalTotal = async (fundId: number) =>
    sumPence((await accountBalances(t.db, pid, fundId)).values());

  it('raises each partner’s contribution as four instalments due from it, and records receipts into the host', async () => {
    const fundId = await fundWith([
      { organisationId: ccg, stream: MIN_NHS, amountPence: pence(1_200_000_00) },
      { organisationId: council, stream: 'iBCF', amountPence: pence(620_000_03) },
    ]);
    const posted = await transaction(t.db, (trx) => raiseContributionInstalments(trx, actor, pid, fundId));
    expect(posted.map((p) => p.period)).toEqual([1, 4, 7, 10]);
    let balances = await accountBalances(t.db, pid, fundId);
    expect(balances.get(accountCodes.debtor(ccg))).toBe(1_200_000_00);
    expect(balances.get(accountCodes.contribution(ccg))).toBe(-1_200_000_00);
    expect(balances.get(accountCodes.contribution(council))).toBe(-620_000_03);
    // run again: nothing more to raise
    expect(await transaction(t.db, (trx) => raiseContributionInstalments(trx, actor, pid, fundId))).toEqual(
      [],
    );
    await transaction(t.db, (trx) =>
      recordContributionReceipt(trx, actor, pid, fundId, {
        organisationId: ccg,
        amountPence: pence(300_000_00),
        receivedOn: '2017-04-28' as IsoDate,
        reference: 'BACS-0001',
      }),
    );
    balances = await accountBalances(t.db, pid, fundId);
    expect(balances.get(accountCodes.debtor(ccg))).toBe(900_000_00);
    expect(balances.get(accountCodes.hostBalance)).toBe(300_000_00);
    expect(await journalTotal(fundId)).toBe(0);
  });

  it('raises a variation agreed after the instalments in the first open period', async () => {
    const fundId = await fundWith([{ organisationId: ccg, stream: MIN_NHS, amountPence: pence(400_00) }]);
    await transaction(t.db, (trx) => raiseContributionInstalments(trx, actor, pid, fundId));
    await transaction(t.db, async (trx) => {
      await closePeriod(trx, actor, pid, fundId, 1);
      await closePeriod(trx, actor, pid, fundId, 2);
      await addContribution(trx, actor, pid, fundId, {
        organisationId: ccg,
        stream: MIN_NHS,
        amountPence: pence(60_00),
        kind: 'variation',
        decisionReference: 'Board decision 2017/12',
        effectiveOn: '2017-06-01',
      });
    });
    const posted = await transaction(t.db, (trx) => raiseContributionInstalments(trx, actor, pid, fundId));
    expect(posted.map((p) => p.period)).toEqual([3]);
    expect((await accountBalances(t.db, pid, fundId)).get(accountCodes.debtor(ccg))).toBe(460_00);
  });

  it('counts only instalments and their reversals as raised, not other postings to the contribution account', async () => {
    const fundId = await fundWith([{ organisationId: ccg, stream: MIN_NHS, amountPence: pence(800_00) }]);
    const [first] = await transaction(t.db, (trx) => raiseContributionInstalments(trx, actor, pid, fundId));
    await transaction(t.db, (trx) =>
      postEntry(trx, actor, pid, fundId, {
        period: 2,
        entryDate: '2017-05-31',
        description: 'Manual adjustment to the contribution account',
        source: 'manual',
        postings: [
          {
            accountCode: accountCodes.contribution(ccg),
            amountPence: pence(5_00),
            organisationId: ccg,
            stream: MIN_NHS,
          },
          { accountCode: accountCodes.reserve, amountPence: pence(-5_00) },
        ],
      }),
    );
    expect(await transaction(t.db, (trx) => raiseContributionInstalments(trx, actor, pid, fundId))).toEqual(
      [],
    );
    // the first instalment reversed: raising again puts the £200.00 back, in the first open period
    await transaction(t.db, (trx) =>
      reverseEntry(trx, actor, pid, first!.entryId, 'raised early', '2017-04-02'),
    );
    const again = await transaction(t.db, (trx) => raiseContributionInstalments(trx, actor, pid, fundId));
    expect(again.map((p) => p.period)).toEqual([1]);
    expect((await accountBalances(t.db, pid, fundId)).get(accountCodes.debtor(ccg))).toBe(800_00);
  });

  it('keeps the journal at zero for any contributions and receipts, and reversing any entry restores every balance', async () => {
    const partnerContribution = fc.record({
      partner: fc.constantFrom('ccg', 'council'),
      stream: fc.constantFrom(MIN_NHS, 'iBCF', 'DFG'),
      amount: fc.integer({ min: 0, max: 50_000_000_00 }),
      variation: fc.integer({ min: -1_000_00, max: 1_000_00 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(partnerContribution, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({
            partner: fc.constantFrom('ccg', 'council'),
            amount: fc.integer({ min: 1, max: 10_000_000 }),
            day: fc.integer({ min: 1, max: 28 }),
          }),
          { maxLength: 3 },
        ),
        fc.nat(),
        async (contributions, receipts, pick) => {
          const org = (p: string) => (p === 'ccg' ? ccg : council);
          const fundId = await fundWith(
            contributions.flatMap((c) => [
              { organisationId: org(c.partner), stream: c.stream, amountPence: pence(c.amount) },
              ...(c.variation !== 0
                ? [
                    {
                      organisationId: org(c.partner),
                      stream: c.stream,
                      amountPence: pence(c.variation),
                      variation: true,
                    },
                  ]
                : []),
            ]),
          );
          const entries = await transaction(t.db, (trx) =>
            raiseContributionInstalments(trx, actor, pid, fundId),
          );
          for (const [i, r] of receipts.entries())
            entries.push(
              await transaction(t.db, (trx) =>
                recordContributionReceipt(trx, actor, pid, fundId, {
                  organisationId: org(r.partner),
                  amountPence: pence(r.amount),
                  receivedOn: `2017-05-${String(r.day).padStart(2, '0')}` as IsoDate,
                  reference: `R-${fundId}-${i}`,
                }),
              ),
            );
          expect(await journalTotal(fundId)).toBe(0);
          for (const partner of ['ccg', 'council']) {
            const agreed = sumPence(
              contributions.filter((c) => c.partner === partner).map((c) => c.amount + c.variation),
            );
            expect(
              (await accountBalances(t.db, pid, fundId)).get(accountCodes.contribution(org(partner))) ?? 0,
            ).toBe(0 - agreed);
          }
          if (entries.length === 0) return;
          // reversing any one entry leaves every balance as if that entry had never been posted
          const chosen = entries[pick % entries.length]!;
          const expected = await accountBalances(t.db, pid, fundId);
          const its = await t.db
            .selectFrom('postings')
            .select(['account_code', 'amount_pence'])
            .where('partnership_id', '=', pid)
            .where('entry_id', '=', chosen.entryId)
            .execute();
          for (const p of its)
            expected.set(p.account_code, (expected.get(p.account_code) ?? 0) - p.amount_pence);
          await transaction(t.db, (trx) =>
            reverseEntry(trx, actor, pid, chosen.entryId, 'test', '2017-06-01'),
          );
          const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0));
          expect(nonZero(await accountBalances(t.db, pid, fundId))).toEqual(nonZero(expected));
          expect(await journalTotal(fundId)).toBe(0);
        },
      ),
      { numRuns: 8 },
    );
  });
});
