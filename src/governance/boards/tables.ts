import type { ColumnType, Generated } from 'kysely';
import type { ChairRotationKind } from './chairRotation.js';
import type { CallInApplies, DecisionStatus } from '../decisions/index.js';
import type { AgendaItemKind, BoardKind, ItemFunctions, MeetingStatus, MemberRole } from './rules.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface BoardsTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  kind: BoardKind;
  legal_basis: string;
  description: Generated<string>;
  chair_rotation: ChairRotationKind;
  rotation_starts_on: string | null;
  municipal_year_start_month: Generated<number>;
  quorum_total: number;
  quorum_per_partner: number;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface BoardChairTurnsTable {
  partnership_id: number;
  board_id: number;
  position: number;
  organisation_id: number;
  starts_on: string | null;
}

export interface BoardMembershipsTable {
  partnership_id: number;
  id: Generated<number>;
  board_id: number;
  person_name: string;
  organisation_id: number;
  post_held: string;
  nominated_by: string;
  role: MemberRole;
  voting: boolean;
  term_from: string;
  term_to: string | null;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MembershipSubstitutesTable {
  partnership_id: number;
  id: Generated<number>;
  membership_id: number;
  person_name: string;
  post_held: string;
}

export interface PartnerGovernanceSettingsTable {
  partnership_id: number;
  organisation_id: number;
  key_decision_threshold_pence: number;
}

export interface MeetingsTable {
  partnership_id: number;
  id: Generated<number>;
  board_id: number;
  meets_on: string;
  starts_at: string;
  venue: string;
  online_link: string;
  status: Generated<MeetingStatus>;
  agenda_published_on: string | null;
  agenda_published_at: Date | null;
  agenda_late: Generated<boolean>;
  agenda_urgency_reason: Generated<string>;
  agenda_urgency_agreed_by: Generated<string>;
  cancelled_reason: Generated<string>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface AgendaItemsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  number: number;
  title: string;
  kind: AgendaItemKind;
  report_author: string;
  summary: string;
  functions: ItemFunctions;
  key_decision: boolean;
  key_on_spend: boolean;
  key_on_wards: boolean;
  spend_pence: number | null;
  wards_affected: number | null;
  exempt: boolean;
  exempt_paragraph: number | null;
  public_interest_reason: string;
  title_published: boolean;
  late: boolean;
  urgency_reason: string;
  urgency_agreed_by: string;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface AgendaItemPartnersTable {
  partnership_id: number;
  agenda_item_id: number;
  organisation_id: number;
}

export interface DecisionsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number | null;
  agenda_item_id: number | null;
  decision: string;
  decided_on: string;
  reasons: string;
  alternatives: string;
  interests_declared: string;
  dispensations: string;
  call_in: CallInApplies;
  urgency_agreed_by: string;
  call_in_rule: string;
  status: Generated<DecisionStatus>;
  published_on: string | null;
  published_at: Date | null;
  /** Delegated decisions (migration 0014): the board, the decision maker and the delegation they act under. */
  board_id: Generated<number | null>;
  subject: Generated<string>;
  delegated_to: Generated<string>;
  delegation_authority: Generated<string>;
  delegate_membership_id: Generated<number | null>;
  key_decision: Generated<boolean>;
  forward_plan_entry_id: Generated<number | null>;
  created_at: CreatedAt;
}

export interface CallInRequestsTable {
  partnership_id: number;
  id: Generated<number>;
  decision_id: number;
  user_id: number | null;
  member_name: string;
  grounds: string;
  requested_on: string;
  requested_at: CreatedAt;
}

export interface GovernanceTables {
  boards: BoardsTable;
  board_chair_turns: BoardChairTurnsTable;
  board_memberships: BoardMembershipsTable;
  membership_substitutes: MembershipSubstitutesTable;
  partner_governance_settings: PartnerGovernanceSettingsTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  agenda_item_partners: AgendaItemPartnersTable;
  decisions: DecisionsTable;
  call_in_requests: CallInRequestsTable;
}
