/** The public face of ledger/import: the only file that other folders import. */
export { DEFAULT_CONCURRENCY, importExtracts } from './importBatch.js';
export { IMPORT_USAGE, parseImportArgs, runImportCommand } from './importCommand.js';
export { importGeneralLedger } from './importGeneralLedger.js';
export type { ImportOutcome } from './importGeneralLedger.js';
export { ImportJobs, percentRead } from './jobs.js';
