/** The public face of governance/meetings: the only file that other folders import. */
export { readAgendaItemForm } from './agendaItemSchema.js';
export { agendaDeadline } from './agendaPublication.js';
export {
  chairsOfBoard,
  describeQuorum,
  describeRotation,
  membersByPartner,
  quorumWithEveryone,
  seatsOn,
  votersFor,
} from './boardSummary.js';
export { providersOfItems, setItemProviders } from './itemProviderStore.js';
export { publishAgenda } from './publishAgenda.js';
export { boardCrumbs, loadBoard, loadMeeting, notFound } from './recordOfRequest.js';
export type { BoardParams, MeetingParams } from './recordOfRequest.js';
export { monthlyMeetingDates, WEEK_OF_MONTH, WEEKDAYS } from './schedule.js';
export type { MonthlyPattern, Weekday, WeekOfMonth } from './schedule.js';
export { readMeetingForm, readScheduleForm, SCHEDULE_CHOICES } from './schema.js';
export {
  createAgendaItem,
  createMeeting,
  getMeeting,
  listAgendaItems,
  listMeetings,
  setMeetingStatus,
  updateAgendaItem,
} from './store.js';
export type { AgendaItem, MeetingInput } from './store.js';
