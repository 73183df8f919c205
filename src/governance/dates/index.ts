/** The public face of governance/dates: the only file that other folders import. */
export { runDatesCommand } from './datesCommand.js';
export {
  customiseNoticeRules,
  DEFAULT_NOTICE_RULES,
  effectiveFrom,
  findNoticeRule,
  publicationDeadline,
} from './noticeRules.js';
export type { ExplainedDate, NoticeBeforeRule, NoticeRules, PeriodAfterRule } from './noticeRules.js';
export { addBankHolidayChange, listBankHolidayChangeRows, loadBankHolidayChanges } from './store.js';
