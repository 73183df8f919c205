/**
 * Commissioning projects: the rules, with no I/O. A project moves round the commissioning cycle (analyse, plan,
 * do, review) a stage at a time; partners fund it through a pooled fund, an aligned budget or lead commissioning
 * (SI 2000/617 regs 7 to 9; DOMAIN.md §4), the arrangements of src/partnerships/rules.ts.
 */
import { ARRANGEMENTS } from '../../partnerships/index.js';
import { serviceByKey } from '../../partnerships/index.js';
import { field, fields, type FormBody, type Parsed } from '../../kernel/forms.js';
import { parsePounds, type Pence } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';

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

/** Ids picked from a list of checkboxes: each must be one of `known`. */
function pickIds(body: FormBody, name: string, known: ReadonlySet<number>): number[] | null {
  const ids = [...new Set(fields(body, name).map(Number))];
  return ids.every((id) => known.has(id)) ? ids : null;
}

/**
 * The add or change a project form. Funding is one row per partner: `funding-<id>` holds the arrangement (empty
 * when the partner does not fund it) and `amount-<id>` an optional amount in pounds and pence.
 */
export function readProjectForm(body: FormBody, c: ProjectChoices): Parsed<ProjectInput> {
  const problems: FieldProblems = {};
  const title = field(body, 'title');
  if (title === '') problems.title = 'Enter the project’s title';
  else if (title.length > 200) problems.title = 'Title must be 200 characters or fewer';
  const description = field(body, 'description');
  if (description.length > 2000) problems.description = 'Description must be 2,000 characters or fewer';
  const priorityRaw = field(body, 'priorityId');
  const priorityId = priorityRaw === '' ? null : Number(priorityRaw);
  if (priorityId !== null && !c.priorityIds.has(priorityId))
    problems.priorityId = 'Select a priority of this partnership';
  const leadRaw = field(body, 'leadOrganisationId');
  const leadOrganisationId = leadRaw === '' ? null : Number(leadRaw);
  if (leadOrganisationId !== null && !c.partnerIds.has(leadOrganisationId))
    problems.leadOrganisationId = 'Select a partner of this partnership';
  const serviceKeys = [...new Set(fields(body, 'services'))];
  if (!serviceKeys.every((k) => serviceByKey(k) !== undefined))
    problems.services = 'Select services from the catalogue';
  const schemeIds = pickIds(body, 'schemes', c.schemeIds);
  if (schemeIds === null) problems.schemes = 'Select schemes of this partnership’s funds';
  const appraisalIds = pickIds(body, 'appraisals', c.appraisalIds);
  if (appraisalIds === null) problems.appraisals = 'Select appraisals of this partnership';
  const decisionIds = pickIds(body, 'decisions', c.decisionIds);
  if (decisionIds === null) problems.decisions = 'Select decisions of this partnership';
  const funding: FundingLine[] = [];
  for (const id of c.partnerIds) {
    const arrangement = field(body, `funding-${String(id)}`);
    const amountRaw = field(body, `amount-${String(id)}`);
    if (arrangement === '') {
      if (amountRaw !== '')
        problems[`funding-${String(id)}`] = 'Select how the partner funds the project, or clear the amount';
      continue;
    }
    if (!isFundingArrangement(arrangement)) {
      problems[`funding-${String(id)}`] = 'Select pooled fund, aligned budget or lead commissioning';
      continue;
    }
    let amountPence: Pence | null = null;
    if (amountRaw !== '') {
      const parsed = parsePounds(amountRaw);
      if (!parsed.ok) problems[`amount-${String(id)}`] = `Amount: ${parsed.error}`;
      else if (parsed.value < 0) problems[`amount-${String(id)}`] = 'Amount must not be negative';
      else amountPence = parsed.value;
    }
    funding.push({ organisationId: id, arrangement, amountPence });
  }
  if (Object.keys(problems).length > 0 || schemeIds === null || appraisalIds === null || decisionIds === null)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      priorityId,
      description,
      leadOrganisationId,
      serviceKeys,
      schemeIds,
      funding,
      appraisalIds,
      decisionIds,
    },
  };
}

/** The move-stage form: the stage to move to, allowed from the current one, and an optional note. */
export function readStageMove(body: FormBody, from: Stage): Parsed<{ to: Stage; note: string }> {
  const to = field(body, 'stage');
  const note = field(body, 'note');
  if (!isStage(to) || !mayMove(from, to)) {
    const allowed = STAGE_MOVES[from].map((s) => STAGES[s].label).join(' or ');
    return {
      ok: false,
      problems: { stage: `Select the stage to move to: from ${STAGES[from].label}, ${allowed}` },
    };
  }
  if (note.length > 1000) return { ok: false, problems: { note: 'Note must be 1,000 characters or fewer' } };
  return { ok: true, value: { to, note } };
}

/** How many projects are at each stage, every stage listed (zero where none). */
export function countByStage(stages: readonly Stage[]): Record<Stage, number> {
  const out = { analyse: 0, plan: 0, do: 0, review: 0 };
  for (const s of stages) out[s] += 1;
  return out;
}
