/** The public face of commissioning/contracts: the only file that other folders import. */
export { recordPackage } from './ocds.js';
export type { JsonObject } from './ocdsMerge.js';
export { ocdsProcesses } from './ocdsStore.js';
export { addMonths, splitAnnualValue, totalValuePence, valueBreakdown } from './rules.js';
export type { FundArrangement, Kpi } from './rules.js';
export {
  addKpi,
  contractsEndingTile,
  createContract,
  exerciseExtension,
  listContracts,
  setYearValue,
} from './store.js';
export type { ContractInput } from './store.js';
export type { ContractTables } from './tables.js';
export { transparencyRows } from './transparency.js';
