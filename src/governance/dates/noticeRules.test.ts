import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, isoDate } from '../../kernel/dates.js';
import {
  customiseNoticeRules,
  DEFAULT_NOTICE_RULES,
  effectiveFrom,
  findNoticeRule,
  publicationDeadline,
  type NoticeBeforeRule,
  type NoticeRule,
  type PeriodAfterRule,
} from './noticeRules.js';

const d = isoDate;

function rule<K extends NoticeRule['direction']>(name: string, direction: K, rules = DEFAULT_NOTICE_RULES) {
  const found = findNoticeRule(name, rules);
  if (found?.direction !== direction) throw new Error(`No ${direction} rule ${name}`);
  return found as Extract<NoticeRule, { direction: K }>;
}
const before = (name: string, rules = DEFAULT_NOTICE_RULES): NoticeBeforeRule => rule(name, 'before', rules);
const after = (name: string, rules = DEFAULT_NOTICE_RULES): PeriodAfterRule => rule(name, 'after', rules);

function customised(...args: Parameters<typeof customiseNoticeRules>) {
  const result = customiseNoticeRules(...args);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('when a decision takes effect after the call-in window', () => {
  it('takes effect on Wed 23 Oct 2013 for the Cabinet decision published on Tue 15 Oct 2013', () => {
    expect(effectiveFrom(d('2013-10-15'), after('call-in'))).toEqual({
      date: '2013-10-23',
      explanation:
        'published Tue 15 Oct 2013; 5 clear working days: 16, 17, 18, 21, 22 Oct; effective Wed 23 Oct 2013',
    });
  });

  it('takes effect on Thu 27 Jul 2017 for the Cabinet decision of Tue 18 Jul 2017, counted from the next day’s notice', () => {
    expect(effectiveFrom(d('2017-07-18'), after('call-in-from-next-day-notice'))).toEqual({
      date: '2017-07-27',
      explanation:
        'published Tue 18 Jul 2017; counted from the decision notice of Wed 19 Jul 2017; ' +
        '5 clear working days: 20, 21, 24, 25, 26 Jul; effective Thu 27 Jul 2017',
    });
  });

  it('shows why one rule cannot fit both Southampton decisions: each gives the other a different day', () => {
    expect(effectiveFrom(d('2017-07-18'), after('call-in')).date).toBe('2017-07-26');
    expect(effectiveFrom(d('2013-10-15'), after('call-in-from-next-day-notice')).date).toBe('2013-10-24');
  });

  it('gives the same day as six clear working days from the recorded publication date, whatever the date', () => {
    const sixDays = customised({ 'call-in': { days: 6 } });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (offset) => {
        const published = addDays(d('1990-01-01'), offset);
        expect(effectiveFrom(published, after('call-in-from-next-day-notice')).date).toBe(
          effectiveFrom(published, after('call-in', sixDays)).date,
        );
      }),
    );
  });

  it('does not count the State Funeral bank holiday in the window', () => {
    // Published Fri 16 Sep 2022; Mon 19 Sep was the State Funeral of Queen Elizabeth II.
    const { date, explanation } = effectiveFrom(d('2022-09-16'), after('call-in'));
    expect(date).toBe('2022-09-27');
    expect(explanation).toContain('bank holidays not counted: Mon 19 Sep 2022');
  });

  it('waits for the next working day when a calendar-day window ends at a weekend', () => {
    const calendar = customised({ 'call-in': { counting: 'clear-days' } });
    expect(effectiveFrom(d('2025-10-13'), after('call-in', calendar))).toEqual({
      date: '2025-10-20',
      explanation:
        'published Mon 13 Oct 2025; 5 clear days: 14, 15, 16, 17, 18 Oct; window over by Sun 19 Oct 2025; ' +
        'effective Mon 20 Oct 2025 (next working day)',
    });
  });
});

describe('the last day to publish before a meeting or decision', () => {
  it('gives Fri 4 Dec 2026 for the agenda of a meeting on Mon 14 Dec 2026', () => {
    // SI 2012/2089 reg 6: agenda and reports open to inspection 5 clear days before, counted in working days.
    expect(publicationDeadline(d('2026-12-14'), before('agenda'))).toEqual({
      date: '2026-12-04',
      explanation:
        'publish by Fri 4 Dec 2026; 5 clear working days: 7, 8, 9, 10, 11 Dec; meeting Mon 14 Dec 2026',
    });
  });

  it('gives Tue 8 Dec 2026 where a partner counts agenda notice in calendar days as the regulation is written', () => {
    const statutory = customised({ agenda: { counting: 'clear-days' } });
    expect(publicationDeadline(d('2026-12-14'), before('agenda', statutory)).date).toBe('2026-12-08');
  });

  it('needs the forward plan entry 28 clear days before a key decision', () => {
    // SI 2012/2089 reg 9: Mon 16 Sep 2013 leaves 17 Sep to 14 Oct clear before a decision on Tue 15 Oct 2013.
    const { date, explanation } = publicationDeadline(d('2013-10-15'), before('forward-plan'));
    expect(date).toBe('2013-09-16');
    expect(explanation).toMatch(
      /^publish by Mon 16 Sep 2013; 28 clear days: 17, 18, .* 14 Oct; key decision Tue 15/,
    );
  });

  it('gives both notices of a private meeting', () => {
    // SI 2012/2089 reg 5: 28 clear days' notice of intention, then 5 clear days' notice with representations.
    expect(publicationDeadline(d('2026-03-31'), before('private-meeting-first')).date).toBe('2026-03-02');
    expect(publicationDeadline(d('2026-03-31'), before('private-meeting-final')).date).toBe('2026-03-25');
  });

  it('allows a general exception decision once 5 clear days have passed', () => {
    // SI 2012/2089 reg 10: notice to the scrutiny chair and the public, then 5 clear days.
    expect(publicationDeadline(d('2026-03-31'), before('general-exception')).date).toBe('2026-03-25');
  });
});

describe('each partner’s own notice rules', () => {
  it('cites the regulation or constitution for every rule', () => {
    for (const r of Object.values(DEFAULT_NOTICE_RULES)) expect(r.source.length).toBeGreaterThan(10);
    expect(DEFAULT_NOTICE_RULES.agenda?.source).toMatch(/^SI 2012\/2089 reg 6/);
    expect(DEFAULT_NOTICE_RULES['forward-plan']?.source).toBe('SI 2012/2089 reg 9');
  });

  it('adds a 10 working day call-in for officer decisions without changing the defaults', () => {
    const officer: PeriodAfterRule = {
      ...after('call-in'),
      name: 'call-in-officer-decisions',
      days: 10,
      summary: 'Officer decisions: 10 clear working days',
      source: 'Council constitution',
    };
    const rules = customised({}, [officer]);
    expect(effectiveFrom(d('2013-10-15'), after('call-in-officer-decisions', rules)).date).toBe('2013-10-30');
    expect(findNoticeRule('call-in-officer-decisions')).toBeUndefined();
  });

  it('refuses changes it cannot apply, saying which rule and field is wrong', () => {
    const result = customiseNoticeRules(
      { agenda: { days: -1, noticeLagWorkingDays: 1 }, 'no-such-rule': {} },
      [{ ...before('agenda') }],
    );
    expect(result).toEqual({
      ok: false,
      error: {
        'agenda.days': 'Enter a whole number of days from 0 to 366',
        'agenda.noticeLagWorkingDays': 'Only a period counted after publication has this',
        agenda: 'A notice rule called "agenda" already exists; change it instead',
        'no-such-rule': 'There is no notice rule called "no-such-rule"',
      },
    });
  });

  it('does not find rules by names inherited from Object', () => {
    expect(findNoticeRule('toString')).toBeUndefined();
    expect(findNoticeRule('constructor')).toBeUndefined();
  });
});
