/**
 * A partner's constitution settings for joint-board decisions (DOMAIN.md §5): the key decision threshold (set
 * locally, e.g. £150k, £400k, £500k), whether its decisions are subject to call-in (a council's executive decisions
 * are; NHS decisions are not), the call-in window (a named rule from noticeRules.ts, with its days and counting
 * changed where the constitution differs), and how many scrutiny members must ask for a call-in. Pure.
 */
import { parsePounds, type Pence } from '../../kernel/money.js';
import type { FieldProblems, Result } from '../../kernel/result.js';
import { err, ok } from '../../kernel/result.js';
import type { DayCounting } from '../../kernel/workingDays.js';
import type { OrganisationKind } from '../../partnerships/index.js';
import type { CallInTerms } from '../callIn/index.js';
import type { CallInApplies } from '../decisions/index.js';
import { DEFAULT_NOTICE_RULES, type NoticeRules, type PeriodAfterRule } from '../dates/index.js';

export interface PartnerConstitution {
  keyDecisionThresholdPence: Pence | null;
  subjectToCallIn: boolean;
  /** The named call-in rule the partner's window starts from. */
  callInRule: string;
  /** The constitution's own number of days and counting, where it differs from the named rule. */
  callInDays: number | null;
  callInCounting: DayCounting | null;
  membersRequired: number;
}

/**
 * The number of scrutiny members a call-in needs where the partner has recorded none. DOMAIN.md names no number;
 * constitutions commonly ask for two or three members (illustrative default).
 */
export const DEFAULT_MEMBERS_REQUIRED = 2;

/** What Concordat assumes before democratic services record a partner's settings. */
export function defaultConstitution(kind: OrganisationKind): PartnerConstitution {
  return {
    keyDecisionThresholdPence: null,
    // call-in applies to the council's executive decisions, not to NHS decisions (DOMAIN.md §5)
    subjectToCallIn: kind === 'local_authority',
    callInRule: 'call-in',
    callInDays: null,
    callInCounting: null,
    membersRequired: DEFAULT_MEMBERS_REQUIRED,
  };
}

/** The named rules a partner may choose from: the periods counted after publication. */
export const callInRuleChoices = (rules: NoticeRules = DEFAULT_NOTICE_RULES): PeriodAfterRule[] =>
  Object.values(rules).filter((r): r is PeriodAfterRule => r.direction === 'after');

/** The partner's call-in rule: the named rule with the constitution's days and counting where it overrides them. */
export function partnerCallInRule(
  c: Pick<PartnerConstitution, 'callInRule' | 'callInDays' | 'callInCounting'>,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
): PeriodAfterRule {
  const base = callInRuleChoices(rules).find((r) => r.name === c.callInRule);
  if (!base) throw new Error(`No call-in rule called "${c.callInRule}"`);
  if (c.callInDays === null && c.callInCounting === null) return base;
  const days = c.callInDays ?? base.days;
  const counting = c.callInCounting ?? base.counting;
  return {
    ...base,
    days,
    counting,
    summary:
      `Call-in window of ${days} clear ${counting === 'clear-working-days' ? 'working ' : ''}days after ` +
      `publication (the partner's constitution, changing "${base.name}")`,
    source: `Partner's constitution, as recorded by democratic services; based on: ${base.source}`,
  };
}

/** The call-in terms a decision is recorded under: urgent decisions are exempt with who agreed. */
export function callInTermsFor(
  c: PartnerConstitution,
  urgency: { urgent: boolean; agreedBy: string },
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
): CallInTerms {
  const callIn: CallInApplies = !c.subjectToCallIn ? 'nhs' : urgency.urgent ? 'urgent' : 'subject';
  return {
    callIn,
    urgencyAgreedBy: callIn === 'urgent' ? urgency.agreedBy.trim() : '',
    rule: partnerCallInRule(c, rules),
    membersRequired: c.membersRequired,
  };
}

const COUNTINGS: readonly DayCounting[] = ['clear-days', 'clear-working-days'];

/** Reads the settings form: problems keyed by field name, each saying what is wrong. */
export function readConstitutionForm(
  form: Record<string, string>,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
): Result<PartnerConstitution & { keyDecisionThresholdPence: Pence }, FieldProblems> {
  const problems: FieldProblems = {};
  let threshold: Pence | null = null;
  const t = (form.threshold ?? '').trim();
  if (t === '') problems.threshold = 'Enter the key decision threshold in pounds, like 500,000';
  else {
    const parsed = parsePounds(t);
    if (!parsed.ok) problems.threshold = `Key decision threshold: ${parsed.error}`;
    else if (parsed.value <= 0) problems.threshold = 'The key decision threshold must be more than £0';
    else threshold = parsed.value;
  }
  const subject = form.subjectToCallIn;
  if (subject !== 'yes' && subject !== 'no')
    problems.subjectToCallIn = "Select whether the partner's decisions are subject to call-in";
  const rule = form.callInRule ?? '';
  if (!callInRuleChoices(rules).some((r) => r.name === rule)) problems.callInRule = 'Select the call-in rule';
  const whole = (text: string | undefined, min: number, max: number): number | null | undefined => {
    const s = (text ?? '').trim();
    if (s === '') return null;
    if (!/^\d+$/.test(s)) return undefined;
    const n = Number(s);
    return n >= min && n <= max ? n : undefined;
  };
  const days = whole(form.callInDays, 1, 30);
  if (days === undefined)
    problems.callInDays = 'Enter the call-in days as a whole number from 1 to 30, or leave it empty';
  const counting = (form.callInCounting ?? '').trim();
  if (counting !== '' && !COUNTINGS.includes(counting as DayCounting))
    problems.callInCounting = 'Select how the days are counted';
  const members = whole(form.membersRequired, 1, 20);
  if (members === undefined || members === null)
    problems.membersRequired = 'Enter the number of members needed to call a decision in, from 1 to 20';
  if (Object.keys(problems).length > 0 || threshold === null) return err(problems);
  return ok({
    keyDecisionThresholdPence: threshold,
    subjectToCallIn: subject === 'yes',
    callInRule: rule,
    callInDays: days ?? null,
    callInCounting: counting === '' ? null : (counting as DayCounting),
    membersRequired: members ?? DEFAULT_MEMBERS_REQUIRED,
  });
}
