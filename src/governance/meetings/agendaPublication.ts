/**
 * When an agenda must be published, and whether it may be published now. SI 2012/2089 reg 6 opens the agenda and
 * reports to inspection 5 clear days before a public meeting (counted as clear working days under the default
 * notice rule); an agenda or item published later needs a reason of urgency recorded by the chair (DOMAIN.md §5).
 */
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import type { IsoDate } from '../../kernel/dates.js';
import { err, ok, type FieldProblems, type Result } from '../../kernel/result.js';
import { formatShortDate } from '../../kernel/workingDays.js';
import {
  DEFAULT_NOTICE_RULES,
  findNoticeRule,
  publicationDeadline,
  type ExplainedDate,
  type NoticeRules,
} from '../dates/index.js';
import type { MeetingStatus } from '../boards/index.js';

/** The last day to publish a meeting's agenda under the partner's `agenda` notice rule, with the days counted. */
export function agendaDeadline(
  meetsOn: IsoDate,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
  changes: readonly BankHolidayChange[] = [],
): ExplainedDate & { source: string } {
  const rule = findNoticeRule('agenda', rules);
  if (rule?.direction !== 'before')
    throw new Error('The notice rules have no agenda rule counted before a meeting');
  return { ...publicationDeadline(meetsOn, rule, changes), source: rule.source };
}

/** True when a notice published on `on` misses the deadline. */
export const isLate = (on: IsoDate, deadline: IsoDate): boolean => on > deadline;

export interface UrgencyRecord {
  reason: string;
  agreedBy: string;
}

export interface PublicationRequest {
  meetsOn: IsoDate;
  status: MeetingStatus;
  publishOn: IsoDate;
  /** The agenda's own reason of urgency, when the whole agenda is late. */
  urgency: UrgencyRecord | null;
  items: readonly { number: number; urgencyReason: string | null }[];
}

export interface PublicationVerdict {
  deadline: ExplainedDate;
  late: boolean;
}

/**
 * Whether the agenda may be published on `publishOn`. On time it may; after the deadline only when the agenda
 * carries a reason of urgency with the name of the chair who agreed it, or every item carries its own.
 */
export function checkAgendaPublication(
  request: PublicationRequest,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
  changes: readonly BankHolidayChange[] = [],
): Result<PublicationVerdict, FieldProblems> {
  const deadline = agendaDeadline(request.meetsOn, rules, changes);
  if (request.status !== 'scheduled')
    return err({
      form: `The agenda cannot be published: the meeting is ${request.status.replace('_', ' ')}`,
    });
  if (request.publishOn > request.meetsOn)
    return err({ form: `The meeting on ${formatShortDate(request.meetsOn)} has already taken place` });
  if (request.items.length === 0) return err({ form: 'Add at least one item before publishing the agenda' });
  const late = isLate(request.publishOn, deadline.date);
  if (!late) return ok({ deadline, late });
  const everyItemUrgent = request.items.every((i) => (i.urgencyReason ?? '').trim() !== '');
  if (everyItemUrgent) return ok({ deadline, late });
  const problems: FieldProblems = {};
  const missed = `The deadline was ${formatShortDate(deadline.date)} (${deadline.explanation})`;
  if ((request.urgency?.reason ?? '').trim() === '')
    problems.urgencyReason = `${missed}: enter the reason of urgency the chair gave for publishing late`;
  if ((request.urgency?.agreedBy ?? '').trim() === '')
    problems.urgencyAgreedBy = 'Enter the name of the chair who agreed that the agenda is urgent';
  return Object.keys(problems).length > 0 ? err(problems) : ok({ deadline, late });
}
