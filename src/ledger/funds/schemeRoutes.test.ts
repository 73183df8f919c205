import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { makeOrganisation, makePartnership, makeUser, startApp } from '../../../test/support/fixtures.js';
import type { Agent, Form } from '../../../test/support/agent.js';
import { systemActor } from '../../audit/index.js';
import { importGeneralLedger } from '../import/index.js';
import { costCentreMapOf, importProfileOf } from './store.js';

type App = Awaited<ReturnType<typeof startApp>>;

async function count(t: App, table: 'schemes' | 'scheme_budgets' | 'cost_centre_map' | 'audit_events') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const cell = (html: string, id: string) => new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1];
const months = (weights: string[]) => Object.fromEntries(weights.map((w, i) => [`profile-${i + 1}`, w]));
const FLAT = Array.from({ length: 12 }, () => '1');

describe('schemes and import profiles through the web', steps, () => {
  let t: App;
  let hostFinance: Agent;
  let ccgFinance: Agent;
  let admin: Agent;
  let ccg: number;
  let council: number;
  let pid: number;
  let fundUrl: string;
  let fundId: number;
  // streams of a 2017-18 BCF fund, by index: 0 Minimum NHS, 1 iBCF, 2 DFG, 3 Additional LA, 4 Additional NHS
  let scheme: (over?: Form) => Form;

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
    await makeUser(t.db, 'admin@test.example', [], true);
    hostFinance = await t.signedIn('host-finance@test.example');
    ccgFinance = await t.signedIn('ccg-finance@test.example');
    admin = await t.signedIn('admin@test.example');
    const res = await hostFinance.post(`/partnerships/${pid}/funds`, {
      financialYear: '2017-18',
      name: 'Better Care Fund pool',
      kind: 'pooled',
      hostOrganisationId: String(council),
      pooledFundManager: 'Pooled fund manager',
      betterCareFund: 'yes',
    });
    fundUrl = res.headers.location!;
    fundId = Number(fundUrl.split('/').at(-1));
    scheme = (over = {}) => ({
      code: 'SC03',
      name: 'Reablement and rehabilitation',
      description: 'Short-term care at home',
      schemeType: 'Home-based intermediate care services',
      areaOfSpend: 'Social Care',
      commissioner: 'joint',
      commissionerOrganisationId: '',
      provider: 'City Reablement Team',
      service: 'reablement',
      [`budget-${ccg}-0`]: '600,000.33',
      [`budget-${council}-1`]: '250000.34',
      ...months(['8', '8', '8', '8', '7', '8', '9', '9', '10', '9', '8', '8']),
      [`costCentres-${ccg}`]: '10X-SC03',
      [`costCentres-${council}`]: 'SCC-SC03, SCC-REAB:5100',
      ...over,
    });
  });
  afterAll(() => t.close());

  it('adds a scheme with its budget by partner and stream, profile and cost centres; the fund page totals it', async () => {
    expect((await hostFinance.get(`${fundUrl}/schemes/new`)).statusCode).toBe(200);
    const audits = await count(t, 'audit_events');
    const res = await hostFinance.post(`${fundUrl}/schemes`, scheme());
    expect(res.statusCode).toBe(303);
    const page = await hostFinance.get(fundUrl);
    expect(page.body).toContain('Reablement and rehabilitation');
    // 600,000.33 + 250,000.34
    expect(cell(page.body, 'scheme-total')).toBe('£850,000.67');
    // no contributions recorded in this fund yet: the schemes exceed them by their whole budget
    expect(page.body).toContain('Scheme budgets exceed the contributions by £850,000.67');
    const map = await costCentreMapOf(t.db, pid, fundId, council);
    expect([...map.keys()].sort()).toEqual(['SCC-REAB|5100', 'SCC-SC03|']);
    expect(await count(t, 'audit_events')).toBe(audits + 1);
  });

  it('refuses an excluded service in a pooled fund with the regulation’s reason, and saves nothing', async () => {
    const before = await count(t, 'schemes');
    const res = await hostFinance.post(`${fundUrl}/schemes`, scheme({ code: 'SC09', service: 'endoscopy' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'Endoscopy cannot be placed in a pooled fund: the partnership arrangements regulations (SI 2000/617 reg 3',
    );
    expect(res.body).toContain('keep it in an aligned budget');
    expect(res.body).toContain('href="#service"');
    expect(res.body).toContain('value="SC09"');
    expect(await count(t, 'schemes')).toBe(before);
  });

  it('accepts the same excluded service in an aligned budget', async () => {
    const aligned = await hostFinance.post(`/partnerships/${pid}/funds`, {
      financialYear: '2017-18',
      name: 'Aligned acute budget',
      kind: 'aligned',
    });
    const res = await hostFinance.post(
      `${aligned.headers.location!}/schemes`,
      scheme({
        code: 'AL01',
        service: 'endoscopy',
        areaOfSpend: 'Acute',
        [`budget-${ccg}-0`]: '10',
        [`budget-${council}-1`]: '',
        [`costCentres-${ccg}`]: '',
        [`costCentres-${council}`]: '',
      }),
    );
    expect(res.statusCode).toBe(303);
  });

  for (const [what, weights, message] of [
    ['eleven weights', FLAT.slice(1).concat(['']), 'Enter a weight for March, 0 or more'],
    ['a negative weight', ['-1', ...FLAT.slice(1)], 'The weight for April must be a whole number, 0 or more'],
    ['all zeros', FLAT.map(() => '0'), 'At least one month’s weight must be more than 0'],
  ] as const) {
    it(`refuses a profile of ${what}, saving nothing`, async () => {
      const before = await count(t, 'schemes');
      const res = await hostFinance.post(
        `${fundUrl}/schemes`,
        scheme({ code: 'SC10', ...months([...weights]) }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).toContain('value="SC10"');
      expect(await count(t, 'schemes')).toBe(before);
    });
  }

  it('refuses a scheme ID or cost centre already in use, and a negative budget', async () => {
    const before = await count(t, 'schemes');
    const a = await hostFinance.post(`${fundUrl}/schemes`, scheme());
    expect(a.statusCode).toBe(400);
    expect(a.body).toContain('There is already a scheme SC03 in this fund');
    const b = await hostFinance.post(
      `${fundUrl}/schemes`,
      scheme({ code: 'SC11', [`costCentres-${ccg}`]: '10X-SC03', [`budget-${council}-1`]: '-5' }),
    );
    expect(b.statusCode).toBe(400);
    expect(b.body).toContain('10X-SC03 already pays for scheme SC03');
    expect(b.body).toContain('Test City Council, iBCF: a budget cannot be negative');
    expect(await count(t, 'schemes')).toBe(before);
  });

  it('changes a scheme’s budget before any posting lands, and only its other fields after', async () => {
    const schemeId = (
      await t.db.selectFrom('schemes').select('id').where('code', '=', 'SC03').executeTakeFirstOrThrow()
    ).id;
    const edit = `${fundUrl}/schemes/${schemeId}/edit`;
    expect((await hostFinance.get(edit)).body).toContain('value="600000.33"');
    expect((await hostFinance.post(edit, scheme({ [`budget-${ccg}-0`]: '600000.00' }))).statusCode).toBe(303);
    expect(cell((await hostFinance.get(fundUrl)).body, 'scheme-total')).toBe('£850,000.34');

    const out = await importGeneralLedger({
      db: t.db,
      actor: systemActor('test'),
      partnershipId: pid,
      fundId,
      organisationId: ccg,
      filename: 'ccg-p1.csv',
      content: 'cost_centre,account_code,date,amount\n10X-SC03,5000,2017-04-30,1000.00\n',
    });
    expect(out.ok).toBe(true);
    const budgets = await count(t, 'scheme_budgets');
    const refused = await hostFinance.post(edit, scheme({ [`budget-${ccg}-0`]: '700000.00' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Postings have landed on scheme SC03, so its budget and monthly profile');
    expect(await count(t, 'scheme_budgets')).toBe(budgets);

    const renamed = await hostFinance.post(
      edit,
      scheme({ name: 'Reablement', [`budget-${ccg}-0`]: '600000.00', code: 'IGNORED' }),
    );
    expect(renamed.statusCode).toBe(303);
    const page = (await hostFinance.get(fundUrl)).body;
    expect(page).toContain('>Reablement<');
    expect(page).toContain('>SC03<');
    expect(cell(page, 'scheme-total')).toBe('£850,000.34');
  });

  it('sets a partner’s import profile; a partner’s own finance officer may set theirs, not the host’s', async () => {
    const form = {
      costCentre: 'Cost Centre',
      accountCode: 'Subjective',
      date: 'Posting Date',
      amount: 'Value',
      description: '',
      supplier: 'Supplier Name',
      reference: 'Doc No',
    };
    const bad = await hostFinance.post(`${fundUrl}/import-profiles/${council}`, {
      ...form,
      amount: 'subjective',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('subjective is already the account (subjective) code column');
    expect((await hostFinance.post(`${fundUrl}/import-profiles/${council}`, form)).statusCode).toBe(303);
    expect(await importProfileOf(t.db, pid, fundId, council)).toEqual({
      costCentre: 'Cost Centre',
      accountCode: 'Subjective',
      date: 'Posting Date',
      amount: 'Value',
      supplier: 'Supplier Name',
      reference: 'Doc No',
    });
    expect((await ccgFinance.post(`${fundUrl}/import-profiles/${ccg}`, form)).statusCode).toBe(303);
    expect((await ccgFinance.post(`${fundUrl}/import-profiles/${council}`, form)).statusCode).toBe(403);
  });

  it('lets an administrator record who a user works for, only among the partnership’s partners', async () => {
    const outsider = await makeOrganisation(t.db, { name: 'Outside Trust' });
    const userId = await makeUser(t.db, 'newcomer@test.example');
    const refused = await admin.post(`/admin/users/${userId}/roles`, {
      partnershipId: String(pid),
      role: 'finance_officer',
      organisationId: String(outsider),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Select an organisation that is a partner in');
    const ok = await admin.post(`/admin/users/${userId}/roles`, {
      partnershipId: String(pid),
      role: 'finance_officer',
      organisationId: String(council),
    });
    expect(ok.statusCode).toBe(303);
    expect((await admin.get(`/admin/users/${userId}`)).body).toContain('Test City Council');
    const newcomer = await t.signedIn('newcomer@test.example');
    expect((await newcomer.get(`${fundUrl}/contributions/new`)).statusCode).toBe(200);
  });
});
