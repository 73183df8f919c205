import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { startApp, makeOrganisation, makePartnership, makeUser } from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { historyOf } from '../../audit/index.js';

type App = Awaited<ReturnType<typeof startApp>>;

async function count(t: App, table: 'savings_lines' | 'savings_months' | 'audit_events') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('savings pages', steps, () => {
  let t: App;
  let officer: Agent;
  let board: Agent;
  let ccg: number;
  let council: number;
  let pid: number;
  let lineId: number;

  const goodLine = () => ({
    financialYear: '2016-17',
    organisationId: String(council),
    budgetLine: 'public_health',
    description: 'Recommissioned sexual health services',
    projectReference: 'PH recommissioning',
    savingType: 'cashable',
    confidence: 'high',
    'planned-1': '1,000.00',
    'planned-2': '1000',
    'planned-3': '500.50',
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
    await makeUser(t.db, 'commissioning@test.example', [[pid, 'commissioning_officer']]);
    await makeUser(t.db, 'board@test.example', [[pid, 'board_member']]);
    officer = await t.signedIn('commissioning@test.example');
    board = await t.signedIn('board@test.example');
  });
  afterAll(() => t.close());

  it('refuses a line with bad months, naming each month, keeping the input and saving nothing', async () => {
    const before = await count(t, 'savings_lines');
    const res = await officer.post(`/partnerships/${pid}/savings`, {
      ...goodLine(),
      'planned-2': '1,00.00',
      'planned-4': '-5',
      organisationId: '999999',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#planned-2"');
    expect(res.body).toContain('Planned for P2 (May): &quot;1,00.00&quot; is not an amount');
    expect(res.body).toContain('Planned for P4 (July) must not be negative');
    expect(res.body).toContain('Select the partner whose budget makes the saving');
    expect(res.body).toContain('value="Recommissioned sexual health services"');
    expect(res.body).toContain('value="500.50"');
    expect(await count(t, 'savings_lines')).toBe(before);
  });

  it('adds a line with its months, audited', async () => {
    const res = await officer.post(`/partnerships/${pid}/savings`, goodLine());
    expect(res.statusCode).toBe(303);
    const m = /\/savings\/(\d+)$/.exec(res.headers.location ?? '');
    expect(m).not.toBeNull();
    lineId = Number(m?.[1]);
    const page = await officer.get(`/partnerships/${pid}/savings/${lineId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('£2,500.50'); // planned for the year: 1,000.00 + 1,000.00 + 500.50
    expect(page.body).toContain('Not yet due');
    expect(await count(t, 'savings_months')).toBe(12);
    expect((await historyOf(t.db, 'savings_line', lineId)).map((h) => h.action)).toEqual(['create']);
  });

  it('refuses a month’s achieved amount that is not money, keeping it on the form', async () => {
    const before = await count(t, 'audit_events');
    const res = await officer.post(`/partnerships/${pid}/savings/${lineId}/achieved`, {
      period: '2',
      achieved: '£9.999',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Achieved in P2 (May)');
    expect(res.body).toContain('value="£9.999"');
    expect(await count(t, 'audit_events')).toBe(before);
  });

  it('records achieved months and rolls the year up, with the RAG by the stated rule', async () => {
    for (const [period, achieved] of [
      ['1', '1000'],
      ['2', '600.00'],
    ] as const) {
      const res = await officer.post(`/partnerships/${pid}/savings/${lineId}/achieved`, { period, achieved });
      expect(res.statusCode).toBe(303);
    }
    const page = await board.get(`/partnerships/${pid}/savings?year=2016-17`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('as at P2 (May)');
    // achieved £1,600.00 of £2,000.00 planned to date is 80%: amber
    const total =
      /<tr class="govuk-table__row" id="savings-total">([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    expect(total).toContain('£2,500.50'); // planned
    expect(total).toContain('£2,000.00'); // planned to date
    expect(total).toContain('£1,600.00'); // achieved to date
    expect(total).toContain('£2,100.50'); // forecast: 1,600.00 + 500.50
    expect(total).toContain('-£400.00'); // variance
    expect(total).toContain('Amber');
    expect(page.body).toContain('green at 95% or more');
    // a board member reads but may not add
    expect(page.body).not.toContain('Add a savings line');
    expect((await board.post(`/partnerships/${pid}/savings`, goodLine())).statusCode).toBe(403);
  });

  it('exports the roll-up as CSV, exact to the penny', async () => {
    const res = await board.get(`/partnerships/${pid}/savings.csv?year=2016-17`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = res.body.trim().split(/\r?\n/);
    expect(rows[0]).toBe(
      'Financial year,As at,Level,Partner,Budget,Planned (£),Planned to date (£),Achieved to date (£),Forecast (£),Variance (£),RAG',
    );
    expect(rows).toContain(
      '2016-17,P2 (May),Partner budget,Test City Council,Public health,2500.50,2000.00,1600.00,2100.50,-400.00,Amber',
    );
    expect(rows.at(-1)).toContain('Partnership');
    expect(rows.at(-1)).toContain('2500.50,2000.00,1600.00,2100.50,-400.00,Amber');
  });

  it('changes a line’s confidence and re-plans a month, keeping what was achieved, audited before and after', async () => {
    const form = await officer.get(`/partnerships/${pid}/savings/${lineId}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Recommissioned sexual health services"');
    expect(form.body).toContain('value="500.50"');
    const bad = await officer.post(`/partnerships/${pid}/savings/${lineId}`, {
      ...goodLine(),
      description: '',
      confidence: 'low',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a description of the saving');
    expect(bad.body).toMatch(/value="low"[^>]*checked|checked[^>]*value="low"/);
    const res = await officer.post(`/partnerships/${pid}/savings/${lineId}`, {
      ...goodLine(),
      confidence: 'low',
      'planned-3': '',
      'planned-4': '250.00',
    });
    expect(res.statusCode).toBe(303);
    const page = await board.get(`/partnerships/${pid}/savings/${lineId}`);
    expect(page.body).toContain('£2,250.00'); // re-planned: 1,000.00 + 1,000.00 + 250.00
    expect(page.body).toContain('£1,600.00'); // achieved as recorded
    expect(page.body).toMatch(/Confidence[\s\S]*?Low/);
    expect(page.body).not.toContain('Change this line');
    const history = await historyOf(t.db, 'savings_line', lineId);
    const change = history[0]!; // newest first
    expect(change.action).toBe('update');
    expect(JSON.stringify(change.before)).toContain('"confidence":"high"');
    expect(JSON.stringify(change.after)).toContain('"confidence":"low"');
    expect((await board.post(`/partnerships/${pid}/savings/${lineId}`, goodLine())).statusCode).toBe(403);
  });
});
