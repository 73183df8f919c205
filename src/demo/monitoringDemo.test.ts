import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { getPartnershipBySlug } from '../partnerships/store.js';
import { listFunds } from '../ledger/store.js';
import { loadMonitoring } from '../ledger/monitoringStore.js';
import { getPublished, listPublished } from '../ledger/monitoringPublication.js';
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
    const fund = (await listFunds(t.db, p.id))[0]!;
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
});
