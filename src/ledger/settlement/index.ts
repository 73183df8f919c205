/** The public face of ledger/settlement: the only file that other folders import. */
export { shareVariance } from './riskShare.js';
export type { RiskSharePolicy, RiskShareResult } from './riskShare.js';
export {
  approveSettlement,
  expectedBalancesAfter,
  postSettlement,
  proposeSettlement,
} from './settleYearEnd.js';
export {
  fundPartners,
  getRiskSharePolicy,
  listSettlements,
  schemeActuals,
  setRiskSharePolicy,
} from './store.js';
export type { SettlementWorking } from './working.js';
