/** The tables of the contracts register (issue 6, scope 4): see migration 0028 for what each holds. */
import type { ColumnType, Generated } from 'kysely';
import type { FundArrangement, KpiFrequency, KpiPolarity, ProcurementRoute } from './rules.js';

export interface ContractsTable {
  partnership_id: number;
  id: Generated<number>;
  reference: string;
  title: string;
  description: Generated<string>;
  department: Generated<string>;
  buyer_organisation_id: number;
  provider_name: string;
  provider_companies_house_number: string | null;
  provider_charity_number: string | null;
  provider_sme: boolean;
  provider_vcse: boolean;
  scheme_id: number | null;
  starts_on: string;
  ends_on: string;
  review_on: string | null;
  irrecoverable_vat_pence: Generated<number>;
  procurement_route: ProcurementRoute;
  procurement_id: number | null;
  lot_id: number | null;
  award_id: number | null;
  decision_id: number | null;
  illustrative: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface ContractServicesTable {
  partnership_id: number;
  contract_id: number;
  service_key: string;
}

export interface ContractExtensionOptionsTable {
  partnership_id: number;
  contract_id: number;
  position: number;
  months: number;
  exercised_on: string | null;
}

export interface ContractValueLinesTable {
  partnership_id: number;
  contract_id: number;
  financial_year: number;
  organisation_id: number;
  arrangement: FundArrangement;
  amount_pence: number;
}

export interface ContractKpisTable {
  partnership_id: number;
  id: Generated<number>;
  contract_id: number;
  name: string;
  target: string;
  unit: Generated<string>;
  frequency: KpiFrequency;
  polarity: KpiPolarity;
}

export interface ContractTables {
  contracts: ContractsTable;
  contract_services: ContractServicesTable;
  contract_extension_options: ContractExtensionOptionsTable;
  contract_value_lines: ContractValueLinesTable;
  contract_kpis: ContractKpisTable;
}
