/** The tables of the commissioning domain (savings plans so far). */
import type { ColumnType, Generated } from 'kysely';
import type { BudgetLine, Confidence, SavingType } from './rules.js';

export interface SavingsLinesTable {
  partnership_id: number;
  id: Generated<number>;
  financial_year: number;
  organisation_id: number;
  budget_line: BudgetLine;
  description: string;
  project_reference: Generated<string>;
  /** The commissioning project that delivers it (migration 0027); null on older lines. */
  project_id: Generated<number | null>;
  saving_type: SavingType;
  confidence: Confidence;
  illustrative: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface SavingsMonthsTable {
  partnership_id: number;
  savings_line_id: number;
  period: number;
  planned_pence: number;
  achieved_pence: number | null;
}

export interface CommissioningTables {
  savings_lines: SavingsLinesTable;
  savings_months: SavingsMonthsTable;
}
