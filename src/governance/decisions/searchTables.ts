/** The search document of each decision (migration 0016): maintained by triggers, read by governance/decisions/searchStore.ts. */
export interface DecisionSearchTable {
  partnership_id: number;
  decision_id: number;
  /** tsvector, built only from what the public may read of the decision; never selected, only matched. */
  document: string;
}

export interface DecisionSearchTables {
  decision_search: DecisionSearchTable;
}
