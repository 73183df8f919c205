import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApp,
  makeOrganisation,
  makePartnership,
  makeUser,
  makeBudgetArea,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';

type App = Awaited<ReturnType<typeof startApp>>;

/** Rows in a table, to show that a refused form saved nothing. */
async function count(
  t: App,
  table:
    | 'organisations'
    | 'partnerships'
    | 'agreements'
    | 'budget_areas'
    | 'budget_contributions'
    | 'audit_events',
) {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('forms refuse bad input, say what is wrong, keep what was typed and save nothing', () => {
  let t: App;
  let admin: Agent;
  let ccg: number;
  let council: number;
  let partnershipId: number;

  beforeAll(async () => {
    t = await startApp();
    ccg = await makeOrganisation(t.db, { name: 'NHS Test City CCG', kind: 'ccg', odsCode: '10X' });
    council = await makeOrganisation(t.db, {
      name: 'Test City Council',
      kind: 'local_authority',
      laTier: 'unitary',
      gssCode: 'E06000045',
    });
    partnershipId = await makePartnership(t.db, [ccg, council]);
    await makeUser(t.db, 'admin@test.example', [], true);
    admin = await t.signedIn('admin@test.example');
  });
  afterAll(() => t.close());

  it('refuses a negative contribution on the budget area form', async () => {
    const before = await count(t, 'budget_areas');
    const res = await admin.post(`/partnerships/${partnershipId}/budget-areas`, {
      financialYear: '2017-18',
      name: 'Reablement',
      arrangement: 'pooled',
      hostOrganisationId: String(council),
      [`contribution-${ccg}`]: '-1,000.00',
      [`contribution-${council}`]: '2500.50',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('A contribution cannot be negative');
    expect(res.body).toContain(`href="#contribution-${ccg}"`);
    expect(res.body).toContain('value="Reablement"');
    expect(res.body).toContain('value="2500.50"');
    expect(await count(t, 'budget_areas')).toBe(before);
  });

  it('refuses a contribution from an organisation that is not a partner', async () => {
    const outsider = await makeOrganisation(t.db, { name: 'Outside Trust' });
    const before = await count(t, 'budget_contributions');
    const res = await admin.post(`/partnerships/${partnershipId}/budget-areas`, {
      financialYear: '2017-18',
      name: 'Prevention',
      arrangement: 'aligned',
      [`contribution-${outsider}`]: '100.00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`Organisation ${outsider} is not a partner in this partnership`);
    expect(await count(t, 'budget_contributions')).toBe(before);
  });

  it('refuses a partnership that names an organisation that does not exist', async () => {
    const before = await count(t, 'partnerships');
    const res = await admin.post('/partnerships', {
      name: 'Ghost partnership',
      organisationIds: [String(ccg), '999999'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is no organisation 999999');
    expect(res.body).toContain('value="Ghost partnership"');
    expect(await count(t, 'partnerships')).toBe(before);
  });

  it('refuses a partnership with fewer than two partners', async () => {
    const before = await count(t, 'partnerships');
    const res = await admin.post('/partnerships', {
      name: 'Lonely partnership',
      organisationIds: [String(ccg)],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select at least two partner organisations');
    expect(res.body).toContain('href="#organisationIds"');
    // the one ticked box stays ticked
    expect(res.body).toMatch(new RegExp(`value="${ccg}" checked`));
    expect(await count(t, 'partnerships')).toBe(before);
  });

  it('refuses a duplicate ODS code, naming the organisation that holds it', async () => {
    const before = await count(t, 'organisations');
    const res = await admin.post('/organisations', {
      name: 'Another CCG',
      kind: 'ccg',
      odsCode: '10x',
      laTier: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('10X is already the ODS code of NHS Test City CCG');
    expect(res.body).toContain('value="Another CCG"');
    expect(await count(t, 'organisations')).toBe(before);
  });

  it('refuses an ODS code of the wrong shape and a GSS code of the wrong tier', async () => {
    const a = await admin.post('/organisations', {
      name: 'Odd ICB',
      kind: 'icb',
      odsCode: '10X',
      laTier: '',
    });
    expect(a.statusCode).toBe(400);
    expect(a.body).toContain('like QRL');
    const b = await admin.post('/organisations', {
      name: 'Odd County',
      kind: 'local_authority',
      laTier: 'county',
      gssCode: 'E06000099',
    });
    expect(b.statusCode).toBe(400);
    expect(b.body).toContain('starting E10');
  });

  it('refuses an agreement that ends before it starts', async () => {
    const before = await count(t, 'agreements');
    const res = await admin.post(`/partnerships/${partnershipId}/agreements`, {
      kind: 's75',
      title: 'Backwards agreement',
      status: 'live',
      'startsOn-day': '1',
      'startsOn-month': '4',
      'startsOn-year': '2018',
      'endsOn-day': '31',
      'endsOn-month': '3',
      'endsOn-year': '2018',
      partyIds: [String(ccg), String(council)],
      hostOrganisationId: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The end date must be on or after the start date');
    expect(res.body).toContain('href="#endsOn-day"');
    expect(res.body).toContain('value="Backwards agreement"');
    expect(res.body).toContain('name="endsOn-year" type="text" value="2018"');
    expect(await count(t, 'agreements')).toBe(before);
  });

  it('refuses a date that is not a real date', async () => {
    const res = await admin.post(`/partnerships/${partnershipId}/agreements`, {
      kind: 'mou',
      title: 'Concordat',
      status: 'draft',
      'startsOn-day': '30',
      'startsOn-month': '2',
      'startsOn-year': '2018',
      partyIds: [String(ccg), String(council)],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The start date must be a real date');
  });

  it('saves a good budget area and shows totals by partner and arrangement, exact to the penny', async () => {
    const events = await count(t, 'audit_events');
    const res = await admin.post(`/partnerships/${partnershipId}/budget-areas`, {
      financialYear: '2018-19',
      name: 'Community nursing',
      arrangement: 'pooled',
      hostOrganisationId: String(council),
      [`contribution-${ccg}`]: '£1,000,000.01',
      [`contribution-${council}`]: '(0.00)',
    });
    expect(res.statusCode).toBe(303);
    await makeBudgetArea(t.db, partnershipId, council, [
      [ccg, 33],
      [council, 67],
    ]);
    const page = await admin.get(`/partnerships/${partnershipId}?year=2017-18`);
    expect(page.body).toContain('id="budget-total">£1.00<');
    const next = await admin.get(`/partnerships/${partnershipId}?year=2018-19`);
    expect(next.body).toContain('id="budget-total">£1,000,000.01<');
    expect(await count(t, 'audit_events')).toBe(events + 2);
  });
});
