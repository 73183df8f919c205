/**
 * The call-in of a published decision, after the request (DOMAIN.md §5): window open → requested (by eligible
 * members, with grounds) → validity → scrutiny meeting → no further action | referred back to the decision maker |
 * referred to full council → reconsidered → effective. Call-in is set by each council's constitution, not statute,
 * so the window and the number of members who must ask are the deciding partner's terms. Pure: the store loads the
 * requests, the recorded steps and the bank holiday changes and passes them in.
 */
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { formatLongDate, isIsoDate, type IsoDate } from '../../kernel/dates.js';
import { err, ok, type FieldProblems, type Result } from '../../kernel/result.js';
import {
  callInState,
  describeCallInState,
  type CallInApplies,
  type CallInRequest,
  type CallInState,
} from '../decisions/index.js';
import { effectiveFrom, type ExplainedDate, type PeriodAfterRule } from '../dates/index.js';

/** The call-in terms a decision was recorded under, taken from the deciding partner's constitution settings. */
export interface CallInTerms {
  callIn: CallInApplies;
  urgencyAgreedBy: string;
  rule: PeriodAfterRule;
  /** How many members of the scrutiny committee must ask for the decision to be called in. */
  membersRequired: number;
}

/** A request, with whether the member was eligible (a member of the scrutiny committee) when they made it. */
export interface CallInRequestBy extends CallInRequest {
  eligible: boolean;
}

export const CALL_IN_OUTCOMES = {
  'no-further-action': 'No further action: the decision takes effect',
  'referred-back': 'Referred back to the decision maker to reconsider',
  'referred-to-council': 'Referred to full council',
} as const;
export type CallInOutcome = keyof typeof CALL_IN_OUTCOMES;

export const COUNCIL_RESULTS = {
  'no-objection': 'No objection: the decision takes effect',
  'referred-back': 'Referred back to the decision maker with the council’s views',
} as const;
export type CouncilResult = keyof typeof COUNCIL_RESULTS;

export const RECONSIDERED_RESULTS = {
  confirmed: 'Confirmed without change',
  amended: 'Amended',
} as const;
export type ReconsideredResult = keyof typeof RECONSIDERED_RESULTS;

/** One recorded step of a call-in after the request. */
export type CallInStep =
  | { kind: 'validity'; on: IsoDate; valid: boolean; reasons: string }
  | { kind: 'scrutiny-meeting'; on: IsoDate; meetingId: number | null; committee: string }
  | { kind: 'outcome'; on: IsoDate; outcome: CallInOutcome; notes: string }
  | { kind: 'council'; on: IsoDate; result: CouncilResult; notes: string }
  | { kind: 'reconsidered'; on: IsoDate; result: ReconsideredResult; decisionText: string };
export type CallInStepKind = CallInStep['kind'];

/** Where a call-in stands after its request. */
export type CallInStage =
  | 'requested'
  | 'invalid'
  | 'valid'
  | 'scrutiny-arranged'
  | 'referred-back'
  | 'referred-to-council'
  | 'effective';

/** Which step may be recorded at each stage: the state machine. */
export const NEXT_STEPS: Readonly<Record<CallInStage, readonly CallInStepKind[]>> = {
  requested: ['validity'],
  invalid: [],
  valid: ['scrutiny-meeting'],
  'scrutiny-arranged': ['outcome'],
  'referred-to-council': ['council'],
  'referred-back': ['reconsidered'],
  effective: [],
};

export interface CallInProgress {
  stage: CallInStage;
  /** The day the first request was made in the window. */
  calledInOn: IsoDate;
  by: string;
  /** The day the decision would have taken effect without the call-in. */
  originalEffective: ExplainedDate;
  /** The day it takes effect after the call-in, once that is known. */
  effective: ExplainedDate | null;
  steps: readonly CallInStep[];
  /** The date of the last event, which the next step may not precede. */
  lastOn: IsoDate;
  /** The decision as it now stands, when reconsideration amended it. */
  amendedDecision: string | null;
}

export interface ValidityCheck {
  valid: boolean;
  reasons: string[];
}

const names = (list: readonly string[]): string =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}`;

/**
 * Whether a call-in is valid under the constitution: the decision is subject to call-in; each request was made in
 * the window (from publication to the day before the decision would take effect); by members of the scrutiny
 * committee; with grounds; and by at least the number of members the constitution requires. The reasons say which.
 */
export function checkCallInValidity(
  terms: CallInTerms,
  publishedOn: IsoDate | null,
  requests: readonly CallInRequestBy[],
  changes: readonly BankHolidayChange[] = [],
): ValidityCheck {
  const reasons: string[] = [];
  if (terms.callIn !== 'subject')
    return {
      valid: false,
      reasons: [
        terms.callIn === 'nhs'
          ? 'The decision is not subject to call-in: it is an NHS decision'
          : `The decision is not subject to call-in: it was urgent, agreed by ${terms.urgencyAgreedBy}`,
      ],
    };
  if (publishedOn === null)
    return {
      valid: false,
      reasons: ['The decision has not been published, so no call-in window has opened'],
    };
  if (requests.length === 0) return { valid: false, reasons: ['No member has asked for a call-in'] };
  const effective = effectiveFrom(publishedOn, terms.rule, changes);
  const counted = new Map<string, string>();
  for (const r of requests) {
    const who = r.memberName.trim();
    const when = formatLongDate(r.requestedOn);
    if (r.requestedOn < publishedOn || r.requestedOn >= effective.date)
      reasons.push(
        `${who} asked on ${when}, outside the call-in window (${formatLongDate(publishedOn)} to ` +
          `${formatLongDate(effective.date)}, not including the latter)`,
      );
    else if (!r.eligible) reasons.push(`${who} is not a member of the scrutiny committee`);
    else if (r.grounds.trim() === '') reasons.push(`${who} gave no grounds`);
    else if (!counted.has(who.toLowerCase())) counted.set(who.toLowerCase(), who);
  }
  const members = [...counted.values()];
  const required = terms.membersRequired;
  const enough = members.length >= required;
  const need = `the constitution requires ${required} member${required === 1 ? '' : 's'}`;
  if (enough)
    reasons.unshift(
      `Requested in time, with grounds, by ${members.length} member${members.length === 1 ? '' : 's'} of the ` +
        `scrutiny committee (${names(members)}); ${need}`,
    );
  else
    reasons.unshift(
      `${members.length === 0 ? 'No' : members.length} eligible member${members.length === 1 ? '' : 's'} asked ` +
        `in time with grounds${members.length > 0 ? ` (${names(members)})` : ''}; ${need}`,
    );
  return { valid: enough, reasons };
}

const explained = (date: IsoDate, why: string): ExplainedDate => ({
  date,
  explanation: `${why}; effective ${formatLongDate(date)}`,
});

/**
 * Checks that `step` may follow `progress`, and returns the progress after it. Problems are keyed by the form's
 * field names (`on` for the date); `check` is the validity check, needed for a validity step.
 */
export function applyCallInStep(
  progress: CallInProgress,
  step: CallInStep,
  check?: ValidityCheck,
): Result<CallInProgress, FieldProblems> {
  if (!NEXT_STEPS[progress.stage].includes(step.kind)) {
    const allowed = NEXT_STEPS[progress.stage];
    return err({
      form:
        allowed.length === 0
          ? `The call-in is finished (${progress.stage}); nothing more can be recorded`
          : `The next step to record is the ${allowed.join(' or ')}, not the ${step.kind}`,
    });
  }
  if (!isIsoDate(step.on)) return err({ on: 'Enter a real date' });
  if (step.on < progress.lastOn)
    return err({ on: `The date must be on or after ${formatLongDate(progress.lastOn)}, the previous step` });
  const next = { ...progress, steps: [...progress.steps, step], lastOn: step.on };
  switch (step.kind) {
    case 'validity': {
      if (step.valid && check && !check.valid)
        return err({ valid: `The call-in is not valid: ${check.reasons.join('; ')}` });
      if (!step.valid && step.reasons.trim() === '')
        return err({ reasons: 'Enter why the call-in is not valid' });
      if (step.valid) return ok({ ...next, stage: 'valid' });
      // Found invalid: the decision takes effect as if it had not been called in, but not before the finding.
      const effective =
        step.on > progress.originalEffective.date
          ? explained(step.on, `call-in found not valid on ${formatLongDate(step.on)}`)
          : progress.originalEffective;
      return ok({ ...next, stage: 'invalid', effective });
    }
    case 'scrutiny-meeting':
      if (step.meetingId === null && step.committee.trim() === '')
        return err({ committee: 'Choose the scrutiny meeting, or enter the committee that will meet' });
      return ok({ ...next, stage: 'scrutiny-arranged' });
    case 'outcome':
      if (step.outcome === 'no-further-action')
        return ok({
          ...next,
          stage: 'effective',
          effective: explained(step.on, `scrutiny took no further action on ${formatLongDate(step.on)}`),
        });
      return ok({ ...next, stage: step.outcome });
    case 'council':
      if (step.result === 'no-objection')
        return ok({
          ...next,
          stage: 'effective',
          effective: explained(step.on, `full council did not object on ${formatLongDate(step.on)}`),
        });
      return ok({ ...next, stage: 'referred-back' });
    case 'reconsidered':
      if (step.result === 'amended' && step.decisionText.trim() === '')
        return err({ decisionText: 'Enter the decision as amended' });
      return ok({
        ...next,
        stage: 'effective',
        amendedDecision: step.result === 'amended' ? step.decisionText.trim() : progress.amendedDecision,
        effective: explained(
          step.on,
          `reconsidered by the decision maker on ${formatLongDate(step.on)} and ` +
            (step.result === 'amended' ? 'amended' : 'confirmed'),
        ),
      });
  }
}

/** A call-in's status: the state before any request, or its progress after one, and one sentence for the pages. */
export interface CallInStatus {
  state: CallInState;
  progress: CallInProgress | null;
  text: string;
}

/**
 * The call-in status of a decision on `today`, from its terms, its publication date, the requests and the steps
 * recorded since. Throws when the stored steps break the state machine (the store checks each before writing).
 */
export function callInStatus(
  terms: CallInTerms,
  publishedOn: IsoDate | null,
  requests: readonly CallInRequest[],
  steps: readonly CallInStep[],
  today: IsoDate,
  changes: readonly BankHolidayChange[] = [],
): CallInStatus {
  const rules = { [terms.rule.name]: terms.rule };
  const state = callInState(
    { callIn: terms.callIn, callInRule: terms.rule.name, urgencyAgreedBy: terms.urgencyAgreedBy },
    publishedOn,
    requests,
    today,
    rules,
    changes,
  );
  if (state.kind !== 'called-in' || publishedOn === null)
    return { state, progress: null, text: describeCallInState(state) };
  let progress: CallInProgress = {
    stage: 'requested',
    calledInOn: state.requestedOn,
    by: state.by,
    originalEffective: effectiveFrom(publishedOn, terms.rule, changes),
    effective: null,
    steps: [],
    lastOn: state.requestedOn,
    amendedDecision: null,
  };
  for (const step of steps) {
    const next = applyCallInStep(progress, step);
    if (!next.ok) throw new Error(`Call-in step ${step.kind} on ${step.on}: ${JSON.stringify(next.error)}`);
    progress = next.value;
  }
  return { state, progress, text: describeCallInProgress(progress) };
}

/** `Called in by ... on ...; found valid on ...; scrutiny on ... referred it back; reconsidered on ...; effective ...`. */
export function describeCallInProgress(p: CallInProgress, withReasons = true): string {
  const parts = [`Called in by ${p.by} on ${formatLongDate(p.calledInOn)}`];
  for (const s of p.steps) {
    const on = formatLongDate(s.on);
    switch (s.kind) {
      case 'validity':
        parts.push(
          s.valid ? `found valid on ${on}` : `found not valid on ${on}${withReasons ? `: ${s.reasons}` : ''}`,
        );
        break;
      case 'scrutiny-meeting':
        parts.push(`scrutiny meeting on ${on}`);
        break;
      case 'outcome':
        parts.push(
          s.outcome === 'no-further-action'
            ? `scrutiny on ${on} took no further action`
            : s.outcome === 'referred-back'
              ? `scrutiny on ${on} referred it back to the decision maker`
              : `scrutiny on ${on} referred it to full council`,
        );
        break;
      case 'council':
        parts.push(
          s.result === 'no-objection'
            ? `full council on ${on} did not object`
            : `full council on ${on} referred it back to the decision maker`,
        );
        break;
      case 'reconsidered':
        parts.push(`reconsidered on ${on} and ${s.result === 'amended' ? 'amended' : 'confirmed'}`);
        break;
    }
  }
  parts.push(
    p.effective
      ? `effective from ${formatLongDate(p.effective.date)}`
      : 'it does not take effect until the call-in is resolved',
  );
  return parts.join('; ');
}

/**
 * Whether a member may ask for a call-in on `today`: while the window is open, including after another member has
 * asked (a constitution may need two or three), until democratic services have recorded its validity.
 */
export function mayAskForCallIn(status: CallInStatus, today: IsoDate): boolean {
  if (status.state.kind === 'window-open') return true;
  const p = status.progress;
  return p !== null && p.stage === 'requested' && today < p.originalEffective.date;
}
