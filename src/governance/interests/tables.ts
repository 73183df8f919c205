import type { ColumnType, Generated } from 'kysely';
import type { InterestRegime, ReviewStatus } from './rules.js';
import type { GiftKind, GiftSource } from './giftRules.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface InterestEntriesTable {
  partnership_id: number;
  id: Generated<number>;
  membership_id: number;
  regime: InterestRegime;
  category: string;
  description: string;
  counterparty: Generated<string>;
  counterparty_key: Generated<string>;
  from_on: string;
  to_on: string | null;
  sensitive: Generated<boolean>;
  status: Generated<ReviewStatus>;
  reviewed_by: Generated<string>;
  reviewed_by_user_id: number | null;
  reviewed_at: Date | null;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface GiftsHospitalityTable {
  partnership_id: number;
  id: Generated<number>;
  membership_id: number;
  regime: InterestRegime;
  kind: GiftKind;
  source: GiftSource;
  description: string;
  offered_by: string;
  value_pence: number;
  offered_on: string;
  accepted: boolean;
  status: Generated<ReviewStatus>;
  reviewed_by: Generated<string>;
  reviewed_by_user_id: number | null;
  reviewed_at: Date | null;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface AgendaItemProvidersTable {
  partnership_id: number;
  agenda_item_id: number;
  position: number;
  name: string;
  name_key: string;
}

export interface InterestsTables {
  interest_entries: InterestEntriesTable;
  gifts_hospitality: GiftsHospitalityTable;
  agenda_item_providers: AgendaItemProvidersTable;
}
