import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, startApp } from '../../test/support/fixtures.js';
import type { Agent } from '../../test/support/agent.js';
import { verifyAuditChain } from '../audit/index.js';
import { getPartnershipBySlug, partnersOf } from '../partnerships/index.js';
import { listSavingsLines } from '../commissioning/savings/index.js';
import { getProject, listProjects, projectsDashboardTile } from '../commissioning/projects/index.js';
import { loadUnitCosting, unitDashboardTile } from '../commissioning/unit/index.js';
import { loadDemo } from './loadDemo.js';

describe('the demo priorities, projects and integrated commissioning unit of Southampton', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let pid: number;
  let council: number;
  let partnerIds: number[];
  let admin: Agent;
  beforeAll(async () => {
    t = await startApp();
    await loadDemo(t.db);
    const p = (await getPartnershipBySlug(t.db, 'southampton'))!;
    pid = p.id;
    const partners = await partnersOf(t.db, pid);
    partnerIds = partners.map((o) => o.id);
    council = partners.find((o) => o.gss_code === 'E06000045')!.id;
    await makeUser(t.db, 'sysadmin@test.example', [], true);
    admin = await t.signedIn('sysadmin@test.example');
  }, 600_000);
  afterAll(() => t.close());

  it('puts exactly £90,800.00 a year of added posts on the council from 2014-15, shown with its source', async () => {
    for (const year of [2014, 2015, 2016, 2017]) {
      const u = await loadUnitCosting(t.db, pid, year, partnerIds);
      expect(u.cost.byEmployer.find((e) => e.organisationId === council)?.additionalCostPence).toBe(
        9_080_000,
      );
      expect(u.sharing?.ok).toBe(true);
      if (u.sharing?.ok)
        expect(u.sharing.shares.reduce((a, s) => a + s.sharePence, 0)).toBe(u.cost.totalPence);
    }
    const page = await admin.get(`/partnerships/${pid}/unit?year=2016-17`);
    expect(page.statusCode).toBe(200);
    const additional = /id="unit-additional">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
    expect(additional).toContain('£90,800.00');
    expect(page.body).toContain(
      'Seed 003: Southampton City Council Cabinet, 15 October 2013, decision (iii)',
    );
    expect(page.body).toContain('Integrated Commissioning Unit');
  });

  it('shares 2017-18 in proportion to the partners’ contributions to that year’s pool', async () => {
    const u = await loadUnitCosting(t.db, pid, 2017, partnerIds);
    expect(u.settings?.sharingBasis).toBe('contributions');
    expect(u.contributionsTotalPence).toBeGreaterThan(0);
    const tile = await unitDashboardTile(t.db, pid, 2017);
    expect(tile.costPence).toBe(u.cost.totalPence);
    expect(tile.variancePence).toBe((tile.budgetPence ?? 0) - tile.costPence);
  });

  it('links the projects to the seed appraisals and Cabinet decisions, and every 2016-17 savings line to its project', async () => {
    const projects = await listProjects(t.db, pid);
    const icu = projects.find((p) => p.title === 'Integrated commissioning unit')!;
    const full = (await getProject(t.db, pid, icu.id))!;
    expect(full.appraisalIds).toHaveLength(1);
    expect(full.decisionIds).toHaveLength(1);
    const lines = await listSavingsLines(t.db, pid, 2016);
    expect(lines.every((l) => l.projectId !== null)).toBe(true);
    const page = await admin.get(`/partnerships/${pid}/projects/${icu.id}`);
    const total = /id="project-savings-total">([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    // single commissioning team £500,000 + joint brokerage £800,000 + shared estate £400,000
    expect(total).toContain('£1,700,000.00');
    expect(page.body).toContain(`/partnerships/${pid}/decisions/${full.decisionIds[0]}`);
    expect(page.body).toContain(`/partnerships/${pid}/appraisals/${full.appraisalIds[0]}`);
    const tile = await projectsDashboardTile(t.db, pid);
    expect(tile.total).toBe(projects.length);
    expect(Object.values(tile.countsByStage).reduce((a, b) => a + b, 0)).toBe(projects.length);
    expect(tile.path).toBe(`/partnerships/${pid}/projects`);
  });

  it('renders the priorities with their projects, and leaves an audit chain that verifies', async () => {
    const list = await admin.get(`/partnerships/${pid}/priorities`);
    expect(list.body).toContain('Better Care Southampton');
    expect(list.body).toContain('Prevention and early intervention');
    expect(list.body).toContain('System-wide savings through integrated commissioning');
    const bcs =
      /href="(\/partnerships\/\d+\/priorities\/\d+)">Better Care Southampton/.exec(list.body)?.[1] ?? '';
    const page = await admin.get(bcs);
    // the outcome measures of the demo that show its progress, each linked to its page
    expect(page.body).toMatch(new RegExp(`href="/partnerships/${pid}/outcomes/\\d+">[^<]*admissions`, 'i'));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
