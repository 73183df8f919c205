/** The public face of commissioning/procurement: the only file that other folders import. */
export { bidMembers } from './bids.js';
export type { ProviderInput } from './bids.js';
export { earliestStandstillEnd, fundingSharesBp, PROCEDURES, REGIMES, STATUSES } from './rules.js';
export type { ProcurementStatus } from './rules.js';
export {
  addBid,
  addLot,
  createProcurement,
  getProcurement,
  procurementsDashboardTile,
  recordAward,
  recordScores,
} from './store.js';
export type { ProcurementTables } from './tables.js';
export type { ProcedureId } from './types.js';
