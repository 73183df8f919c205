/** The public face of appraisal/decisionLink: the only file that other folders import. */
export {
  appraisalOfDecision,
  appraisalSummary,
  linkAppraisalToDecision,
  listDecisionsForLinking,
  unlinkedAppraisals,
} from './store.js';
export type { AppraisalDecisionTables } from './tables.js';
