/** The public face of audit: the only file that other folders import. */
export { describeHistory } from './rules.js';
export { historyOf, historyOfPartnership, recordAuditEvent, systemActor, verifyAuditChain } from './store.js';
export type { Actor } from './store.js';
export type { AuditTables } from './tables.js';
