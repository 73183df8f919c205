import type { ColumnType, Generated } from 'kysely';

export interface AuditEventsTable {
  seq: Generated<number>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_user_id: number | null;
  actor_label: string;
  action: 'create' | 'update' | 'delete';
  entity_type: string;
  entity_id: string;
  partnership_id: number | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
}
