import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pence, sumPence } from '../kernel/money.js';
import {
  forecastOutturn,
  monitoringReport,
  ragFor,
  type ActualFact,
  type SchemeFacts,
} from './monitoring.js';

const FLAT = Array.from({ length: 12 }, () => 1);

describe('the monitoring report', () => {
  const schemes: SchemeFacts[] = [
    {
      schemeId: 1,
      code: 'S01',
      name: 'Reablement',
      schemeType: 'Home-based intermediate care services',
      budgets: [{ organisationId: 10, amountPence: pence(1_200_000_00) }],
      profile: FLAT,
    },
    {
      schemeId: 2,
      code: 'S02',
      name: 'Carers',
      schemeType: 'Carers Services',
      budgets: [
        { organisationId: 10, amountPence: pence(600_000_00) },
        { organisationId: 20, amountPence: pence(600_000_00) },
      ],
      profile: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0],
    },
  ];
  const actuals: ActualFact[] = [
    { schemeId: 1, organisationId: 10, period: 1, actualPence: pence(110_000_00) },
    { schemeId: 1, organisationId: 10, period: 2, actualPence: pence(115_000_00) },
    { schemeId: 1, organisationId: 10, period: 3, actualPence: pence(105_000_00) },
    { schemeId: 1, organisationId: 10, period: 4, actualPence: pence(999_00) }, // after the report period
    { schemeId: 2, organisationId: 20, period: 2, actualPence: pence(150_000_00) },
  ];

  it('works out budget to date, actual to date, run-rate outturn and variance by hand-checked figures', () => {
    const r = monitoringReport(schemes, actuals, 3);
    const reablement = r.schemes[0]!;
    // budget £1.2m flat: £100,000 a month, so £300,000 to P3; actual £330,000; run rate 330,000 × 12 / 3 = £1,320,000
    expect(reablement).toMatchObject({
      budgetPence: 1_200_000_00,
      profiledToDatePence: 300_000_00,
      actualToDatePence: 330_000_00,
      forecastOutturnPence: 1_320_000_00,
      variancePence: 120_000_00,
      rag: 'red',
    });
    const carers = r.schemes[1]!;
    // each partner's £600,000 over weights 2,1,...,1,0 (sum 12): P1 £100,000, then £50,000 a month; to P3: £200,000 each
    expect(carers).toMatchObject({
      budgetPence: 1_200_000_00,
      profiledToDatePence: 400_000_00,
      actualToDatePence: 150_000_00,
      forecastOutturnPence: 600_000_00,
    });
    expect(r.byPartner.map((p) => [p.organisationId, p.actualToDatePence])).toEqual([
      [10, 330_000_00],
      [20, 150_000_00],
    ]);
    expect(r.total.actualToDatePence).toBe(480_000_00);
  });

  it('forecasts by the profile: actual to date plus the budget still to come', () => {
    expect(forecastOutturn('profile', 3, 330_000_00, 1_200_000_00, 300_000_00)).toBe(1_230_000_00);
    expect(forecastOutturn('run-rate', 7, 100, 0, 0)).toBe(171); // 1200 / 7 = 171.43 → 171
  });

  it('grades variances red, amber and green by their share of the budget', () => {
    expect(ragFor(1_000, 100_000)).toBe('green');
    expect(ragFor(-5_000, 100_000)).toBe('amber');
    expect(ragFor(5_001, 100_000)).toBe('red');
    expect(ragFor(1, 0)).toBe('red');
  });

  it('reconciles every roll-up to the sum of the postings, whatever the data', () => {
    const actual = fc.record({
      schemeId: fc.integer({ min: 1, max: 4 }),
      organisationId: fc.integer({ min: 1, max: 3 }),
      period: fc.integer({ min: 1, max: 12 }),
      actualPence: fc.integer({ min: -1e9, max: 1e9 }).map((n) => pence(n)),
    });
    const scheme = (id: number) =>
      fc.record({
        schemeId: fc.constant(id),
        code: fc.constant(`S${id}`),
        name: fc.constant(`Scheme ${id}`),
        schemeType: fc.constantFrom('A', 'B'),
        budgets: fc.array(
          fc.record({
            organisationId: fc.integer({ min: 1, max: 3 }),
            amountPence: fc.integer({ min: 0, max: 1e10 }).map((n) => pence(n)),
          }),
          { maxLength: 3 },
        ),
        profile: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }),
      });
    fc.assert(
      fc.property(
        fc.tuple(scheme(1), scheme(2), scheme(3), scheme(4)),
        fc.array(actual, { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (ss, as, period) => {
          const r = monitoringReport(ss, as, period);
          const expected = sumPence(as.filter((a) => a.period <= period).map((a) => a.actualPence));
          expect(r.total.actualToDatePence).toBe(expected);
          for (const rows of [r.schemes, r.bySchemeType, r.byPartner]) {
            expect(sumPence(rows.map((x) => x.actualToDatePence))).toBe(expected);
            expect(sumPence(rows.map((x) => x.budgetPence))).toBe(r.total.budgetPence);
            expect(sumPence(rows.map((x) => x.forecastOutturnPence))).toBe(r.total.forecastOutturnPence);
          }
          expect(sumPence(r.profileByPeriod)).toBe(r.total.budgetPence);
          expect(sumPence(r.actualByPeriod)).toBe(sumPence(as.map((a) => a.actualPence)));
        },
      ),
    );
  });
});
