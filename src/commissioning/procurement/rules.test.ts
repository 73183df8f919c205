import { describe, expect, it } from 'vitest';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import {
  PROCEDURES,
  checkTimetable,
  earliestStandstillEnd,
  fundingProblems,
  fundingSharesBp,
  fundingTotal,
  nextDate,
  procedureAllowed,
  procurementStatus,
  type Timetable,
} from './rules.js';

const d = (s: string) => isoDate(s);
const timetable = (t: Partial<Record<keyof Timetable, string>>): Timetable => ({
  publicationOn: null,
  clarificationDeadlineOn: null,
  submissionDeadlineOn: null,
  evaluationEndOn: null,
  awardDecisionOn: null,
  standstillEndOn: null,
  contractStartOn: null,
  ...(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, d(v)])) as Partial<Timetable>),
});

const good = {
  publicationOn: '2018-02-05',
  clarificationDeadlineOn: '2018-03-02',
  submissionDeadlineOn: '2018-03-16',
  evaluationEndOn: '2018-05-25',
  awardDecisionOn: '2018-06-14',
  standstillEndOn: '2018-06-25',
  contractStartOn: '2018-10-01',
};

describe('procedures', () => {
  it('labels every procedure and ties it to its regime', () => {
    expect(PROCEDURES.light_touch.label).toBe('Light-touch regime for health, social and related services');
    expect(procedureAllowed('light_touch', 'pcr_2015')).toBe(true);
    expect(procedureAllowed('light_touch', 'psr_2023')).toBe(false);
    expect(procedureAllowed('psr_most_suitable_provider', 'psr_2023')).toBe(true);
    expect(procedureAllowed('open', 'procurement_act_2023')).toBe(true);
    expect(procedureAllowed('competitive_flexible', 'pcr_2015')).toBe(false);
  });
});

describe('the standstill', () => {
  it('PCR 2015: 10 calendar days after the notices, moved to the next working day', () => {
    expect(earliestStandstillEnd('pcr_2015', 'open', d('2018-06-14'))).toBe('2018-06-25'); // 24th is a Sunday
    expect(earliestStandstillEnd('pcr_2015', 'open', d('2018-06-12'))).toBe('2018-06-22');
    // 10th day is Easter Monday 2018: the period runs to Tuesday 3 April
    expect(earliestStandstillEnd('pcr_2015', 'open', d('2018-03-23'))).toBe('2018-04-03');
  });

  it('Procurement Act 2023 s51: 8 working days beginning with the day of the notice, skipping bank holidays', () => {
    // Mon 22 Dec 2025: 22, 23, 24, 29, 30, 31 Dec, 2, 5 Jan (25, 26 Dec and 1 Jan are bank holidays)
    expect(earliestStandstillEnd('procurement_act_2023', 'competitive_flexible', d('2025-12-22'))).toBe(
      '2026-01-05',
    );
  });

  it('PSR 2023: 8 working days beginning the day after; none for direct award A or B', () => {
    expect(earliestStandstillEnd('psr_2023', 'psr_competitive', d('2025-12-22'))).toBe('2026-01-06');
    expect(earliestStandstillEnd('psr_2023', 'psr_direct_award_a', d('2025-12-22'))).toBeNull();
    expect(earliestStandstillEnd('psr_2023', 'psr_direct_award_c', d('2025-12-22'))).toBe('2026-01-06');
  });
});

describe('checkTimetable', () => {
  it('accepts dates in order, explaining the standstill', () => {
    const c = checkTimetable(timetable(good), 'pcr_2015', 'light_touch');
    expect(c.problems).toEqual({});
    expect(c.earliestStandstillEnd).toBe('2018-06-25');
    expect(c.standstillExplanation).toContain('regulation 87');
    expect(c.standstillExplanation).toContain('no earlier than 25 June 2018');
  });

  it('names each date out of order and the one it must follow', () => {
    const c = checkTimetable(
      timetable({ ...good, clarificationDeadlineOn: '2018-02-05', submissionDeadlineOn: '2018-03-01' }),
      'pcr_2015',
      'open',
    );
    expect(c.problems.clarificationDeadlineOn).toBe(
      'Clarification deadline must be after publication (5 February 2018)',
    );
    expect(c.problems.submissionDeadlineOn).toBeUndefined();
  });

  it('lets evaluation end on the submission day but not before it', () => {
    const same = checkTimetable(timetable({ ...good, evaluationEndOn: '2018-03-16' }), 'pcr_2015', 'open');
    expect(same.problems).toEqual({});
    const before = checkTimetable(timetable({ ...good, evaluationEndOn: '2018-03-15' }), 'pcr_2015', 'open');
    expect(before.problems.evaluationEndOn).toBe(
      'Evaluation ends must be on or after submission deadline (16 March 2018)',
    );
  });

  it('refuses a standstill shorter than the law allows', () => {
    const c = checkTimetable(timetable({ ...good, standstillEndOn: '2018-06-22' }), 'pcr_2015', 'open');
    expect(c.problems.standstillEndOn).toContain('must not end before 25 June 2018');
  });

  it('skips blank steps, comparing with the latest date given', () => {
    const c = checkTimetable(
      timetable({ publicationOn: '2018-02-05', submissionDeadlineOn: '2018-02-01' }),
      'pcr_2015',
      'open',
    );
    expect(c.problems.submissionDeadlineOn).toBe(
      'Submission deadline must be after publication (5 February 2018)',
    );
    expect(c.standstillExplanation).toBeNull();
  });
});

describe('status and next date', () => {
  const t = timetable(good);
  const status = (today: string, awarded = 0, cancelled: IsoDate | null = null) =>
    procurementStatus(t, d(today), { lots: 1, awarded }, cancelled);
  it('follows the timetable and the awards', () => {
    expect(status('2018-01-10')).toBe('planning');
    expect(status('2018-02-05')).toBe('published');
    expect(status('2018-03-16')).toBe('published');
    expect(status('2018-03-17')).toBe('evaluation');
    expect(status('2018-06-14', 1)).toBe('standstill');
    expect(status('2018-06-25', 1)).toBe('standstill');
    expect(status('2018-06-26', 1)).toBe('awarded');
    expect(status('2018-07-01', 0)).toBe('evaluation'); // no award recorded yet
    expect(status('2018-03-01', 0, d('2018-02-20'))).toBe('cancelled');
  });
  it('gives the next date with its label', () => {
    expect(nextDate(t, d('2018-03-03'))).toEqual({ date: '2018-03-16', label: 'Submission deadline' });
    expect(nextDate(t, d('2018-10-02'))).toBeNull();
  });
});

describe('value by funding partner', () => {
  it('totals the parts and shares them to exactly 100%', () => {
    const lines = [
      { organisationId: 1, amountPence: pence(100_000_00) },
      { organisationId: 2, amountPence: pence(200_000_00) },
    ];
    expect(fundingTotal(lines)).toBe(300_000_00);
    expect(fundingSharesBp(lines)).toEqual([3333, 6667]);
  });
  it('refuses a non-partner and a partner twice', () => {
    const lines = [
      { organisationId: 1, amountPence: pence(1) },
      { organisationId: 1, amountPence: pence(1) },
      { organisationId: 9, amountPence: pence(1) },
    ];
    expect(fundingProblems(lines, new Set([1, 2]))).toEqual([
      'Organisation 1 is listed twice',
      'Organisation 9 is not a partner',
    ]);
  });
});
