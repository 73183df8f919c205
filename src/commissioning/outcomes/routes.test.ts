import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { startApp, makeOrganisation, makePartnership, makeUser } from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { historyOf } from '../../audit/index.js';

type App = Awaited<ReturnType<typeof startApp>>;

async function count(t: App, table: 'outcome_values' | 'outcome_targets' | 'audit_events') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const csv = (text: string) => ({
  field: 'file',
  filename: 'values.csv',
  type: 'text/csv',
  content: Buffer.from(text),
});

describe('outcome measure pages', steps, () => {
  let t: App;
  let officer: Agent;
  let board: Agent;
  let pid: number;
  let aeId: number;

  beforeAll(async () => {
    t = await startApp();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Test City CCG', kind: 'ccg' });
    const council = await makeOrganisation(t.db, {
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

  it('adds measures from the catalogue, refusing one the partnership has', async () => {
    const res = await officer.post(`/partnerships/${pid}/outcomes`, { catalogueCode: 'LOCAL-AE' });
    expect(res.statusCode).toBe(303);
    aeId = Number(/\/outcomes\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
    expect(
      (await officer.post(`/partnerships/${pid}/outcomes`, { catalogueCode: 'ASCOF-2B1' })).statusCode,
    ).toBe(303);
    const again = await officer.post(`/partnerships/${pid}/outcomes`, { catalogueCode: 'LOCAL-AE' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('The partnership already has Emergency department attendances');
    const page = await board.get(`/partnerships/${pid}/outcomes/${aeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Attendances of residents at type 1 and type 3 emergency departments');
    expect(page.body).toContain('Lower is better');
  });

  it('rejects a file with bad periods, non-numbers and zero denominators, listing each by line and column, saving nothing', async () => {
    const values = await count(t, 'outcome_values');
    const audit = await count(t, 'audit_events');
    const res = await officer.postMultipart(
      `/partnerships/${pid}/outcomes/import`,
      {},
      csv(
        'measure_code,period,numerator,denominator\n' +
          'LOCAL-AE,2016-04,7412,\n' +
          'LOCAL-AE,April 2016,7300,\n' +
          'LOCAL-AE,2016-05,7.4k,\n' +
          'ASCOF-2B1,2016-17,412,0\n' +
          'ASCOF-2B1,2016-17 Q1,412,498\n',
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('The file has 4 problems: nothing was saved');
    expect(res.body).toContain('Line 3, column period: &quot;April 2016&quot; is not a monthly period');
    expect(res.body).toContain('Line 4, column numerator: &quot;7.4k&quot; is not a number');
    expect(res.body).toContain('Line 5, column denominator: The denominator cannot be zero');
    expect(res.body).toContain('Line 6, column period: &quot;2016-17 Q1&quot; is not an annual period');
    expect(await count(t, 'outcome_values')).toBe(values);
    expect(await count(t, 'audit_events')).toBe(audit);
  });

  it('imports a good file; refuses a recorded period unless replacing, which the history keeps', async () => {
    const good =
      'measure_code,period,numerator,denominator\n' +
      Array.from({ length: 14 }, (_, i) => {
        const month = `${2016 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`;
        return `LOCAL-AE,${month},${[7400, 7600, 7300, 7500][i % 4]},`;
      }).join('\n') +
      '\nASCOF-2B1,2016-17,412,498\n';
    const res = await officer.postMultipart(`/partnerships/${pid}/outcomes/import`, {}, csv(good));
    expect(res.statusCode).toBe(303);
    expect(await count(t, 'outcome_values')).toBe(15);

    const again = await officer.postMultipart(
      `/partnerships/${pid}/outcomes/import`,
      {},
      csv('measure_code,period,numerator\nLOCAL-AE,2016-04,9000\n'),
    );
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('LOCAL-AE already has a value for 2016-04');

    const replaced = await officer.postMultipart(
      `/partnerships/${pid}/outcomes/import`,
      { replaceExisting: 'yes' },
      csv('measure_code,period,numerator\nLOCAL-AE,2016-04,9000\n'),
    );
    expect(replaced.statusCode).toBe(303);
    expect(await count(t, 'outcome_values')).toBe(15);
    const history = await historyOf(t.db, 'outcome_measure', aeId);
    const last = history[0]!; // newest first
    expect(JSON.stringify(last.before)).toContain('"2016-04":{"numerator":"7400"');
    expect(JSON.stringify(last.after)).toContain('"2016-04":{"numerator":"9000"');
  });

  it('sets a trajectory and records an intervention, refusing bad input and keeping it', async () => {
    const bad = await officer.post(`/partnerships/${pid}/outcomes/${aeId}/targets`, {
      fromPeriod: '2016-17',
      toPeriod: '2017-05',
      startTarget: 'lots',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the first period as YYYY-MM');
    expect(bad.body).toContain('value="lots"');
    const ok = await officer.post(`/partnerships/${pid}/outcomes/${aeId}/targets`, {
      fromPeriod: '2016-04',
      toPeriod: '2017-05',
      startTarget: '7600',
      endTarget: '7340',
    });
    expect(ok.statusCode).toBe(303);
    expect(await count(t, 'outcome_targets')).toBe(14);
    const iv = await officer.post(`/partnerships/${pid}/outcomes/${aeId}/interventions`, {
      'startedOn-day': '1',
      'startedOn-month': '10',
      'startedOn-year': '2016',
      label: 'Frailty hub opens',
      description: '',
    });
    expect(iv.statusCode).toBe(303);
  });

  it('shows the charts with the intervention, each followed by its table', async () => {
    const page = await board.get(`/partnerships/${pid}/outcomes/${aeId}`);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body.indexOf('id="actual-target-chart"')).toBeLessThan(body.indexOf('id="actual-target-table"'));
    expect(body.indexOf('id="run-chart"')).toBeLessThan(body.indexOf('id="run-chart-table"'));
    expect(body).toContain('▼ Frailty hub opens');
    // April 2016 was replaced by 9,000: above the upper limit of the other months, marked by letter and words
    expect(body).toMatch(/<th scope="row"[^>]*>April 2016<\/th>\s*<td[^>]*>9,000<\/td>/);
    expect(body).toContain('<strong>L</strong>: Above the upper control limit');
    // the trajectory runs in a straight line: 7,600 in April 2016 to 7,340 in May 2017, 20 a month
    expect(body).toMatch(/May 2016<\/th>[\s\S]*?<td[^>]*>7,580<\/td>/);
    expect(body).toContain('Frailty hub opens</strong>, started 1 October 2016');
    // a board member may read but not change
    expect(body).not.toContain('Record an intervention');
    const refused = await board.postMultipart(`/partnerships/${pid}/outcomes/import`, {}, csv('x'));
    expect(refused.statusCode).toBe(403);
  });

  it('lists the measures with latest value, target and status, and downloads values as CSV', async () => {
    const list = await board.get(`/partnerships/${pid}/outcomes`);
    expect(list.statusCode).toBe(200);
    // May 2017 is the latest: 7,600 attendances against a target of 7,340 (lower is better): off track
    const row = /Emergency department attendances<\/a>[\s\S]*?<\/tr>/.exec(list.body)?.[0] ?? '';
    expect(row).toContain('May 2017');
    expect(row).toContain('7,600');
    expect(row).toContain('7,340');
    expect(row).toContain('Off track');
    const ascof = /Older people \(65\+\) still at home[\s\S]*?<\/tr>/.exec(list.body)?.[0] ?? '';
    expect(ascof).toContain('82.7'); // 412 / 498 × 100
    expect(ascof).toContain('No target');
    const file = await board.get(`/partnerships/${pid}/outcomes/${aeId}/values.csv`);
    expect(file.statusCode).toBe(200);
    const lines = file.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'measure_code,period,numerator,denominator,value,value (attendances),target,illustrative',
    );
    expect(lines).toContain('LOCAL-AE,2016-04,9000,,,9000,7600.0,');
  });
});
