import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoDate } from '../../kernel/dates.js';
import { pence, sumPence } from '../../kernel/money.js';
import {
  addMonths,
  contractStatus,
  currentEndDate,
  describeTerm,
  endsWithin12Months,
  isKpiTarget,
  latestPossibleEndDate,
  parsePercentBp,
  splitAnnualValue,
  termLength,
  totalValuePence,
  valueBreakdown,
  type ValueLine,
} from './rules.js';

const d = isoDate;

describe('months added to a date', () => {
  it('keeps a month’s last day at the last day of the target month', () => {
    expect(addMonths(d('2023-09-30'), 1)).toBe('2023-10-31');
    expect(addMonths(d('2024-02-29'), 12)).toBe('2025-02-28');
    expect(addMonths(d('2025-03-31'), 12)).toBe('2026-03-31');
  });
  it('brings a day back to a shorter month’s end', () => {
    expect(addMonths(d('2024-01-30'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2023-11-15'), 3)).toBe('2024-02-15');
  });
});

describe('a contract’s term', () => {
  it('counts 1 April 2020 to 31 March 2023 as three years', () => {
    const term = termLength(d('2020-04-01'), d('2023-03-31'));
    expect(term).toEqual({ months: 36, days: 0 });
    expect(describeTerm(term)).toBe('3 years');
  });
  it('counts months and the days left over', () => {
    expect(termLength(d('2024-04-01'), d('2024-05-15'))).toEqual({ months: 1, days: 15 });
    expect(describeTerm({ months: 30, days: 0 })).toBe('2 years and 6 months');
    expect(describeTerm({ months: 1, days: 15 })).toBe('1 month and 15 days');
  });
});

describe('extension options', () => {
  const options = [
    { months: 12, exercisedOn: d('2024-12-01') },
    { months: 12, exercisedOn: null },
    { months: 6, exercisedOn: null },
  ];
  it('move the end date by the exercised options only', () => {
    expect(currentEndDate(d('2025-03-31'), options)).toBe('2026-03-31');
    expect(currentEndDate(d('2025-03-31'), [])).toBe('2025-03-31');
  });
  it('give the latest possible end date when all are exercised', () => {
    expect(latestPossibleEndDate(d('2025-03-31'), options)).toBe('2027-09-30');
  });
});

describe('ending within 12 months', () => {
  const today = d('2026-11-23');
  it('includes today and the same day a year on, and nothing after it', () => {
    expect(endsWithin12Months(d('2026-11-23'), today)).toBe(true);
    expect(endsWithin12Months(d('2027-11-23'), today)).toBe(true);
    expect(endsWithin12Months(d('2027-11-24'), today)).toBe(false);
  });
  it('leaves out a contract that has already ended', () => {
    expect(endsWithin12Months(d('2026-11-22'), today)).toBe(false);
  });
  it('reads the status from the dates', () => {
    expect(contractStatus(d('2027-01-01'), d('2028-01-01'), today)).toBe('pending');
    expect(contractStatus(d('2025-01-01'), d('2026-11-23'), today)).toBe('active');
    expect(contractStatus(d('2025-01-01'), d('2026-11-22'), today)).toBe('ended');
  });
});

describe('a year’s value split in percentages', () => {
  it('gives each partner and arrangement its share, summing exactly to the annual value', () => {
    // £1,000.00 split three ways at 33.33%, 33.33%, 33.34%
    const lines = splitAnnualValue(2026, pence(100_000), [
      { organisationId: 1, arrangement: 'pooled', shareBp: 3333 },
      { organisationId: 2, arrangement: 'pooled', shareBp: 3333 },
      { organisationId: 2, arrangement: 'aligned', shareBp: 3334 },
    ]);
    expect(lines.map((l) => l.amountPence)).toEqual([33_330, 33_330, 33_340]);
  });
  it('gives the odd penny by the largest remainder', () => {
    // £100.01 split 50:50: £50.01 to the first (ties go to the earlier part), £50.00 to the second
    const lines = splitAnnualValue(2026, pence(10_001), [
      { organisationId: 1, arrangement: 'pooled', shareBp: 5000 },
      { organisationId: 2, arrangement: 'lead_commissioned', shareBp: 5000 },
    ]);
    expect(lines.map((l) => l.amountPence)).toEqual([5001, 5000]);
  });
  it('refuses shares that do not add up to 100%', () => {
    expect(() =>
      splitAnnualValue(2026, pence(100), [{ organisationId: 1, arrangement: 'pooled', shareBp: 9999 }]),
    ).toThrow(/100%/);
  });
  it('always sums to the annual value, and so do its partner and arrangement totals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 6 }),
        (amount, raw) => {
          // turn arbitrary weights into basis points that add up to exactly 10000
          const sum = raw.reduce((a, b) => a + b, 0);
          const bps = raw.map((w) => Math.floor((w * 10_000) / sum));
          bps[0] = (bps[0] ?? 0) + 10_000 - bps.reduce((a, b) => a + b, 0);
          const arrangements = ['pooled', 'aligned', 'lead_commissioned'] as const;
          const lines = splitAnnualValue(
            2026,
            pence(amount),
            bps.map((shareBp, i) => ({ organisationId: i % 2, arrangement: arrangements[i % 3]!, shareBp })),
          );
          const table = valueBreakdown(lines, [0, 1]);
          expect(totalValuePence(lines)).toBe(amount);
          expect(sumPence(table.byPartner.map((p) => p.totalPence))).toBe(amount);
          expect(sumPence(Object.values(table.byArrangement))).toBe(amount);
        },
      ),
    );
  });
  it('reads percentages with up to two decimals as basis points', () => {
    expect(parsePercentBp('33.33')).toBe(3333);
    expect(parsePercentBp('12.5%')).toBe(1250);
    expect(parsePercentBp('100')).toBe(10_000);
    expect(parsePercentBp('100.01')).toBeNull();
    expect(parsePercentBp('1.234')).toBeNull();
    expect(parsePercentBp('ten')).toBeNull();
  });
});

describe('the value table', () => {
  const lines: ValueLine[] = [
    { financialYear: 2026, organisationId: 2, arrangement: 'pooled', amountPence: pence(60_000_00) },
    { financialYear: 2026, organisationId: 1, arrangement: 'pooled', amountPence: pence(40_000_00) },
    { financialYear: 2026, organisationId: 1, arrangement: 'aligned', amountPence: pence(5_000_00) },
    { financialYear: 2025, organisationId: 1, arrangement: 'pooled', amountPence: pence(100_000_00) },
  ];
  it('totals by year, partner and arrangement, earliest year first, partners in the order given', () => {
    const t = valueBreakdown(lines, [1, 2]);
    expect(t.totalPence).toBe(205_000_00);
    expect(t.years.map((y) => [y.financialYear, y.totalPence])).toEqual([
      [2025, 100_000_00],
      [2026, 105_000_00],
    ]);
    expect(t.years[1]?.byPartner.map((p) => [p.organisationId, p.totalPence])).toEqual([
      [1, 45_000_00],
      [2, 60_000_00],
    ]);
    expect(t.years[1]?.byArrangement).toEqual({
      pooled: 100_000_00,
      aligned: 5_000_00,
      lead_commissioned: 0,
    });
    expect(t.byPartner).toEqual([
      { organisationId: 1, totalPence: 145_000_00 },
      { organisationId: 2, totalPence: 60_000_00 },
    ]);
  });
});

describe('a KPI target', () => {
  it('is a plain decimal number', () => {
    expect(isKpiTarget('95')).toBe(true);
    expect(isKpiTarget('2.5')).toBe(true);
    expect(isKpiTarget('95%')).toBe(false);
    expect(isKpiTarget('')).toBe(false);
  });
});
