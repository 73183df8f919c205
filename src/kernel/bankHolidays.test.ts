import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bankHolidayOn,
  bankHolidaysInYear,
  dayOfWeek,
  easterSunday,
  isBankHoliday,
  PROCLAIMED_CHANGES,
  type BankHolidayChange,
} from './bankHolidays.js';
import { isoDate } from './dates.js';

// The GOV.UK list of bank holidays in England and Wales (gov.uk/bank-holidays), written out by hand.
const GOV_UK: Record<number, string[]> = {
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2013: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2014: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

const datesIn = (year: number): string[] => bankHolidaysInYear(year).map((h) => h.date);

describe('bank holidays in England and Wales', () => {
  it.each(Object.entries(GOV_UK))('match the GOV.UK list for %s', (year, monthDays) => {
    expect(datesIn(Number(year))).toEqual(monthDays.map((md) => `${year}-${md}`));
  });

  it('finds Easter Sunday by the anonymous Gregorian algorithm', () => {
    expect(easterSunday(2013)).toBe('2013-03-31');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible Easter
    expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible Easter
  });

  it('gives Christmas a Tuesday substitute when it falls on a Sunday, as Boxing Day keeps its Monday', () => {
    expect(bankHolidaysInYear(2016).slice(-2)).toEqual([
      { date: '2016-12-26', name: 'Boxing Day' },
      { date: '2016-12-27', name: 'Christmas Day (substitute day)' },
    ]);
  });

  it('moves both Christmas holidays to Monday and Tuesday when Christmas falls on a Saturday', () => {
    expect(
      bankHolidaysInYear(2021)
        .slice(-2)
        .map((h) => h.name),
    ).toEqual(['Christmas Day (substitute day)', 'Boxing Day (substitute day)']);
  });

  it('moves New Year’s Day to the Monday when it falls at a weekend', () => {
    expect(bankHolidaysInYear(2022)[0]).toEqual({
      date: '2022-01-03',
      name: "New Year's Day (substitute day)",
    });
    expect(bankHolidaysInYear(2023)[0]).toEqual({
      date: '2023-01-02',
      name: "New Year's Day (substitute day)",
    });
  });

  it('applies the proclamations before 2012: VE Day 1995, the millennium, the Golden Jubilee and the 2011 wedding', () => {
    expect(datesIn(1995)).toContain('1995-05-08');
    expect(datesIn(1995)).not.toContain('1995-05-01');
    expect(datesIn(1999)).toContain('1999-12-31');
    expect(datesIn(2002)).toContain('2002-06-03');
    expect(datesIn(2002)).toContain('2002-06-04');
    expect(datesIn(2002)).not.toContain('2002-05-27');
    expect(bankHolidayOn(isoDate('2011-04-29'))?.name).toMatch(/Royal wedding/);
  });

  it('names the State Funeral and the Coronation as GOV.UK does', () => {
    expect(bankHolidayOn(isoDate('2022-09-19'))?.name).toBe(
      'Bank Holiday for the State Funeral of Queen Elizabeth II',
    );
    expect(bankHolidayOn(isoDate('2023-05-08'))?.name).toBe(
      'Bank holiday for the coronation of King Charles III',
    );
  });

  it('keeps one-off changes as data that a partner can extend with a new proclamation', () => {
    const proclamation: BankHolidayChange = {
      kind: 'extra',
      date: isoDate('2026-06-12'),
      name: 'Proclaimed day',
    };
    expect(isBankHoliday(isoDate('2026-06-12'))).toBe(false);
    expect(isBankHoliday(isoDate('2026-06-12'), [proclamation])).toBe(true);
    const move: BankHolidayChange = {
      kind: 'moved',
      date: isoDate('2026-08-28'),
      replaces: isoDate('2026-08-31'),
      name: 'Summer bank holiday',
    };
    expect(datesIn(2026)).toContain('2026-08-31');
    expect(bankHolidaysInYear(2026, [move]).map((h) => h.date)).toContain('2026-08-28');
    expect(bankHolidaysInYear(2026, [move]).map((h) => h.date)).not.toContain('2026-08-31');
    expect(
      PROCLAIMED_CHANGES.every((c) => c.kind === 'extra' || c.replaces.slice(0, 4) === c.date.slice(0, 4)),
    ).toBe(true);
  });

  it('refuses years before the early May bank holiday began in 1978', () => {
    expect(() => bankHolidaysInYear(1977)).toThrow(RangeError);
    expect(() => bankHolidaysInYear(2026.5)).toThrow(RangeError);
  });

  it('always gives eight holidays on weekdays in date order, in a year without a proclamation', () => {
    const proclaimedYears = new Set(PROCLAIMED_CHANGES.map((c) => Number(c.date.slice(0, 4))));
    fc.assert(
      fc.property(fc.integer({ min: 1978, max: 2400 }), (year) => {
        const holidays = bankHolidaysInYear(year);
        const dates = holidays.map((h) => h.date);
        expect([...dates].sort()).toEqual(dates);
        for (const date of dates) expect([0, 6]).not.toContain(dayOfWeek(date));
        if (!proclaimedYears.has(year)) expect(holidays).toHaveLength(8);
      }),
    );
  });
});
