import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { makeOrganisation, makePartnership, makeUser, startApp } from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';

type App = Awaited<ReturnType<typeof startApp>>;

const idFrom = (location: string | undefined, pattern: RegExp) => Number(pattern.exec(location ?? '')?.[1]);

describe('a commissioning officer runs an option appraisal through the pages', steps, () => {
  let t: App;
  let officer: Agent;
  let base: string;
  let stage: number;
  const criteria: Record<string, number> = {};
  const options: Record<string, number> = {};

  beforeAll(async () => {
    t = await startApp();
    const pid = await makePartnership(t.db, [await makeOrganisation(t.db), await makeOrganisation(t.db)]);
    await makeUser(t.db, 'officer@test.example', [[pid, 'commissioning_officer']]);
    officer = await t.signedIn('officer@test.example');
    await officer.get(`/partnerships/${pid}/appraisals/new`);
    const created = await officer.post(`/partnerships/${pid}/appraisals`, {
      title: 'Governance options',
      proposal: 'Shared commissioning',
      combination: 'mean',
    });
    expect(created.statusCode).toBe(303);
    base = created.headers.location!;
    for (const name of ['Do nothing', 'Joint board']) {
      const r = await officer.post(`${base}/options`, { name, description: '' });
      expect(r.statusCode).toBe(303);
    }
    const s = await officer.post(`${base}/stages`, { name: 'Long list', description: '' });
    stage = idFrom(s.headers.location, /stage=(\d+)/);
    const add = async (name: string, weight: string, parentId = '') => {
      await officer.post(`${base}/stages/${stage}/criteria`, {
        name,
        weight,
        parentId,
        scaleKind: 'points',
        min: '0',
        max: '10',
        direction: 'higher',
      });
      const row = await t.db
        .selectFrom('appraisal_criteria')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      criteria[name] = row.id;
    };
    await add('Outcomes', '60');
    await add('Accountability', '40');
    await add('Democratic accountability', '50', String(criteria.Accountability));
    await add('Legal compliance', '50', String(criteria.Accountability));
    for (const o of await t.db.selectFrom('appraisal_options').select(['id', 'name']).execute())
      options[o.name] = o.id;
  });
  afterAll(() => t.close());

  it('refuses weights that do not total 100 % at a level, naming the level, keeping the input, saving nothing', async () => {
    await officer.get(`${base}/stages/${stage}/weights`);
    const res = await officer.post(`${base}/stages/${stage}/weights`, {
      method: 'percent',
      [`w-${criteria.Outcomes}`]: '60',
      [`w-${criteria.Accountability}`]: '40',
      [`w-${criteria['Democratic accountability']}`]: '55',
      [`w-${criteria['Legal compliance']}`]: '50',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Weights under “Accountability” total 105 %: they must total 100 %');
    expect(res.body).toContain(`href="#level-${criteria.Accountability}"`);
    expect(res.body).toMatch(new RegExp(`name="w-${criteria['Democratic accountability']}"[^>]*value="55"`));
    const saved = await t.db
      .selectFrom('appraisal_criteria')
      .select('weight_bp')
      .where('id', '=', criteria['Democratic accountability']!)
      .executeTakeFirstOrThrow();
    expect(saved.weight_bp).toBe(5000);
  });

  it('derives weights by ranking (rank-order centroid) and saves them', async () => {
    const res = await officer.post(`${base}/stages/${stage}/weights`, {
      method: 'ranking',
      [`w-${criteria.Outcomes}`]: '1',
      [`w-${criteria.Accountability}`]: '2',
      [`w-${criteria['Democratic accountability']}`]: '1',
      [`w-${criteria['Legal compliance']}`]: '1',
    });
    expect(res.statusCode).toBe(303);
    // two ranked: 3/4 and 1/4; two tied: half each
    const rows = await t.db
      .selectFrom('appraisal_criteria')
      .select(['name', 'weight_bp'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.weight_bp)).toEqual([7500, 2500, 5000, 5000]);
  });

  it('refuses a score outside the scale, naming the criterion, and saves none of the form', async () => {
    await officer.get(`${base}/stages/${stage}/scores?option=${options['Joint board']}`);
    const res = await officer.post(`${base}/stages/${stage}/scores?option=${options['Joint board']}`, {
      assessor: 'Officer',
      [`s-${criteria.Outcomes}`]: '8',
      [`s-${criteria['Legal compliance']}`]: '11',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The score for Legal compliance must be from 0 to 10');
    expect(await t.db.selectFrom('appraisal_scores').selectAll().execute()).toHaveLength(0);
  });

  it('shows the results ranked, with the tornado and SMAA tables, once scored', async () => {
    const score = (option: string, cells: Record<string, string>) =>
      officer.post(`${base}/stages/${stage}/scores?option=${options[option]}`, {
        assessor: 'Officer',
        ...Object.fromEntries(Object.entries(cells).map(([c, v]) => [`s-${criteria[c]}`, v])),
      });
    await score('Do nothing', { Outcomes: '2', 'Democratic accountability': '10', 'Legal compliance': '10' });
    expect(
      (
        await score('Joint board', {
          Outcomes: '8',
          'Democratic accountability': '6',
          'Legal compliance': '8',
        })
      ).statusCode,
    ).toBe(303);
    const page = await officer.get(`${base}?stage=${stage}&samples=2000&seed=5&mode=simplex`);
    expect(page.statusCode).toBe(200);
    // Joint board: 75 × .8 + 12.5 × .6 + 12.5 × .8 = 60 + 7.5 + 10 = 77.5; Do nothing: 15 + 12.5 + 12.5 = 40
    expect(page.body).toMatch(/Joint board[\s\S]*?<strong>77.5<\/strong>/);
    expect(page.body).toMatch(/Do nothing[\s\S]*?<strong>40.0<\/strong>/);
    expect(page.body).toContain('id="sensitivity-table"');
    expect(page.body).toContain('Share of 2000 weight samples (seed 5)');
    const again = await officer.get(`${base}?stage=${stage}&samples=2000&seed=5&mode=simplex`);
    const table = (html: string) => /<table[^>]*id="smaa-table"[\s\S]*?<\/table>/.exec(html)?.[0];
    expect(table(again.body)).toEqual(table(page.body));
    const xlsx = await officer.get(`${base}/appraisal.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('puts each rejected option, its stage and reason into the alternatives text, then freezes', async () => {
    await officer.get(`${base}/stages/${stage}/decisions/new?option=${options['Do nothing']}`);
    const refused = await officer.post(`${base}/stages/${stage}/decisions`, {
      optionId: String(options['Do nothing']),
      status: 'rejected',
      reason: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter the reason the option was rejected');
    await officer.post(`${base}/stages/${stage}/decisions`, {
      optionId: String(options['Do nothing']),
      status: 'rejected',
      reason: 'Did not deliver the benefits of the other options',
    });
    const page = await officer.get(base);
    expect(page.body).toContain(
      'Stage 1, Long list: 2 options were considered; the option rejected at this stage was:',
    );
    expect(page.body).toContain('Do nothing: Did not deliver the benefits of the other options.');
    const unnamed = await officer.post(`${base}/freeze`, { decisionReference: '' });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.body).toContain('href="#decisionReference"');
    await officer.post(`${base}/freeze`, { decisionReference: 'Cabinet 18 July 2017' });
    const late = await officer.post(`${base}/options`, { name: 'Late idea', description: '' });
    expect(late.statusCode).toBe(409);
    expect(
      await t.db.selectFrom('appraisal_options').select('name').where('name', '=', 'Late idea').execute(),
    ).toEqual([]);
  });
});
