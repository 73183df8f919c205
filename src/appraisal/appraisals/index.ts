/** The public face of appraisal/appraisals: the only file that other folders import. */
export { appraisalCrumbs, loadAppraisal, loadStage, refuseIfFrozen } from './appraisalOfRequest.js';
export type { AppraisalParams, LoadedAppraisal, StageParams } from './appraisalOfRequest.js';
export { createAppraisalFromPlan } from './createAppraisalFromPlan.js';
export type { AppraisalPlan } from './createAppraisalFromPlan.js';
export { levelAnchor, readCriterionForm, readScoresForm, readSmaaQuery, readWeightsForm } from './schema.js';
export type { SmaaQuery } from './schema.js';
export {
  addOption,
  addStage,
  freezeAppraisal,
  listAppraisals,
  loadAppraisalRecord,
  setOptionStage,
} from './store.js';
export type { AppraisalRecord } from './store.js';
export type { AppraisalTables } from './tables.js';
