import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pence, sumPence } from '../../kernel/money.js';
import {
  forecastOutturn,
  monitoringReport,
  ragFor,
  type ActualFact,
  type ManualForecast,
  type SchemeFacts,
} from './rules.js';
import { UNBUDGETED_STREAM } from './streams.js';
import { movementSince, partnershipYearView } from './rollups.js';

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
            stream: fc.constantFrom('Minimum NHS Contribution', 'iBCF', 'DFG'),
            amountPence: fc.integer({ min: 0, max: 1e10 }).map((n) => pence(n)),
          }),
          { maxLength: 3 },
        ),
        profile: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }),
      });
    const manual = fc.record({
      schemeId: fc.integer({ min: 1, max: 4 }),
      organisationId: fc.option(fc.integer({ min: 1, max: 3 })),
      period: fc.integer({ min: 1, max: 12 }),
      outturnPence: fc.integer({ min: -1e9, max: 1e10 }).map((n) => pence(n)),
      commentary: fc.constant('Forecast'),
      author: fc.constant('Finance officer'),
    });
    fc.assert(
      fc.property(
        fc.tuple(scheme(1), scheme(2), scheme(3), scheme(4)),
        fc.array(actual, { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(manual, { maxLength: 6 }),
        fc.constantFrom('run-rate' as const, 'profile' as const),
        (ss, as, period, forecasts, method) => {
          const r = monitoringReport(
            ss,
            as,
            period,
            method,
            forecasts.map((f, id) => ({ ...f, id })),
          );
          const expected = sumPence(as.filter((a) => a.period <= period).map((a) => a.actualPence));
          expect(r.total.actualToDatePence).toBe(expected);
          for (const rows of [r.schemes, r.bySchemeType, r.byPartner, r.byStream]) {
            expect(sumPence(rows.map((x) => x.actualToDatePence))).toBe(expected);
            expect(sumPence(rows.map((x) => x.budgetPence))).toBe(r.total.budgetPence);
            expect(sumPence(rows.map((x) => x.forecastOutturnPence))).toBe(r.total.forecastOutturnPence);
            expect(sumPence(rows.map((x) => x.profiledToDatePence))).toBe(r.total.profiledToDatePence);
            expect(sumPence(rows.map((x) => x.variancePence))).toBe(r.total.variancePence);
          }
          const view = partnershipYearView([
            { fundId: 1, name: 'Pool', kind: 'pooled', report: r },
            { fundId: 2, name: 'Aligned', kind: 'aligned', report: r },
          ]);
          for (const rows of [view.byFund, view.byArrangement, view.byPartner])
            expect(sumPence(rows.map((x) => x.forecastOutturnPence))).toBe(view.total.forecastOutturnPence);
          expect(view.total.actualToDatePence).toBe(2 * expected);
          expect(sumPence(r.profileByPeriod)).toBe(r.total.budgetPence);
          expect(sumPence(r.actualByPeriod)).toBe(sumPence(as.map((a) => a.actualPence)));
        },
      ),
    );
  });

  const budgets = [
    { organisationId: 10, stream: 'Minimum NHS Contribution', amountPence: pence(300_000_00) },
    { organisationId: 10, stream: 'Additional NHS Contribution', amountPence: pence(100_000_00) },
    { organisationId: 20, stream: 'iBCF', amountPence: pence(200_000_00) },
  ];
  const reablement: SchemeFacts = {
    schemeId: 7,
    code: 'S07',
    name: 'Reablement',
    schemeType: 'Home-based intermediate care services',
    budgets,
    profile: FLAT,
  };

  it("uses a scheme's manual forecast for its report period or the latest before it, and says so", () => {
    const forecasts: ManualForecast[] = [
      {
        id: 1,
        schemeId: 7,
        organisationId: null,
        period: 2,
        outturnPence: pence(660_000_00),
        commentary: 'Winter pressures from November',
        author: 'Finance officer',
      },
      {
        id: 2,
        schemeId: 7,
        organisationId: 20,
        period: 5,
        outturnPence: pence(250_000_00),
        commentary: 'Council packages rising',
        author: 'Council finance',
      },
    ];
    const before = monitoringReport([reablement], [], 1, 'profile', forecasts);
    // at P1 nothing is recorded yet: by the profile, the budget still to come (P1 took £50,000.01 of it)
    expect(before.schemes[0]).toMatchObject({ method: 'profile', forecastOutturnPence: 549_999_99 });
    const p3 = monitoringReport([reablement], [], 3, 'profile', forecasts);
    // the whole-scheme £660,000 shared 400:200 between the partners: £440,000 and £220,000
    expect(p3.schemes[0]).toMatchObject({ method: 'manual', forecastOutturnPence: 660_000_00 });
    expect(p3.byPartner.map((p) => p.forecastOutturnPence)).toEqual([440_000_00, 220_000_00]);
    expect(p3.schemes[0]?.manual.map((m) => m.commentary)).toEqual(['Winter pressures from November']);
    // at P6 the council's own P5 forecast (later) replaces its share: £440,000 + £250,000
    const p6 = monitoringReport([reablement], [], 6, 'profile', forecasts);
    expect(p6.schemes[0]).toMatchObject({ method: 'manual', forecastOutturnPence: 690_000_00 });
    expect(p6.schemes[0]?.manual.map((m) => m.id).sort()).toEqual([1, 2]);
  });

  it("attributes each partner's spend to its streams in proportion to its budget by stream", () => {
    // the CCG spent £100,000.01 to P3 against £300,000 minimum and £100,000 additional: 3:1
    const actuals: ActualFact[] = [
      { schemeId: 7, organisationId: 10, period: 3, actualPence: pence(100_000_01) },
      { schemeId: 7, organisationId: 30, period: 3, actualPence: pence(5_00) },
    ];
    const r = monitoringReport([reablement], actuals, 3, 'profile');
    const stream = (name: string) => r.byStream.find((s) => s.stream === name);
    expect(r.byStream.map((s) => s.stream)).toEqual([
      'Additional NHS Contribution',
      'iBCF',
      'Minimum NHS Contribution',
      UNBUDGETED_STREAM,
    ]);
    expect(stream('Minimum NHS Contribution')).toMatchObject({
      budgetPence: 300_000_00,
      actualToDatePence: 75_000_01, // £75,000.0075 takes the odd penny (largest remainder)
    });
    expect(stream('Additional NHS Contribution')?.actualToDatePence).toBe(25_000_00);
    expect(stream(UNBUDGETED_STREAM)).toMatchObject({ budgetPence: 0, actualToDatePence: 5_00 });
    expect(sumPence(r.byStream.map((s) => s.actualToDatePence))).toBe(r.total.actualToDatePence);
  });

  it('shows the movement in forecast and variance since the last published report', () => {
    const forecasts: ManualForecast[] = [
      {
        id: 1,
        schemeId: 7,
        organisationId: null,
        period: 2,
        outturnPence: pence(600_000_00),
        commentary: 'On budget',
        author: 'Finance officer',
      },
      {
        id: 2,
        schemeId: 7,
        organisationId: null,
        period: 3,
        outturnPence: pence(612_345_67),
        commentary: 'More packages',
        author: 'Finance officer',
      },
    ];
    const previous = monitoringReport([reablement], [], 2, 'profile', forecasts);
    const now = monitoringReport([reablement], [], 3, 'profile', forecasts);
    const m = movementSince(now, previous);
    expect(m.total).toMatchObject({
      previousForecastOutturnPence: 600_000_00,
      forecastOutturnMovementPence: 12_345_67,
      varianceMovementPence: 12_345_67,
      isNew: false,
    });
    expect(m.schemes.get(7)?.forecastOutturnMovementPence).toBe(12_345_67);
  });

  it('combines the pooled fund and the aligned budgets of a partnership year', () => {
    const pool = monitoringReport([reablement], [], 12, 'profile');
    const aligned = monitoringReport([{ ...reablement, budgets: budgets.slice(2) }], [], 12, 'profile');
    const view = partnershipYearView([
      { fundId: 1, name: 'Pool', kind: 'pooled', report: pool },
      { fundId: 2, name: 'Aligned', kind: 'aligned', report: aligned },
    ]);
    expect(view.byArrangement.map((a) => [a.kind, a.budgetPence])).toEqual([
      ['pooled', 600_000_00],
      ['aligned', 200_000_00],
    ]);
    expect(view.byPartner.map((p) => [p.organisationId, p.budgetPence])).toEqual([
      [10, 400_000_00],
      [20, 400_000_00],
    ]);
    expect(view.total.budgetPence).toBe(800_000_00);
  });
});

describe('the figures in number arithmetic agree with BigInt', () => {
  const amount = fc.oneof(
    fc.integer({ min: -1e12, max: 1e12 }),
    fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  );

  it('grades RAG as the exact comparison does', () => {
    fc.assert(
      fc.property(amount, amount, (variance, budget) => {
        const v = BigInt(Math.abs(variance)) * 10_000n;
        const b = BigInt(Math.abs(budget));
        const exact =
          budget === 0
            ? variance === 0
              ? 'green'
              : 'red'
            : v <= b * 100n
              ? 'green'
              : v <= b * 500n
                ? 'amber'
                : 'red';
        expect(ragFor(variance, budget)).toBe(exact);
      }),
    );
  });

  it('forecasts the outturn as the exact arithmetic does, or refuses as it does', () => {
    fc.assert(
      fc.property(
        amount,
        amount,
        amount,
        fc.integer({ min: 1, max: 12 }),
        (actual, budget, profiled, period) => {
          const byProfile = BigInt(actual) + BigInt(budget) - BigInt(profiled);
          const safe = (x: bigint) =>
            x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= -BigInt(Number.MAX_SAFE_INTEGER);
          if (safe(byProfile))
            expect(
              Object.is(forecastOutturn('profile', period, actual, budget, profiled), Number(byProfile)),
            ).toBe(true);
          else expect(() => forecastOutturn('profile', period, actual, budget, profiled)).toThrow(RangeError);
          const n = BigInt(Math.abs(actual)) * 12n;
          const q = (n * 2n + BigInt(period)) / (2n * BigInt(period));
          const byRate = actual < 0 ? -q : q;
          if (safe(byRate))
            expect(Object.is(forecastOutturn('run-rate', period, actual, 0, 0), Number(byRate))).toBe(true);
          else expect(() => forecastOutturn('run-rate', period, actual, 0, 0)).toThrow(RangeError);
        },
      ),
    );
  });
});
