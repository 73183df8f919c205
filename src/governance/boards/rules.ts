/**
 * The rules of joint boards, memberships and agenda items: pure functions over plain data (DOMAIN.md §2, §5, §7).
 * Quorum and voting live in quorum.ts, chair rotation in chairRotation.ts, the meeting calendar in schedule.ts.
 */
import type { IsoDate } from '../../kernel/dates.js';
import { formatWholePounds, type Pence } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';

/** The kinds of board a partnership may set up, each with the law it stands on (DOMAIN.md §2). */
export const BOARD_KINDS = {
  joint_commissioning_board: {
    label: 'Joint commissioning board',
    legalBasis:
      'A joint committee taking executive decisions for the council (LGA 1972 ss101-102 and the executive ' +
      'arrangements regulations); the NHS commissioner joins under NHS Act 2006 s65Z5 (before 2022, under a ' +
      's75 partnership agreement, SI 2000/617)',
    takesDecisions: true,
  },
  integrated_commissioning_committee: {
    label: 'Integrated commissioning committee',
    legalBasis:
      'A committee accountable to both partners under their partnership agreement (NHS Act 2006 s75 and ' +
      'SI 2000/617, or s65Z5); what it may not decide goes to each partner’s own decision makers',
    takesDecisions: true,
  },
  joint_committee: {
    label: 'Joint committee',
    legalBasis:
      'LGA 1972 ss101-102 and the executive arrangements regulations; the NHS side joins by NHS Act 2006 s65Z5',
    takesDecisions: true,
  },
  committees_in_common: {
    label: 'Committees in common',
    legalBasis:
      'No joint body: each partner’s own committee meets at the same time and takes its own decision on the ' +
      'same paper, under its own standing orders',
    takesDecisions: true,
  },
  shadow_board: {
    label: 'Shadow board',
    legalBasis:
      'No decision-making powers: it prepares and recommends while each partner’s own bodies decide, until the ' +
      'formal board is set up',
    takesDecisions: false,
  },
  health_and_wellbeing_board: {
    label: 'Health and wellbeing board',
    legalBasis:
      'Health and Social Care Act 2012 s194: a committee of the council, not of its executive, so it cannot ' +
      'exercise executive powers; signs off the Better Care Fund plan',
    takesDecisions: true,
  },
  overview_and_scrutiny_committee: {
    label: 'Overview and scrutiny committee',
    legalBasis:
      'LGA 2000 s9F; health scrutiny under SI 2013/218: reviews NHS matters in the area and examines the ' +
      'board’s decisions',
    takesDecisions: false,
  },
  cabinet: {
    label: 'Cabinet (a partner council’s executive)',
    legalBasis:
      'LGA 2000 Part 1A (leader and cabinet executive, s9C): takes the council’s executive decisions, including ' +
      'those that set up or change the partnership; key decisions and call-in under SI 2012/2089',
    takesDecisions: true,
  },
} as const;
export type BoardKind = keyof typeof BOARD_KINDS;

export const MEMBER_ROLES = { chair: 'Chair', vice_chair: 'Vice-chair', member: 'Member' } as const;
export type MemberRole = keyof typeof MEMBER_ROLES;

export const MEETING_STATUSES = {
  scheduled: 'Scheduled',
  agenda_published: 'Agenda published',
  held: 'Held',
  cancelled: 'Cancelled',
} as const;
export type MeetingStatus = keyof typeof MEETING_STATUSES;

export const AGENDA_ITEM_KINDS = {
  procedural: 'Procedural (apologies, declarations of interest, minutes)',
  decision: 'For decision',
  discussion: 'For discussion',
  information: 'For information',
} as const;
export type AgendaItemKind = keyof typeof AGENDA_ITEM_KINDS;

/** Whose functions an item concerns (DOMAIN.md §7): it decides whose members vote on it. */
export const ITEM_FUNCTIONS = {
  one: 'One partner’s functions',
  several: 'Several partners’ functions',
  all: 'All partners’ functions (joint)',
} as const;
export type ItemFunctions = keyof typeof ITEM_FUNCTIONS;

/** LGA 1972 Schedule 12A Part 1 (England): the descriptions of exempt information (DOMAIN.md §5). */
export const EXEMPT_PARAGRAPHS = {
  1: 'Information relating to any individual',
  2: 'Information which is likely to reveal the identity of an individual',
  3: 'Information relating to the financial or business affairs of any particular person (including the authority holding that information)',
  4: 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter',
  5: 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings',
  6: 'Information which reveals that the authority proposes to give a notice, or to make an order or direction, under any enactment',
  7: 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime',
} as const;
export type ExemptParagraph = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const isExemptParagraph = (n: number): n is ExemptParagraph => Number.isInteger(n) && n >= 1 && n <= 7;

/** The two tests that make an executive decision key (SI 2012/2089 reg 8; DOMAIN.md §5). */
export const KEY_DECISION_TESTS = {
  spend: 'Spending or savings over the partner’s key decision threshold',
  wards: 'Significant effect on communities in two or more wards',
} as const;
export type KeyDecisionTest = keyof typeof KEY_DECISION_TESTS;

/** The key decision threshold most constitutions in the seeds' era used; each partner may set its own. */
export const DEFAULT_KEY_DECISION_THRESHOLD_PENCE = 500_000_00 as Pence;

export interface MembershipInput {
  personName: string;
  organisationId: number;
  postHeld: string;
  role: MemberRole;
  voting: boolean;
  termFrom: IsoDate;
  termTo: IsoDate | null;
  nominatedBy: string;
  substitutes: { name: string; postHeld: string }[];
}

/** A membership's own consistency, and that its nominating body is one of the partners. */
export function validateMembership(m: MembershipInput, partnerIds: ReadonlySet<number>): FieldProblems {
  const problems: FieldProblems = {};
  if (!partnerIds.has(m.organisationId))
    problems.organisationId = 'Select the partner organisation that nominated this member';
  if (m.termTo !== null && m.termTo < m.termFrom)
    problems.termTo = 'The end of the term must be the same as or after its start';
  if (m.substitutes.some((s) => s.name.trim() === m.personName.trim()))
    problems.substitutes = 'A member cannot be their own substitute';
  return problems;
}

/** True when a membership's term covers the date. */
export const serves = (m: { termFrom: IsoDate; termTo: IsoDate | null }, on: IsoDate): boolean =>
  m.termFrom <= on && (m.termTo === null || on <= m.termTo);

/**
 * The chairs a board may have on a date: one chair in all, except under a rotation, where each partner names
 * the member who takes the chair on its turn.
 */
export function chairProblems(
  memberships: readonly {
    id: number;
    role: MemberRole;
    organisationId: number;
    termFrom: IsoDate;
    termTo: IsoDate | null;
  }[],
  candidate: {
    id?: number;
    role: MemberRole;
    organisationId: number;
    termFrom: IsoDate;
    termTo: IsoDate | null;
  },
  rotates: boolean,
): string | null {
  if (candidate.role !== 'chair') return null;
  const overlaps = (a: typeof candidate, b: typeof candidate) =>
    a.termFrom <= (b.termTo ?? '9999-12-31') && b.termFrom <= (a.termTo ?? '9999-12-31');
  const clash = memberships.find(
    (m) =>
      m.id !== candidate.id &&
      m.role === 'chair' &&
      overlaps(m, candidate) &&
      (!rotates || m.organisationId === candidate.organisationId),
  );
  if (!clash) return null;
  return rotates
    ? 'This partner already has a member who takes the chair on its turn for part of this term'
    : 'The board already has a chair for part of this term; a board whose chair rotates may have one per partner';
}

export interface AgendaItemInput {
  title: string;
  kind: AgendaItemKind;
  reportAuthor: string;
  summary: string;
  functions: ItemFunctions;
  organisationIds: number[];
  keyDecision: boolean;
  keyTests: KeyDecisionTest[];
  spendPence: Pence | null;
  wardsAffected: number | null;
  exempt: boolean;
  exemptParagraph: ExemptParagraph | null;
  publicInterestReason: string;
  titlePublished: boolean;
  urgencyReason: string;
  urgencyAgreedBy: string;
}

/**
 * An agenda item checked against the law: a key decision says which test made it key and the test holds; an
 * exempt item names its paragraph and the public interest reason; an item on one partner's functions names that
 * partner; a late item (`late`) carries an urgency reason and the chair who agreed it (SI 2012/2089 reg 6).
 */
export function validateAgendaItem(
  item: AgendaItemInput,
  context: { partnerIds: ReadonlySet<number>; thresholdsPence: ReadonlyMap<number, Pence>; late: boolean },
): FieldProblems {
  const problems: FieldProblems = {};
  const named = item.organisationIds;
  if (named.some((id) => !context.partnerIds.has(id)))
    problems.organisationIds = 'Select partners of this partnership';
  else if (item.functions === 'one' && named.length !== 1)
    problems.organisationIds = 'Select the one partner whose functions the item concerns';
  else if (item.functions === 'several' && named.length < 2)
    problems.organisationIds = 'Select two or more partners whose functions the item concerns';
  if (item.keyDecision) {
    if (item.kind !== 'decision') problems.kind = 'A key decision is an item for decision';
    if (item.keyTests.length === 0)
      problems.keyTests = 'Select why the decision is key: spending over the threshold, or two or more wards';
    if (item.keyTests.includes('spend')) {
      const concerned = item.functions === 'all' ? [...context.partnerIds] : named;
      const thresholds = concerned.map(
        (id) => context.thresholdsPence.get(id) ?? DEFAULT_KEY_DECISION_THRESHOLD_PENCE,
      );
      const lowest = Math.min(...thresholds);
      if (item.spendPence === null)
        problems.spendPence = 'Enter the spending or savings the decision involves';
      else if (thresholds.length > 0 && item.spendPence < lowest)
        problems.spendPence = `The spending or savings must reach the key decision threshold of ${formatWholePounds(lowest)} to make the decision key on that test`;
    }
    if (item.keyTests.includes('wards') && (item.wardsAffected === null || item.wardsAffected < 2))
      problems.wardsAffected = 'Enter the number of wards affected: two or more make a decision key';
  }
  if (item.exempt) {
    if (item.exemptParagraph === null)
      problems.exemptParagraph = 'Select the paragraph of Schedule 12A that makes the item exempt';
    if (item.publicInterestReason.trim() === '')
      problems.publicInterestReason =
        'Enter why the public interest in keeping the information exempt outweighs the interest in disclosing it';
  }
  if (context.late) {
    if (item.urgencyReason.trim() === '')
      problems.urgencyReason =
        'The agenda deadline has passed: enter the reason the chair gave for taking this item as urgent';
    if (item.urgencyAgreedBy.trim() === '')
      problems.urgencyAgreedBy = 'Enter the name of the chair who agreed the item is urgent';
  }
  return problems;
}

/** What the public may see of an item: an exempt item shows only its paragraph, and its title where allowed. */
export interface PublicAgendaItem {
  number: number;
  title: string;
  kind: AgendaItemKind;
  exempt: boolean;
  exemptNotice: string | null;
  summary: string | null;
  reportAuthor: string | null;
  keyDecision: boolean;
  urgencyReason: string | null;
}

/**
 * The public face of an agenda item (LGA 1972 s100A and Schedule 12A): nothing of an exempt item reaches the
 * public but its number, the paragraph it is exempt under and, where publishing it reveals nothing exempt, its title.
 */
export function publicAgendaItem(item: {
  number: number;
  title: string;
  kind: AgendaItemKind;
  summary: string;
  reportAuthor: string;
  keyDecision: boolean;
  exempt: boolean;
  exemptParagraph: number | null;
  titlePublished: boolean;
  urgencyReason: string | null;
}): PublicAgendaItem {
  if (!item.exempt)
    return {
      number: item.number,
      title: item.title,
      kind: item.kind,
      exempt: false,
      exemptNotice: null,
      summary: item.summary,
      reportAuthor: item.reportAuthor,
      keyDecision: item.keyDecision,
      urgencyReason: item.urgencyReason,
    };
  return {
    number: item.number,
    title: item.titlePublished ? item.title : 'Exempt item',
    kind: item.kind,
    exempt: true,
    exemptNotice: `Exempt: paragraph ${item.exemptParagraph ?? '?'} of Schedule 12A to the Local Government Act 1972`,
    summary: null,
    reportAuthor: null,
    keyDecision: item.keyDecision,
    urgencyReason: null,
  };
}

/** Who decides an item, in words: the partners whose voting members vote on it (DOMAIN.md §7). */
export function decidedBy(
  item: { kind: string; functions: string; organisationIds: number[] },
  partners: readonly { id: number; name: string }[],
): string {
  if (item.kind !== 'decision') return 'No decision';
  if (item.functions === 'all') return 'Each partner’s voting members, as concurrent decisions';
  const names = item.organisationIds.map(
    (id) => partners.find((p) => p.id === id)?.name ?? `Organisation ${id}`,
  );
  return item.functions === 'one'
    ? `${names[0] ?? 'One partner'}’s voting members`
    : `The voting members of ${names.join(' and ')}, each carrying it`;
}
