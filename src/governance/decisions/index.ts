/** The public face of governance/decisions: the only file that other folders import. */
export { validateDelegation } from './delegation.js';
export { loadDecisionNotice } from './notice.js';
export {
  CALL_IN_APPLIES,
  CALL_IN_RULES,
  callInState,
  DECISION_STATUSES,
  describeCallInState,
  validateDecision,
} from './rules.js';
export type { CallInApplies, CallInRequest, CallInState, DecisionRecord, DecisionStatus } from './rules.js';
export { callInRequestsOf, searchPublishedDecisions } from './searchStore.js';
export type { DecisionSearchTables } from './searchTables.js';
export {
  callInTermsOf,
  decisionRow,
  decisionsOfMeeting,
  getDecision,
  KeyDecisionBlocked,
  listDelegatedDecisions,
  publishDecision,
  recordCallInRequest,
  recordDecision,
  recordDelegatedDecision,
} from './store.js';
export type { Decision } from './store.js';
