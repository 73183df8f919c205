import { describe, expect, it } from 'vitest';
import {
  MEASURE_CATALOGUE,
  formatValue,
  measureValue,
  parsePeriod,
  periodLabel,
  periodOf,
  periodsBetween,
  trackStatus,
} from './rules.js';

describe('periods', () => {
  it('reads a month, a financial quarter and a financial year in their own forms', () => {
    expect(parsePeriod('2016-04', 'monthly')).toEqual({
      key: '2016-04',
      start: '2016-04-01',
      end: '2016-04-30',
    });
    expect(parsePeriod('2016-17 Q1', 'quarterly')).toEqual({
      key: '2016-17 Q1',
      start: '2016-04-01',
      end: '2016-06-30',
    });
    expect(parsePeriod('2016-17 Q4', 'quarterly')).toEqual({
      key: '2016-17 Q4',
      start: '2017-01-01',
      end: '2017-03-31',
    });
    expect(parsePeriod('2016-17', 'annual')).toEqual({
      key: '2016-17',
      start: '2016-04-01',
      end: '2017-03-31',
    });
    expect(parsePeriod('2016-02', 'monthly')!.end).toBe('2016-02-29');
  });

  it('refuses a period written for another frequency or not a real one', () => {
    expect(parsePeriod('2016-17', 'monthly')).toBeUndefined();
    expect(parsePeriod('2016-13', 'monthly')).toBeUndefined();
    expect(parsePeriod('2016-4', 'monthly')).toBeUndefined();
    expect(parsePeriod('2016-04', 'annual')).toBeUndefined();
    expect(parsePeriod('2016-18', 'annual')).toBeUndefined();
    expect(parsePeriod('2016-17 Q5', 'quarterly')).toBeUndefined();
    expect(parsePeriod('2016-17', 'quarterly')).toBeUndefined();
    expect(parsePeriod('April 2016', 'monthly')).toBeUndefined();
  });

  it('names periods for people', () => {
    expect(periodLabel('2016-04', 'monthly')).toBe('April 2016');
    expect(periodLabel('2016-17 Q3', 'quarterly')).toBe('2016-17 Q3 (October to December 2016)');
  });

  it('finds the period a date falls in, and lists periods between two', () => {
    expect(periodOf('2015-10-01', 'monthly')).toBe('2015-10');
    expect(periodOf('2016-02-10', 'quarterly')).toBe('2015-16 Q4');
    expect(periodOf('2016-03-31', 'annual')).toBe('2015-16');
    expect(periodsBetween('2016-11', '2017-02', 'monthly')).toEqual([
      '2016-11',
      '2016-12',
      '2017-01',
      '2017-02',
    ]);
    expect(periodsBetween('2016-17 Q3', '2017-18 Q1', 'quarterly')).toEqual([
      '2016-17 Q3',
      '2016-17 Q4',
      '2017-18 Q1',
    ]);
  });
});

describe('values', () => {
  const perCent = { multiplier: 100 as const };
  it('is numerator over denominator times the multiplier, the count without a denominator', () => {
    expect(measureValue(perCent, { numerator: '412', denominator: '498', publishedValue: null })).toBeCloseTo(
      82.730923694,
      8,
    );
    expect(
      measureValue({ multiplier: 1 }, { numerator: '7412', denominator: null, publishedValue: null }),
    ).toBe(7412);
    expect(
      measureValue(
        { multiplier: 100000 },
        { numerator: '1210', denominator: '41200', publishedValue: '2301.4' },
      ),
    ).toBe(2301.4);
  });

  it('shows a value rounded to the stated decimals, without float drift', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point
    expect(formatValue(0.1 + 0.2, 1)).toBe('0.3');
    expect(formatValue(7412, 0)).toBe('7,412');
    expect(formatValue(82.730923694, 1)).toBe('82.7');
  });

  it('judges on or off track by polarity, at the precision shown', () => {
    const lower = { polarity: 'lower_is_better' as const, decimals: 0 };
    const higher = { polarity: 'higher_is_better' as const, decimals: 1 };
    expect(trackStatus(lower, 2400, 2500)).toBe('on-track');
    expect(trackStatus(lower, 2600, 2500)).toBe('off-track');
    expect(trackStatus(higher, 82.04, 82)).toBe('on-track');
    expect(trackStatus(higher, 81.94, 82)).toBe('off-track');
    expect(trackStatus(higher, 81.96, 82)).toBe('on-track');
    expect(trackStatus(higher, 80, undefined)).toBe('no-target');
    expect(trackStatus(higher, undefined, 80)).toBe('no-value');
  });
});

describe('catalogue', () => {
  it('defines each measure fully, with unique codes, and the measures DOMAIN.md §9 names', () => {
    const codes = MEASURE_CATALOGUE.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [
      'ASCOF-2C',
      'ASCOF-2B1',
      'PHOF-C29',
      'BCF-DISCH-2022',
      'BCF-AVOID-2022',
      'LOCAL-EMADM',
    ])
      expect(codes).toContain(code);
    for (const m of MEASURE_CATALOGUE) {
      expect(m.numeratorDescription).not.toBe('');
      // a rate has a denominator; a count has a multiplier of one
      if (m.denominatorDescription === '') expect(m.multiplier).toBe(1);
    }
    expect(MEASURE_CATALOGUE.find((m) => m.code === 'PHOF-C29')!.standardisation).toBe(
      'directly_age_standardised',
    );
  });
});
