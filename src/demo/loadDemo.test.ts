import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { checkCredentials } from '../auth/index.js';
import { getPartnershipBySlug, partnersOf } from '../partnerships/index.js';
import { listBudgetAreas } from '../partnerships/index.js';
import { budgetTotals } from '../partnerships/index.js';
import { isEmpty, loadDemo } from './loadDemo.js';
import { DEMO_PASSWORD } from './data.js';
import { serviceByKey } from '../partnerships/index.js';

describe('the demo partnerships', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    expect(await isEmpty(t.db)).toBe(true);
    await loadDemo(t.db);
  });
  afterAll(() => t.dispose());

  it('gives Southampton a pooled budget of at least £105m under section 75, with the CCG and the council', async () => {
    const p = (await getPartnershipBySlug(t.db, 'southampton'))!;
    const partners = await partnersOf(t.db, p.id);
    expect(partners.map((o) => o.ods_code ?? o.gss_code).sort()).toEqual(['10X', 'E06000045']);
    const totals = budgetTotals(
      await listBudgetAreas(t.db, p.id, 2017),
      partners.map((o) => o.id),
    );
    const pooled = totals.byArrangement.find((r) => r.arrangement === 'pooled')!;
    expect(pooled.totalPence).toBeGreaterThanOrEqual(105_000_000_00);
    expect(pooled.totalPence).toBe(105_600_000_00);
  });

  it('gives Somerset three partners and lead-commissions the services that cannot be pooled', async () => {
    const p = (await getPartnershipBySlug(t.db, 'somerset'))!;
    expect(await partnersOf(t.db, p.id)).toHaveLength(3);
    const areas = await listBudgetAreas(t.db, p.id, 2018);
    const surgery = areas.find((a) => a.name.startsWith('Surgery'))!;
    expect(surgery.arrangement).toBe('lead_commissioning');
  });

  it('records Luton’s concordat as not legally binding', async () => {
    const p = (await getPartnershipBySlug(t.db, 'luton'))!;
    const rows = await t.db
      .selectFrom('agreements')
      .select(['kind', 'legally_binding'])
      .where('partnership_id', '=', p.id)
      .execute();
    expect(rows).toEqual([{ kind: 'mou', legally_binding: false }]);
  });

  it('lets the demo accounts sign in, and leaves an intact audit chain', async () => {
    expect(await checkCredentials(t.db, 'finance@southampton.example', DEMO_PASSWORD)).not.toBeNull();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    expect(await isEmpty(t.db)).toBe(false);
  });

  it('names a catalogue service for every scheme, and makes Southampton’s finance officer work for the host', async () => {
    const services = await t.db.selectFrom('schemes').select(['code', 'service']).execute();
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect(serviceByKey(s.service), `${s.code} ${s.service}`).toBeDefined();
    const soton = (await getPartnershipBySlug(t.db, 'southampton'))!;
    const fund = await t.db
      .selectFrom('funds')
      .select('host_organisation_id')
      .where('partnership_id', '=', soton.id)
      .where('kind', '=', 'pooled')
      .executeTakeFirstOrThrow();
    const role = await t.db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select('user_roles.organisation_id')
      .where('users.email', '=', 'finance@southampton.example')
      .where('user_roles.partnership_id', '=', soton.id)
      .executeTakeFirstOrThrow();
    expect(role.organisation_id).toBe(fund.host_organisation_id);
  });
});
