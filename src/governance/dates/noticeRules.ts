/**
 * Notice periods as data (DOMAIN.md section 5): how many days, how they are counted, in which direction and on
 * whose authority. Statute (SI 2012/2089, the Local Authorities (Executive Arrangements) (Meetings and Access
 * to Information) (England) Regulations 2012) sets the minimum notices before meetings and decisions; call-in is set
 * by each council's constitution, so every rule can be changed per partner.
 */
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import type { IsoDate } from '../../kernel/dates.js';
import { err, ok, type FieldProblems, type Result } from '../../kernel/result.js';
import {
  addClearDays,
  addClearWorkingDays,
  explainClearDays,
  formatShortDate,
  isWorkingDay,
  latestDateWithClearDaysBefore,
  nextWorkingDay,
  type DayCounting,
} from '../../kernel/workingDays.js';

interface RuleBase {
  name: string;
  days: number;
  counting: DayCounting;
  /** One line a member of the public could follow. */
  summary: string;
  /** The regulation or constitution the period comes from. */
  source: string;
}

/** A notice that must be published a number of clear days before a meeting or decision. */
export interface NoticeBeforeRule extends RuleBase {
  direction: 'before';
  event: 'meeting' | 'key decision' | 'decision';
}

/** A period that must run after a decision is published before it takes effect (call-in). */
export interface PeriodAfterRule extends RuleBase {
  direction: 'after';
  /** Working days after the recorded publication date on which the notice that starts the clock is issued. */
  noticeLagWorkingDays: number;
  /** Whether a decision whose window ends before a weekend or bank holiday waits for the next working day. */
  takesEffect: 'next-working-day' | 'next-day';
}

export type NoticeRule = NoticeBeforeRule | PeriodAfterRule;
export type NoticeRules = Readonly<Record<string, NoticeRule>>;

/** What a partner may change in a named rule. */
export interface NoticeRuleChange {
  days?: number;
  counting?: DayCounting;
  summary?: string;
  source?: string;
  noticeLagWorkingDays?: number;
  takesEffect?: PeriodAfterRule['takesEffect'];
}

/** A dated result with the working an officer can check by hand. */
export interface ExplainedDate {
  date: IsoDate;
  explanation: string;
}

/** The rules Concordat starts from; a partner's constitution may change any of them. */
export const DEFAULT_NOTICE_RULES: NoticeRules = {
  agenda: {
    name: 'agenda',
    direction: 'before',
    event: 'meeting',
    days: 5,
    // SI 2012/2089 reg 6 says 5 clear days; constitutions commonly define a clear day as a working day.
    counting: 'clear-working-days',
    summary: 'Agenda and reports open to inspection 5 clear working days before the meeting',
    source: 'SI 2012/2089 reg 6; council constitutions commonly count the clear days as working days',
  },
  'forward-plan': {
    name: 'forward-plan',
    direction: 'before',
    event: 'key decision',
    days: 28,
    counting: 'clear-days',
    summary: 'Notice of a key decision in the forward plan 28 clear days before it is taken',
    source: 'SI 2012/2089 reg 9',
  },
  'general-exception': {
    name: 'general-exception',
    direction: 'before',
    event: 'decision',
    days: 5,
    counting: 'clear-days',
    summary: 'Where 28 days is impracticable: tell the scrutiny chair, publish, and wait 5 clear days',
    source: 'SI 2012/2089 reg 10',
  },
  'private-meeting-first': {
    name: 'private-meeting-first',
    direction: 'before',
    event: 'meeting',
    days: 28,
    counting: 'clear-days',
    summary: 'First notice of intention to hold a meeting in private, 28 clear days before',
    source: 'SI 2012/2089 reg 5',
  },
  'private-meeting-final': {
    name: 'private-meeting-final',
    direction: 'before',
    event: 'meeting',
    days: 5,
    counting: 'clear-days',
    summary: 'Second notice of a private meeting, with representations and the response, 5 clear days before',
    source: 'SI 2012/2089 reg 5',
  },
  'call-in': {
    name: 'call-in',
    direction: 'after',
    days: 5,
    counting: 'clear-working-days',
    noticeLagWorkingDays: 0,
    takesEffect: 'next-working-day',
    summary:
      'Call-in window of 5 clear working days after publication; the decision takes effect the next working day',
    source:
      "Council constitution (call-in is not statutory); fits Southampton City Council's Cabinet decision " +
      'published Tue 15/10/2013, effective Wed 23/10/2013',
  },
  'call-in-from-next-day-notice': {
    name: 'call-in-from-next-day-notice',
    direction: 'after',
    days: 5,
    counting: 'clear-working-days',
    noticeLagWorkingDays: 1,
    takesEffect: 'next-working-day',
    summary:
      'Call-in window of 5 clear working days counted from the decision notice issued the working day after ' +
      'the decision (the same dates as 6 clear working days from the recorded publication date)',
    source:
      "Council constitution; fits Southampton City Council's Cabinet decision published Tue 18/07/2017, " +
      'effective Thu 27/07/2017',
  },
};

/** A rule by name, or undefined when the set has no such rule. */
export function findNoticeRule(
  name: string,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
): NoticeRule | undefined {
  return Object.hasOwn(rules, name) ? rules[name] : undefined;
}

function isWholeNumber(value: number | undefined, max: number): boolean {
  return value === undefined || (Number.isInteger(value) && value >= 0 && value <= max);
}

function checkChange(
  name: string,
  rule: NoticeRule,
  change: NoticeRuleChange,
  problems: FieldProblems,
): void {
  if (!isWholeNumber(change.days, 366))
    problems[`${name}.days`] = 'Enter a whole number of days from 0 to 366';
  if (!isWholeNumber(change.noticeLagWorkingDays, 10)) {
    problems[`${name}.noticeLagWorkingDays`] = 'Enter a whole number of working days from 0 to 10';
  }
  if (rule.direction === 'before') {
    const only = 'Only a period counted after publication has this';
    if (change.noticeLagWorkingDays !== undefined) problems[`${name}.noticeLagWorkingDays`] = only;
    if (change.takesEffect !== undefined) problems[`${name}.takesEffect`] = only;
  }
}

function applyChange(rule: NoticeRule, change: NoticeRuleChange): NoticeRule {
  const defined = Object.fromEntries(
    Object.entries(change).filter(([, v]) => v !== undefined),
  ) as NoticeRuleChange;
  if (rule.direction === 'before') {
    const { noticeLagWorkingDays: _lag, takesEffect: _effect, ...common } = defined;
    return { ...rule, ...common };
  }
  return { ...rule, ...defined };
}

/**
 * A partner's rules: the base set with named rules changed and new rules added. Problems come back keyed by
 * `rule` or `rule.field`, so a settings form can show them beside the field.
 */
export function customiseNoticeRules(
  changes: Readonly<Record<string, NoticeRuleChange>>,
  added: readonly NoticeRule[] = [],
  base: NoticeRules = DEFAULT_NOTICE_RULES,
): Result<NoticeRules, FieldProblems> {
  const problems: FieldProblems = {};
  const rules: Record<string, NoticeRule> = { ...base };
  for (const [name, change] of Object.entries(changes)) {
    const rule = findNoticeRule(name, base);
    if (!rule) {
      problems[name] = `There is no notice rule called "${name}"`;
      continue;
    }
    checkChange(name, rule, change, problems);
    rules[name] = applyChange(rule, change);
  }
  for (const rule of added) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.name)) {
      problems[rule.name] = 'Name a rule in lower case words joined by hyphens';
    } else if (Object.hasOwn(rules, rule.name)) {
      problems[rule.name] = `A notice rule called "${rule.name}" already exists; change it instead`;
    }
    checkChange(rule.name, rule, rule, problems);
    rules[rule.name] = rule;
  }
  return Object.keys(problems).length > 0 ? err(problems) : ok(rules);
}

/**
 * The day a published decision takes effect once the rule's window has run without a call-in, with the days
 * counted. Call-in is set by the council's constitution, not statute, and does not apply to NHS decisions.
 */
export function effectiveFrom(
  published: IsoDate,
  rule: PeriodAfterRule,
  changes: readonly BankHolidayChange[] = [],
): ExplainedDate {
  let clockFrom = published;
  for (let i = 0; i < rule.noticeLagWorkingDays; i += 1) clockFrom = nextWorkingDay(clockFrom, changes);
  const working = rule.counting === 'clear-working-days';
  const windowOver = working
    ? addClearWorkingDays(clockFrom, rule.days, changes)
    : addClearDays(clockFrom, rule.days);
  const date =
    rule.takesEffect === 'next-working-day' && !isWorkingDay(windowOver, changes)
      ? nextWorkingDay(windowOver, changes)
      : windowOver;
  const fromLabel =
    clockFrom === published
      ? 'published'
      : `published ${formatShortDate(published)}; counted from the decision notice of`;
  const explanation = explainClearDays({
    from: clockFrom,
    to: windowOver,
    counting: rule.counting,
    fromLabel,
    toLabel: date === windowOver ? 'effective' : 'window over by',
    changes,
  });
  return {
    date,
    explanation:
      date === windowOver
        ? explanation
        : `${explanation}; effective ${formatShortDate(date)} (next working day)`,
  };
}

/** The last day to publish a notice so that the rule's clear (working) days lie before the meeting or decision. */
export function publicationDeadline(
  meeting: IsoDate,
  rule: NoticeBeforeRule,
  changes: readonly BankHolidayChange[] = [],
): ExplainedDate {
  const date = latestDateWithClearDaysBefore(
    meeting,
    rule.days,
    rule.counting === 'clear-working-days',
    changes,
  );
  const explanation = explainClearDays({
    from: date,
    to: meeting,
    counting: rule.counting,
    fromLabel: 'publish by',
    toLabel: rule.event,
    changes,
  });
  return { date, explanation };
}
