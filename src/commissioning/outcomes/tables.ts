/** The tables of outcome measures (migration 0025): definitions, values and targets by period, interventions. */
import type { ColumnType, Generated } from 'kysely';
import type { Frequency, MeasureSource, Multiplier, Polarity, Standardisation } from './rules.js';

type CreatedAt = ColumnType<Date, never, never>;
/** numeric columns: read as a decimal string, written as a string or number. */
type Numeric = ColumnType<string, string | number, string | number>;

export interface OutcomeMeasuresTable {
  partnership_id: number;
  id: Generated<number>;
  code: string;
  catalogue_code: string | null;
  version: Generated<string>;
  name: string;
  numerator_description: string;
  denominator_description: Generated<string>;
  multiplier: Multiplier;
  standardisation: Standardisation;
  unit: string;
  polarity: Polarity;
  source: MeasureSource;
  frequency: Frequency;
  decimals: Generated<number>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface OutcomeValuesTable {
  partnership_id: number;
  measure_id: number;
  period: string;
  period_start: string;
  numerator: Numeric;
  denominator: ColumnType<string | null, string | number | null, string | number | null>;
  published_value: ColumnType<string | null, string | number | null, string | number | null>;
  illustrative: Generated<boolean>;
  recorded_at: ColumnType<Date, Date | undefined, Date>;
}

export interface OutcomeTargetsTable {
  partnership_id: number;
  measure_id: number;
  period: string;
  period_start: string;
  target: Numeric;
}

export interface OutcomeInterventionsTable {
  partnership_id: number;
  id: Generated<number>;
  measure_id: number;
  started_on: string;
  label: string;
  description: Generated<string>;
  illustrative: Generated<boolean>;
  created_at: CreatedAt;
}

export interface OutcomeTables {
  outcome_measures: OutcomeMeasuresTable;
  outcome_values: OutcomeValuesTable;
  outcome_targets: OutcomeTargetsTable;
  outcome_interventions: OutcomeInterventionsTable;
}
