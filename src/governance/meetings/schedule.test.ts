import { describe, expect, it } from 'vitest';
import { isoDate } from '../../kernel/dates.js';
import { monthlyMeetingDates, weekdayOfMonth } from './schedule.js';

describe('a monthly meeting calendar', () => {
  it('puts a year of meetings from April 2018 on the second Thursday of each month', () => {
    const dates = monthlyMeetingDates({ fromMonth: '2018-04', months: 12, weekday: 4, week: 2 });
    expect(dates.map((x) => x.date)).toEqual([
      '2018-04-12',
      '2018-05-10',
      '2018-06-14',
      '2018-07-12',
      '2018-08-09',
      '2018-09-13',
      '2018-10-11',
      '2018-11-08',
      '2018-12-13',
      '2019-01-10',
      '2019-02-14',
      '2019-03-14',
    ]);
    expect(dates.every((x) => x.note === null)).toBe(true);
  });

  it('finds the last Monday of a month', () => {
    expect(weekdayOfMonth(isoDate('2018-05-01'), 1, 'last')).toBe('2018-05-28');
    expect(weekdayOfMonth(isoDate('2018-04-01'), 1, 1)).toBe('2018-04-02');
  });

  it('moves a meeting off a bank holiday to the next working day, saying why', () => {
    // the last Monday of May 2018 is the spring bank holiday; the first Monday of April 2018 is Easter Monday
    const dates = monthlyMeetingDates({ fromMonth: '2018-04', months: 2, weekday: 1, week: 'last' });
    expect(dates[1]).toEqual({
      date: '2018-05-29',
      note: 'moved from Mon 28 May 2018 (Spring bank holiday)',
    });
    expect(monthlyMeetingDates({ fromMonth: '2018-04', months: 1, weekday: 1, week: 1 })[0]?.date).toBe(
      '2018-04-03',
    );
  });

  it('runs across the turn of the year', () => {
    const dates = monthlyMeetingDates({ fromMonth: '2026-11', months: 3, weekday: 3, week: 1 });
    expect(dates.map((x) => x.date)).toEqual(['2026-11-04', '2026-12-02', '2027-01-06']);
  });
});
