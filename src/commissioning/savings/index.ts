/** The public face of commissioning/savings: the only file that other folders import. */
export { periodLabel, PERIODS, RAG_LABELS, rollUp } from './rules.js';
export type { BudgetLine, Confidence, SavingsFigures, SavingType } from './rules.js';
export {
  createSavingsLine,
  listSavingsLines,
  listSavingsLinesOfProject,
  recordAchieved,
  savingsYears,
  setSavingsLineProject,
} from './store.js';
export type { CommissioningTables } from './tables.js';
