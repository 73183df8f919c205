import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, startApp } from '../../test/support/fixtures.js';
import { getPartnershipBySlug } from '../partnerships/index.js';
import { loadDemo } from './loadDemo.js';
import { LUTON_PROCUREMENT_REFERENCE } from './procurementDemo.js';

describe('the demo’s Luton joint procurement', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let body: string;
  let pid: number;

  beforeAll(async () => {
    t = await startApp();
    await loadDemo(t.db);
    pid = (await getPartnershipBySlug(t.db, 'luton'))!.id;
    await makeUser(t.db, 'luton-board@test.example', [[pid, 'board_member']]);
    const board = await t.signedIn('luton-board@test.example');
    const { id } = await t.db
      .selectFrom('procurements')
      .select('id')
      .where('reference', '=', LUTON_PROCUREMENT_REFERENCE)
      .executeTakeFirstOrThrow();
    const res = await board.get(`/partnerships/${pid}/procurements/${id}`);
    expect(res.statusCode).toBe(200);
    body = res.body;
  }, 300_000);
  afterAll(() => t.close());

  it('shows the value funded by the Council and the CCG, adding up', () => {
    const funding = /id="funding-table">([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
    expect(funding).toContain('£1,500,000.00');
    expect(funding).toContain('£2,700,000.00');
    expect(funding).toContain('£4,200,000.00');
  });

  it('shows the alliance bid with its members’ shares and the lead-provider bid with its subcontractors', () => {
    expect(body).toContain('Luton Wellbeing Alliance: an alliance of providers');
    expect(body).toMatch(
      /Luton Community Wellbeing CIC<\/th>\s*<td class="govuk-table__cell">Alliance member<\/td>\s*<td[^>]*>45%/,
    );
    expect(body).toMatch(
      /Bedfordshire Talking Therapies<\/th>\s*<td class="govuk-table__cell">Alliance member<\/td>\s*<td[^>]*>35%/,
    );
    expect(body).toContain('Chiltern Health Services: a lead provider with named subcontractors');
    expect(body).toMatch(
      /Chiltern Health Services Ltd<\/th>\s*<td class="govuk-table__cell">Lead provider<\/td>\s*<td[^>]*>65%/,
    );
    expect(body).toMatch(
      /Luton Counselling Collective<\/th>\s*<td class="govuk-table__cell">Subcontractor<\/td>\s*<td[^>]*>20%/,
    );
  });

  it('ranks the bids and shows the award to the alliance with the committee’s decision', async () => {
    const matrix = /id="evaluation-1">([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
    expect(matrix).toContain('Luton Wellbeing Alliance');
    expect(matrix).toContain('Weighted total');
    const award = /id="award-1"([\s\S]*?)<\/dl>/.exec(body)?.[1] ?? '';
    expect(award).toContain('Luton Wellbeing Alliance');
    expect(award).toContain('14 June 2018');
    expect(award).toContain('25 June 2018');
    expect(award).toContain('To procure health checks and psychological therapies as one contract');
    const decision = await t.db
      .selectFrom('decisions')
      .select('id')
      .where('partnership_id', '=', pid)
      .where('decision', 'like', 'To procure health checks%')
      .executeTakeFirstOrThrow();
    expect(award).toContain(`/partnerships/${pid}/decisions/${decision.id}`);
    expect(body).toMatch(/id="status">Awarded</);
  });
});
