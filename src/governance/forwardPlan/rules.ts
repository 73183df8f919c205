/**
 * The forward plan and its exceptions, as pure rules (DOMAIN.md §5; SI 2012/2089 regs 9, 10 and 11).
 *
 * - Reg 9: a key decision may be taken only once a notice of it (the forward plan entry) has been available for
 *   at least 28 clear days: the matter, the decision maker, the date or period, the documents submitted and how
 *   to get them, that other documents may be submitted.
 * - Reg 10 (general exception): where 28 days is impracticable, the scrutiny chair is informed in writing, a
 *   notice is published, and the decision waits at least 5 clear days from its publication.
 * - Reg 11 (special urgency): where even that is impracticable, the chair of the scrutiny committee (or, failing
 *   them, the chair or vice-chair of the council) agrees that the decision is urgent and cannot reasonably be
 *   deferred, and a notice of the reasons is published.
 * - Reg 5: a matter to be taken in private needs a first notice 28 clear days before, with the reasons; the forward
 *   plan entry serves as that notice, and the public see no more of it than reg 5 requires.
 *
 * The day counts use the named rules of noticeRules.ts, so a partner's constitution can change them.
 */
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { isIsoDate, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import {
  clearDaysBetween,
  clearWorkingDaysBetween,
  explainClearDays,
  formatShortDate,
} from '../../kernel/workingDays.js';
import {
  DEFAULT_NOTICE_RULES,
  findNoticeRule,
  publicationDeadline,
  type NoticeBeforeRule,
  type NoticeRules,
} from '../dates/index.js';
import { EXEMPT_PARAGRAPHS, isExemptParagraph } from '../boards/index.js';

export const EXCEPTION_ROUTES = {
  'general-exception': 'General exception (SI 2012/2089 reg 10)',
  'special-urgency': 'Special urgency (SI 2012/2089 reg 11)',
} as const;
export type ExceptionRoute = keyof typeof EXCEPTION_ROUTES;

/** Who may agree to special urgency, in the order reg 11 names them. */
export const URGENCY_AGREED_BY_ROLES = {
  'scrutiny-chair': 'Chair of the relevant overview and scrutiny committee',
  'council-chair': 'Chair of the council (no scrutiny chair able to act)',
  'council-vice-chair': 'Vice-chair of the council (nor the chair able to act)',
} as const;
export type UrgencyAgreedByRole = keyof typeof URGENCY_AGREED_BY_ROLES;

/** The notice of a key decision (reg 9), as an officer enters it. */
export interface ForwardPlanEntryInput {
  matter: string;
  summary: string;
  decisionMaker: string;
  decisionFrom: IsoDate;
  decisionTo: IsoDate;
  documents: string;
  documentsFrom: string;
  otherDocuments: string;
  private: boolean;
  exemptParagraph: number | null;
  privateReason: string;
}

/** What reg 9(1)(g) asks every notice to say; the form starts from it. */
export const OTHER_DOCUMENTS_DEFAULT =
  'Other documents relevant to the matter may be submitted to the decision maker. Ask the democratic services ' +
  'officer for details of them as they become available.';

/** Problems with an entry, keyed by the form's field names; empty when it may be saved. */
export function validateForwardPlanEntry(
  e: Partial<Record<keyof ForwardPlanEntryInput, string | boolean | number | null>>,
): FieldProblems {
  const problems: FieldProblems = {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const date = (v: unknown) => typeof v === 'string' && isIsoDate(v);
  if (!text(e.matter)) problems.matter = 'Enter the matter to be decided';
  if (!text(e.decisionMaker))
    problems.decisionMaker = 'Enter the decision maker (for a body, list its members)';
  if (!date(e.decisionFrom))
    problems.decisionFrom = 'Enter the date of the decision, or the first day of the period';
  if (e.decisionTo !== null && e.decisionTo !== undefined && e.decisionTo !== '' && !date(e.decisionTo))
    problems.decisionTo = 'Enter the last day of the period as a real date';
  else if (date(e.decisionFrom) && date(e.decisionTo) && String(e.decisionTo) < String(e.decisionFrom))
    problems.decisionTo = 'The last day of the period must be on or after the first';
  if (!text(e.documents))
    problems.documents = 'List the documents submitted to the decision maker, or say "None"';
  if (!text(e.documentsFrom)) problems.documentsFrom = 'Say where and how the documents may be obtained';
  if (!text(e.otherDocuments))
    problems.otherDocuments = 'Say that other documents may be submitted and how to ask for them';
  if (e.private === true) {
    if (typeof e.exemptParagraph !== 'number' || !isExemptParagraph(e.exemptParagraph))
      problems.exemptParagraph = 'Select the paragraph of Schedule 12A that makes the matter exempt';
    if (!text(e.privateReason))
      problems.privateReason = 'Enter why the matter is to be taken in private (SI 2012/2089 reg 5)';
  }
  return problems;
}

/** A general exception or special urgency as recorded. */
export interface KeyDecisionException {
  route: ExceptionRoute;
  reasons: string;
  noticePublishedOn: IsoDate;
  scrutinyChairInformed: string;
  scrutinyChairInformedOn: IsoDate | null;
  agreedBy: string;
  agreedByRole: UrgencyAgreedByRole | null;
  agreedOn: IsoDate | null;
}

/** Problems with an exception as entered; empty when it may be recorded. */
export function validateException(
  x: Partial<Record<keyof KeyDecisionException, string | null>>,
  today: IsoDate,
): FieldProblems {
  const problems: FieldProblems = {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const date = (v: unknown): v is IsoDate => typeof v === 'string' && isIsoDate(v);
  if (x.route !== 'general-exception' && x.route !== 'special-urgency') {
    problems.route = 'Select general exception or special urgency';
    return problems;
  }
  if (!date(x.noticePublishedOn)) problems.noticePublishedOn = 'Enter the date the notice was published';
  else if (x.noticePublishedOn > today)
    problems.noticePublishedOn = 'The notice must already be published: enter today or an earlier date';
  if (x.route === 'general-exception') {
    if (!text(x.reasons)) problems.reasons = 'Enter why 28 clear days’ notice is impracticable';
    if (!text(x.scrutinyChairInformed))
      problems.scrutinyChairInformed = 'Enter the chair of the scrutiny committee who was informed';
    if (!date(x.scrutinyChairInformedOn))
      problems.scrutinyChairInformedOn = 'Enter the date the scrutiny chair was informed in writing';
    else if (x.scrutinyChairInformedOn > today)
      problems.scrutinyChairInformedOn = 'Enter today or an earlier date';
  } else {
    if (!text(x.reasons))
      problems.reasons = 'Enter why the decision is urgent and cannot reasonably be deferred';
    if (!text(x.agreedBy)) problems.agreedBy = 'Enter who agreed that the decision is urgent';
    if (!x.agreedByRole || !Object.hasOwn(URGENCY_AGREED_BY_ROLES, x.agreedByRole))
      problems.agreedByRole = 'Select in which capacity they agreed';
    if (!date(x.agreedOn)) problems.agreedOn = 'Enter the date they agreed';
    else if (x.agreedOn > today) problems.agreedOn = 'Enter today or an earlier date';
    else if (date(x.noticePublishedOn) && x.noticePublishedOn < x.agreedOn)
      problems.noticePublishedOn = 'The notice of the reasons is published after the agreement, not before';
  }
  return problems;
}

/** How a key decision met the notice rules, or why it may not yet be taken. */
export type KeyDecisionNotice =
  | { allowed: true; route: 'forward-plan' | ExceptionRoute; explanation: string }
  | { allowed: false; reasons: string[]; message: string };

function beforeRule(name: string, rules: NoticeRules): NoticeBeforeRule {
  const rule = findNoticeRule(name, rules);
  if (!rule || rule.direction !== 'before') throw new Error(`No notice rule called "${name}"`);
  return rule;
}

function clearCount(
  from: IsoDate,
  to: IsoDate,
  rule: NoticeBeforeRule,
  changes: readonly BankHolidayChange[],
) {
  if (from >= to) return 0;
  return rule.counting === 'clear-working-days'
    ? clearWorkingDaysBetween(from, to, changes)
    : clearDaysBetween(from, to);
}

const unit = (rule: NoticeBeforeRule, n: number) =>
  `${n} clear ${rule.counting === 'clear-working-days' ? 'working ' : ''}day${n === 1 ? '' : 's'}`;

/** The forward plan check of one entry against a decision date, with the days counted. */
export function forwardPlanNotice(
  firstPublishedOn: IsoDate | null,
  decidedOn: IsoDate,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
  changes: readonly BankHolidayChange[] = [],
): { met: boolean; explanation: string; publishBy: IsoDate } {
  const rule = beforeRule('forward-plan', rules);
  const publishBy = publicationDeadline(decidedOn, rule, changes).date;
  if (firstPublishedOn === null)
    return {
      met: false,
      publishBy,
      explanation: `forward plan entry not yet published; first publish by ${formatShortDate(publishBy)} for ${unit(rule, rule.days)} before the decision on ${formatShortDate(decidedOn)}`,
    };
  const counted = clearCount(firstPublishedOn, decidedOn, rule, changes);
  const days =
    firstPublishedOn >= decidedOn
      ? `first published ${formatShortDate(firstPublishedOn)}, not before the decision on ${formatShortDate(decidedOn)}`
      : explainClearDays({
          from: firstPublishedOn,
          to: decidedOn,
          counting: rule.counting,
          fromLabel: 'first published',
          toLabel: 'decision',
          changes,
        });
  return {
    met: counted >= rule.days,
    publishBy,
    explanation:
      counted >= rule.days
        ? days
        : `${days}; ${unit(rule, counted)} is fewer than ${rule.days}: first publish by ${formatShortDate(publishBy)}`,
  };
}

/** Whether a general exception or special urgency allows a decision on the day, and why (not). */
export function exceptionNotice(
  x: KeyDecisionException,
  decidedOn: IsoDate,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
  changes: readonly BankHolidayChange[] = [],
): { met: boolean; explanation: string } {
  if (x.route === 'special-urgency') {
    const who = `${x.agreedBy} (${URGENCY_AGREED_BY_ROLES[x.agreedByRole ?? 'scrutiny-chair']})`;
    if (x.agreedOn === null || x.agreedOn > decidedOn)
      return {
        met: false,
        explanation: `special urgency agreed by ${who} on ${x.agreedOn ? formatShortDate(x.agreedOn) : 'no date'}, after the decision on ${formatShortDate(decidedOn)}`,
      };
    return {
      met: true,
      explanation: `special urgency agreed by ${who} on ${formatShortDate(x.agreedOn)}; notice of the reasons published ${formatShortDate(x.noticePublishedOn)}`,
    };
  }
  const rule = beforeRule('general-exception', rules);
  const informed = x.scrutinyChairInformedOn;
  if (informed === null || informed > decidedOn)
    return {
      met: false,
      explanation: `general exception: the scrutiny chair must be informed before the decision on ${formatShortDate(decidedOn)}`,
    };
  const counted = clearCount(x.noticePublishedOn, decidedOn, rule, changes);
  const days =
    x.noticePublishedOn >= decidedOn
      ? `general exception notice published ${formatShortDate(x.noticePublishedOn)}, not before the decision on ${formatShortDate(decidedOn)}`
      : `general exception: ${x.scrutinyChairInformed} (scrutiny chair) informed ${formatShortDate(informed)}; ${explainClearDays(
          {
            from: x.noticePublishedOn,
            to: decidedOn,
            counting: rule.counting,
            fromLabel: 'notice published',
            toLabel: 'decision',
            changes,
          },
        )}`;
  if (counted >= rule.days) return { met: true, explanation: days };
  const publishBy = publicationDeadline(decidedOn, rule, changes).date;
  return {
    met: false,
    explanation: `${days}; ${unit(rule, counted)} is fewer than ${rule.days}: publish the notice by ${formatShortDate(publishBy)}`,
  };
}

/**
 * Whether a key decision may be recorded as taken on `decidedOn` (regs 9 to 11): its forward plan entry first
 * published at least 28 clear days before, or a general exception with 5 clear days, or special urgency agreed.
 * A refusal names each route and its dates.
 */
export function keyDecisionNotice(
  entry: { firstPublishedOn: IsoDate | null } | null,
  exceptions: readonly KeyDecisionException[],
  decidedOn: IsoDate,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
  changes: readonly BankHolidayChange[] = [],
): KeyDecisionNotice {
  const reasons: string[] = [];
  if (entry === null) {
    const rule = beforeRule('forward-plan', rules);
    const publishBy = publicationDeadline(decidedOn, rule, changes).date;
    reasons.push(
      `it is not in the forward plan (for a decision on ${formatShortDate(decidedOn)} an entry must be first published by ${formatShortDate(publishBy)})`,
    );
  } else {
    const plan = forwardPlanNotice(entry.firstPublishedOn, decidedOn, rules, changes);
    if (plan.met) return { allowed: true, route: 'forward-plan', explanation: plan.explanation };
    reasons.push(plan.explanation);
  }
  for (const x of exceptions) {
    const checked = exceptionNotice(x, decidedOn, rules, changes);
    if (checked.met) return { allowed: true, route: x.route, explanation: checked.explanation };
    reasons.push(checked.explanation);
  }
  if (!exceptions.some((x) => x.route === 'general-exception'))
    reasons.push('no general exception is recorded');
  if (!exceptions.some((x) => x.route === 'special-urgency')) reasons.push('no special urgency is recorded');
  return {
    allowed: false,
    reasons,
    message: `A key decision cannot be taken on ${formatShortDate(decidedOn)} without notice (SI 2012/2089 regs 9 to 11): ${reasons.join('; ')}`,
  };
}

/** The columns of an entry that the public page reads. */
export interface ForwardPlanEntryRow {
  matter: string;
  summary: string;
  decision_maker: string;
  decision_from: string;
  decision_to: string;
  documents: string;
  documents_from: string;
  other_documents: string;
  private: boolean;
  exempt_paragraph: number | null;
  private_reason: string;
  first_published_on: string | null;
}

/** What the public may read of an entry: all of it, or for a matter to be taken in private what reg 5 allows. */
export function publicForwardPlanEntry(e: ForwardPlanEntryRow) {
  const common = {
    matter: e.matter,
    decisionMaker: e.decision_maker,
    decisionFrom: e.decision_from,
    decisionTo: e.decision_to,
    documentsFrom: e.documents_from,
    otherDocuments: e.other_documents,
    firstPublishedOn: e.first_published_on,
  };
  if (!e.private) return { ...common, private: false as const, summary: e.summary, documents: e.documents };
  const paragraph = e.exempt_paragraph ?? 0;
  return {
    ...common,
    private: true as const,
    privateNotice:
      `To be taken in private: paragraph ${paragraph} of Schedule 12A to the Local Government Act 1972 ` +
      `(${isExemptParagraph(paragraph) ? EXEMPT_PARAGRAPHS[paragraph] : 'exempt information'})`,
    privateReason: e.private_reason,
  };
}
