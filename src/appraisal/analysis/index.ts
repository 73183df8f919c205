/** The public face of appraisal/analysis: the only file that other folders import. */
export { alternativesConsidered } from './alternatives.js';
export type { AlternativesText, OptionStageStatus, StageDecision } from './alternatives.js';
export { analyseStage, optionsAtStage, smaaMatrix, stageTree } from './analyse.js';
export type { StageSubsetRow } from './analyse.js';
export { appraisalWorkbook } from './exportXlsx.js';
export { SeededRandom } from './random.js';
export { rankLabel, rankTotals } from './results.js';
export { rankAcceptability } from './smaa.js';
export { stageView } from './stageView.js';
export { flatRows, southamptonShapedRows } from './testTrees.js';
