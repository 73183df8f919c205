import type { ColumnType } from 'kysely';

/** A stage's chosen subset of another stage's scored criteria (migration 0018). */
export interface AppraisalStageCriteriaTable {
  partnership_id: number;
  appraisal_id: number;
  stage_id: number;
  criterion_id: number;
}

/** The governance decision an appraisal informed; made once, never changed (migration 0018). */
export interface AppraisalDecisionsTable {
  partnership_id: number;
  appraisal_id: number;
  decision_id: number;
  linked_by: string;
  linked_at: ColumnType<Date, never, never>;
}

export interface AppraisalDecisionTables {
  appraisal_stage_criteria: AppraisalStageCriteriaTable;
  appraisal_decisions: AppraisalDecisionsTable;
}
