/** The public face of partnerships: the only file that other folders import. */
export { addDocument, createAgreement, listAgreements } from './agreementStore.js';
export { budgetYears, createBudgetArea, listBudgetAreas } from './budgetStore.js';
export { loadPartnership } from './routes/common.js';
export type { PartnershipParams } from './routes/common.js';
export {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  ARRANGEMENTS,
  budgetTotals,
  ORGANISATION_KINDS,
} from './rules.js';
export type {
  AgreementKind,
  AgreementStatus,
  Arrangement,
  LocalAuthorityTier,
  OrganisationInput,
  OrganisationKind,
} from './rules.js';
export { eligibilityFor, serviceByKey, SERVICES } from './serviceScope.js';
export {
  createOrganisation,
  createPartnership,
  getOrganisation,
  getPartnership,
  getPartnershipBySlug,
  listPartnerships,
  partnersOf,
  setSuccessor,
  updateOrganisation,
} from './store.js';
export type { PartnershipTables } from './tables.js';
