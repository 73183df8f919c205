import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { importGeneralLedger } from '../import/index.js';
import { accountBalances, postEntry } from '../journal/index.js';
import { accountCodes } from '../funds/index.js';
import { getSettlement, listSettlements, setRiskSharePolicy } from './store.js';
import { expectedBalancesAfter } from './settleYearEnd.js';
import type { SettlementWorking } from './working.js';

const actor = systemActor('test');

/**
 * Two partners each contribute £12,000 to one joint scheme. The host (A) incurs £14,000 of spend and B £11,500:
 * £25,500 against £24,000, an overspend of £1,500. The policy: a £500 reserve first, each commissioner its own
 * schemes (there are none), the rest pro rata (50:50): £500 each. A bears £12,500 and incurred £14,000, so the
 * pool owes it £1,500; B bears £12,500 and incurred £11,500, so it owes the pool £1,000; the reserve meets £500.
 */
describe('a finance officer settles the year', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let finance: Agent;
  let approver: Agent;
  let pid: number;
  let a: number;
  let b: number;
  let fundId: number;
  let url: string;

  const importSpend = (org: number, pounds: string, ref: string) =>
    importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: org,
      filename: `${ref}.csv`,
      content: `cost_centre,account_code,date,amount,description,supplier,reference\r\nCC-${org},5000,2018-02-10,${pounds},Reablement,Team,${ref}\r\n`,
    });

  beforeAll(async () => {
    t = await startApp();
    a = await makeOrganisation(t.db, { name: 'Host council' });
    b = await makeOrganisation(t.db, { name: 'Clinical commissioning group' });
    pid = await makePartnership(t.db, [a, b]);
    ({ fundId } = await makeFundWithScheme(t.db, pid, a, b));
    url = `/partnerships/${pid}/funds/${fundId}`;
    await makeUser(t.db, 'finance@settle.example', [[pid, 'finance_officer']]);
    finance = await t.signedIn('finance@settle.example');
    await makeUser(t.db, 'approver@settle.example', [[pid, 'finance_officer']]);
    approver = await t.signedIn('approver@settle.example');
    expect((await importSpend(a, '14000.00', 'A-1')).ok).toBe(true);
    expect((await importSpend(b, '11500.00', 'B-1')).ok).toBe(true);
    // the risk reserve, held by the host
    await transaction(t.db, (trx) =>
      postEntry(trx, actor, pid, fundId, {
        period: 1,
        entryDate: '2017-04-01',
        description: 'Risk reserve brought forward',
        source: 'manual',
        postings: [
          { accountCode: accountCodes.hostBalance, amountPence: pence(50_000) },
          { accountCode: accountCodes.reserve, amountPence: pence(-50_000) },
        ],
      }),
    );
  });
  afterAll(() => t.close());

  it('refuses to compute a settlement before the policy is recorded', async () => {
    await finance.get(`${url}/settlement`);
    const res = await finance.post(`${url}/settlement`, {});
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Record the fund’s risk-share policy before computing a settlement');
  });

  it('refuses fixed shares that do not add up to 100%, keeping what was typed and saving nothing', async () => {
    await finance.get(`${url}/risk-share/edit`);
    const res = await finance.post(`${url}/risk-share`, {
      reserve: '500',
      commissioner: 'yes',
      remainder: 'fixed-shares',
      [`share-${a}`]: '60',
      [`share-${b}`]: '30',
      underspend: 'same',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The fixed shares must add up to 100%');
    expect(res.body).toContain('value="60"');
    expect(await t.db.selectFrom('risk_share_policies').select('fund_id').execute()).toEqual([]);
  });

  it('records the policy and shows it in words', async () => {
    const res = await finance.post(`${url}/risk-share`, {
      reserve: '500.00',
      reserveAppliesTo: 'overspend',
      commissioner: 'yes',
      remainder: 'pro-rata',
      underspend: 'same',
      agreementClause: 'Schedule 3, paragraph 4',
    });
    expect(res.statusCode).toBe(303);
    const page = await finance.get(`${url}/risk-share`);
    expect(page.body).toContain('A risk reserve of £500.00 absorbs the variance first (overspends only).');
    expect(page.body).toContain('What remains is shared in proportion to contributions');
  });

  it('computes, approves and posts the settlement, and the balances are what the working says', async () => {
    await finance.get(`${url}/settlement`);
    expect((await finance.post(`${url}/settlement`, {})).statusCode).toBe(303);
    const page = await finance.get(`${url}/settlement`);
    expect(page.body).toContain('Proposed');
    expect(page.body).toContain('The fund overspent by £1,500.00.');
    expect(page.body).toContain(
      'Clinical commissioning group pays Host council, as host of the pool, £1,000.00.',
    );
    const [proposed] = await listSettlements(t.db, pid, fundId);
    const id = proposed!.id;

    const missing = await finance.post(`${url}/settlement/${id}/approve`, { decisionReference: ' ' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter the reference of the decision that approved the settlement');
    // the one who computed it may not approve it too (segregation of duties)
    await finance.get(`${url}/settlement`);
    const own = await finance.post(`${url}/settlement/${id}/approve`, {
      decisionReference: 'JCB-2018-05-17-4',
    });
    expect(own.statusCode).toBe(400);
    expect(own.body).toContain(
      `You computed settlement ${id}, so you cannot approve it too: another finance officer must approve it`,
    );
    expect((await getSettlement(t.db, pid, fundId, id))?.status).toBe('proposed');
    await approver.get(`${url}/settlement`);
    expect(
      (await approver.post(`${url}/settlement/${id}/approve`, { decisionReference: 'JCB-2018-05-17-4' }))
        .statusCode,
    ).toBe(303);
    await finance.get(`${url}/settlement`);
    expect((await finance.post(`${url}/settlement/${id}/post`, {})).statusCode).toBe(303);

    const posted = await getSettlement(t.db, pid, fundId, id);
    expect(posted?.status).toBe('posted');
    expect(posted?.computedBy).toBe('finance');
    expect(posted?.approvedBy).toBe('approver');
    expect(posted?.decisionReference).toBe('JCB-2018-05-17-4');
    const entries = await t.db
      .selectFrom('journal_entries')
      .select(['id', 'period', 'source', 'decision_reference'])
      .where('id', 'in', posted!.postedEntryIds)
      .execute();
    expect(entries.map((e) => [e.period, e.source, e.decision_reference])).toEqual(
      entries.map(() => [12, 'settlement', 'JCB-2018-05-17-4']),
    );
    for (const e of entries) {
      const sum = await t.db
        .selectFrom('postings')
        .select((eb) => eb.fn.sum<string>('amount_pence').as('total'))
        .where('entry_id', '=', e.id)
        .executeTakeFirstOrThrow();
      expect(Number(sum.total)).toBe(0);
    }
    const balances = await accountBalances(t.db, pid, fundId);
    expect([...balances.values()].reduce((x, y) => x + y, 0)).toBe(0);
    expect(balances.get(`DEB-${b}`)).toBe(100_000);
    expect(balances.get(`CRE-${a}`)).toBe(-150_000);
    expect(balances.get(`CRE-${b}`) ?? 0).toBe(0);
    expect(balances.get(`DEB-${a}`) ?? 0).toBe(0);
    expect(balances.get(`CON-${a}`)).toBe(-1_250_000);
    expect(balances.get('RESERVE') ?? 0).toBe(0);
    expect(balances.get('RESERVE-APPLIED')).toBe(-50_000);
    for (const [code, expected] of expectedBalancesAfter(posted!.working as SettlementWorking))
      expect(balances.get(code) ?? 0, code).toBe(expected);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('after')
      .where('entity_type', '=', 'settlement')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((e) => (e.after as { status: string }).status)).toEqual([
      'proposed',
      'approved',
      'posted',
    ]);
  });

  it('refuses to compute another while one is posted, and reverses it only by reversing entries', async () => {
    await finance.get(`${url}/settlement`);
    const again = await finance.post(`${url}/settlement`, {});
    expect(again.statusCode).toBe(400);
    const [posted] = await listSettlements(t.db, pid, fundId);
    const noReason = await finance.post(`${url}/settlement/${posted!.id}/reverse`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the settlement is being reversed');
    expect(
      (await finance.post(`${url}/settlement/${posted!.id}/reverse`, { reason: 'wrong reserve' })).statusCode,
    ).toBe(303);
    const reversed = await getSettlement(t.db, pid, fundId, posted!.id);
    expect(reversed?.status).toBe('reversed');
    expect(reversed?.reversalEntryIds).toHaveLength(posted!.postedEntryIds.length);
    const balances = await accountBalances(t.db, pid, fundId);
    expect(balances.get(`CRE-${a}`)).toBe(-1_400_000);
    expect(balances.get(`CRE-${b}`)).toBe(-1_150_000);
    expect(balances.get(`CON-${a}`) ?? 0).toBe(0);
    expect(balances.get('RESERVE')).toBe(-50_000);
  });

  it('refuses to post when the ledger changed after the settlement was computed', async () => {
    await finance.get(`${url}/settlement`);
    expect((await finance.post(`${url}/settlement`, {})).statusCode).toBe(303);
    const [s] = await listSettlements(t.db, pid, fundId);
    await approver.get(`${url}/settlement`);
    await approver.post(`${url}/settlement/${s!.id}/approve`, { decisionReference: 'JCB-2018-06-01-2' });
    expect((await importSpend(b, '10.00', 'B-late')).ok).toBe(true);
    await finance.get(`${url}/settlement`);
    const res = await finance.post(`${url}/settlement/${s!.id}/post`, {});
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`The ledger has changed since settlement ${s!.id} was computed`);
    expect((await getSettlement(t.db, pid, fundId, s!.id))?.status).toBe('approved');
  });

  it('gives each partner its quarterly statement, on a page and as CSV', async () => {
    // B's £12,000 in four instalments of £3,000; its £11,500 (and the late £10) incurred in February, Q4
    const page = await finance.get(`${url}/statements/Q4/${b}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Clinical commissioning group: statement for Q4 (January to March 2018)');
    expect(page.body).toMatch(/id="row-contributions"[\s\S]*?£3,000\.00[\s\S]*?£12,000\.00/);
    expect(page.body).toMatch(/id="row-incurred"[\s\S]*?£11,510\.00[\s\S]*?£11,510\.00/);
    const csv = await finance.get(`${url}/statements/Q4/${b}/statement.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Contributions to the pool,3000,12000');
    expect((await finance.get(`${url}/statements/Q5/${b}`)).statusCode).toBe(404);
  });

  it('warns before the form replaces a policy recorded in an order it cannot show', async () => {
    expect((await finance.get(`${url}/risk-share/edit`)).body).not.toContain('cannot show');
    await transaction(t.db, (trx) =>
      setRiskSharePolicy(
        trx,
        actor,
        pid,
        fundId,
        {
          steps: [
            { kind: 'pro-rata', appliesTo: 'both' },
            { kind: 'reserve', amountPence: 100, appliesTo: 'both' },
          ],
        },
        '',
      ),
    );
    expect((await finance.get(`${url}/risk-share/edit`)).body).toContain(
      'The recorded policy has steps in an order this form cannot show',
    );
  });
});
