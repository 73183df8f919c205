/**
 * The record of a decision and its call-in clock (DOMAIN.md §5). SI 2012/2089 regs 12 and 13: after an executive
 * decision the proper officer produces a written statement of the decision and its date, the reasons, the
 * alternative options considered and rejected, any conflict of interest declared by a member consulted and any
 * dispensation granted. Call-in is set by each council's constitution, not statute: it applies to the council's
 * executive decisions, not to NHS decisions, and an urgent decision may be exempted with the agreement recorded.
 */
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { addDays, formatLongDate, isIsoDate, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import {
  DEFAULT_NOTICE_RULES,
  effectiveFrom,
  findNoticeRule,
  type ExplainedDate,
  type NoticeRules,
} from '../dates/index.js';

/** Whether call-in applies: a council executive decision, an NHS decision, or urgent with agreement. */
export const CALL_IN_APPLIES = {
  subject: 'Subject to call-in (a council executive decision)',
  nhs: 'Not subject to call-in: an NHS decision',
  urgent: 'Not subject to call-in: urgent, with the agreement recorded',
} as const;
export type CallInApplies = keyof typeof CALL_IN_APPLIES;

/** What the decision maker did with the report's recommendations: the "Decision status" of a published record. */
export const DECISION_STATUSES = {
  recommendations_approved: 'Recommendations approved',
  approved: 'Approved',
  approved_with_amendments: 'Approved with amendments',
  deferred: 'Deferred',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
} as const;
export type DecisionStatus = keyof typeof DECISION_STATUSES;

/** The written statement of SI 2012/2089 reg 12 (and reg 13 for decisions of individual members). */
export interface DecisionRecord {
  decision: string;
  decidedOn: IsoDate;
  reasons: string;
  alternatives: string;
  interestsDeclared: string;
  dispensations: string;
  callIn: CallInApplies;
  /** Who agreed that the decision is urgent (commonly the chair of the scrutiny committee). */
  urgencyAgreedBy: string;
  /** The named notice rule that sets the call-in window (see noticeRules.ts). */
  callInRule: string;
  /** Recommendations approved unless said otherwise. */
  status?: DecisionStatus;
}

/** Problems with a record, keyed by the form's field names; empty when it may be saved. */
export function validateDecision(
  r: Partial<Record<keyof DecisionRecord, string>>,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
): FieldProblems {
  const problems: FieldProblems = {};
  if (!r.decision?.trim()) problems.decision = 'Enter the decision';
  if (r.status !== undefined && !Object.hasOwn(DECISION_STATUSES, r.status))
    problems.status = 'Select the decision’s status';
  if (!r.decidedOn || !isIsoDate(r.decidedOn)) problems.decidedOn = 'Enter the date of the decision';
  if (!r.reasons?.trim()) problems.reasons = 'Enter the reasons for the decision';
  if (!r.alternatives?.trim())
    problems.alternatives = 'Enter the alternative options considered and rejected, or "None"';
  if (!r.callIn || !Object.hasOwn(CALL_IN_APPLIES, r.callIn))
    problems.callIn = 'Select whether the decision is subject to call-in';
  if (r.callIn === 'urgent' && !r.urgencyAgreedBy?.trim())
    problems.urgencyAgreedBy = 'Enter who agreed that the decision is urgent';
  if (r.callIn === 'subject') {
    const rule = findNoticeRule(r.callInRule ?? '', rules);
    if (!rule || rule.direction !== 'after') problems.callInRule = 'Select the call-in rule';
  }
  return problems;
}

export interface CallInRequest {
  memberName: string;
  grounds: string;
  requestedOn: IsoDate;
}

/** Where a decision stands with call-in on a given day. */
export type CallInState =
  | { kind: 'not-subject'; reason: 'nhs' }
  | { kind: 'not-subject'; reason: 'urgent'; agreedBy: string }
  | { kind: 'unpublished' }
  | { kind: 'window-open'; until: IsoDate; effective: ExplainedDate }
  | { kind: 'called-in'; by: string; grounds: string; requestedOn: IsoDate }
  | { kind: 'effective'; effective: ExplainedDate };

/** The day the decision takes effect if not called in, with the days counted; null when call-in does not apply. */
export function effectiveDateOf(
  d: Pick<DecisionRecord, 'callIn' | 'callInRule'>,
  publishedOn: IsoDate,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
  changes: readonly BankHolidayChange[] = [],
): ExplainedDate | null {
  return d.callIn === 'subject' ? effectiveUnder(d.callInRule, publishedOn, rules, changes) : null;
}

function effectiveUnder(
  ruleName: string,
  publishedOn: IsoDate,
  rules: NoticeRules,
  changes: readonly BankHolidayChange[],
): ExplainedDate {
  const rule = findNoticeRule(ruleName, rules);
  if (!rule || rule.direction !== 'after') throw new Error(`No call-in rule called "${ruleName}"`);
  return effectiveFrom(publishedOn, rule, changes);
}

/**
 * The call-in state on `today`. The window is open up to the day before the decision takes effect; a request made
 * in it calls the decision in (the validity check and the scrutiny meeting's outcome come later).
 */
export function callInState(
  d: Pick<DecisionRecord, 'callIn' | 'callInRule' | 'urgencyAgreedBy'>,
  publishedOn: IsoDate | null,
  requests: readonly CallInRequest[],
  today: IsoDate,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
  changes: readonly BankHolidayChange[] = [],
): CallInState {
  if (d.callIn === 'nhs') return { kind: 'not-subject', reason: 'nhs' };
  if (d.callIn === 'urgent') return { kind: 'not-subject', reason: 'urgent', agreedBy: d.urgencyAgreedBy };
  if (publishedOn === null) return { kind: 'unpublished' };
  const effective = effectiveUnder(d.callInRule, publishedOn, rules, changes);
  const first = requests.find((r) => r.requestedOn < effective.date);
  if (first)
    return {
      kind: 'called-in',
      by: first.memberName,
      grounds: first.grounds,
      requestedOn: first.requestedOn,
    };
  if (today < effective.date) return { kind: 'window-open', until: addDays(effective.date, -1), effective };
  return { kind: 'effective', effective };
}

/** Whether a call-in may be requested on `today`: only while the window is open. */
export const mayRequestCallIn = (state: CallInState): boolean => state.kind === 'window-open';

/** The state in one sentence, for the decision page and the public page. */
export function describeCallInState(state: CallInState): string {
  switch (state.kind) {
    case 'not-subject':
      return state.reason === 'nhs'
        ? 'Not subject to call-in: an NHS decision'
        : `Not subject to call-in: urgent, agreed by ${state.agreedBy}`;
    case 'unpublished':
      return 'Not yet published: the call-in window starts when the decision is published';
    case 'window-open':
      return `Call-in window open until ${formatLongDate(state.until)}; effective from ${formatLongDate(state.effective.date)} unless called in`;
    case 'called-in':
      return `Called in by ${state.by} on ${formatLongDate(state.requestedOn)}: it does not take effect until scrutiny has considered it`;
    case 'effective':
      return `Effective from ${formatLongDate(state.effective.date)}`;
  }
}

/** The notice rules that can set a call-in window: those counted after the decision. */
export const CALL_IN_RULES = Object.values(DEFAULT_NOTICE_RULES).filter((r) => r.direction === 'after');
