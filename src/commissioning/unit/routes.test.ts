import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { unitDashboardTile } from './store.js';

type App = Awaited<ReturnType<typeof startApp>>;

const rowOf = (body: string, id: string) =>
  new RegExp(`<tr class="govuk-table__row" id="${id}">([\\s\\S]*?)</tr>`).exec(body)?.[1] ?? '';

describe('integrated commissioning unit page', steps, () => {
  let t: App;
  let finance: Agent;
  let board: Agent;
  let ccg: number;
  let council: number;
  let pid: number;

  const post = (over: Record<string, string>) => ({
    postTitle: 'Commissioner',
    employerOrganisationId: String(council),
    grade: 'Grade 10',
    fte: '1',
    annualCost: '50000',
    'startsOn-day': '1',
    'startsOn-month': '4',
    'startsOn-year': '2017',
    ...over,
  });

  beforeAll(async () => {
    t = await startApp();
    ccg = await makeOrganisation(t.db, { name: 'NHS Test City CCG', kind: 'ccg' });
    council = await makeOrganisation(t.db, {
      name: 'Test City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    // 2017-18 pool: each partner contributes £12,000.00
    await makeFundWithScheme(t.db, pid, council, ccg);
    await makeUser(t.db, 'finance@test.example', [[pid, 'finance_officer', council]]);
    await makeUser(t.db, 'board@test.example', [[pid, 'board_member']]);
    finance = await t.signedIn('finance@test.example');
    board = await t.signedIn('board@test.example');
  });
  afterAll(() => t.close());

  it('refuses a bad post, naming each field and keeping the input', async () => {
    const res = await finance.post(
      `/partnerships/${pid}/unit/posts`,
      post({ fte: '1.5', annualCost: 'lots', employerOrganisationId: '999999' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter the full-time equivalent from 0.01 to 1.00');
    expect(res.body).toContain('Annual cost: ');
    expect(res.body).toContain('Select the partner that employs the post holder');
    expect(res.body).toContain('value="1.5"');
  });

  it('shows staff by employer with FTE and cost to the penny', async () => {
    for (const p of [
      post({}),
      post({ postTitle: 'Analyst', fte: '0.5', annualCost: '33,333.33', additional: 'yes' }),
      post({ postTitle: 'Senior commissioner', employerOrganisationId: String(ccg), annualCost: '60000.01' }),
    ])
      expect((await finance.post(`/partnerships/${pid}/unit/posts`, p)).statusCode).toBe(303);
    const page = await board.get(`/partnerships/${pid}/unit?year=2017-18`);
    expect(page.statusCode).toBe(200);
    const councilRow = rowOf(page.body, `employer-${council}`);
    expect(councilRow).toContain('1.50');
    expect(councilRow).toContain('£66,666.67'); // 50,000.00 + 16,666.665 rounded half up
    const total = rowOf(page.body, 'unit-total');
    expect(total).toContain('2.50');
    expect(total).toContain('£126,666.68');
    expect(page.body).toContain('No budget is set for 2017-18');
    expect(page.body).not.toContain('Add a post');
  });

  it('refuses a split that does not add up to 100%', async () => {
    const res = await finance.post(`/partnerships/${pid}/unit/budget`, {
      financialYear: '2017-18',
      budget: '120000',
      sharingBasis: 'split',
      [`share-${ccg}`]: '50',
      [`share-${council}`]: '40',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The shares must add up to 100.00%; they add up to 90.00%');
  });

  it('shares the cost by an agreed split exactly, against the budget', async () => {
    const res = await finance.post(`/partnerships/${pid}/unit/budget`, {
      financialYear: '2017-18',
      budget: '120000',
      hostOrganisationId: String(council),
      sharingBasis: 'split',
      [`share-${ccg}`]: '33.33',
      [`share-${council}`]: '66.67',
      notes: 'Agreed by both partners',
    });
    expect(res.statusCode).toBe(303);
    const page = await board.get(`/partnerships/${pid}/unit?year=2017-18`);
    const shares =
      /<table class="govuk-table" id="unit-shares">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
    // 126,666.68 x 33.33% = 42,218.004..., and the council has the rest: 84,448.68 (the shares sum exactly)
    expect(shares).toContain('£42,218.00');
    expect(shares).toContain('£84,448.68');
    expect(page.body).toContain('-£6,666.68 overspent');
    expect(page.body).toContain('Agreed by both partners');
    const tile = await unitDashboardTile(t.db, pid, 2017);
    expect(tile).toEqual({
      financialYear: 2017,
      costPence: 12_666_668,
      budgetPence: 12_000_000,
      variancePence: -666_668,
      path: `/partnerships/${pid}/unit?year=2017-18`,
    });
  });

  it('shares the cost in proportion to contributions to the year’s pooled fund', async () => {
    const res = await finance.post(`/partnerships/${pid}/unit/budget`, {
      financialYear: '2017-18',
      budget: '130000',
      sharingBasis: 'contributions',
    });
    expect(res.statusCode).toBe(303);
    const page = await board.get(`/partnerships/${pid}/unit?year=2017-18`);
    const shares =
      /<table class="govuk-table" id="unit-shares">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
    // equal contributions: 126,666.68 split 63,333.34 each
    expect(shares.match(/£63,333\.34/g)?.length).toBe(2);
    expect(page.body).toContain('£3,333.32 underspent');
    // a year with no pool cannot be shared by contributions, and says so
    await finance.post(`/partnerships/${pid}/unit/budget`, {
      financialYear: '2016-17',
      budget: '1',
      sharingBasis: 'contributions',
    });
    const none = await board.get(`/partnerships/${pid}/unit?year=2016-17`);
    expect(none.body).toContain('No partner has contributed to a pooled fund of this year');
  });
});
