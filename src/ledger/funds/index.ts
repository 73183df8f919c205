/** The public face of ledger/funds: the only file that other folders import. */
export type { FundHost } from './fundAccess.js';
export { fundCrumbs, loadFund } from './fundOfRequest.js';
export type { FundParams } from './fundOfRequest.js';
export { pooledFundSummaries } from './publicSummary.js';
export { createScheme, listSchemes } from './schemeStore.js';
export type { SchemeWithBudget } from './schemeStore.js';
export type { LoadedFund } from './setupCommon.js';
export {
  accountCodes,
  addContribution,
  contributionsOf,
  costCentreMapOf,
  createFund,
  getFund,
  importProfileOf,
  listFunds,
  STANDARD_COLUMNS,
} from './store.js';
export type { Fund } from './store.js';
export type {
  AccountKind,
  EntrySource,
  ImportColumns,
  LedgerTables,
  SettlementStatus,
  SettlementTables,
} from './tables.js';
