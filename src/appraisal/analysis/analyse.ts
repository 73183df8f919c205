/**
 * Putting one stage of an appraisal together: its criteria tree and any weight problems, the options still in
 * the running (not rejected at an earlier stage), each cell's combined score and value, the results, and the
 * one-way sensitivity. Pure: it takes the stored record and returns data for the pages and exports.
 */
import type { StageDecision } from './alternatives.js';
import { cellKey, combineRound, type Combination, type CombinedScore } from '../criteria/index.js';
import {
  buildTree,
  leafCriteria,
  renormalise,
  weightProblems,
  type CriterionNode,
  type CriterionRow,
  type WeightProblem,
} from '../criteria/index.js';
import { stageResults, valueMatrix, type AppraisedOption, type StageResults } from './results.js';
import { valueOf } from '../criteria/index.js';
import { oneWaySensitivity, type Sensitivity } from './sensitivity.js';

export interface StageInput {
  stage: { id: number; position: number };
  stages: readonly { id: number; position: number }[];
  options: readonly AppraisedOption[];
  decisions: readonly StageDecision[];
  criteria: readonly (CriterionRow & { stageId: number })[];
  /** Stages that use a subset of another stage's criteria: the scored criteria each has chosen. */
  subsets?: readonly StageSubsetRow[];
  scores: readonly { option_id: number; criterion_id: number; assessor: string; score: number }[];
  combination: Combination;
}

export interface StageSubsetRow {
  stageId: number;
  criterionId: number;
}

export interface StageAnalysis {
  options: AppraisedOption[];
  /** The stage whose criteria this stage uses a subset of; null when the stage has its own criteria. */
  sourceStageId: number | null;
  tree: ReturnType<typeof buildTree>;
  weightProblems: WeightProblem[];
  combined: Map<string, CombinedScore>;
  values: Map<string, number>;
  /** Cells whose combined score lies outside its criterion's scale (the scale was changed after scoring). */
  valueProblems: string[];
  /** Null until every level's weights total 100 %. */
  results: StageResults | null;
  sensitivity: Sensitivity | null;
}

/** The options still in the running at a stage: every option not rejected at an earlier stage. */
export function optionsAtStage(input: Pick<StageInput, 'stage' | 'stages' | 'options' | 'decisions'>) {
  const earlier = new Set(input.stages.filter((s) => s.position < input.stage.position).map((s) => s.id));
  const out = new Set(
    input.decisions.filter((d) => earlier.has(d.stageId) && d.status === 'rejected').map((d) => d.optionId),
  );
  return input.options.filter((o) => !out.has(o.id));
}

/**
 * A stage's criteria tree: its own criteria, or the subset it chose of another stage's, renormalised exactly
 * (criteria.ts, `renormalise`). The weight problems are the tree's own, or for a subset those of the stage the
 * criteria come from (whose levels must still total 100 %) and any chosen level that weighs nothing.
 */
export function stageTree(input: {
  stage: { id: number };
  criteria: StageInput['criteria'];
  subsets?: StageInput['subsets'];
}): {
  tree: CriterionNode[];
  problems: WeightProblem[];
  sourceStageId: number | null;
} {
  const chosen = new Set(
    (input.subsets ?? []).filter((s) => s.stageId === input.stage.id).map((s) => s.criterionId),
  );
  const sourceStageId = input.criteria.find((c) => chosen.has(c.id))?.stageId ?? null;
  if (sourceStageId === null) {
    const tree = buildTree(input.criteria.filter((c) => c.stageId === input.stage.id));
    return { tree, problems: weightProblems(tree), sourceStageId: null };
  }
  const source = buildTree(input.criteria.filter((c) => c.stageId === sourceStageId));
  const subset = renormalise(source, chosen);
  return {
    tree: subset.roots,
    problems: [
      ...weightProblems(source).map((p) => ({
        ...p,
        message: `At the stage these criteria come from: ${p.message}`,
      })),
      ...subset.problems,
    ],
    sourceStageId,
  };
}

export function analyseStage(input: StageInput): StageAnalysis {
  const options = optionsAtStage(input);
  const { tree, problems, sourceStageId } = stageTree(input);
  const leaves = leafCriteria(tree);
  const leafIds = new Set(leaves.map((l) => l.id));
  const combined = combineRound(
    input.scores
      .filter((s) => leafIds.has(s.criterion_id))
      .map((s) => ({
        optionId: s.option_id,
        criterionId: s.criterion_id,
        assessor: s.assessor,
        score: s.score,
      })),
    input.combination,
  );
  const values = new Map<string, number>();
  const valueProblems: string[] = [];
  for (const o of options) {
    for (const leaf of leaves) {
      const c = combined.get(cellKey(o.id, leaf.id));
      if (!c || !leaf.scale) continue;
      const v = valueOf(leaf.scale, c.score);
      if (v.ok) values.set(cellKey(o.id, leaf.id), v.value);
      else valueProblems.push(`${o.name}, ${leaf.name}: ${v.error}`);
    }
  }
  const sound = problems.length === 0 && leaves.length > 0;
  return {
    options,
    sourceStageId,
    tree,
    weightProblems: problems,
    combined,
    values,
    valueProblems,
    results: sound ? stageResults(tree, options, values) : null,
    sensitivity: sound ? oneWaySensitivity(tree, options, values) : null,
  };
}

/** The stage's value matrix and leaf weights, for SMAA. */
export function smaaMatrix(analysis: StageAnalysis) {
  const leaves = leafCriteria(analysis.tree);
  return { leaves, ...valueMatrix(leaves, analysis.options, analysis.values) };
}
