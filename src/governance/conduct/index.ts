/** The public face of governance/conduct: the only file that other folders import. */
export { conflictsAtMeeting } from './meetingConflicts.js';
export { CONFLICT_ACTIONS, PRESENCE_KINDS, VOTES } from './rules.js';
export type { AttendanceChoice } from './rules.js';
export {
  addDeclaration,
  approveMinutes,
  draftMinutes,
  getMinutes,
  recordAttendance,
  recordMotion,
} from './store.js';
export {
  boardAttendance,
  declarationsForDecision,
  meetingConduct,
  minutesSkeleton,
  publicItemTitle,
} from './summary.js';
export type { MeetingConduct } from './summary.js';
export type { ConductTables } from './tables.js';
