import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { makeOrganisation, makePartnership, makeUser, startApp } from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';

type App = Awaited<ReturnType<typeof startApp>>;

async function count(t: App, table: 'funds' | 'fund_contributions' | 'schemes' | 'audit_events') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The text of the element with this id (a total cell on the fund page). */
const cell = (html: string, id: string) => new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1];

describe('setting up a pooled fund through the web', steps, () => {
  let t: App;
  let hostFinance: Agent;
  let ccgFinance: Agent;
  let ccg: number;
  let council: number;
  let pid: number;
  let fundUrl: string;

  beforeAll(async () => {
    t = await startApp();
    ccg = await makeOrganisation(t.db, { name: 'NHS Test City CCG', kind: 'ccg', odsCode: '10X' });
    council = await makeOrganisation(t.db, {
      name: 'Test City Council',
      kind: 'local_authority',
      laTier: 'unitary',
      gssCode: 'E06000045',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    await makeUser(t.db, 'host-finance@test.example', [[pid, 'finance_officer', council]]);
    await makeUser(t.db, 'ccg-finance@test.example', [[pid, 'finance_officer', ccg]]);
    hostFinance = await t.signedIn('host-finance@test.example');
    ccgFinance = await t.signedIn('ccg-finance@test.example');
  });
  afterAll(() => t.close());

  it('lets the host’s finance officer set up the year’s pooled fund, audited', async () => {
    const audits = await count(t, 'audit_events');
    expect((await hostFinance.get(`/partnerships/${pid}/funds/new`)).statusCode).toBe(200);
    const res = await hostFinance.post(`/partnerships/${pid}/funds`, {
      financialYear: '2017-18',
      name: 'Better Care Fund pool',
      kind: 'pooled',
      hostOrganisationId: String(council),
      pooledFundManager: 'Head of Integrated Commissioning',
      betterCareFund: 'yes',
    });
    expect(res.statusCode).toBe(303);
    fundUrl = res.headers.location!;
    expect(fundUrl).toMatch(new RegExp(`^/partnerships/${pid}/funds/\\d+$`));
    const page = await hostFinance.get(fundUrl);
    expect(page.body).toContain('Pooled fund under the Better Care Fund');
    expect(page.body).toContain('Head of Integrated Commissioning');
    expect(await count(t, 'audit_events')).toBe(audits + 1);
  });

  it('adds agreed contributions by partner and stream, and the fund page totals them to the penny', async () => {
    for (const [org, stream, amount] of [
      [ccg, 'Minimum NHS Contribution', '1,234,567.89'],
      [council, 'iBCF', '500000.01'],
      [council, 'Additional LA Contribution', '£0.10'],
    ] as const) {
      const res = await hostFinance.post(`${fundUrl}/contributions`, {
        organisationId: String(org),
        stream,
        amount,
      });
      expect(res.statusCode, stream).toBe(303);
    }
    const page = await hostFinance.get(fundUrl);
    // 1,234,567.89 + 500,000.01 + 0.10
    expect(cell(page.body, 'contribution-total')).toBe('£1,734,568.00');
    expect(page.body).toContain('Contributions not yet budgeted to schemes: £1,734,568.00');
  });

  it('refuses a negative contribution, keeping what was typed and saving nothing', async () => {
    const before = await count(t, 'fund_contributions');
    const res = await hostFinance.post(`${fundUrl}/contributions`, {
      organisationId: String(ccg),
      stream: 'Additional NHS Contribution',
      amount: '-100.00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain(
      'An agreed contribution cannot be negative; record a reduction as a variation',
    );
    expect(res.body).toContain('href="#amount"');
    expect(res.body).toContain('value="-100.00"');
    expect(await count(t, 'fund_contributions')).toBe(before);
  });

  it('refuses a stream the partner cannot pay into', async () => {
    const before = await count(t, 'fund_contributions');
    const res = await hostFinance.post(`${fundUrl}/contributions`, {
      organisationId: String(ccg),
      stream: 'DFG',
      amount: '100.00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('DFG is paid by the council, not NHS Test City CCG');
    expect(await count(t, 'fund_contributions')).toBe(before);
  });

  it('refuses a variation without the decision that approved it, saving nothing', async () => {
    const before = await count(t, 'fund_contributions');
    const res = await hostFinance.post(`${fundUrl}/variations`, {
      organisationId: String(ccg),
      stream: 'Minimum NHS Contribution',
      amount: '-1000.50',
      decisionReference: '',
      'effectiveOn-day': '1',
      'effectiveOn-month': '10',
      'effectiveOn-year': '2017',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter the reference of the decision that approved the variation');
    expect(res.body).toContain('href="#decisionReference"');
    expect(res.body).toContain('value="-1000.50"');
    expect(await count(t, 'fund_contributions')).toBe(before);
  });

  it('refuses a variation dated outside the fund’s year', async () => {
    const res = await hostFinance.post(`${fundUrl}/variations`, {
      organisationId: String(ccg),
      stream: 'Minimum NHS Contribution',
      amount: '-1000.50',
      decisionReference: 'HWB 2017/12',
      'effectiveOn-day': '1',
      'effectiveOn-month': '4',
      'effectiveOn-year': '2018',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The date must be within 2017-18, from 1 April 2017 to 31 March 2018');
    expect(res.body).toContain('href="#effectiveOn-day"');
  });

  it('records a dated variation with its decision, and the total moves by exactly that much', async () => {
    const res = await hostFinance.post(`${fundUrl}/variations`, {
      organisationId: String(ccg),
      stream: 'Minimum NHS Contribution',
      amount: '-1000.50',
      decisionReference: 'HWB 2017/12',
      'effectiveOn-day': '1',
      'effectiveOn-month': '10',
      'effectiveOn-year': '2017',
    });
    expect(res.statusCode).toBe(303);
    const page = await hostFinance.get(fundUrl);
    // 1,734,568.00 - 1,000.50
    expect(cell(page.body, 'contribution-total')).toBe('£1,733,567.50');
    expect(page.body).toContain('HWB 2017/12');
    expect(page.body).toContain('1 October 2017');
  });

  it('lets a finance officer of the other partner read the fund, but not change it', async () => {
    const page = await ccgFinance.get(fundUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Add a contribution');
    const before = await count(t, 'fund_contributions');
    for (const res of [
      await ccgFinance.get(`${fundUrl}/contributions/new`),
      await ccgFinance.post(`${fundUrl}/contributions`, {
        organisationId: String(ccg),
        stream: 'Additional NHS Contribution',
        amount: '5.00',
      }),
      await ccgFinance.get(`${fundUrl}/schemes/new`),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain(
        'Only finance officers of the host partner, Test City Council, may set up and change this pooled fund.',
      );
    }
    expect(await count(t, 'fund_contributions')).toBe(before);
    expect((await hostFinance.get(fundUrl)).body).toContain('Add a contribution');
  });

  it('does not let a finance officer set up a pooled fund hosted by another partner', async () => {
    const before = await count(t, 'funds');
    const res = await ccgFinance.post(`/partnerships/${pid}/funds`, {
      financialYear: '2018-19',
      name: 'Council-hosted pool',
      kind: 'pooled',
      hostOrganisationId: String(council),
      pooledFundManager: 'Manager',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Only finance officers of the host partner, Test City Council');
    expect(await count(t, 'funds')).toBe(before);
  });

  it('refuses a pooled fund with no host or manager, and a second fund of the same name in the year', async () => {
    const before = await count(t, 'funds');
    const a = await hostFinance.post(`/partnerships/${pid}/funds`, {
      financialYear: '2017-18',
      name: 'Another pool',
      kind: 'pooled',
      hostOrganisationId: '',
      pooledFundManager: '',
    });
    expect(a.statusCode).toBe(400);
    expect(a.body).toContain('Select the host partner of the pooled fund');
    expect(a.body).toContain('Enter the pooled fund manager the host has appointed');
    const b = await hostFinance.post(`/partnerships/${pid}/funds`, {
      financialYear: '2017-18',
      name: 'Better Care Fund pool',
      kind: 'aligned',
    });
    expect(b.statusCode).toBe(400);
    expect(b.body).toContain('There is already a fund called Better Care Fund pool in 2017-18');
    expect(await count(t, 'funds')).toBe(before);
  });

  it('lets either partner’s finance officer set up an aligned budget', async () => {
    const res = await ccgFinance.post(`/partnerships/${pid}/funds`, {
      financialYear: '2017-18',
      name: 'Aligned urgent care budget',
      kind: 'aligned',
      hostOrganisationId: '',
    });
    expect(res.statusCode).toBe(303);
    const add = await ccgFinance.post(`${res.headers.location!}/contributions`, {
      organisationId: String(ccg),
      stream: 'NHS contribution',
      amount: '75000',
    });
    expect(add.statusCode).toBe(303);
  });

  it('shows anyone the service catalogue with what may be pooled and the regulation', async () => {
    const res = await t.agent().get('/services');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="service-reablement"');
    expect(res.body).toMatch(/Termination of pregnancy<br>.*\n.*Excluded NHS function/);
    expect(res.body).toContain('Termination of pregnancies');
    expect(res.body).toContain('SI 2000/617 reg 3 (as amended); SI 2000/618 reg 2(2)');
    expect(res.body).toContain('1 April 2000');
  });
});
