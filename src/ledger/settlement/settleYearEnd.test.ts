import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { accountCodes, addContribution, createFund, getFund, type Fund } from '../funds/index.js';
import { createScheme } from '../funds/index.js';
import { accountBalances, postEntry } from '../journal/index.js';
import { importGeneralLedger } from '../import/index.js';
import { getSettlement, setRiskSharePolicy } from './store.js';
import {
  approveSettlement,
  postSettlement,
  proposeSettlement,
  reverseSettlement,
  SettlementProblem,
} from './settleYearEnd.js';
import type { SettlementWorking } from './working.js';
import { loadPartnerStatement } from '../statements/index.js';

const actor = systemActor('test');
const approver = systemActor('test approver');
const gbp = (pounds: number) => pence(Math.round(pounds * 100));

/**
 * Three partners: the council (host) £50,000, the CCG £30,000, NHS England £20,000, all to one joint scheme.
 * They incur £55,000, £33,000 and £22,000: £110,000, an overspend of £10,000. Pro rata that is £5,000, £3,000
 * and £2,000, but the CCG's share is capped at £2,000, and its excess £1,000 goes 50:20 to the others:
 * £714.29 and £285.71. NHS England's contribution is already in the journal; the others' are not.
 */
describe('settling a three-partner pool with a cap, in the database', () => {
  let t: TestDatabase;
  let pid: number;
  let fund: Fund;
  const org: number[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const name of ['Council', 'CCG', 'NHS England']) org.push(await makeOrganisation(t.db, { name }));
    const [council, ccg, nhse] = org as [number, number, number];
    pid = await makePartnership(t.db, org);
    const fundId = await transaction(t.db, async (trx) => {
      const id = await createFund(
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
        org,
      );
      const amounts: [number, number][] = [
        [council, 50_000],
        [ccg, 30_000],
        [nhse, 20_000],
      ];
      for (const [o, pounds] of amounts)
        await addContribution(trx, actor, pid, id, {
          organisationId: o,
          stream: 'Pool',
          amountPence: gbp(pounds),
          kind: 'agreed',
          decisionReference: null,
          effectiveOn: null,
        });
      await createScheme(trx, actor, pid, id, {
        code: 'J1',
        name: 'Joint scheme',
        description: '',
        schemeType: 'Other',
        areaOfSpend: 'Other',
        commissioner: 'joint',
        commissionerOrganisationId: null,
        provider: '',
        service: 'other',
        budgets: amounts.map(([o, pounds]) => ({
          organisationId: o,
          stream: 'Pool',
          amountPence: gbp(pounds),
        })),
        profile: Array.from({ length: 12 }, () => 1),
        costCentres: org.map((o) => ({ organisationId: o, costCentre: `CC-${o}` })),
      });
      await postEntry(trx, actor, pid, id, {
        period: 1,
        entryDate: '2017-04-01',
        description: 'NHS England contribution due',
        source: 'contribution',
        postings: [
          { accountCode: accountCodes.debtor(nhse), amountPence: gbp(20_000), organisationId: nhse },
          { accountCode: accountCodes.contribution(nhse), amountPence: gbp(-20_000), organisationId: nhse },
        ],
      });
      await setRiskSharePolicy(
        trx,
        actor,
        pid,
        id,
        {
          steps: [
            { kind: 'pro-rata', appliesTo: 'both' },
            {
              kind: 'cap',
              appliesTo: 'overspend',
              excess: 'others',
              caps: [{ organisationId: ccg, maxPence: gbp(2_000) }],
            },
          ],
        },
        '',
      );
      return id;
    });
    for (const [o, pounds] of [
      [council, '55000.00'],
      [ccg, '33000.00'],
      [nhse, '22000.00'],
    ] as const) {
      const r = await importGeneralLedger({
        db: t.db,
        actor,
        partnershipId: pid,
        fundId,
        organisationId: o,
        filename: `${o}.csv`,
        content: `cost_centre,account_code,date,amount,description,supplier,reference\nCC-${o},5000,2017-09-30,${pounds},Spend,Supplier,R-${o}\n`,
      });
      expect(r.ok).toBe(true);
    }
    fund = (await getFund(t.db, pid, fundId))!;
  });
  afterAll(() => t.dispose());

  const run = <T>(f: (trx: Parameters<Parameters<typeof transaction>[1]>[0]) => Promise<T>) =>
    transaction(t.db, f);

  it('shares the overspend under the cap and settles each partner through the host', async () => {
    const [council, ccg, nhse] = org as [number, number, number];
    const before = await accountBalances(t.db, pid, fund.id);
    const s = await run((trx) => proposeSettlement({ trx, actor, partnershipId: pid, fund }));
    const w = s.working as SettlementWorking;
    // partners come in the order of their names: CCG, Council, NHS England
    expect(w.partners.map((p) => p.name)).toEqual(['CCG', 'Council', 'NHS England']);
    expect(w.riskShare.shares.map((x) => x.pence)).toEqual([gbp(2_000), gbp(5_714.29), gbp(2_285.71)]);
    expect(w.partners.map((p) => p.positionPence)).toEqual([gbp(-1_000), gbp(714.29), gbp(285.71)]);
    expect(w.partners.map((p) => p.contributionToPostPence)).toEqual([gbp(30_000), gbp(50_000), 0]);
    expect(w.transfers.map((x) => x.text)).toEqual([
      'Council, as host, pays CCG £1,000.00 from the pool.',
      'NHS England pays Council, as host of the pool, £285.71.',
    ]);
    await expect(
      run((trx) => postSettlement({ trx, actor, partnershipId: pid, fund, settlementId: s.id })),
    ).rejects.toThrow(SettlementProblem);
    // the one who computed it may not approve it too (segregation of duties)
    await expect(
      run((trx) =>
        approveSettlement({
          trx,
          actor,
          partnershipId: pid,
          fund,
          settlementId: s.id,
          decisionReference: 'D-1',
        }),
      ),
    ).rejects.toThrow(`You computed settlement ${s.id}, so you cannot approve it too`);
    expect((await getSettlement(t.db, pid, fund.id, s.id))?.status).toBe('proposed');
    await run((trx) =>
      approveSettlement({
        trx,
        actor: approver,
        partnershipId: pid,
        fund,
        settlementId: s.id,
        decisionReference: 'D-1',
      }),
    );
    await run((trx) => postSettlement({ trx, actor, partnershipId: pid, fund, settlementId: s.id }));
    const after = await accountBalances(t.db, pid, fund.id);
    expect(after.get(accountCodes.debtor(council))).toBe(gbp(714.29));
    expect(after.get(accountCodes.creditor(ccg))).toBe(gbp(-1_000));
    expect(after.get(accountCodes.debtor(nhse))).toBe(gbp(285.71));
    expect(after.get(accountCodes.contribution(nhse))).toBe(gbp(-22_285.71));
    expect([...after.values()].reduce((a, b) => a + b, 0)).toBe(0);

    await run((trx) =>
      reverseSettlement({
        trx,
        actor,
        partnershipId: pid,
        fund,
        settlementId: s.id,
        reason: 'test',
        onDate: '2018-04-30',
      }),
    );
    const restored = await accountBalances(t.db, pid, fund.id);
    for (const [code, balance] of restored) expect(balance, code).toBe(before.get(code) ?? 0);
  });

  it('keeps the working and the order of statuses fixed, in the database', async () => {
    const s = await run((trx) => proposeSettlement({ trx, actor, partnershipId: pid, fund }));
    await expect(
      t.db.updateTable('settlements').set({ computed_by: 'someone else' }).where('id', '=', s.id).execute(),
    ).rejects.toThrow(/fixed once computed/);
    await expect(
      t.db
        .updateTable('settlements')
        .set({ status: 'posted', posted_at: new Date(), approved_by: 'x', decision_reference: 'y' })
        .where('id', '=', s.id)
        .execute(),
    ).rejects.toThrow(/cannot move from proposed to posted/);
    await expect(t.db.deleteFrom('settlements').where('id', '=', s.id).execute()).rejects.toThrow(/kept/);
    await expect(
      t.db.updateTable('settlements').set({ status: 'approved' }).where('id', '=', s.id).execute(),
    ).rejects.toThrow(/check/);
  });

  it('states the contributions the journal holds, leaving out the settlement’s own entries', async () => {
    const nhse = org[2] as number;
    const ccg = org[1] as number;
    // NHS England's £20,000 was posted in P1; the settlement and its reversal (P12) do not count as contributions
    const q1 = await loadPartnerStatement(t.db, pid, fund, nhse, 1, null);
    expect(q1?.contributionBasis).toBe('journal');
    expect(q1?.rows[0]).toMatchObject({ quarterPence: gbp(20_000), yearToDatePence: gbp(20_000) });
    const q4 = await loadPartnerStatement(t.db, pid, fund, nhse, 4, null);
    expect(q4?.rows[0]).toMatchObject({ quarterPence: 0, yearToDatePence: gbp(20_000) });
    // the CCG has no contribution entry: its £30,000 in four instalments of £7,500
    const ccgQ2 = await loadPartnerStatement(t.db, pid, fund, ccg, 2, null);
    expect(ccgQ2?.contributionBasis).toBe('instalments');
    expect(ccgQ2?.rows[0]).toMatchObject({ quarterPence: gbp(7_500), yearToDatePence: gbp(15_000) });
    // its £33,000 of spend was incurred in September (P6, Q2)
    expect(ccgQ2?.rows[1]).toMatchObject({ quarterPence: gbp(33_000), yearToDatePence: gbp(33_000) });
  });
});
