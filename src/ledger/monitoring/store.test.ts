import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { createFund } from '../funds/index.js';
import { createScheme } from '../funds/index.js';
import { recordForecast } from './forecastStore.js';
import { monitoringReport } from './rules.js';
import { loadActualsToDate, loadMonitoringFacts, loadMonitoringReport } from './store.js';

const actor = systemActor('test');

describe('the monitoring report read from the summaries', () => {
  let t: TestDatabase;
  let pid: number;
  let fundId: number;
  let a: number;
  let b: number;
  let c: number;
  const schemes: number[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeOrganisation(t.db);
    b = await makeOrganisation(t.db);
    c = await makeOrganisation(t.db);
    pid = await makePartnership(t.db, [a, b, c]);
    fundId = await transaction(t.db, (trx) =>
      createFund(
        trx,
        actor,
        pid,
        {
          financialYear: 2017,
          name: 'Pool',
          kind: 'pooled',
          hostOrganisationId: a,
          pooledFundManager: '',
          betterCareFund: true,
        },
        [a, b, c],
      ),
    );
    await transaction(t.db, async (trx) => {
      const budgets = [
        // two streams of equal budget: a penny that cannot be split goes to the first listed
        [
          { organisationId: b, stream: 'iBCF', amountPence: pence(50_000_01) },
          { organisationId: b, stream: 'DFG', amountPence: pence(50_000_01) },
          { organisationId: a, stream: 'Minimum NHS Contribution', amountPence: pence(1_200_000_00) },
        ],
        [{ organisationId: a, stream: 'Minimum NHS Contribution', amountPence: pence(600_000_07) }],
        [],
      ];
      for (const [i, lines] of budgets.entries())
        schemes.push(
          await createScheme(trx, actor, pid, fundId, {
            code: `S${i + 1}`,
            name: `Scheme ${i + 1}`,
            description: '',
            schemeType: i === 1 ? 'Carers' : 'Community Based Schemes',
            areaOfSpend: 'Community Health',
            commissioner: 'joint',
            commissionerOrganisationId: null,
            provider: '',
            service: 'community-nursing',
            budgets: lines,
            profile: i === 0 ? [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0] : Array.from({ length: 12 }, () => 0),
            costCentres: [],
          }),
        );
      // spend by scheme, partner and period: some with no budget, some only in later periods, some negative
      const spend: [number, number, number, number][] = [
        [0, a, 1, 330_000_01],
        [0, a, 2, -1_000_00],
        [0, b, 3, 12_345_67],
        [0, b, 9, 5_00],
        [1, a, 4, 99_999_99],
        [1, c, 11, 7_77],
        [2, b, 2, 1_00],
        [2, c, 12, 42_00],
      ];
      await trx
        .insertInto('scheme_actuals')
        .values(
          spend.map(([s, o, period, amount]) => ({
            partnership_id: pid,
            fund_id: fundId,
            scheme_id: schemes[s]!,
            organisation_id: o,
            period,
            actual_pence: amount,
            posting_count: 1,
          })),
        )
        .execute();
      await recordForecast(trx, actor, pid, fundId, {
        schemeId: schemes[0]!,
        organisationId: null,
        period: 6,
        outturnPence: pence(1_300_000_01),
        commentary: 'Whole scheme',
      });
      await recordForecast(trx, actor, pid, fundId, {
        schemeId: schemes[1]!,
        organisationId: a,
        period: 3,
        outturnPence: pence(650_000_00),
        commentary: 'Partner A',
      });
    });
  });
  afterAll(() => t.dispose());

  it('adds up actuals to date and by period as the per-period summaries do', async () => {
    const toDate = await loadActualsToDate(t.db, pid, fundId, 3);
    expect(toDate.byPeriod).toEqual([
      330_000_01,
      -1_000_00 + 1_00,
      12_345_67,
      99_999_99,
      0,
      0,
      0,
      0,
      5_00,
      0,
      7_77,
      42_00,
    ]);
    const cell = (s: number, o: number) =>
      toDate.cells.find((x) => x.schemeId === schemes[s] && x.organisationId === o)?.actualToDatePence;
    expect(cell(0, a)).toBe(329_000_01);
    expect(cell(0, b)).toBe(12_345_67);
    expect(cell(1, a)).toBe(0); // its spend is in P4
    expect(cell(1, c)).toBe(0);
    expect(toDate.cells).toHaveLength(6); // each scheme and partner with spend in any period
  });

  it('gives every period and method the report the per-period facts give, to the penny', async () => {
    const facts = await loadMonitoringFacts(t.db, pid, fundId);
    for (const method of ['profile', 'run-rate'] as const)
      for (let period = 1; period <= 12; period += 1)
        expect(await loadMonitoringReport(t.db, pid, fundId, period, method)).toEqual(
          monitoringReport(facts.schemes, facts.actuals, period, method, facts.forecasts),
        );
  });
});
