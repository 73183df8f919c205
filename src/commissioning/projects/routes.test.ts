import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import {
  makeAppraisal,
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { historyOf } from '../../audit/index.js';

type App = Awaited<ReturnType<typeof startApp>>;

async function count(t: App, table: 'commissioning_priorities' | 'commissioning_projects' | 'audit_events') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('priority and project pages', steps, () => {
  let t: App;
  let officer: Agent;
  let board: Agent;
  let finance: Agent;
  let ccg: number;
  let council: number;
  let pid: number;
  let schemeId: number;
  let appraisalId: number;
  let priorityId: number;
  let projectId: number;

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
    appraisalId = (await makeAppraisal(t.db, pid)).appraisalId;
    await makeUser(t.db, 'commissioning@test.example', [[pid, 'commissioning_officer']]);
    await makeUser(t.db, 'board@test.example', [[pid, 'board_member']]);
    await makeUser(t.db, 'finance@test.example', [[pid, 'finance_officer', council]]);
    officer = await t.signedIn('commissioning@test.example');
    board = await t.signedIn('board@test.example');
    finance = await t.signedIn('finance@test.example');
  });
  afterAll(() => t.close());

  it('refuses a priority with problems, naming each and keeping the input, saving nothing', async () => {
    const before = await count(t, 'commissioning_priorities');
    const res = await officer.post(`/partnerships/${pid}/priorities`, {
      title: 'Prevention and early intervention',
      ownerName: '',
      status: 'active',
      'reviewOn-day': '31',
      'reviewOn-month': '2',
      'reviewOn-year': '2017',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Select at least one strategy the priority serves');
    expect(res.body).toContain('Enter who owns the priority, or select their organisation');
    expect(res.body).toContain('The review date must be a real date');
    expect(res.body).toContain('value="Prevention and early intervention"');
    expect(await count(t, 'commissioning_priorities')).toBe(before);
  });

  it('adds a priority with its strategies, audited', async () => {
    const res = await officer.post(`/partnerships/${pid}/priorities`, {
      title: 'Prevention and early intervention',
      strategies: ['hwb_strategy', 'phof'],
      ownerName: 'Director of Integration',
      ownerOrganisationId: String(council),
      status: 'active',
      'reviewOn-day': '31',
      'reviewOn-month': '3',
      'reviewOn-year': '2017',
    });
    expect(res.statusCode).toBe(303);
    priorityId = Number(/\/priorities\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
    const page = await board.get(`/partnerships/${pid}/priorities/${priorityId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Joint health and wellbeing strategy');
    expect(page.body).toContain('Public Health Outcomes Framework (PHOF)');
    expect(page.body).toContain('Director of Integration, Test City Council');
    expect(page.body).toContain('31 March 2017');
    expect(page.body).not.toContain('Change the priority');
    expect((await historyOf(t.db, 'commissioning_priority', priorityId)).map((h) => h.action)).toEqual([
      'create',
    ]);
    // a second priority of the same title is refused
    const again = await officer.post(`/partnerships/${pid}/priorities`, {
      title: 'Prevention and early intervention',
      strategies: 'jsna',
      ownerName: 'Someone',
      status: 'active',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already has a priority with this title');
  });

  it('adds a project with scope, funding and governance, shown on its page and under its priority', async () => {
    const res = await officer.post(`/partnerships/${pid}/projects`, {
      title: 'Reablement redesign',
      priorityId: String(priorityId),
      leadOrganisationId: String(council),
      services: ['reablement', 'hospital-discharge'],
      schemes: String(schemeId),
      [`funding-${council}`]: 'pooled',
      [`amount-${council}`]: '250,000.50',
      [`funding-${ccg}`]: 'aligned',
      appraisals: String(appraisalId),
    });
    expect(res.statusCode).toBe(303);
    projectId = Number(/\/projects\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
    const page = await board.get(`/partnerships/${pid}/projects/${projectId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Reablement redesign');
    expect(page.body).toContain('Prevention and early intervention');
    expect(page.body).toContain('Hospital discharge');
    expect(page.body).toContain('S01 Reablement');
    expect(page.body).toContain(`/partnerships/${pid}/appraisals/${appraisalId}`);
    const funding =
      /<table class="govuk-table" id="project-funding">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
    expect(funding).toContain('Pooled fund');
    expect(funding).toContain('£250,000.50');
    expect(funding).toContain('Aligned budget');
    expect(funding).toContain('Not settled');
    expect(page.body).toContain('Started at Analyse');
    const priority = await board.get(`/partnerships/${pid}/priorities/${priorityId}`);
    expect(priority.body).toContain(`/partnerships/${pid}/projects/${projectId}`);
  });

  it('refuses a project with unknown links, naming each, saving nothing', async () => {
    const before = await count(t, 'commissioning_projects');
    const res = await officer.post(`/partnerships/${pid}/projects`, {
      title: 'Bad',
      services: 'made-up',
      schemes: '999999',
      [`funding-${council}`]: 'pooled',
      [`amount-${council}`]: '1.234',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select services from the catalogue');
    expect(res.body).toContain('Select schemes of this partnership’s funds');
    expect(res.body).toContain('Amount: ');
    expect(res.body).toContain('value="1.234"');
    expect(await count(t, 'commissioning_projects')).toBe(before);
  });

  it('moves a project round the cycle only as the cycle allows, with its history', async () => {
    const skip = await officer.post(`/partnerships/${pid}/projects/${projectId}/stage`, { stage: 'review' });
    expect(skip.statusCode).toBe(400);
    expect(skip.body).toContain('Select the stage to move to: from Analyse, Plan');
    expect(
      (
        await officer.post(`/partnerships/${pid}/projects/${projectId}/stage`, {
          stage: 'plan',
          note: 'Needs agreed',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await officer.post(`/partnerships/${pid}/projects/${projectId}/stage`, { stage: 'do' })).statusCode,
    ).toBe(303);
    const page = await board.get(`/partnerships/${pid}/projects/${projectId}`);
    expect(page.body).toContain('Analyse to Plan');
    expect(page.body).toContain('Needs agreed');
    expect(page.body).toContain('Plan to Do');
    const list = await board.get(`/partnerships/${pid}/projects`);
    const doGroup = /id="stage-do"([\s\S]*?)id="stage-review"/.exec(list.body)?.[1] ?? '';
    expect(doGroup).toContain('Reablement redesign');
    expect(doGroup).toContain('1 project');
    // a board member and a finance officer read but may not move it
    expect(
      (await board.post(`/partnerships/${pid}/projects/${projectId}/stage`, { stage: 'review' })).statusCode,
    ).toBe(403);
    expect(
      (await finance.post(`/partnerships/${pid}/projects/${projectId}/stage`, { stage: 'review' }))
        .statusCode,
    ).toBe(403);
    expect((await historyOf(t.db, 'commissioning_project', projectId)).length).toBe(3);
  });

  it('links a new savings line to the project, and the project lists it with its totals', async () => {
    const form = await officer.get(`/partnerships/${pid}/savings/new`);
    expect(form.body).toContain('Reablement redesign');
    const res = await officer.post(`/partnerships/${pid}/savings`, {
      financialYear: '2016-17',
      organisationId: String(council),
      budgetLine: 'adult_social_care',
      description: 'Fewer long-term packages after reablement',
      projectId: String(projectId),
      savingType: 'cashable',
      confidence: 'high',
      'planned-1': '1000',
      'planned-2': '500.25',
    });
    expect(res.statusCode).toBe(303);
    const lineId = Number(/\/savings\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
    await officer.post(`/partnerships/${pid}/savings/${lineId}/achieved`, { period: '1', achieved: '900' });
    const line = await board.get(`/partnerships/${pid}/savings/${lineId}`);
    expect(line.body).toContain(`href="/partnerships/${pid}/projects/${projectId}"`);
    const page = await board.get(`/partnerships/${pid}/projects/${projectId}`);
    const total =
      /<tr class="govuk-table__row" id="project-savings-total">([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    expect(total).toContain('£1,500.25');
    expect(total).toContain('£900.00');
    // the link can be removed again, keeping the line
    expect(
      (await officer.post(`/partnerships/${pid}/savings/${lineId}/project`, { projectId: '' })).statusCode,
    ).toBe(303);
    expect((await board.get(`/partnerships/${pid}/projects/${projectId}`)).body).toContain(
      'No savings lines name this project',
    );
  });
});
