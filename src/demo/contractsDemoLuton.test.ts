import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/testing.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { makeProcurement } from '../../test/support/procurements.js';
import { contractsEndingTile, listContracts } from '../commissioning/contracts/index.js';
import { getPartnershipBySlug } from '../partnerships/index.js';
import { todayInLondon } from '../kernel/dates.js';
import { loadDemo } from './loadDemo.js';
import { totalValuePence, valueBreakdown } from '../commissioning/contracts/index.js';
import { loadContractsFromAwards } from './contractsDemoLuton.js';

describe('contracts let from a procurement’s awards (the Luton demo)', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let pid: number;
  let council: number;
  let ccg: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    council = await makeOrganisation(t.db, {
      name: 'Luton Borough Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    ccg = await makeOrganisation(t.db, { name: 'NHS Luton CCG', kind: 'ccg' });
    pid = await makePartnership(t.db, [council, ccg]);
    await makeProcurement(t.db, pid, [council, ccg]);
    await loadContractsFromAwards(t.db, pid);
  });
  afterAll(() => t.dispose());

  it('lets a contract for each lot awarded and out of standstill, linked to its award, held by the winning bid', async () => {
    const contracts = await listContracts(t.db, pid);
    // lot 2's standstill period is still running: no contract yet
    expect(contracts.map((c) => [c.reference, c.title, c.provider.name])).toEqual([
      ['TP-2026-01-L1', 'Health checks', 'Wellbeing Alliance'],
    ]);
    const [first] = contracts;
    expect(first?.awardId).not.toBeNull();
    expect(first?.procurementId).not.toBeNull();
    // the day after the standstill ends (27 March 2026), for three years, with two 12-month options
    expect(first?.startsOn).toBe('2026-03-28');
    expect(first?.endsOn).toBe('2029-03-27');
    expect(first?.extensionOptions.map((o) => o.months)).toEqual([12, 12]);
  });

  it('spreads the award’s value over the three years and splits it by the partners’ funding, to the penny', async () => {
    const [first] = await listContracts(t.db, pid);
    // £480,000.00 awarded: £160,000.00 a year; the partners funded the procurement equally
    expect(totalValuePence(first?.valueLines ?? [])).toBe(480_000_00);
    const table = valueBreakdown(first?.valueLines ?? [], [council, ccg]);
    expect(table.years.map((y) => y.totalPence)).toEqual([160_000_00, 160_000_00, 160_000_00]);
    expect(table.byPartner.map((p) => p.totalPence)).toEqual([240_000_00, 240_000_00]);
    expect(table.byArrangement.aligned).toBe(480_000_00);
  });
});

describe('the whole demo’s contracts', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.db);
  });
  afterAll(() => t.dispose());

  it('lets Luton’s contract from its joint procurement’s award, with the committee’s decision', async () => {
    const luton = await getPartnershipBySlug(t.db, 'luton');
    const [contract, ...others] = await listContracts(t.db, luton?.id ?? 0);
    expect(others).toEqual([]);
    expect(contract?.provider.name).toBe('Luton Wellbeing Alliance');
    expect(contract?.startsOn).toBe('2018-10-01');
    expect(contract?.serviceKeys).toEqual(['mental-health', 'public-health']);
    expect(contract?.decisionId).not.toBeNull();
    // the award's £4,150,000.00 over three years, split 1.5 : 2.7 between the council and the CCG
    expect(totalValuePence(contract?.valueLines ?? [])).toBe(4_150_000_00);
  });

  it('gives Southampton a contract ending within 12 months for the dashboard', async () => {
    const southampton = await getPartnershipBySlug(t.db, 'southampton');
    const tile = await contractsEndingTile(t.db, southampton?.id ?? 0, todayInLondon());
    expect(tile.items.map((i) => i.reference)).toContain('SCC-ICU-C001');
  });
});
