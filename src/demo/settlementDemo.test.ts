import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../test/support/fixtures.js';
import type { Agent } from '../../test/support/agent.js';
import { verifyAuditChain } from '../audit/index.js';
import { getPartnershipBySlug } from '../partnerships/index.js';
import { accountBalances } from '../ledger/journal/index.js';
import { listSettlements } from '../ledger/settlement/index.js';
import { expectedBalancesAfter } from '../ledger/settlement/index.js';
import type { SettlementWorking } from '../ledger/settlement/index.js';
import { DEMO_PASSWORD } from './data.js';
import { loadDemo } from './loadDemo.js';

describe('the demo pool’s year-end settlement', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let finance: Agent;
  let board: Agent;
  let base: string;
  let pid: number;
  let fundId: number;

  beforeAll(async () => {
    t = await startApp();
    await loadDemo(t.db);
    pid = (await getPartnershipBySlug(t.db, 'southampton'))!.id;
    fundId = (
      await t.db.selectFrom('funds').select('id').where('partnership_id', '=', pid).executeTakeFirstOrThrow()
    ).id;
    base = `/partnerships/${pid}/funds/${fundId}`;
    finance = t.agent();
    await finance.signIn('finance@southampton.example', DEMO_PASSWORD);
    board = t.agent();
    await board.signIn('board@southampton.example', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('is posted, balanced, and leaves the balances its working says', async () => {
    const [s] = await listSettlements(t.db, pid, fundId);
    expect(s?.status).toBe('posted');
    // the shares and the netting of spend against contributions; the contributions were raised in the year already
    expect(s?.postedEntryIds.length).toBe(2);
    const balances = await accountBalances(t.db, pid, fundId);
    expect([...balances.values()].reduce((a, b) => a + b, 0)).toBe(0);
    for (const [code, expected] of expectedBalancesAfter(s!.working as SettlementWorking))
      expect(balances.get(code) ?? 0, code).toBe(expected);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('holds each partner’s contribution once, plus its share of the overspend', async () => {
    // contributions £56,550,000.00 (CCG) and £49,050,000.00 (council); of the £1,106,190.00 overspend the reserve
    // meets £500,000.00, the CCG bears £238,387.94 and the council £367,802.06
    const balances = await accountBalances(t.db, pid, fundId);
    const orgs = await t.db
      .selectFrom('organisations')
      .select(['id', 'ods_code', 'gss_code'])
      .where((eb) => eb.or([eb('ods_code', '=', '10X'), eb('gss_code', '=', 'E06000045')]))
      .execute();
    const ccg = orgs.find((o) => o.ods_code === '10X')!.id;
    const council = orgs.find((o) => o.gss_code === 'E06000045')!.id;
    expect(balances.get(`CON-${ccg}`)).toBe(-(5_655_000_000 + 23_838_794));
    expect(balances.get(`CON-${council}`)).toBe(-(4_905_000_000 + 36_780_206));
  });

  it('shows the working to a board member, without the finance officer’s actions', async () => {
    const page = await board.get(`${base}/settlement`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The risk reserve meets £500,000.00.');
    expect(page.body).toContain('Posted');
    expect(page.body).not.toContain('Reverse the settlement');
    expect((await finance.get(`${base}/settlement`)).body).toContain('Reverse the settlement');
    expect((await board.get(`${base}/risk-share`)).body).toContain('A risk reserve of £500,000.00');
  });

  it('gives each partner a statement for each quarter, and its CSV', async () => {
    const list = await board.get(`${base}/statements`);
    const links = [...list.body.matchAll(/href="statements\/(Q\d\/\d+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(8);
    for (const link of links) {
      const page = await board.get(`${base}/statements/${link}`);
      expect(page.statusCode, link).toBe(200);
      expect(page.body).toContain('Forecast share of the under- or overspend');
      const csv = await board.get(`${base}/statements/${link}/statement.csv`);
      expect(csv.statusCode, link).toBe(200);
    }
  });

  it('shows the CCG’s finance officer the CCG’s statements only, and the whole monitoring report', async () => {
    const ccgFinance = t.agent();
    await ccgFinance.signIn('finance.ccg@southampton.example', DEMO_PASSWORD);
    const ccg = (
      await t.db
        .selectFrom('organisations')
        .select('id')
        .where('ods_code', '=', '10X')
        .executeTakeFirstOrThrow()
    ).id;
    const list = await ccgFinance.get(`${base}/statements`);
    const links = [...list.body.matchAll(/href="statements\/(Q\d\/\d+)"/g)].map((m) => m[1]!);
    expect(links).toHaveLength(4);
    expect(links.every((l) => l.endsWith(`/${ccg}`))).toBe(true);
    const all = [...(await board.get(`${base}/statements`)).body.matchAll(/href="statements\/(Q\d\/\d+)"/g)];
    const councils = all.map((m) => m[1]!).filter((l) => !l.endsWith(`/${ccg}`));
    expect(councils).toHaveLength(4);
    for (const l of councils)
      expect((await ccgFinance.get(`${base}/statements/${l}`)).statusCode, l).toBe(403);
    expect((await ccgFinance.get(`${base}/monitoring`)).statusCode).toBe(200);
  });
});
