/** The tables of procurements (issue 6, scope 3): see migration 0026 for what each table holds. */
import type { ColumnType, Generated } from 'kysely';
import type {
  BidMemberRole,
  BidStructure,
  CriterionCategory,
  PriceScoring,
  ProcedureId,
  RegimeId,
} from './types.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface ProcurementsTable {
  partnership_id: number;
  id: Generated<number>;
  reference: string;
  title: string;
  description: Generated<string>;
  procedure: ProcedureId;
  regime: RegimeId;
  publication_on: string | null;
  clarification_deadline_on: string | null;
  submission_deadline_on: string | null;
  evaluation_end_on: string | null;
  award_decision_on: string | null;
  standstill_end_on: string | null;
  contract_start_on: string | null;
  cancelled_on: string | null;
  cancelled_reason: Generated<string>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ProcurementFundingTable {
  partnership_id: number;
  procurement_id: number;
  organisation_id: number;
  amount_pence: number;
}

export interface ProcurementSchemesTable {
  partnership_id: number;
  procurement_id: number;
  scheme_id: number;
}

export interface ProcurementLotsTable {
  partnership_id: number;
  id: Generated<number>;
  procurement_id: number;
  lot_number: number;
  title: string;
  description: Generated<string>;
  estimated_value_pence: number | null;
  score_scale_max: Generated<5 | 100>;
  price_scoring: Generated<PriceScoring>;
  created_at: CreatedAt;
}

export interface ProcurementBidsTable {
  partnership_id: number;
  id: Generated<number>;
  procurement_id: number;
  lot_id: number;
  bidder_name: string;
  structure: BidStructure;
  price_pence: number | null;
  submitted_on: string | null;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ProcurementBidMembersTable {
  partnership_id: number;
  bid_id: number;
  position: number;
  role: BidMemberRole;
  provider_name: string;
  companies_house_number: string | null;
  charity_number: string | null;
  organisation_id: number | null;
  share_bp: number;
}

export interface ProcurementCriteriaTable {
  partnership_id: number;
  id: Generated<number>;
  procurement_id: number;
  lot_id: number;
  position: number;
  name: string;
  category: CriterionCategory;
  weight: number;
}

export interface ProcurementScoresTable {
  partnership_id: number;
  bid_id: number;
  criterion_id: number;
  score: number;
  comment: Generated<string>;
  scored_by: number | null;
  scored_by_name: Generated<string>;
  scored_at: Generated<Date>;
}

export interface ProcurementAwardsTable {
  partnership_id: number;
  id: Generated<number>;
  procurement_id: number;
  lot_id: number;
  bid_id: number;
  awarded_on: string;
  standstill_end_on: string | null;
  value_pence: number | null;
  decision_id: number | null;
  notes: Generated<string>;
  created_at: CreatedAt;
}

export interface ProcurementTables {
  procurements: ProcurementsTable;
  procurement_funding: ProcurementFundingTable;
  procurement_schemes: ProcurementSchemesTable;
  procurement_lots: ProcurementLotsTable;
  procurement_bids: ProcurementBidsTable;
  procurement_bid_members: ProcurementBidMembersTable;
  procurement_criteria: ProcurementCriteriaTable;
  procurement_scores: ProcurementScoresTable;
  procurement_awards: ProcurementAwardsTable;
}
