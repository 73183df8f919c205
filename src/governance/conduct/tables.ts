import type { ColumnType, Generated } from 'kysely';
import type { ConflictAction, Vote } from '../boards/index.js';

type CreatedAt = ColumnType<Date, never, never>;

export type PresenceKind = 'present' | 'apologies' | 'absent' | 'substitute';

export interface MeetingAttendanceTable {
  partnership_id: number;
  meeting_id: number;
  membership_id: number;
  presence: PresenceKind;
  substitute_name: string;
  recorded_at: CreatedAt;
}

export interface ItemDeclarationsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number;
  membership_id: number;
  interest: string;
  action: ConflictAction;
  dispensation_reference: string;
  dispensation_granted_by: string;
  created_at: CreatedAt;
}

export interface ItemMotionsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number;
  motion: string;
  mover_membership_id: number;
  seconder_membership_id: number;
  created_at: CreatedAt;
}

export interface ItemVotesTable {
  partnership_id: number;
  motion_id: number;
  membership_id: number;
  vote: Vote;
}

export interface MeetingMinutesTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  approved_at_meeting_id: number | null;
  approved_on: string | null;
  approved_at: Date | null;
  created_at: CreatedAt;
}

export interface MinuteItemsTable {
  partnership_id: number;
  minutes_id: number;
  agenda_item_id: number;
  text: string;
}

export interface ConductTables {
  meeting_attendance: MeetingAttendanceTable;
  item_declarations: ItemDeclarationsTable;
  item_motions: ItemMotionsTable;
  item_votes: ItemVotesTable;
  meeting_minutes: MeetingMinutesTable;
  minute_items: MinuteItemsTable;
}
