/** The public face of governance/callIn: the only file that other folders import. */
export { callInStatus, describeCallInProgress, mayAskForCallIn } from './rules.js';
export type { CallInTerms } from './rules.js';
export {
  callInRequestsBy,
  decisionTermsOf,
  listCallInSteps,
  loadCallIn,
  partnerConstitution,
  partnerConstitutions,
  recordCallInStep,
  recordDecisionTerms,
  savePartnerConstitution,
} from './store.js';
export type { CallInTables } from './tables.js';
