/**
 * Joint commissioning priorities: the rules, with no I/O. A priority is tied to the strategies it serves. Seed
 * 003 (Southampton Cabinet, 15 October 2013) says the joint priorities "are based on the Health and wellbeing
 * Strategy and informed by the Joint Strategic Needs assessment and relevant national outcomes frameworks"; the
 * strategies are therefore data, each with the body that owns it and its basis.
 */
import { field, fields, readDateInput, type FormBody, type Parsed } from '../../kernel/forms.js';
import type { FieldProblems } from '../../kernel/result.js';

export interface Strategy {
  label: string;
  /** Local strategies are the partners' own; national frameworks measure outcomes across England. */
  kind: 'local' | 'national';
  basis: string;
}

/** The strategies a priority may serve, in the order the pages list them. */
export const STRATEGIES = {
  hwb_strategy: {
    label: 'Joint health and wellbeing strategy',
    kind: 'local',
    basis: 'Health and Social Care Act 2012 s193 (the health and wellbeing board’s joint strategy)',
  },
  jsna: {
    label: 'Joint strategic needs assessment (JSNA)',
    kind: 'local',
    basis: 'Local Government and Public Involvement in Health Act 2007 s116',
  },
  bcf_plan: {
    label: 'Better Care Fund plan',
    kind: 'local',
    basis: 'Better Care Fund policy framework: the jointly agreed plan (DOMAIN.md §8)',
  },
  local_plan: {
    label: 'Local plan (council or NHS commissioner)',
    kind: 'local',
    basis: 'A partner’s own corporate or commissioning plan',
  },
  nhs_of: {
    label: 'NHS Outcomes Framework',
    kind: 'national',
    basis: 'Department of Health and Social Care (DOMAIN.md §9)',
  },
  ascof: {
    label: 'Adult Social Care Outcomes Framework (ASCOF)',
    kind: 'national',
    basis: 'Department of Health and Social Care (DOMAIN.md §9)',
  },
  phof: {
    label: 'Public Health Outcomes Framework (PHOF)',
    kind: 'national',
    basis: 'Office for Health Improvement and Disparities (DOMAIN.md §9)',
  },
} as const satisfies Record<string, Strategy>;
export type StrategyKey = keyof typeof STRATEGIES;

export const isStrategyKey = (k: string): k is StrategyKey => Object.hasOwn(STRATEGIES, k);

export const PRIORITY_STATUSES = {
  proposed: 'Proposed',
  active: 'Active',
  achieved: 'Achieved',
  closed: 'Closed',
} as const;
export type PriorityStatus = keyof typeof PRIORITY_STATUSES;

export interface PriorityInput {
  title: string;
  description: string;
  strategies: StrategyKey[];
  ownerName: string;
  ownerOrganisationId: number | null;
  startsOn: string | null;
  reviewOn: string | null;
  status: PriorityStatus;
  /** The outcome measures (issue 6, scope 6) that show progress. */
  measureIds: number[];
}

/**
 * The add or change a priority form: a title, at least one strategy served, an owner (a name, an organisation
 * or both), a status and optional start and review dates, the review not before the start.
 */
export function readPriorityForm(
  body: FormBody,
  partnerIds: ReadonlySet<number>,
  measureIds: ReadonlySet<number> = new Set(),
): Parsed<PriorityInput> {
  const problems: FieldProblems = {};
  const title = field(body, 'title');
  if (title === '') problems.title = 'Enter the priority';
  else if (title.length > 200) problems.title = 'Priority must be 200 characters or fewer';
  const description = field(body, 'description');
  if (description.length > 2000) problems.description = 'Description must be 2,000 characters or fewer';
  const raw = body.strategies;
  const picked = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((s) => s.trim());
  const strategies = [...new Set(picked.filter((s) => s !== ''))];
  if (strategies.length === 0) problems.strategies = 'Select at least one strategy the priority serves';
  else if (!strategies.every(isStrategyKey)) problems.strategies = 'Select strategies from the list';
  const ownerName = field(body, 'ownerName');
  if (ownerName.length > 200) problems.ownerName = 'Owner must be 200 characters or fewer';
  const orgRaw = field(body, 'ownerOrganisationId');
  const ownerOrganisationId = orgRaw === '' ? null : Number(orgRaw);
  if (ownerOrganisationId !== null && !partnerIds.has(ownerOrganisationId))
    problems.ownerOrganisationId = 'Select a partner of this partnership';
  if (ownerName === '' && ownerOrganisationId === null && !problems.ownerOrganisationId)
    problems.ownerName = 'Enter who owns the priority, or select their organisation';
  const status = field(body, 'status');
  if (!Object.hasOwn(PRIORITY_STATUSES, status)) problems.status = 'Select the status of the priority';
  const starts = readDateInput(body, 'startsOn', 'the start date');
  if (starts.problem) problems.startsOn = starts.problem;
  const review = readDateInput(body, 'reviewOn', 'the review date');
  if (review.problem) problems.reviewOn = review.problem;
  if (starts.value && review.value && review.value < starts.value)
    problems.reviewOn = 'The review date must be on or after the start date';
  const measures = [...new Set(fields(body, 'measures').map(Number))];
  if (!measures.every((m) => measureIds.has(m)))
    problems.measures = 'Select outcome measures of this partnership';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      description,
      strategies: strategies.filter(isStrategyKey),
      ownerName,
      ownerOrganisationId,
      startsOn: starts.value,
      reviewOn: review.value,
      status: status as PriorityStatus,
      measureIds: measures,
    },
  };
}
