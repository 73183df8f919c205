/**
 * Commissioning projects: the rules, with no I/O. A project moves round the commissioning cycle (analyse, plan,
 * do, review) a stage at a time; partners fund it through a pooled fund, an aligned budget or lead commissioning
 * (SI 2000/617 regs 7 to 9; DOMAIN.md §4), the arrangements of src/partnerships/rules.ts.
 */
import { ARRANGEMENTS } from '../../partnerships/index.js';
import type { Pence } from '../../kernel/money.js';

/** The commissioning cycle, in order. */
export const STAGES = {
  analyse: { label: 'Analyse', hint: 'Needs, resources, current services and the outcomes wanted' },
  plan: { label: 'Plan', hint: 'Options, appraisal, the service model and how it will be bought' },
  do: { label: 'Do', hint: 'Procure or decommission, contract and mobilise' },
  review: { label: 'Review', hint: 'Monitor the service and its outcomes against what was planned' },
} as const;
export type Stage = keyof typeof STAGES;
export const STAGE_ORDER = Object.keys(STAGES) as Stage[];
export const isStage = (s: string): s is Stage => Object.hasOwn(STAGES, s);

/**
 * The moves allowed from each stage: on to the next, or back one where the work has to be done again; from
 * review a project goes round the cycle again to analyse (recommissioning), never straight to plan or do.
 */
export const STAGE_MOVES: Record<Stage, readonly Stage[]> = {
  analyse: ['plan'],
  plan: ['do', 'analyse'],
  do: ['review', 'plan'],
  review: ['analyse'],
};

export const mayMove = (from: Stage, to: Stage): boolean => STAGE_MOVES[from].includes(to);

/** The funding arrangements of a project: the partnership arrangements a partner can fund through. */
export const FUNDING_ARRANGEMENTS = {
  pooled: ARRANGEMENTS.pooled.label,
  aligned: ARRANGEMENTS.aligned.label,
  lead_commissioning: ARRANGEMENTS.lead_commissioning.label,
} as const;
export type FundingArrangement = keyof typeof FUNDING_ARRANGEMENTS;
export const isFundingArrangement = (a: string): a is FundingArrangement =>
  Object.hasOwn(FUNDING_ARRANGEMENTS, a);

export interface FundingLine {
  organisationId: number;
  arrangement: FundingArrangement;
  /** null where the amount is not settled yet. */
  amountPence: Pence | null;
}

export interface ProjectInput {
  title: string;
  priorityId: number | null;
  description: string;
  leadOrganisationId: number | null;
  serviceKeys: string[];
  schemeIds: number[];
  funding: FundingLine[];
  appraisalIds: number[];
  decisionIds: number[];
}

export interface ProjectChoices {
  partnerIds: ReadonlySet<number>;
  priorityIds: ReadonlySet<number>;
  schemeIds: ReadonlySet<number>;
  appraisalIds: ReadonlySet<number>;
  decisionIds: ReadonlySet<number>;
}

/** How many projects are at each stage, every stage listed (zero where none). */
export function countByStage(stages: readonly Stage[]): Record<Stage, number> {
  const out = { analyse: 0, plan: 0, do: 0, review: 0 };
  for (const s of stages) out[s] += 1;
  return out;
}
