import { describe, expect, it } from 'vitest';
import { checkBankHolidayChange } from './bankHolidayChanges.js';
import { PROCLAIMED_CHANGES } from './bankHolidays.js';

const form = {
  kind: 'extra',
  date: '2027-06-07',
  replaces: null,
  name: 'Extra bank holiday',
  proclamation: 'Royal Proclamation',
};

describe('a one-off bank holiday change', () => {
  it.each([
    ['an extra weekday holiday', form, null],
    [
      'a moved holiday',
      {
        ...form,
        kind: 'moved',
        date: '2027-05-04',
        replaces: '2027-05-03',
        name: 'Early May bank holiday (moved)',
      },
      null,
    ],
    [
      'a weekend day',
      { ...form, date: '2027-06-05' },
      { date: 'Sat 5 Jun 2027 is a weekend day; a bank holiday is a weekday' },
    ],
    [
      'an existing bank holiday',
      { ...form, date: '2027-05-31' },
      { date: 'Mon 31 May 2027 is already a bank holiday (Spring bank holiday)' },
    ],
    [
      'a moved holiday replacing an ordinary day',
      { ...form, kind: 'moved', date: '2027-05-04', replaces: '2027-05-05' },
      { replaces: 'Wed 5 May 2027 is not a bank holiday, so it cannot be moved' },
    ],
    [
      'a move across years',
      { ...form, kind: 'moved', date: '2027-05-04', replaces: '2026-05-04' },
      { replaces: 'The bank holiday it replaces must fall in the same year' },
    ],
    [
      'no name or proclamation',
      { ...form, name: ' ', proclamation: '' },
      {
        name: 'Enter the name of the bank holiday',
        proclamation:
          'Enter the proclamation that declared it, like "Royal Proclamation of 20 November 2022"',
      },
    ],
    ['no date', { ...form, date: null }, { date: 'Enter the date of the bank holiday, from 1978 to 9999' }],
  ])('%s', (_name, input, problems) => {
    const result = checkBankHolidayChange(input, PROCLAIMED_CHANGES);
    if (problems === null) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, error: problems });
  });

  it('refuses the coronation holiday again: the built-in changes count as known', () => {
    expect(checkBankHolidayChange({ ...form, date: '2023-05-08' }, PROCLAIMED_CHANGES)).toEqual({
      ok: false,
      error: {
        date: 'Mon 8 May 2023 is already a bank holiday (Bank holiday for the coronation of King Charles III)',
      },
    });
  });
});
