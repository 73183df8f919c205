import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pence, sumPence } from '../../kernel/money.js';
import {
  BUDGET_LINES,
  CONFIDENCES,
  PERIODS,
  SAVING_TYPES,
  lineFigures,
  ragOf,
  readSavingsAmount,
  rollUp,
  type BudgetLine,
  type SavingsLineFigures,
} from './rules.js';
import { readSavingsLineForm } from './schema.js';

/** A line with the given planned amounts for P1… and achieved amounts for the first months recorded. */
const line = (
  organisationId: number,
  budgetLine: BudgetLine,
  planned: number[],
  achieved: number[],
): SavingsLineFigures => ({
  organisationId,
  budgetLine,
  months: PERIODS.map((p) => ({
    period: p,
    plannedPence: pence(planned[p - 1] ?? 0),
    achievedPence: achieved[p - 1] === undefined ? null : pence(achieved[p - 1] ?? 0),
  })),
});

describe('the RAG rating of a saving', () => {
  it('is green at exactly 95% of planned to date, amber a penny below', () => {
    expect(ragOf(95_00, 100_00)).toBe('green');
    expect(ragOf(94_99, 100_00)).toBe('amber');
  });
  it('is amber at exactly 80%, red a penny below', () => {
    expect(ragOf(80_00, 100_00)).toBe('amber');
    expect(ragOf(79_99, 100_00)).toBe('red');
  });
  it('is not yet due when nothing was planned to date', () => {
    expect(ragOf(0, 0)).toBe('not-due');
  });
});

describe('a line’s figures', () => {
  it('counts achieved to the as-at month and forecasts the rest as planned', () => {
    // £1,000.00 a month planned; April £1,000.00, May £500.50, June £700.00 achieved
    const l = line(1, 'public_health', Array<number>(12).fill(100_000), [100_000, 50_050, 70_000]);
    const f = lineFigures(l, 3);
    expect(f.plannedPence).toBe(1_200_000);
    expect(f.plannedToDatePence).toBe(300_000);
    expect(f.achievedToDatePence).toBe(220_050);
    // £2,200.50 achieved + 9 × £1,000.00 still planned = £11,200.50, £799.50 short of £12,000.00
    expect(f.forecastPence).toBe(1_120_050);
    expect(f.variancePence).toBe(-79_950);
    // 2,200.50 / 3,000.00 = 73.35%: red
    expect(f.rag).toBe('red');
  });

  it('counts a month within the as-at period that nobody recorded as nothing achieved', () => {
    const l = line(1, 'other', [10_000, 10_000, 10_000], [10_000]);
    const f = lineFigures(l, 3);
    expect(f.achievedToDatePence).toBe(10_000);
    expect(f.forecastPence).toBe(10_000);
  });
});

describe('rolling savings up', () => {
  it('adds up per partner budget, per partner and for the partnership, to the penny', () => {
    const council = 10;
    const ccg = 20;
    const lines = [
      line(council, 'adult_social_care', [33_333, 33_333, 33_334], [33_333, 30_000]),
      line(council, 'adult_social_care', [1, 2, 3], [1, 2]),
      line(council, 'public_health', [50_000], [50_000]),
      line(ccg, 'nhs_commissioner', [0, 99_999], [0, 90_000]),
    ];
    const r = rollUp(lines, [ccg, council]);
    expect(r.asAt).toBe(2);
    expect(r.byBudget.map((b) => [b.organisationId, b.budgetLine])).toEqual([
      [ccg, 'nhs_commissioner'],
      [council, 'adult_social_care'],
      [council, 'public_health'],
    ]);
    const asc = r.byBudget[1]!.figures;
    expect(asc.plannedPence).toBe(100_006); // 100,000 + 6
    expect(asc.plannedToDatePence).toBe(66_669); // 66,666 + 3
    expect(asc.achievedToDatePence).toBe(63_336); // 63,333 + 3
    expect(asc.forecastPence).toBe(96_673); // 63,336 + 33,334 + 3
    expect(asc.variancePence).toBe(-3_333);
    expect(asc.rag).toBe('green'); // 63,336 / 66,669 = 95.0%
    const councilTotal = r.byPartner.find((p) => p.organisationId === council)!.figures;
    expect(councilTotal.plannedPence).toBe(150_006);
    expect(councilTotal.achievedToDatePence).toBe(113_336);
    expect(r.partnership.plannedPence).toBe(250_005);
    expect(r.partnership.achievedToDatePence).toBe(203_336);
    expect(r.partnership.forecastPence).toBe(236_673); // 96,673 + 50,000 + 90,000
    expect(r.partnership.variancePence).toBe(-13_332); // -3,333 + 0 - 9,999
  });

  it('equals the sum of its lines, whatever the lines (property)', () => {
    const amount = fc.integer({ min: 0, max: 5_000_000_000 });
    const arbLine = fc.record({
      organisationId: fc.constantFrom(1, 2, 3),
      budgetLine: fc.constantFrom(...(Object.keys(BUDGET_LINES) as BudgetLine[])),
      planned: fc.array(amount, { minLength: 12, maxLength: 12 }),
      achieved: fc.array(amount, { maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 25 }), (specs) => {
        const lines = specs.map((s) => line(s.organisationId, s.budgetLine, s.planned, s.achieved));
        const r = rollUp(lines, [1, 2, 3]);
        const each = lines.map((l) => lineFigures(l, r.asAt));
        for (const k of ['plannedPence', 'achievedToDatePence', 'forecastPence', 'variancePence'] as const) {
          const total = sumPence(each.map((f) => f[k]));
          expect(r.partnership[k]).toBe(total);
          expect(sumPence(r.byPartner.map((p) => p.figures[k]))).toBe(total);
          expect(sumPence(r.byBudget.map((b) => b.figures[k]))).toBe(total);
        }
      }),
    );
  });
});

describe('reading savings amounts', () => {
  it('reads pounds and pence and refuses a negative, naming the field', () => {
    expect(readSavingsAmount('£1,234.56', 'Achieved', false)).toEqual({ ok: true, value: 123_456 });
    expect(readSavingsAmount('-5', 'Achieved', false)).toEqual({
      ok: false,
      problem: 'Achieved must not be negative',
    });
    expect(readSavingsAmount('', 'Achieved', false).ok).toBe(false);
  });

  it('names each bad month of a plan, and refuses a plan of nothing', () => {
    const line = {
      financialYear: '2016-17',
      organisationId: '1',
      budgetLine: Object.keys(BUDGET_LINES)[0],
      description: 'Fewer placements',
      savingType: Object.keys(SAVING_TYPES)[0],
      confidence: Object.keys(CONFIDENCES)[0],
    };
    const bad = readSavingsLineForm({ ...line, 'planned-3': '12.345', 'planned-4': 'lots' }, new Set([1]));
    const problems = bad.ok ? {} : bad.problems;
    expect(Object.keys(problems)).toEqual(['planned-3', 'planned-4']);
    expect(problems['planned-3']).toContain('Planned for P3 (June)');
    const none = readSavingsLineForm(line, new Set([1]));
    expect(none.ok ? {} : none.problems).toEqual({
      'planned-1': 'Enter the planned saving for at least one month',
    });
  });
});
