/**
 * The partnership dashboard on the demo (issue 6, scope 8): each tile's figures are the ones its detail page shows,
 * and the date asked for decides what is waiting out a call-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { loadDemo } from '../../demo/index.js';
import { DEMO_PASSWORD } from '../../demo/index.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { formatPounds } from '../../kernel/money.js';
import { outcomesDashboardTile } from '../outcomes/index.js';
import { contractsEndingTile } from '../contracts/index.js';
import { unitDashboardTile } from '../unit/index.js';
import { todayInLondon } from '../../kernel/dates.js';
import { LUTON_PROCUREMENT_REFERENCE } from '../../demo/index.js';

/** The text of one tile, tags stripped and spaces collapsed. */
function tile(html: string, key: string): string {
  const m = new RegExp(
    `<li class="app-tile" id="tile-${key}">([\\s\\S]*?)</li>\\s*(?:<li class="app-tile"|</ul>)`,
  ).exec(html);
  if (!m) throw new Error(`no tile ${key}`);
  return m[1]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the partnership dashboard', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let board: Agent;
  let pid: number;
  beforeAll(async () => {
    t = await startApp();
    await loadDemo(t.db);
    pid = (await getPartnershipBySlug(t.db, 'southampton'))!.id;
    board = t.agent();
    await board.signIn('board@southampton.example', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('shows the pool as the board last saw it: the latest published report, to the penny', async () => {
    const latest = await t.db
      .selectFrom('monitoring_reports as r')
      .innerJoin('funds as f', (j) =>
        j.onRef('f.partnership_id', '=', 'r.partnership_id').onRef('f.id', '=', 'r.fund_id'),
      )
      .select(['r.id', 'r.period', 'r.total_budget_pence', 'r.total_actual_pence', 'r.total_forecast_pence'])
      .where('r.partnership_id', '=', pid)
      .where('f.kind', '=', 'pooled')
      .orderBy('f.financial_year', 'desc')
      .orderBy('r.period', 'desc')
      .executeTakeFirstOrThrow();
    const res = await board.get(`/partnerships/${pid}/dashboard`);
    expect(res.statusCode).toBe(200);
    const text = tile(res.body, 'pool');
    expect(text).toContain(`Budget ${formatPounds(latest.total_budget_pence)}`);
    expect(text).toContain(`Actual to date ${formatPounds(latest.total_actual_pence)}`);
    expect(text).toContain(`Forecast outturn ${formatPounds(latest.total_forecast_pence)}`);
    expect(res.body).toContain(`href="/partnerships/${pid}/funds/`);
    expect(res.body).toContain(`/reports/${latest.id}"`);
    const report = await board.get(res.body.match(/href="([^"]+\/reports\/\d+)"/)![1]!);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain(formatPounds(latest.total_forecast_pence));
  });

  it('shows the 2016-17 savings plan: £6,400,000.00 planned for the year', async () => {
    const res = await board.get(`/partnerships/${pid}/dashboard?asAt-day=20&asAt-month=4&asAt-year=2018`);
    const text = tile(res.body, 'savings');
    expect(text).toContain('Year 2016-17');
    expect(text).toContain('Planned for the year £6,400,000.00');
  });

  it('lists the decision called in on 17 April 2018 while its call-in runs, and not once it is settled', async () => {
    const during = tile(
      (await board.get(`/partnerships/${pid}/dashboard?asAt-day=20&asAt-month=4&asAt-year=2018`)).body,
      'call-in',
    );
    expect(during).toMatch(/Terms of reference[^]*Called in on 17 April 2018/);
    expect(during).toContain('Called in 1');
    const after = tile(
      (await board.get(`/partnerships/${pid}/dashboard?asAt-day=1&asAt-month=6&asAt-year=2018`)).body,
      'call-in',
    );
    expect(after).not.toContain('Terms of reference');
  });

  it('counts the demo’s outcome measures as their own pages do, with the run chart’s signal', async () => {
    const o = await outcomesDashboardTile(t.db, pid);
    expect(o.measures).toBeGreaterThanOrEqual(3);
    expect(o.specialCause).toBeGreaterThanOrEqual(1);
    const text = tile((await board.get(`/partnerships/${pid}/dashboard`)).body, 'outcomes');
    expect(text).toContain(`On track ${o.onTrack}`);
    expect(text).toContain(`Off track ${o.offTrack}`);
    expect(text).toContain(`Special-cause variation on the run chart ${o.specialCause}`);
    expect(text).toContain('Outcome measures');
  });

  it('lists the contracts ending in the next 12 months, as the register filtered so does', async () => {
    const ending = await contractsEndingTile(t.db, pid, todayInLondon());
    expect(ending.count).toBeGreaterThanOrEqual(1);
    const text = tile((await board.get(`/partnerships/${pid}/dashboard`)).body, 'contracts');
    expect(text).toContain(`${ending.count} ending`);
    for (const c of ending.items) expect(text).toContain(c.title);
    const register = await board.get(ending.path);
    for (const c of ending.items) expect(register.body).toContain(c.reference);
  });

  it('shows the unit’s running cost against its budget, to the penny', async () => {
    const res = await board.get(`/partnerships/${pid}/dashboard?asAt-day=1&asAt-month=10&asAt-year=2017`);
    const u = await unitDashboardTile(t.db, pid, 2017);
    const text = tile(res.body, 'unit');
    expect(text).toContain('Year 2017-18');
    expect(text).toContain(formatPounds(u.costPence));
    expect(text).toContain('The unit’s staff and costs');
    expect(tile(res.body, 'projects')).toMatch(/Analyse \d+ Plan \d+ Do \d+ Review \d+/);
  });

  it('shows Luton’s joint procurement in flight while it is evaluated, and not once awarded', async () => {
    const luton = (await getPartnershipBySlug(t.db, 'luton'))!.id;
    const admin = t.agent();
    await admin.signIn('admin@luton.example', DEMO_PASSWORD);
    const during = tile(
      (await admin.get(`/partnerships/${luton}/dashboard?asAt-day=1&asAt-month=4&asAt-year=2018`)).body,
      'procurements',
    );
    expect(during).toContain('1 procurement in flight');
    expect(during).toContain(LUTON_PROCUREMENT_REFERENCE);
    expect(during).toContain('Evaluation');
    const after = tile((await admin.get(`/partnerships/${luton}/dashboard`)).body, 'procurements');
    expect(after).toContain('No procurement is in flight.');
  });

  it('refuses a date that is not real, keeping what was typed', async () => {
    const res = await board.get(`/partnerships/${pid}/dashboard?asAt-day=31&asAt-month=2&asAt-year=2018`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#asAt-day"');
    expect(res.body).toMatch(/name="asAt-day"[^>]*value="31"|value="31"[^>]*name="asAt-day"/);
  });
});
