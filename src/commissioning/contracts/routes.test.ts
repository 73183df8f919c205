import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import {
  makeBoardWithMeeting,
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makePublishedDecision,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { historyOf } from '../../audit/index.js';
import { addMonths } from './rules.js';
import { todayInLondon } from '../../kernel/dates.js';

type App = Awaited<ReturnType<typeof startApp>>;

async function count(t: App, table: 'contracts' | 'contract_value_lines' | 'audit_events') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A date input's three fields from an ISO date. */
const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: y ?? '',
  };
};

describe('contracts register pages', steps, () => {
  let t: App;
  let officer: Agent;
  let board: Agent;
  let ccg: number;
  let council: number;
  let pid: number;
  let schemeId: number;
  let decisionId: number;
  let contractId: number;
  const today = todayInLondon();
  // ends eleven months from today: within 12 months only once its extension is not counted
  const endsOn = addMonths(today, 11);

  const goodContract = () => ({
    reference: 'TC-ASC-001',
    title: 'Reablement at home',
    description: 'Short-term reablement after a hospital stay',
    department: 'Integrated Commissioning Unit',
    buyerOrganisationId: String(council),
    providerName: 'Home Again Ltd',
    companiesHouseNumber: '01234567',
    charityNumber: '',
    sme: 'yes',
    vcse: 'no',
    services: ['reablement', 'hospital-discharge'],
    schemeId: String(schemeId),
    ...dateFields('startsOn', '2024-04-01'),
    ...dateFields('endsOn', endsOn),
    ...dateFields('reviewOn', '2025-10-01'),
    extensionMonths: '12, 6',
    irrecoverableVat: '',
    procurementRoute: 'published_tender',
    awardId: '',
    decisionId: String(decisionId),
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
    schemeId = (await makeFundWithScheme(t.db, pid, council, ccg)).schemeId;
    const gov = await makeBoardWithMeeting(t.db, pid, council, ccg);
    decisionId = await makePublishedDecision(t.db, pid, gov.meetingId, gov.itemId);
    await makeUser(t.db, 'commissioning@test.example', [[pid, 'commissioning_officer']]);
    await makeUser(t.db, 'board@test.example', [[pid, 'board_member']]);
    officer = await t.signedIn('commissioning@test.example');
    board = await t.signedIn('board@test.example');
  });
  afterAll(() => t.close());

  it('refuses a contract with bad fields, naming each, keeping the input and saving nothing', async () => {
    const before = await count(t, 'contracts');
    const res = await officer.post(`/partnerships/${pid}/contracts`, {
      ...goodContract(),
      companiesHouseNumber: '123',
      ...dateFields('endsOn', '2020-01-01'),
      extensionMonths: '12, twelve',
      sme: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Companies House number must be 8 characters');
    expect(res.body).toContain('The end date must be on or after the start date');
    expect(res.body).toContain('href="#endsOn-day"');
    expect(res.body).toContain('Enter each option’s length in months');
    expect(res.body).toContain('Select whether the provider is a small or medium-sized enterprise');
    expect(res.body).toContain('value="Reablement at home"');
    expect(res.body).toContain('value="12, twelve"');
    expect(await count(t, 'contracts')).toBe(before);
  });

  it('adds a contract, audited, with its services, scheme, decision and options', async () => {
    const res = await officer.post(`/partnerships/${pid}/contracts`, goodContract());
    expect(res.statusCode).toBe(303);
    contractId = Number(/\/contracts\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
    const page = await officer.get(`/partnerships/${pid}/contracts/${contractId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('TC-ASC-001: Reablement at home');
    expect(page.body).toContain('Home Again Ltd (Companies House 01234567)');
    expect(page.body).toContain('Hospital discharge, Reablement');
    expect(page.body).toContain('S01 Reablement');
    expect(page.body).toContain(`/partnerships/${pid}/decisions/${decisionId}`);
    expect(page.body).toContain('Ends within 12 months');
    expect((await historyOf(t.db, 'contract', contractId)).map((h) => h.action)).toEqual(['create']);
    // the same reference again is refused
    const again = await officer.post(`/partnerships/${pid}/contracts`, goodContract());
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Another contract has this reference');
  });

  it('splits a year’s value by percentages to the penny, and totals it by year, partner and fund', async () => {
    const bad = await officer.post(`/partnerships/${pid}/contracts/${contractId}/values`, {
      valueYear: '2024-25',
      annualValue: '100000.01',
      [`share-${council}-pooled`]: '50',
      [`share-${ccg}-pooled`]: '40',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The shares must add up to 100%; they add up to 90.00%');
    expect(bad.body).toContain('value="100000.01"');
    expect(await count(t, 'contract_value_lines')).toBe(0);

    for (const [year, value] of [
      ['2024-25', '100000.01'],
      ['2025-26', '120000.00'],
    ] as const) {
      const res = await officer.post(`/partnerships/${pid}/contracts/${contractId}/values`, {
        valueYear: year,
        annualValue: value,
        [`share-${council}-pooled`]: '33.33',
        [`share-${ccg}-pooled`]: '33.33',
        [`share-${ccg}-aligned`]: '33.34',
      });
      expect(res.statusCode).toBe(303);
    }
    const page = await board.get(`/partnerships/${pid}/contracts/${contractId}`);
    const year =
      /<tr class="govuk-table__row" id="value-2024-25">([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    // 10,000,001p × 33.33% = 3,333,000.33p each pooled (rounded down), 3,334,000.34p aligned; the odd penny to
    // the largest remainder: 33,330.00 + 33,330.00 + 33,340.01 = 100,000.01
    expect(year).toContain('£66,660.00'); // pooled
    expect(year).toContain('£33,340.01'); // aligned
    expect(year).toContain('£100,000.01'); // total
    const total = /<tr class="govuk-table__row" id="value-total">([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    expect(total).toContain('£220,000.01');
    expect(await count(t, 'contract_value_lines')).toBe(6);
  });

  it('records an extension exercised, moving the end date out of the next 12 months', async () => {
    const listed = await board.get(`/partnerships/${pid}/contracts?ending=12-months`);
    expect(listed.body).toContain('TC-ASC-001: Reablement at home');
    const res = await officer.post(`/partnerships/${pid}/contracts/${contractId}/extensions`, {
      ...dateFields('extensionDate', today),
    });
    expect(res.statusCode).toBe(303);
    const page = await board.get(`/partnerships/${pid}/contracts/${contractId}`);
    expect(page.body).toContain('(with extensions exercised)');
    expect(page.body).not.toContain('Ends within 12 months');
    const after = await board.get(`/partnerships/${pid}/contracts?ending=12-months`);
    expect(after.body).toContain('No contracts end within 12 months.');
    const all = await board.get(`/partnerships/${pid}/contracts`);
    expect(all.body).toContain('TC-ASC-001: Reablement at home');
  });

  it('adds a KPI, and refuses one without a numeric target', async () => {
    const bad = await officer.post(`/partnerships/${pid}/contracts/${contractId}/kpis`, {
      kpiName: 'Still at home after 91 days',
      kpiTarget: 'most',
      kpiFrequency: 'quarterly',
      kpiPolarity: 'higher',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the target as a number');
    const res = await officer.post(`/partnerships/${pid}/contracts/${contractId}/kpis`, {
      kpiName: 'Still at home after 91 days',
      kpiTarget: '85',
      kpiUnit: '%',
      kpiFrequency: 'quarterly',
      kpiPolarity: 'higher',
    });
    expect(res.statusCode).toBe(303);
    const page = await board.get(`/partnerships/${pid}/contracts/${contractId}`);
    expect(page.body).toContain('Still at home after 91 days');
    expect(page.body).toContain('85 %');
    // newest first: two years' values, the extension, the KPI, after the creation
    expect((await historyOf(t.db, 'contract', contractId)).map((h) => h.action)).toEqual([
      'update',
      'update',
      'update',
      'update',
      'create',
    ]);
  });

  it('lets a board member read the register but not change it', async () => {
    const page = await board.get(`/partnerships/${pid}/contracts`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Add a contract');
    expect((await board.post(`/partnerships/${pid}/contracts`, goodContract())).statusCode).toBe(403);
    expect(
      (await board.post(`/partnerships/${pid}/contracts/${contractId}/kpis`, { kpiName: 'x' })).statusCode,
    ).toBe(403);
  });
});
