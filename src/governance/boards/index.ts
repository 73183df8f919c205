/** The public face of governance/boards: the only file that other folders import. */
export { CHAIR_ROTATIONS, chairsForMeetings } from './chairRotation.js';
export type { ChairOfMeeting, ChairRotationKind } from './chairRotation.js';
export {
  callInRuleChoices,
  callInTermsFor,
  DEFAULT_MEMBERS_REQUIRED,
  defaultConstitution,
  partnerCallInRule,
  readConstitutionForm,
} from './constitution.js';
export type { PartnerConstitution } from './constitution.js';
export { createMembership, listMemberships, updateMembership } from './membershipStore.js';
export type { Membership } from './membershipStore.js';
export { decideItem, decidingPartners, eligibleVoters, evaluateQuorum, inTheRoom } from './quorum.js';
export type {
  AttendanceLine,
  ConflictAction,
  ItemConcern,
  ItemResult,
  Presence,
  QuorumRule,
  QuorumVerdict,
  Seat,
  Vote,
} from './quorum.js';
export {
  AGENDA_ITEM_KINDS,
  BOARD_KINDS,
  decidedBy,
  EXEMPT_PARAGRAPHS,
  isExemptParagraph,
  ITEM_FUNCTIONS,
  KEY_DECISION_TESTS,
  MEETING_STATUSES,
  MEMBER_ROLES,
  publicAgendaItem,
  serves,
  validateAgendaItem,
} from './rules.js';
export type { AgendaItemInput, BoardKind, KeyDecisionTest, MeetingStatus } from './rules.js';
export {
  createBoard,
  getBoard,
  keyDecisionThresholds,
  listBoards,
  rotationOf,
  setKeyDecisionThreshold,
} from './store.js';
export type { Board } from './store.js';
export type { GovernanceTables, MeetingsTable } from './tables.js';
