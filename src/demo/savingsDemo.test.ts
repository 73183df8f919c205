import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { listSavingsLines } from '../commissioning/savings/index.js';
import { rollUp } from '../commissioning/savings/index.js';
import { loadSavingsDemo, SOUTHAMPTON_2016_17_TOTALS } from './savingsDemo.js';

describe('the demo savings of Southampton, 2016-17', () => {
  let t: TestDatabase;
  let pid: number;
  let ccg: number;
  let council: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG', kind: 'ccg' });
    council = await makeOrganisation(t.db, {
      name: 'Southampton City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    await loadSavingsDemo(t.db, pid, ccg, council);
  });
  afterAll(() => t.dispose());

  it('adds up to exactly £6,400,000.00 from £2.4m adult social care, £1m public health and £3m CCG', async () => {
    const { adultSocialCare, publicHealth, ccg: ccgTotal } = SOUTHAMPTON_2016_17_TOTALS;
    expect(adultSocialCare + publicHealth + ccgTotal).toBe(640_000_000);
    const r = rollUp(await listSavingsLines(t.db, pid, 2016), [ccg, council]);
    const budget = (org: number, line: string) =>
      r.byBudget.find((b) => b.organisationId === org && b.budgetLine === line)?.figures.achievedToDatePence;
    expect(budget(council, 'adult_social_care')).toBe(240_000_000);
    expect(budget(council, 'public_health')).toBe(100_000_000);
    expect(budget(ccg, 'nhs_commissioner')).toBe(300_000_000);
    expect(r.partnership.achievedToDatePence).toBe(640_000_000);
    expect(r.partnership.plannedPence).toBe(640_000_000);
  });

  it('is achieved in full by March 2017 (P12), every line green with no variance', async () => {
    const lines = await listSavingsLines(t.db, pid, 2016);
    expect(lines.every((l) => l.illustrative)).toBe(true);
    const r = rollUp(lines, [ccg, council]);
    expect(r.asAt).toBe(12);
    expect(r.partnership.variancePence).toBe(0);
    expect(r.partnership.rag).toBe('green');
    expect(r.byPartner.map((p) => p.figures.achievedToDatePence)).toEqual([300_000_000, 340_000_000]);
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
