/** The public face of ledger/statements: the only file that other folders import. */
export { mayReadPartnerOf } from './routeAccess.js';
export { contributionInstalments, partnerStatement, quarterOfDate } from './rules.js';
export { DEFAULT_POLICY, loadPartnerStatement } from './store.js';
