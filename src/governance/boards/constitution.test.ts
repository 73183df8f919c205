import { describe, expect, it } from 'vitest';
import { isoDate as d } from '../../kernel/dates.js';
import {
  callInTermsFor,
  defaultConstitution,
  partnerCallInRule,
  readConstitutionForm,
} from './constitution.js';
import { effectiveFrom } from '../dates/index.js';

describe("a partner's constitution settings", () => {
  it('makes council decisions subject to call-in by default, and NHS decisions not', () => {
    expect(defaultConstitution('local_authority').subjectToCallIn).toBe(true);
    expect(defaultConstitution('ccg').subjectToCallIn).toBe(false);
    expect(defaultConstitution('icb').subjectToCallIn).toBe(false);
  });

  it('overrides the days of a named rule: 10 clear working days from Tue 15 Oct 2013 is Wed 30 Oct', () => {
    const rule = partnerCallInRule({ callInRule: 'call-in', callInDays: 10, callInCounting: null });
    expect(rule.days).toBe(10);
    expect(effectiveFrom(d('2013-10-15'), rule).date).toBe('2013-10-30');
    const calendar = partnerCallInRule({
      callInRule: 'call-in',
      callInDays: 7,
      callInCounting: 'clear-days',
    });
    expect(effectiveFrom(d('2013-10-15'), calendar).date).toBe('2013-10-23');
  });

  it('gives a decision its terms: urgent with who agreed, NHS never subject', () => {
    const council = { ...defaultConstitution('local_authority'), membersRequired: 3 };
    expect(callInTermsFor(council, { urgent: false, agreedBy: '' })).toMatchObject({
      callIn: 'subject',
      membersRequired: 3,
    });
    expect(callInTermsFor(council, { urgent: true, agreedBy: ' Chair of scrutiny ' })).toMatchObject({
      callIn: 'urgent',
      urgencyAgreedBy: 'Chair of scrutiny',
    });
    expect(callInTermsFor(defaultConstitution('ccg'), { urgent: true, agreedBy: 'x' }).callIn).toBe('nhs');
  });

  it.each([
    [
      {
        threshold: '£500,000',
        subjectToCallIn: 'yes',
        callInRule: 'call-in',
        callInDays: '',
        callInCounting: '',
        membersRequired: '2',
      },
      null,
    ],
    [
      { threshold: '', subjectToCallIn: 'yes', callInRule: 'call-in', membersRequired: '2' },
      { threshold: 'Enter the key decision threshold in pounds, like 500,000' },
    ],
    [
      { threshold: '0', subjectToCallIn: 'no', callInRule: 'call-in', membersRequired: '2' },
      { threshold: 'The key decision threshold must be more than £0' },
    ],
    [
      {
        threshold: '500000',
        subjectToCallIn: 'maybe',
        callInRule: 'agenda',
        callInDays: 'five',
        membersRequired: '0',
      },
      {
        subjectToCallIn: "Select whether the partner's decisions are subject to call-in",
        callInRule: 'Select the call-in rule',
        callInDays: 'Enter the call-in days as a whole number from 1 to 30, or leave it empty',
        membersRequired: 'Enter the number of members needed to call a decision in, from 1 to 20',
      },
    ],
  ])('reads the form %#', (form, problems) => {
    const result = readConstitutionForm(form);
    if (problems === null) {
      expect(result).toEqual({
        ok: true,
        value: {
          keyDecisionThresholdPence: 500_000_00,
          subjectToCallIn: true,
          callInRule: 'call-in',
          callInDays: null,
          callInCounting: null,
          membersRequired: 2,
        },
      });
    } else expect(result).toEqual({ ok: false, error: problems });
  });
});
