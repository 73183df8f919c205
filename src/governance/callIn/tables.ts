/** Table types of migration 0015: call-in steps, partner call-in settings, decision terms, bank holiday changes. */
import type { ColumnType, Generated } from 'kysely';
import type { DayCounting } from '../../kernel/workingDays.js';
import type { CallInOutcome, CallInStepKind } from './rules.js';
import type { PeriodAfterRule } from '../dates/index.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface BankHolidayChangesTable {
  id: Generated<number>;
  kind: 'extra' | 'moved';
  holiday_on: string;
  replaces: string | null;
  name: string;
  proclamation: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface PartnerCallInSettingsTable {
  partnership_id: number;
  organisation_id: number;
  subject_to_call_in: boolean;
  call_in_rule: string;
  call_in_days: number | null;
  call_in_counting: DayCounting | null;
  members_required: number;
}

export interface DecisionCallInTermsTable {
  partnership_id: number;
  decision_id: number;
  organisation_id: number;
  rule_name: string;
  days: number;
  counting: DayCounting;
  notice_lag_working_days: number;
  takes_effect: PeriodAfterRule['takesEffect'];
  rule_summary: string;
  rule_source: string;
  members_required: number;
}

export interface CallInStepsTable {
  partnership_id: number;
  id: Generated<number>;
  decision_id: number;
  kind: CallInStepKind;
  occurred_on: string;
  valid: boolean | null;
  reasons: Generated<string>;
  meeting_id: number | null;
  committee: Generated<string>;
  outcome: CallInOutcome | null;
  result: 'no-objection' | 'referred-back' | 'confirmed' | 'amended' | null;
  decision_text: Generated<string>;
  notes: Generated<string>;
  user_id: number | null;
  recorded_at: CreatedAt;
}

export interface CallInTables {
  bank_holiday_changes: BankHolidayChangesTable;
  partner_call_in_settings: PartnerCallInSettingsTable;
  decision_call_in_terms: DecisionCallInTermsTable;
  call_in_steps: CallInStepsTable;
}
