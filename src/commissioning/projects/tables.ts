/** The tables of priorities, commissioning projects and the integrated commissioning unit (migration 0027). */
import type { ColumnType, Generated } from 'kysely';
import type { PriorityStatus } from './priorities.js';
import type { FundingArrangement, Stage } from './rules.js';
import type { SharingBasis } from '../unit/index.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface CommissioningPrioritiesTable {
  partnership_id: number;
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  owner_name: Generated<string>;
  owner_organisation_id: number | null;
  owner_user_id: number | null;
  starts_on: string | null;
  review_on: string | null;
  status: PriorityStatus;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PriorityStrategiesTable {
  partnership_id: number;
  priority_id: number;
  strategy_key: string;
}

export interface PriorityMeasuresTable {
  partnership_id: number;
  priority_id: number;
  measure_id: number;
}

export interface CommissioningProjectsTable {
  partnership_id: number;
  id: Generated<number>;
  title: string;
  priority_id: number | null;
  description: Generated<string>;
  stage: Stage;
  lead_organisation_id: number | null;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ProjectServicesTable {
  partnership_id: number;
  project_id: number;
  service_key: string;
}

export interface ProjectSchemesTable {
  partnership_id: number;
  project_id: number;
  scheme_id: number;
}

export interface ProjectFundingTable {
  partnership_id: number;
  project_id: number;
  organisation_id: number;
  arrangement: FundingArrangement;
  amount_pence: number | null;
}

export interface ProjectAppraisalsTable {
  partnership_id: number;
  project_id: number;
  appraisal_id: number;
}

export interface ProjectDecisionsTable {
  partnership_id: number;
  project_id: number;
  decision_id: number;
}

export interface ProjectStageMovesTable {
  partnership_id: number;
  id: Generated<number>;
  project_id: number;
  from_stage: Stage | null;
  to_stage: Stage;
  moved_by: string;
  moved_at: ColumnType<Date, never, never>;
  note: Generated<string>;
}

export interface CommissioningUnitYearsTable {
  partnership_id: number;
  financial_year: number;
  budget_pence: number;
  host_organisation_id: number | null;
  sharing_basis: SharingBasis;
  decision_id: number | null;
  notes: Generated<string>;
}

export interface CommissioningUnitSharesTable {
  partnership_id: number;
  financial_year: number;
  organisation_id: number;
  basis_points: number;
}

export interface CommissioningUnitPostsTable {
  partnership_id: number;
  id: Generated<number>;
  post_title: string;
  person_name: Generated<string>;
  employer_organisation_id: number;
  grade: Generated<string>;
  fte_hundredths: number;
  annual_cost_pence: number;
  starts_on: string;
  ends_on: string | null;
  additional: Generated<boolean>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ProjectTables {
  commissioning_priorities: CommissioningPrioritiesTable;
  priority_strategies: PriorityStrategiesTable;
  priority_measures: PriorityMeasuresTable;
  commissioning_projects: CommissioningProjectsTable;
  project_services: ProjectServicesTable;
  project_schemes: ProjectSchemesTable;
  project_funding: ProjectFundingTable;
  project_appraisals: ProjectAppraisalsTable;
  project_decisions: ProjectDecisionsTable;
  project_stage_moves: ProjectStageMovesTable;
  commissioning_unit_years: CommissioningUnitYearsTable;
  commissioning_unit_shares: CommissioningUnitSharesTable;
  commissioning_unit_posts: CommissioningUnitPostsTable;
}
