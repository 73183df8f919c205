import type { ColumnType, Generated } from 'kysely';
import type {
  AgreementKind,
  AgreementStatus,
  Arrangement,
  LocalAuthorityTier,
  OrganisationKind,
} from './rules.js';

type CreatedAt = ColumnType<Date, never, never>;

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  kind: OrganisationKind;
  la_tier: LocalAuthorityTier | null;
  ods_code: string | null;
  gss_code: string | null;
  exists_from: string | null;
  exists_to: string | null;
  successor_id: number | null;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PartnershipsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  formed_on: string | null;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PartnershipMembersTable {
  partnership_id: number;
  organisation_id: number;
}

export interface AgreementsTable {
  partnership_id: number;
  id: Generated<number>;
  kind: AgreementKind;
  title: string;
  legal_basis: Generated<string>;
  legally_binding: boolean;
  status: AgreementStatus;
  starts_on: string | null;
  ends_on: string | null;
  host_organisation_id: number | null;
  summary: Generated<string>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface AgreementPartiesTable {
  partnership_id: number;
  agreement_id: number;
  organisation_id: number;
}

export interface DocumentsTable {
  partnership_id: number;
  id: Generated<number>;
  agreement_id: number | null;
  title: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: ColumnType<Date, never, never>;
}

export interface BudgetAreasTable {
  partnership_id: number;
  id: Generated<number>;
  financial_year: number;
  name: string;
  arrangement: Arrangement;
  host_organisation_id: number | null;
  notes: Generated<string>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface BudgetContributionsTable {
  partnership_id: number;
  budget_area_id: number;
  organisation_id: number;
  amount_pence: number;
}

export interface PartnershipTables {
  organisations: OrganisationsTable;
  partnerships: PartnershipsTable;
  partnership_members: PartnershipMembersTable;
  agreements: AgreementsTable;
  agreement_parties: AgreementPartiesTable;
  documents: DocumentsTable;
  budget_areas: BudgetAreasTable;
  budget_contributions: BudgetContributionsTable;
}
