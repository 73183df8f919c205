import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

export interface FundsTable {
  partnership_id: number;
  id: Generated<number>;
  financial_year: number;
  name: string;
  kind: 'pooled' | 'aligned';
  host_organisation_id: number | null;
  pooled_fund_manager: Generated<string>;
  better_care_fund: Generated<boolean>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface FundContributionsTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  organisation_id: number;
  stream: string;
  amount_pence: number;
  kind: 'agreed' | 'variation';
  decision_reference: string | null;
  effective_on: string | null;
  created_at: CreatedAt;
}

export interface SchemesTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  code: string;
  name: string;
  description: Generated<string>;
  scheme_type: string;
  area_of_spend: string;
  commissioner: 'la' | 'nhs' | 'joint';
  commissioner_organisation_id: number | null;
  provider: Generated<string>;
  service: string;
}

export interface SchemeBudgetsTable {
  partnership_id: number;
  scheme_id: number;
  organisation_id: number;
  stream: string;
  amount_pence: number;
}

export interface SchemeProfilesTable {
  partnership_id: number;
  scheme_id: number;
  period: number;
  weight: number;
}

export type AccountKind = 'contribution' | 'expenditure' | 'host_balance' | 'debtor' | 'creditor' | 'reserve';

export interface AccountsTable {
  partnership_id: number;
  fund_id: number;
  code: string;
  name: string;
  kind: AccountKind;
  organisation_id: number | null;
  scheme_id: number | null;
}

export interface FundPeriodsTable {
  partnership_id: number;
  fund_id: number;
  period: number;
  closed_at: ColumnType<Date, never, never>;
  closed_by: string;
}

export interface LedgerImportsTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  organisation_id: number;
  filename: string;
  sha256: string;
  row_count: number;
  total_pence: number;
  imported_by: string;
  imported_at: CreatedAt;
}

export type EntrySource = 'manual' | 'import' | 'contribution' | 'settlement' | 'reversal';

export interface JournalEntriesTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  period: number;
  entry_date: string;
  description: string;
  source: EntrySource;
  reverses_entry_id: number | null;
  import_id: number | null;
  decision_reference: string | null;
  created_by: string;
  created_at: CreatedAt;
  txid: ColumnType<number, never, never>;
}

export interface PostingsTable {
  partnership_id: number;
  entry_id: number;
  line: number;
  fund_id: number;
  account_code: string;
  amount_pence: number;
  scheme_id: number | null;
  organisation_id: number | null;
  stream: string | null;
  period: number;
  reference: string | null;
  supplier: string | null;
  description: string | null;
  import_line: number | null;
}

/** The span of each entry's transaction references, per partner, kept by the database (migration 0032). */
export interface EntryReferenceRangesTable {
  partnership_id: number;
  entry_id: number;
  organisation_id: number;
  fund_id: number;
  low: string;
  high: string;
  hashes: ColumnType<string[], never, never>;
}

export interface SchemeActualsTable {
  partnership_id: number;
  fund_id: number;
  scheme_id: number;
  organisation_id: number;
  period: number;
  actual_pence: number;
  posting_count: number;
}

export interface ImportProfilesTable {
  partnership_id: number;
  fund_id: number;
  organisation_id: number;
  columns: ColumnType<ImportColumns, string, string>;
}

/** Which column of a partner's extract holds each field Concordat reads (by header name). */
export interface ImportColumns {
  costCentre: string;
  accountCode: string;
  date: string;
  amount: string;
  description?: string;
  supplier?: string;
  reference?: string;
}

export interface CostCentreMapTable {
  partnership_id: number;
  fund_id: number;
  organisation_id: number;
  cost_centre: string;
  account_code: Generated<string>;
  scheme_id: number;
}

export interface LedgerTables {
  import_profiles: ImportProfilesTable;
  cost_centre_map: CostCentreMapTable;
  funds: FundsTable;
  fund_contributions: FundContributionsTable;
  schemes: SchemesTable;
  scheme_budgets: SchemeBudgetsTable;
  scheme_profiles: SchemeProfilesTable;
  accounts: AccountsTable;
  fund_periods: FundPeriodsTable;
  ledger_imports: LedgerImportsTable;
  journal_entries: JournalEntriesTable;
  postings: PostingsTable;
  entry_reference_ranges: EntryReferenceRangesTable;
  scheme_actuals: SchemeActualsTable;
}

export type SettlementStatus = 'proposed' | 'approved' | 'posted' | 'reversed' | 'withdrawn';

export interface RiskSharePoliciesTable {
  partnership_id: number;
  fund_id: number;
  /** The ordered steps (riskShare.ts), validated with zod on the way in and out (ledger/settlement/schema.ts). */
  steps: ColumnType<unknown, string, string>;
  agreement_clause: Generated<string>;
  updated_by: string;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SettlementsTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  status: SettlementStatus;
  policy: ColumnType<unknown, string, never>;
  working: ColumnType<unknown, string, never>;
  computed_by: string;
  computed_at: CreatedAt;
  approved_by: string | null;
  approved_at: Date | null;
  decision_reference: string | null;
  posted_by: string | null;
  posted_at: Date | null;
  posted_entry_ids: ColumnType<number[], string | undefined, string>;
  reversed_by: string | null;
  reversed_at: Date | null;
  reversal_reason: string | null;
  reversal_entry_ids: ColumnType<number[], string | undefined, string>;
}

/** Risk share and year-end settlement (migration 0003). */
export interface SettlementTables {
  risk_share_policies: RiskSharePoliciesTable;
  settlements: SettlementsTable;
}
