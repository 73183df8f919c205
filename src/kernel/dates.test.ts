import { describe, expect, it } from 'vitest';
import {
  addDays,
  financialYearBounds,
  financialYearLabel,
  financialYearOf,
  formatLongDate,
  isIsoDate,
  isoDate,
  parseFinancialYear,
  periodOf,
} from './dates.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('15/10/2013')).toBe(false);
  });
  it('adds days across a month and a year end', () => {
    expect(addDays(isoDate('2017-12-30'), 3)).toBe('2018-01-02');
    expect(addDays(isoDate('2017-03-01'), -1)).toBe('2017-02-28');
  });
  it('writes dates as GOV.UK does', () => {
    expect(formatLongDate('2013-10-15')).toBe('15 October 2013');
  });
});

describe('the financial year', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYearOf(isoDate('2017-04-01'))).toBe(2017);
    expect(financialYearOf(isoDate('2018-03-31'))).toBe(2017);
    expect(financialYearBounds(2017)).toEqual({ startsOn: '2017-04-01', endsOn: '2018-03-31' });
    expect(financialYearLabel(2017)).toBe('2017-18');
    expect(financialYearLabel(1999)).toBe('1999-00');
    expect(parseFinancialYear('2018-19')).toBe(2018);
    expect(parseFinancialYear('2018/19')).toBe(2018);
    expect(parseFinancialYear('2018-20')).toBeNull();
  });
  it('numbers periods from April', () => {
    expect(periodOf(isoDate('2017-04-15'))).toBe(1);
    expect(periodOf(isoDate('2017-12-01'))).toBe(9);
    expect(periodOf(isoDate('2018-03-31'))).toBe(12);
  });
});
