/** The public face of ledger/journal: the only file that other folders import. */
export {
  firstDayOfPeriod,
  INSTALMENT_PERIODS,
  raiseContributionInstalments,
  recordContributionReceipt,
} from './contributions.js';
export {
  accountBalances,
  closedPeriods,
  closePeriod,
  isReferenceClash,
  JournalError,
  landingPeriod,
  postEntry,
  reverseEntry,
} from './store.js';
