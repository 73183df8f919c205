import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/testing.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { releaseProblems } from '../../test/support/ocdsSchema.js';
import { isoDate } from '../kernel/dates.js';
import { sumPence } from '../kernel/money.js';
import { contractsEndingTile, listContracts } from '../commissioning/contracts/index.js';
import { totalValuePence } from '../commissioning/contracts/index.js';
import { transparencyRows } from '../commissioning/contracts/index.js';
import { ocdsProcesses } from '../commissioning/contracts/index.js';
import { recordPackage } from '../commissioning/contracts/index.js';
import type { JsonObject } from '../commissioning/contracts/index.js';
import { loadContractsDemo } from './contractsDemo.js';

describe('the contracts demo', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let pid: number;
  const today = isoDate('2026-11-23');

  beforeAll(async () => {
    t = await createTestDatabase();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG', kind: 'ccg' });
    const council = await makeOrganisation(t.db, {
      name: 'Southampton City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    await loadContractsDemo(t.db, pid, ccg, council, today);
  });
  afterAll(() => t.dispose());

  it('has contracts ending within 12 months for the dashboard tile, the reablement contract after its extension', async () => {
    const tile = await contractsEndingTile(t.db, pid, today);
    expect(tile.items.map((i) => [i.reference, i.endDate])).toEqual([
      ['SCC-ICU-C004', '2027-03-31'],
      ['SCC-ICU-C001', '2027-06-30'],
    ]);
    expect(tile.count).toBe(2);
    expect(tile.path).toBe(`/partnerships/${pid}/contracts?ending=12-months`);
  });

  it('splits every year exactly between the partners, and keeps the small contract out of the published file', async () => {
    const contracts = await listContracts(t.db, pid);
    const reablement = contracts.find((c) => c.reference === 'SCC-ICU-C001');
    // 2022-23 to 2027-28: six years at £1,450,000.00, 60% CCG and 40% council
    expect(reablement?.valueLines.length).toBe(12);
    expect(totalValuePence(reablement?.valueLines ?? [])).toBe(6 * 1_450_000_00);
    expect(
      sumPence(
        reablement?.valueLines.filter((l) => l.arrangement === 'pooled').map((l) => l.amountPence) ?? [],
      ),
    ).toBe(6 * 1_450_000_00);
    expect(
      transparencyRows(contracts)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['SCC-ICU-C001', 'SCC-ICU-C002', 'SCC-ICU-C003']);
  });

  it('publishes OCDS records whose compiled releases validate', async () => {
    const { slug, name, processes } = await ocdsProcesses(t.db, pid, 'public', today);
    const pkg = recordPackage(
      { prefix: 'ocds-xxxxxx', slug },
      processes,
      { name, uri: 'https://example.org/x' },
      new Date(),
    );
    const records = pkg.records as JsonObject[];
    expect(records.length).toBe(4);
    for (const r of records) expect(releaseProblems(r.compiledRelease)).toEqual([]);
  });
});
