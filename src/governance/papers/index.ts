/** The public face of governance/papers: the only file that other folders import. */
export { loadAgendaPack } from './agendaPack.js';
export type { PackAudience } from './agendaPack.js';
export { describeFile, PAPER_KINDS } from './rules.js';
export {
  createPaper,
  getPaper,
  getVersionContent,
  isPublicPaper,
  listPapersOfMeeting,
  papersByItem,
} from './store.js';
export type { PaperTables } from './tables.js';
