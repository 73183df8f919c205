/** Table types of migration 0006: manual forecasts and published monitoring reports. */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

export interface SchemeForecastsTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  scheme_id: number;
  organisation_id: number | null;
  period: number;
  outturn_pence: number;
  commentary: string;
  author: string;
  author_user_id: number | null;
  recorded_at: CreatedAt;
}

export interface MonitoringReportsTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  period: number;
  method: 'run-rate' | 'profile';
  /** The published report (PublishedReport in ledger/monitoring/publication.ts), as JSON. */
  snapshot: ColumnType<unknown, string, never>;
  total_budget_pence: number;
  total_actual_pence: number;
  total_forecast_pence: number;
  published_by: string;
  published_by_user_id: number | null;
  published_at: CreatedAt;
}

export interface MonitoringTables {
  scheme_forecasts: SchemeForecastsTable;
  monitoring_reports: MonitoringReportsTable;
}
