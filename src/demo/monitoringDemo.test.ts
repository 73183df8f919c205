import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { getPartnershipBySlug } from '../partnerships/index.js';
import { listFunds } from '../ledger/funds/index.js';
import { loadMonitoring } from '../ledger/monitoring/index.js';
import { partnershipYearView } from '../ledger/monitoring/index.js';
import { getPublished, listPublished } from '../ledger/monitoring/index.js';
import { loadDemo } from './loadDemo.js';

describe('the demo monitoring reports', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.db);
  });
  afterAll(() => t.dispose());

  it('publishes Southampton’s P1 to P11 reports, each reconciled to the imported files', async () => {
    const p = (await getPartnershipBySlug(t.db, 'southampton'))!;
    const fund = (await listFunds(t.db, p.id)).find((f) => f.kind === 'pooled')!;
    const published = await listPublished(t.db, p.id, fund.id);
    expect(published.map((r) => r.period)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const p8 = (await getPublished(t.db, p.id, fund.id, published[7]!.id))!;
    const discharge = p8.report.schemes.find((s) => s.code === 'SC04')!;
    expect(discharge.method).toBe('manual');
    expect(discharge.manual[0]?.commentary).toContain('Winter pressures');
    // the live P12 report: the year's imports are all there, to the penny
    const live = await loadMonitoring(t.db, p.id, fund.id, 12, 'profile');
    expect(live.reconciliation.differencePence).toBe(0);
    expect(live.reconciliation.importCount).toBe(24);
    expect(live.report.total.budgetPence).toBeGreaterThanOrEqual(105_000_000_00);
  });

  it('reports the aligned budgets beside the pool, each reconciled to its files', async () => {
    const p = (await getPartnershipBySlug(t.db, 'southampton'))!;
    const funds = await listFunds(t.db, p.id);
    expect(funds.map((f) => f.kind).sort()).toEqual(['aligned', 'pooled']);
    const loaded = await Promise.all(
      funds.map(async (f) => ({
        fundId: f.id,
        name: f.name,
        kind: f.kind,
        ...(await loadMonitoring(t.db, p.id, f.id, 12, 'profile')),
      })),
    );
    for (const l of loaded) expect(l.reconciliation.differencePence, l.name).toBe(0);
    const view = partnershipYearView(loaded);
    // the aligned budgets: £3,870,000 + £5,210,000 + £1,450,000 + £2,330,000 = £12,860,000
    expect(view.byArrangement.find((a) => a.kind === 'aligned')?.budgetPence).toBe(12_860_000_00);
    expect(view.total.budgetPence).toBe(105_600_000_00 + 12_860_000_00);
  });
});
