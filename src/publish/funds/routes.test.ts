import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import { addContribution, createFund } from '../../ledger/funds/index.js';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  startApp,
} from '../../../test/support/fixtures.js';

describe('the public summary of pooled funds', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let slug: string;

  beforeAll(async () => {
    t = await startApp();
    const council = await makeOrganisation(t.db, { name: 'Riverside Council' });
    const ccg = await makeOrganisation(t.db, { name: 'Riverside CCG' });
    const pid = await makePartnership(t.db, [council, ccg], 'Riverside partnership');
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    const { fundId } = await makeFundWithScheme(t.db, pid, council, ccg);
    await transaction(t.db, async (trx) => {
      // a variation of +£0.01 shows the figures are exact to the penny
      await addContribution(trx, systemActor('test'), pid, fundId, {
        organisationId: ccg,
        stream: 'Minimum NHS Contribution',
        amountPence: pence(1),
        kind: 'variation',
        decisionReference: 'Board 2017/3',
        effectiveOn: '2017-10-01',
      });
      // an aligned budget is not pooled, so it is not in the summary
      await createFund(
        trx,
        systemActor('test'),
        pid,
        {
          financialYear: 2017,
          name: 'Aligned primary care',
          kind: 'aligned',
          hostOrganisationId: null,
          pooledFundManager: '',
          betterCareFund: false,
        },
        [council, ccg],
      );
    });
  });
  afterAll(() => t.close());

  it('shows, without signing in, the total pooled, each partner’s contribution and the budget by scheme type', async () => {
    const res = await t.agent().get(`/public/partnerships/${slug}/pooled-funds`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/2017-18: Pool \d+/);
    expect(res.body).toMatch(/-total">£24,000.01</);
    expect(res.body).toMatch(/Riverside Council<\/th><td[^>]*>£12,000.00</);
    expect(res.body).toMatch(/Riverside CCG<\/th><td[^>]*>£12,000.01</);
    expect(res.body).toMatch(
      /Home-based intermediate care services<\/th><td[^>]*>1<\/td><td[^>]*>£24,000.00</,
    );
    expect(res.body).toContain('differ from the total pooled (£24,000.01) by £0.01');
    expect(res.body).not.toContain('Aligned primary care');
    expect(res.body).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--s">Contributions by partner, 2017-18</caption>',
    );
  });

  it('is linked from the public partnership page, and a partnership that does not exist is not found', async () => {
    const page = await t.agent().get(`/public/partnerships/${slug}`);
    expect(page.body).toContain(`href="/public/partnerships/${slug}/pooled-funds"`);
    expect((await t.agent().get('/public/partnerships/no-such-place/pooled-funds')).statusCode).toBe(404);
  });
});
