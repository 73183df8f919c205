/** The public face of appraisal/criteria: the only file that other folders import. */
export { cellKey, combineRound, combineScores } from './assessors.js';
export type { Combination, CombinedScore } from './assessors.js';
export { AppraisalFrozenError, assertDraft } from './draft.js';
export {
  buildTree,
  eachNode,
  formatPercent,
  formatShare,
  leafCriteria,
  levelName,
  renormalise,
  shareOfLevel,
  weightProblems,
  WHOLE_BP,
} from './rules.js';
export type { CriterionNode, CriterionRow, LeafCriterion, WeightProblem } from './rules.js';
export { describeScale, describeScore, moneyScale, pointsScale, scaleProblem, valueOf } from './scales.js';
export type { Scale, ScaleLevel } from './scales.js';
export { addCriterion, recordScore, setWeights } from './store.js';
export { parsePercent, rankOrderCentroidWeights, swingWeights } from './weighting.js';
