import { describe, expect, it } from 'vitest';
import { isoDate as d } from '../../kernel/dates.js';
import {
  callInState,
  describeCallInState,
  mayRequestCallIn,
  validateDecision,
  type DecisionRecord,
} from './rules.js';

const council = (
  callInRule = 'call-in',
): Pick<DecisionRecord, 'callIn' | 'callInRule' | 'urgencyAgreedBy'> => ({
  callIn: 'subject',
  callInRule,
  urgencyAgreedBy: '',
});

describe('the record of a decision (SI 2012/2089 reg 12)', () => {
  const good = {
    decision: 'To approve the Better Care Fund plan',
    decidedOn: '2013-10-15',
    reasons: 'The plan meets the national conditions',
    alternatives: 'Not to approve: rejected, the fund would be withheld',
    callIn: 'subject',
    callInRule: 'call-in',
  };
  it.each([
    ['a complete record', good, {}],
    ['no decision text', { ...good, decision: ' ' }, { decision: 'Enter the decision' }],
    ['no date', { ...good, decidedOn: '2013-02-30' }, { decidedOn: 'Enter the date of the decision' }],
    ['no reasons', { ...good, reasons: '' }, { reasons: 'Enter the reasons for the decision' }],
    [
      'no alternatives',
      { ...good, alternatives: '' },
      { alternatives: 'Enter the alternative options considered and rejected, or "None"' },
    ],
    [
      'urgent without who agreed',
      { ...good, callIn: 'urgent' },
      { urgencyAgreedBy: 'Enter who agreed that the decision is urgent' },
    ],
    ['an unknown call-in rule', { ...good, callInRule: 'agenda' }, { callInRule: 'Select the call-in rule' }],
    ['an NHS decision needs no rule', { ...good, callIn: 'nhs', callInRule: '' }, {}],
  ])('%s', (_name, record, problems) => {
    expect(validateDecision(record)).toEqual(problems);
  });
});

describe('the call-in clock', () => {
  it.each([
    // Southampton Cabinet, published Tue 15 Oct 2013, effective Wed 23 Oct 2013 (5 clear working days)
    ['call-in', '2013-10-15', '2013-10-16', 'window-open', '2013-10-22', '2013-10-23'],
    ['call-in', '2013-10-15', '2013-10-22', 'window-open', '2013-10-22', '2013-10-23'],
    ['call-in', '2013-10-15', '2013-10-23', 'effective', null, '2013-10-23'],
    // Southampton Cabinet, published Tue 18 Jul 2017, effective Thu 27 Jul 2017 (notice the next working day)
    ['call-in-from-next-day-notice', '2017-07-18', '2017-07-26', 'window-open', '2017-07-26', '2017-07-27'],
    ['call-in-from-next-day-notice', '2017-07-18', '2017-07-27', 'effective', null, '2017-07-27'],
  ])('%s, published %s, on %s: %s', (rule, published, today, kind, until, effective) => {
    const state = callInState(council(rule), d(published), [], d(today));
    expect(state.kind).toBe(kind);
    if (state.kind === 'window-open') expect(state.until).toBe(until);
    if (state.kind === 'window-open' || state.kind === 'effective')
      expect(state.effective.date).toBe(effective);
    expect(mayRequestCallIn(state)).toBe(kind === 'window-open');
  });

  it('explains the days counted for the 2013 decision', () => {
    const state = callInState(council(), d('2013-10-15'), [], d('2013-10-30'));
    expect(state.kind === 'effective' && state.effective.explanation).toBe(
      'published Tue 15 Oct 2013; 5 clear working days: 16, 17, 18, 21, 22 Oct; effective Wed 23 Oct 2013',
    );
    expect(describeCallInState(state)).toBe('Effective from 23 October 2013');
  });

  it('is called in by a request made within the window, and stays so after the window', () => {
    const request = { memberName: 'Cllr Scrutiny', grounds: 'No consultation', requestedOn: d('2013-10-21') };
    expect(callInState(council(), d('2013-10-15'), [request], d('2013-11-01'))).toEqual({
      kind: 'called-in',
      by: 'Cllr Scrutiny',
      grounds: 'No consultation',
      requestedOn: '2013-10-21',
    });
  });

  it('is not subject to call-in for an NHS decision or an urgent one, whatever the date', () => {
    expect(callInState({ ...council(), callIn: 'nhs' }, d('2013-10-15'), [], d('2013-10-16'))).toEqual({
      kind: 'not-subject',
      reason: 'nhs',
    });
    const urgent = { ...council(), callIn: 'urgent' as const, urgencyAgreedBy: 'Chair of scrutiny' };
    const state = callInState(urgent, null, [], d('2013-10-16'));
    expect(describeCallInState(state)).toBe('Not subject to call-in: urgent, agreed by Chair of scrutiny');
  });

  it('has no window before the decision is published', () => {
    expect(callInState(council(), null, [], d('2013-10-16')).kind).toBe('unpublished');
  });
});
