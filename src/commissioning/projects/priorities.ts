/**
 * Joint commissioning priorities: the rules, with no I/O. A priority is tied to the strategies it serves. Seed
 * 003 (Southampton Cabinet, 15 October 2013) says the joint priorities "are based on the Health and wellbeing
 * Strategy and informed by the Joint Strategic Needs assessment and relevant national outcomes frameworks"; the
 * strategies are therefore data, each with the body that owns it and its basis.
 */

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
