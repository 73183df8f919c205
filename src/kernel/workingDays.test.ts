import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, isoDate, type IsoDate } from './dates.js';
import {
  addClearDays,
  addClearWorkingDays,
  clearDaysBetween,
  clearWorkingDaysBetween,
  explainClearDays,
  formatDayList,
  formatShortDate,
  isWorkingDay,
  latestDateWithClearDaysBefore,
} from './workingDays.js';

const d = isoDate;
/** Any date from 1980 to the 2060s. */
const anyDate = fc.integer({ min: 0, max: 30_000 }).map((offset) => addDays(d('1980-01-01'), offset));

describe('working days', () => {
  it('are weekdays that are not bank holidays', () => {
    expect(isWorkingDay(d('2013-10-15'))).toBe(true); // Tuesday
    expect(isWorkingDay(d('2013-10-19'))).toBe(false); // Saturday
    expect(isWorkingDay(d('2013-10-20'))).toBe(false); // Sunday
    expect(isWorkingDay(d('2026-04-03'))).toBe(false); // Good Friday
    expect(isWorkingDay(d('2026-12-28'))).toBe(false); // Boxing Day (substitute day)
    expect(isWorkingDay(d('2022-09-19'))).toBe(false); // State Funeral, by proclamation
  });

  it('honour a proclamation the partner has recorded', () => {
    const change = [{ kind: 'extra' as const, date: d('2026-06-12'), name: 'Proclaimed day' }];
    expect(isWorkingDay(d('2026-06-12'))).toBe(true);
    expect(isWorkingDay(d('2026-06-12'), change)).toBe(false);
  });
});

describe('counting clear days', () => {
  it('leaves out the day of publication and the day of the meeting', () => {
    expect(clearDaysBetween(d('2013-10-15'), d('2013-10-23'))).toBe(7);
    expect(clearDaysBetween(d('2013-10-15'), d('2013-10-16'))).toBe(0);
    expect(clearDaysBetween(d('2013-10-15'), d('2013-10-15'))).toBe(0);
    expect(clearDaysBetween(d('2013-10-23'), d('2013-10-15'))).toBe(7);
  });

  it('counts only working days across a weekend', () => {
    // Tue 15 Oct 2013 to Wed 23 Oct 2013: 16, 17, 18, 21, 22 Oct.
    expect(clearWorkingDaysBetween(d('2013-10-15'), d('2013-10-23'))).toBe(5);
  });

  it('passes over Christmas Day and the substitute Boxing Day', () => {
    // Wed 23 Dec 2026 to Wed 30 Dec 2026: only Thu 24 and Tue 29 are working days.
    expect(clearWorkingDaysBetween(d('2026-12-23'), d('2026-12-30'))).toBe(2);
    expect(clearDaysBetween(d('2026-12-23'), d('2026-12-30'))).toBe(6);
  });

  it('passes over Good Friday and Easter Monday', () => {
    // Thu 2 Apr 2026 to Thu 9 Apr 2026: only Tue 7 and Wed 8 are working days.
    expect(clearWorkingDaysBetween(d('2026-04-02'), d('2026-04-09'))).toBe(2);
  });
});

describe('counting forward from publication', () => {
  it('gives the first day after 5 clear days', () => {
    expect(addClearDays(d('2013-10-15'), 5)).toBe('2013-10-21');
    expect(addClearDays(d('2013-10-15'), 0)).toBe('2013-10-16');
  });

  it('gives the first working day after 5 clear working days, as for the 2013 Southampton decision', () => {
    expect(addClearWorkingDays(d('2013-10-15'), 5)).toBe('2013-10-23');
  });

  it('carries a count over Christmas and New Year into the next working day', () => {
    // Tue 22 Dec 2026: 23, 24, 29, 30, 31 Dec are the clear working days; Fri 1 Jan 2027 is New Year's Day.
    expect(addClearWorkingDays(d('2026-12-22'), 5)).toBe('2027-01-04');
  });

  it('refuses a part or negative number of days', () => {
    expect(() => addClearDays(d('2026-01-05'), -1)).toThrow(RangeError);
    expect(() => addClearWorkingDays(d('2026-01-05'), 2.5)).toThrow(RangeError);
  });
});

describe('counting back from a meeting', () => {
  it('gives the last working day to publish with 5 clear working days before a Monday meeting', () => {
    // Meeting Mon 14 Dec 2026: 7 to 11 Dec are the clear working days, so publish by Fri 4 Dec.
    expect(latestDateWithClearDaysBefore(d('2026-12-14'), 5, true)).toBe('2026-12-04');
  });

  it('counts weekends when the rule is in calendar days', () => {
    // Meeting Mon 14 Dec 2026: 9 to 13 Dec are the clear days, so publish by Tue 8 Dec.
    expect(latestDateWithClearDaysBefore(d('2026-12-14'), 5, false)).toBe('2026-12-08');
  });

  it('reaches back over Easter', () => {
    // Meeting Thu 9 Apr 2026: 31 Mar, 1, 2, 7, 8 Apr are the clear working days, so publish by Mon 30 Mar.
    expect(latestDateWithClearDaysBefore(d('2026-04-09'), 5, true)).toBe('2026-03-30');
  });
});

describe('explaining a count', () => {
  it('lists the days counted so an officer can check them by hand', () => {
    const explanation = explainClearDays({
      from: d('2013-10-15'),
      to: d('2013-10-23'),
      counting: 'clear-working-days',
      fromLabel: 'published',
      toLabel: 'effective',
    });
    expect(explanation).toBe(
      'published Tue 15 Oct 2013; 5 clear working days: 16, 17, 18, 21, 22 Oct; effective Wed 23 Oct 2013',
    );
  });

  it('names the bank holidays passed over', () => {
    const explanation = explainClearDays({
      from: d('2026-12-22'),
      to: d('2027-01-04'),
      counting: 'clear-working-days',
      fromLabel: 'published',
      toLabel: 'effective',
    });
    expect(explanation).toBe(
      'published Tue 22 Dec 2026; 5 clear working days: 23, 24, 29, 30, 31 Dec; bank holidays not counted: ' +
        'Fri 25 Dec 2026 (Christmas Day), Mon 28 Dec 2026 (Boxing Day (substitute day)), ' +
        "Fri 1 Jan 2027 (New Year's Day); effective Mon 4 Jan 2027",
    );
  });

  it('says when there are no clear days at all', () => {
    const explanation = explainClearDays({
      from: d('2026-03-02'),
      to: d('2026-03-03'),
      counting: 'clear-days',
      fromLabel: 'published',
      toLabel: 'meeting',
    });
    expect(explanation).toBe('published Mon 2 Mar 2026; no clear days; meeting Tue 3 Mar 2026');
  });

  it('writes dates and lists of days briefly', () => {
    expect(formatShortDate(d('2022-09-19'))).toBe('Mon 19 Sep 2022');
    expect(formatDayList([d('2026-12-30'), d('2026-12-31'), d('2027-01-04')])).toBe('30, 31 Dec, 4 Jan');
  });
});

describe('properties of the working-day calendar', () => {
  const days = fc.integer({ min: 0, max: 40 });

  it('always lands on a working day with exactly n working days strictly between', () => {
    fc.assert(
      fc.property(anyDate, days, (from, n) => {
        const result = addClearWorkingDays(from, n);
        expect(isWorkingDay(result)).toBe(true);
        expect(clearWorkingDaysBetween(from, result)).toBe(n);
        // And no earlier working day would do.
        for (let day = addDays(from, 1); day < result; day = addDays(day, 1)) {
          if (isWorkingDay(day)) expect(clearWorkingDaysBetween(from, day)).toBeLessThan(n);
        }
      }),
    );
  });

  it('gives the latest publication date that still leaves n clear working days', () => {
    fc.assert(
      fc.property(anyDate, days, (event, n) => {
        const latest: IsoDate = latestDateWithClearDaysBefore(event, n, true);
        expect(isWorkingDay(latest)).toBe(true);
        expect(clearWorkingDaysBetween(latest, event)).toBe(n);
        // Publishing on any later working day leaves too few.
        for (let day = addDays(latest, 1); day < event; day = addDays(day, 1)) {
          if (isWorkingDay(day)) expect(clearWorkingDaysBetween(day, event)).toBeLessThan(n);
        }
      }),
    );
  });

  it('counts calendar clear days consistently forward and back', () => {
    fc.assert(
      fc.property(anyDate, days, (date, n) => {
        expect(clearDaysBetween(date, addClearDays(date, n))).toBe(n);
        expect(clearDaysBetween(latestDateWithClearDaysBefore(date, n, false), date)).toBe(n);
      }),
    );
  });
});
