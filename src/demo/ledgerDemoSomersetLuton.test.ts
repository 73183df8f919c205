import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { sumPence } from '../kernel/money.js';
import { getPartnershipBySlug } from '../partnerships/index.js';
import { contributionsOf, listFunds } from '../ledger/funds/index.js';
import { listSchemes } from '../ledger/funds/index.js';
import { accountBalances } from '../ledger/journal/index.js';
import { pooledFundSummaries } from '../ledger/funds/index.js';
import { loadDemo } from './loadDemo.js';

describe('the demo’s funds and contributions in the journal', () => {
  let t: TestDatabase;
  const fundsOf = async (slug: string) => {
    const p = (await getPartnershipBySlug(t.db, slug))!;
    return { pid: p.id, funds: await listFunds(t.db, p.id) };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.db);
  });
  afterAll(() => t.dispose());

  it('keeps Somerset’s surgery, radiotherapy and endoscopy out of the pooled fund, in an aligned budget beside it', async () => {
    const { pid, funds } = await fundsOf('somerset');
    const pool = funds.find((f) => f.kind === 'pooled')!;
    const aligned = funds.find((f) => f.kind === 'aligned')!;
    const EXCLUDED = ['surgery', 'radiotherapy', 'endoscopy'];
    expect((await listSchemes(t.db, pid, pool.id)).filter((s) => EXCLUDED.includes(s.service))).toEqual([]);
    expect((await listSchemes(t.db, pid, aligned.id)).map((s) => s.service)).toEqual(
      expect.arrayContaining(EXCLUDED),
    );
    const accounts = await t.db
      .selectFrom('accounts')
      .select('code')
      .where('fund_id', '=', pool.id)
      .where('kind', '=', 'contribution')
      .execute();
    expect(accounts).toHaveLength(3);
    expect(pool).toMatchObject({ financial_year: 2018, illustrative: true });
  });

  it('shows a late Somerset invoice dated in P3 posted in P4, because P1 to P3 are closed', async () => {
    const { funds } = await fundsOf('somerset');
    const pool = funds.find((f) => f.kind === 'pooled')!;
    const late = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('fund_id', '=', pool.id)
      .where('description', 'like', '%late.csv%')
      .executeTakeFirstOrThrow();
    expect(late).toMatchObject({ entry_date: '2018-06-01', period: 4 });
  });

  it('gives Luton a small first-year pool of £3,000,000.00 for 2018-19', async () => {
    const { pid } = await fundsOf('luton');
    const [summary] = await pooledFundSummaries(t.db, pid);
    expect(summary).toMatchObject({
      financialYear: 2018,
      totalPence: 3_000_000_00,
      schemeBudgetPence: 3_000_000_00,
    });
  });

  it('raises every pool’s contributions in the journal exactly, and every fund’s journal sums to zero', async () => {
    for (const slug of ['southampton', 'somerset', 'luton']) {
      const { pid, funds } = await fundsOf(slug);
      for (const f of funds) {
        const balances = await accountBalances(t.db, pid, f.id);
        expect(sumPence(balances.values()), `${slug} ${f.name}`).toBe(0);
        if (f.kind !== 'pooled') continue;
        for (const c of await contributionsOf(t.db, pid, f.id)) {
          const raised = await t.db
            .selectFrom('postings')
            .select((eb) => eb.fn.sum<string>('amount_pence').as('s'))
            .where('fund_id', '=', f.id)
            .where('account_code', '=', `CON-${c.organisationId}`)
            .where('stream', '=', c.stream)
            .executeTakeFirstOrThrow();
          expect(Number(raised.s), `${slug} ${c.stream}`).toBe(0 - c.amountPence);
        }
      }
    }
    // Southampton's partners paid all four instalments: nothing is still due from them
    const { pid, funds } = await fundsOf('southampton');
    const pool = funds.find((f) => f.kind === 'pooled')!;
    const balances = await accountBalances(t.db, pid, pool.id);
    for (const [code, balance] of balances) if (code.startsWith('DEB-')) expect(balance, code).toBe(0);
    // the £105.6m of contributions received, and the £500,000 risk reserve brought forward into the host's hands
    expect(balances.get('HOST')).toBe(105_600_000_00 + 500_000_00);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
