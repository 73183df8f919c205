import { describe, expect, it } from 'vitest';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { isoDate as d, type IsoDate } from '../../kernel/dates.js';
import {
  applyCallInStep,
  callInStatus,
  checkCallInValidity,
  type CallInProgress,
  type CallInRequestBy,
  type CallInStep,
  type CallInTerms,
} from './rules.js';
import { DEFAULT_NOTICE_RULES, type PeriodAfterRule } from '../dates/index.js';

const rule = DEFAULT_NOTICE_RULES['call-in'] as PeriodAfterRule;
const terms = (membersRequired = 2, callIn: CallInTerms['callIn'] = 'subject'): CallInTerms => ({
  callIn,
  urgencyAgreedBy: callIn === 'urgent' ? 'Chair of scrutiny' : '',
  rule,
  membersRequired,
});
// Published Tue 15 Oct 2013: 5 clear working days, effective Wed 23 Oct 2013; the window closes on Tue 22 Oct.
const PUBLISHED = d('2013-10-15');
const req = (
  memberName: string,
  on: string,
  eligible = true,
  grounds = 'No consultation',
): CallInRequestBy => ({
  memberName,
  requestedOn: d(on),
  eligible,
  grounds,
});

describe('the validity of a call-in (DOMAIN.md §5)', () => {
  it.each<[string, CallInTerms, CallInRequestBy[], boolean, string]>([
    [
      'two eligible members in time',
      terms(2),
      [req('Cllr A', '2013-10-16'), req('Cllr B', '2013-10-22')],
      true,
      'Requested in time, with grounds, by 2 members of the scrutiny committee (Cllr A and Cllr B); the constitution requires 2 members',
    ],
    [
      'one member where two are required',
      terms(2),
      [req('Cllr A', '2013-10-16')],
      false,
      '1 eligible member asked in time with grounds (Cllr A); the constitution requires 2 members',
    ],
    [
      'one member where one is required',
      terms(1),
      [req('Cllr A', '2013-10-16')],
      true,
      'Requested in time, with grounds, by 1 member of the scrutiny committee (Cllr A); the constitution requires 1 member',
    ],
    [
      'the same member twice counts once',
      terms(2),
      [req('Cllr A', '2013-10-16'), req('cllr a', '2013-10-17')],
      false,
      '1 eligible member asked in time with grounds (Cllr A); the constitution requires 2 members',
    ],
    [
      'three required, two given',
      terms(3),
      [req('Cllr A', '2013-10-16'), req('Cllr B', '2013-10-16')],
      false,
      '2 eligible members asked in time with grounds (Cllr A and Cllr B); the constitution requires 3 members',
    ],
  ])('%s', (_name, t, requests, valid, first) => {
    const check = checkCallInValidity(t, PUBLISHED, requests);
    expect(check.valid).toBe(valid);
    expect(check.reasons[0]).toBe(first);
  });

  it('names a request made on the day the decision took effect as out of time', () => {
    const check = checkCallInValidity(terms(1), PUBLISHED, [req('Cllr A', '2013-10-23')]);
    expect(check.valid).toBe(false);
    expect(check.reasons).toContain(
      'Cllr A asked on 23 October 2013, outside the call-in window (15 October 2013 to 23 October 2013, not including the latter)',
    );
  });

  it('does not count a member outside the scrutiny committee, or one who gave no grounds', () => {
    const check = checkCallInValidity(terms(2), PUBLISHED, [
      req('Cllr A', '2013-10-16', false),
      req('Cllr B', '2013-10-16', true, ' '),
    ]);
    expect(check.valid).toBe(false);
    expect(check.reasons.slice(1)).toEqual([
      'Cllr A is not a member of the scrutiny committee',
      'Cllr B gave no grounds',
    ]);
  });

  it('refuses a decision that is not subject to call-in', () => {
    expect(checkCallInValidity(terms(1, 'nhs'), PUBLISHED, [req('Cllr A', '2013-10-16')])).toEqual({
      valid: false,
      reasons: ['The decision is not subject to call-in: it is an NHS decision'],
    });
    expect(checkCallInValidity(terms(1, 'urgent'), PUBLISHED, [req('Cllr A', '2013-10-16')]).reasons).toEqual(
      ['The decision is not subject to call-in: it was urgent, agreed by Chair of scrutiny'],
    );
  });

  it('counts the window with a bank holiday from the database: an extra holiday lets a later request in', () => {
    const extra: BankHolidayChange[] = [{ kind: 'extra', date: d('2013-10-21'), name: 'Extra bank holiday' }];
    expect(checkCallInValidity(terms(1), PUBLISHED, [req('Cllr A', '2013-10-23')]).valid).toBe(false);
    expect(checkCallInValidity(terms(1), PUBLISHED, [req('Cllr A', '2013-10-23')], extra).valid).toBe(true);
  });
});

const validity = (on: string, valid = true, reasons = ''): CallInStep => ({
  kind: 'validity',
  on: d(on),
  valid,
  reasons,
});
const meeting = (on: string): CallInStep => ({
  kind: 'scrutiny-meeting',
  on: d(on),
  meetingId: null,
  committee: 'Health Overview and Scrutiny Panel',
});
const outcome = (
  on: string,
  o: 'no-further-action' | 'referred-back' | 'referred-to-council',
): CallInStep => ({ kind: 'outcome', on: d(on), outcome: o, notes: '' });
const council = (on: string, result: 'no-objection' | 'referred-back'): CallInStep => ({
  kind: 'council',
  on: d(on),
  result,
  notes: '',
});
const reconsidered = (on: string, result: 'confirmed' | 'amended', decisionText = ''): CallInStep => ({
  kind: 'reconsidered',
  on: d(on),
  result,
  decisionText,
});

const status = (steps: CallInStep[], requests = [req('Cllr A', '2013-10-17'), req('Cllr B', '2013-10-17')]) =>
  callInStatus(terms(2), PUBLISHED, requests, steps, d('2014-01-01'));

describe('the call-in state machine', () => {
  it.each<[string, CallInStep[], string, IsoDate | null, string]>([
    [
      'requested only',
      [],
      'requested',
      null,
      'Called in by Cllr A on 17 October 2013; it does not take effect until the call-in is resolved',
    ],
    [
      'found valid',
      [validity('2013-10-18')],
      'valid',
      null,
      'Called in by Cllr A on 17 October 2013; found valid on 18 October 2013; it does not take effect until the call-in is resolved',
    ],
    [
      'found not valid before the window closed: effective as first computed',
      [validity('2013-10-18', false, 'Grounds not within the constitution')],
      'invalid',
      d('2013-10-23'),
      'Called in by Cllr A on 17 October 2013; found not valid on 18 October 2013: Grounds not within the constitution; effective from 23 October 2013',
    ],
    [
      'found not valid after the window closed: effective on the finding',
      [validity('2013-10-25', false, 'Out of time')],
      'invalid',
      d('2013-10-25'),
      'Called in by Cllr A on 17 October 2013; found not valid on 25 October 2013: Out of time; effective from 25 October 2013',
    ],
    [
      'scrutiny arranged',
      [validity('2013-10-18'), meeting('2013-10-30')],
      'scrutiny-arranged',
      null,
      'Called in by Cllr A on 17 October 2013; found valid on 18 October 2013; scrutiny meeting on 30 October 2013; it does not take effect until the call-in is resolved',
    ],
    [
      'no further action: effective on the outcome',
      [validity('2013-10-18'), meeting('2013-10-30'), outcome('2013-10-30', 'no-further-action')],
      'effective',
      d('2013-10-30'),
      'Called in by Cllr A on 17 October 2013; found valid on 18 October 2013; scrutiny meeting on 30 October 2013; scrutiny on 30 October 2013 took no further action; effective from 30 October 2013',
    ],
    [
      'referred back, awaiting reconsideration',
      [validity('2013-10-18'), meeting('2013-10-30'), outcome('2013-10-30', 'referred-back')],
      'referred-back',
      null,
      'Called in by Cllr A on 17 October 2013; found valid on 18 October 2013; scrutiny meeting on 30 October 2013; scrutiny on 30 October 2013 referred it back to the decision maker; it does not take effect until the call-in is resolved',
    ],
    [
      'referred back and reconsidered: effective on reconsideration',
      [
        validity('2013-10-18'),
        meeting('2013-10-30'),
        outcome('2013-10-30', 'referred-back'),
        reconsidered('2013-11-12', 'confirmed'),
      ],
      'effective',
      d('2013-11-12'),
      'Called in by Cllr A on 17 October 2013; found valid on 18 October 2013; scrutiny meeting on 30 October 2013; scrutiny on 30 October 2013 referred it back to the decision maker; reconsidered on 12 November 2013 and confirmed; effective from 12 November 2013',
    ],
    [
      'referred to council, which does not object',
      [
        validity('2013-10-18'),
        meeting('2013-10-30'),
        outcome('2013-10-30', 'referred-to-council'),
        council('2013-11-20', 'no-objection'),
      ],
      'effective',
      d('2013-11-20'),
      'Called in by Cllr A on 17 October 2013; found valid on 18 October 2013; scrutiny meeting on 30 October 2013; scrutiny on 30 October 2013 referred it to full council; full council on 20 November 2013 did not object; effective from 20 November 2013',
    ],
    [
      'referred to council, which refers it back; amended',
      [
        validity('2013-10-18'),
        meeting('2013-10-30'),
        outcome('2013-10-30', 'referred-to-council'),
        council('2013-11-20', 'referred-back'),
        reconsidered('2013-12-03', 'amended', 'To approve the plan with a review in six months'),
      ],
      'effective',
      d('2013-12-03'),
      'Called in by Cllr A on 17 October 2013; found valid on 18 October 2013; scrutiny meeting on 30 October 2013; scrutiny on 30 October 2013 referred it to full council; full council on 20 November 2013 referred it back to the decision maker; reconsidered on 3 December 2013 and amended; effective from 3 December 2013',
    ],
  ])('%s', (_name, steps, stage, effective, text) => {
    const s = status(steps);
    expect(s.progress?.stage).toBe(stage);
    expect(s.progress?.effective?.date ?? null).toBe(effective);
    expect(s.text).toBe(text);
  });

  it('keeps the amended decision text', () => {
    const s = status([
      validity('2013-10-18'),
      meeting('2013-10-30'),
      outcome('2013-10-30', 'referred-back'),
      reconsidered('2013-11-12', 'amended', 'Amended text'),
    ]);
    expect(s.progress?.amendedDecision).toBe('Amended text');
  });

  it('has no progress before a request: the window runs as before', () => {
    const s = status([], []);
    expect(s.progress).toBeNull();
    expect(s.text).toBe('Effective from 23 October 2013');
  });

  const at = (steps: CallInStep[]): CallInProgress => {
    const p = status(steps).progress;
    if (!p) throw new Error('no progress');
    return p;
  };
  it.each<[string, CallInStep[], CallInStep, Record<string, string>]>([
    [
      'an outcome before validity',
      [],
      outcome('2013-10-20', 'no-further-action'),
      { form: 'The next step to record is the validity, not the outcome' },
    ],
    [
      'a reconsideration after no further action',
      [validity('2013-10-18'), meeting('2013-10-30'), outcome('2013-10-30', 'no-further-action')],
      reconsidered('2013-11-01', 'confirmed'),
      { form: 'The call-in is finished (effective); nothing more can be recorded' },
    ],
    [
      'a council result after a referral back',
      [validity('2013-10-18'), meeting('2013-10-30'), outcome('2013-10-30', 'referred-back')],
      council('2013-11-01', 'no-objection'),
      { form: 'The next step to record is the reconsidered, not the council' },
    ],
    [
      'a step dated before the previous one',
      [validity('2013-10-18')],
      meeting('2013-10-17'),
      { on: 'The date must be on or after 18 October 2013, the previous step' },
    ],
    [
      'invalid without reasons',
      [],
      validity('2013-10-18', false, ' '),
      { reasons: 'Enter why the call-in is not valid' },
    ],
    [
      'an amendment without the amended text',
      [validity('2013-10-18'), meeting('2013-10-30'), outcome('2013-10-30', 'referred-back')],
      reconsidered('2013-11-01', 'amended', ''),
      { decisionText: 'Enter the decision as amended' },
    ],
    [
      'a scrutiny meeting with neither meeting nor committee',
      [validity('2013-10-18')],
      { kind: 'scrutiny-meeting', on: d('2013-10-30'), meetingId: null, committee: '' },
      { committee: 'Choose the scrutiny meeting, or enter the committee that will meet' },
    ],
  ])('refuses %s', (_name, before, step, problems) => {
    const result = applyCallInStep(at(before), step);
    expect(result).toEqual({ ok: false, error: problems });
  });

  it('refuses to record as valid a call-in the check finds not valid, but lets an officer find a valid one not valid', () => {
    const check = checkCallInValidity(terms(3), PUBLISHED, [req('Cllr A', '2013-10-17')]);
    const refused = applyCallInStep(at([]), validity('2013-10-18'), check);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.valid).toMatch(/^The call-in is not valid: 1 eligible member asked/);
    const passing = checkCallInValidity(terms(1), PUBLISHED, [req('Cllr A', '2013-10-17')]);
    expect(
      applyCallInStep(at([]), validity('2013-10-18', false, 'Grounds outside the constitution'), passing).ok,
    ).toBe(true);
  });
});
