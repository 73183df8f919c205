import type { ColumnType, Generated } from 'kysely';
import type { OptionStageStatus } from '../analysis/index.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface AppraisalsTable {
  partnership_id: number;
  id: Generated<number>;
  title: string;
  proposal: Generated<string>;
  status: Generated<'draft' | 'frozen'>;
  decision_reference: string | null;
  combination: Generated<'mean' | 'median'>;
  illustrative: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
  frozen_at: Date | null;
}

export interface AppraisalOptionsTable {
  partnership_id: number;
  id: Generated<number>;
  appraisal_id: number;
  name: string;
  description: Generated<string>;
  position: number;
}

export interface AppraisalStagesTable {
  partnership_id: number;
  id: Generated<number>;
  appraisal_id: number;
  name: string;
  description: Generated<string>;
  position: number;
}

export interface AppraisalOptionStagesTable {
  partnership_id: number;
  appraisal_id: number;
  stage_id: number;
  option_id: number;
  status: OptionStageStatus;
  reason: Generated<string>;
}

export interface AppraisalCriteriaTable {
  partnership_id: number;
  id: Generated<number>;
  appraisal_id: number;
  stage_id: number;
  parent_id: number | null;
  name: string;
  description: Generated<string>;
  weight_bp: number;
  position: number;
  scale_kind: Generated<'points' | 'money'>;
  scale_min: Generated<number>;
  scale_max: Generated<number>;
  higher_is_better: Generated<boolean>;
  scale_levels: ColumnType<{ value: number; label: string }[], string | undefined, string>;
  worst_pence: number | null;
  best_pence: number | null;
}

export interface AppraisalScoresTable {
  partnership_id: number;
  id: Generated<number>;
  appraisal_id: number;
  criterion_id: number;
  option_id: number;
  score: number;
  rationale: Generated<string>;
  evidence_url: Generated<string>;
  assessor: string;
  assessor_user_id: number | null;
  scored_at: CreatedAt;
}

export interface AppraisalTables {
  appraisals: AppraisalsTable;
  appraisal_options: AppraisalOptionsTable;
  appraisal_stages: AppraisalStagesTable;
  appraisal_option_stages: AppraisalOptionStagesTable;
  appraisal_criteria: AppraisalCriteriaTable;
  appraisal_scores: AppraisalScoresTable;
}
