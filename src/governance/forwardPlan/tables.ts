/** The forward plan's tables (migration 0014): notices of key decisions and their exception routes. */
import type { ColumnType, Generated } from 'kysely';
import type { ExceptionRoute, UrgencyAgreedByRole } from './rules.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface ForwardPlanEntriesTable {
  partnership_id: number;
  id: Generated<number>;
  board_id: number;
  matter: string;
  summary: Generated<string>;
  decision_maker: string;
  decision_from: string;
  decision_to: string;
  documents: string;
  documents_from: string;
  other_documents: string;
  private: Generated<boolean>;
  exempt_paragraph: number | null;
  private_reason: Generated<string>;
  first_published_on: string | null;
  first_published_at: Date | null;
  meeting_id: number | null;
  agenda_item_id: number | null;
  created_at: CreatedAt;
}

export interface KeyDecisionExceptionsTable {
  partnership_id: number;
  id: Generated<number>;
  forward_plan_entry_id: number;
  route: ExceptionRoute;
  reasons: string;
  scrutiny_chair_informed: Generated<string>;
  scrutiny_chair_informed_on: string | null;
  agreed_by: Generated<string>;
  agreed_by_role: UrgencyAgreedByRole | null;
  agreed_on: string | null;
  notice_published_on: string;
  recorded_by_user_id: number | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ForwardPlanTables {
  forward_plan_entries: ForwardPlanEntriesTable;
  key_decision_exceptions: KeyDecisionExceptionsTable;
}
