/** The closed vocabularies of procurements, shared by the tables, the rules and the forms. */

export type RegimeId = 'pcr_2015' | 'procurement_act_2023' | 'psr_2023';

export type ProcedureId =
  | 'open'
  | 'restricted'
  | 'competitive_negotiation'
  | 'competitive_dialogue'
  | 'innovation_partnership'
  | 'light_touch'
  | 'competitive_flexible'
  | 'psr_direct_award_a'
  | 'psr_direct_award_b'
  | 'psr_direct_award_c'
  | 'psr_most_suitable_provider'
  | 'psr_competitive';

export type BidStructure = 'single' | 'alliance' | 'lead_with_subcontractors';
export type BidMemberRole = 'sole' | 'member' | 'lead' | 'subcontractor';
export type CriterionCategory = 'quality' | 'price' | 'social_value';
export type PriceScoring = 'lowest_price_ratio' | 'scored';
