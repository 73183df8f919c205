/** The public face of governance/forwardPlan: the only file that other folders import. */
export {
  EXCEPTION_ROUTES,
  OTHER_DOCUMENTS_DEFAULT,
  publicForwardPlanEntry,
  URGENCY_AGREED_BY_ROLES,
} from './rules.js';
export type { KeyDecisionException } from './rules.js';
export {
  createForwardPlanEntry,
  keyDecisionNoticeFor,
  keyItemsWithoutEntry,
  listExceptions,
  listForwardPlanEntries,
  publishForwardPlanEntry,
  recordException,
} from './store.js';
export type { ForwardPlanTables } from './tables.js';
