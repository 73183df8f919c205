/**
 * Every route, visited as the public and as each role: who gets the page and who is refused. The table of who
 * may do what is written out here by hand, so that a change to the policy has to change this test too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../test/support/steps.js';
import {
  makeAgreement,
  makeAppraisal,
  makeBudgetArea,
  makeDocument,
  makeFundWithScheme,
  makeBoardWithMeeting,
  makeJournalEntry,
  makeOrganisation,
  makePartnership,
  makePublishedReport,
  makePublishedDecision,
  makeUser,
  startApp,
} from '../../test/support/fixtures.js';
import type { Agent } from '../../test/support/agent.js';

const PRINCIPALS = [
  'public',
  'sysadmin',
  'administrator',
  'finance',
  'commissioning',
  'democratic',
  'board',
  'scrutiny',
  'outsider',
] as const;
type Who = (typeof PRINCIPALS)[number];

const ALL: readonly Who[] = PRINCIPALS;
const SIGNED_IN = PRINCIPALS.filter((p) => p !== 'public');
const IN_PARTNERSHIP: readonly Who[] = [
  'sysadmin',
  'administrator',
  'finance',
  'commissioning',
  'democratic',
  'board',
  'scrutiny',
];
const OFFICERS: readonly Who[] = ['sysadmin', 'administrator', 'finance', 'commissioning', 'democratic'];
const ADMINS: readonly Who[] = ['sysadmin', 'administrator'];
const AGREEMENT_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'commissioning', 'democratic'];
const BUDGET_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'finance'];
// organisations are shared: any partnership's administrator may keep them (the outsider administers another partnership)
const ORGANISATION_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'outsider'];
const SYSADMIN: readonly Who[] = ['sysadmin'];
const APPRAISAL_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'commissioning'];
const GOVERNANCE_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'democratic'];
const CALL_IN_REQUESTERS: readonly Who[] = ['sysadmin', 'administrator', 'scrutiny'];
const SAVINGS_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'finance', 'commissioning'];
const OUTCOME_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'commissioning'];
const COMMISSIONING_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'commissioning'];
const UNIT_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'finance', 'commissioning'];
const PROCUREMENT_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'commissioning'];
const CONTRACT_EDITORS: readonly Who[] = ['sysadmin', 'administrator', 'finance', 'commissioning'];

/** Route patterns, and who may use them. `:x` parameters are filled from the fixtures; MISSING ids give 404s. */
const ROUTES: [method: 'GET' | 'POST', pattern: string, allowed: readonly Who[]][] = [
  ['GET', '/', ALL],
  ['GET', '/accessibility', ALL],
  ['GET', '/healthz', ALL],
  ['GET', '/assets/application.css', ALL],
  ['GET', '/assets/govuk-frontend.min.js', ALL],
  ['GET', '/assets/application.js', ALL],
  ['GET', '/assets/favicon.svg', ALL],
  ['GET', '/favicon.ico', ALL],
  ['GET', '/public/partnerships', ALL],
  ['GET', '/public/partnerships/:slug', ALL],
  ['GET', '/sign-in', ALL],
  ['POST', '/sign-in', ALL],
  ['GET', '/partnerships', SIGNED_IN],
  ['GET', '/partnerships/new', SYSADMIN],
  ['POST', '/partnerships', SYSADMIN],
  ['GET', '/partnerships/:partnershipId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/budget.csv', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/edit', ADMINS],
  ['POST', '/partnerships/:partnershipId/edit', ADMINS],
  ['GET', '/partnerships/:partnershipId/history', OFFICERS],
  ['GET', '/organisations', SIGNED_IN],
  ['GET', '/organisations/new', ORGANISATION_EDITORS],
  ['POST', '/organisations', ORGANISATION_EDITORS],
  ['GET', '/organisations/:organisationId', SIGNED_IN],
  ['GET', '/organisations/:organisationId/edit', ORGANISATION_EDITORS],
  ['POST', '/organisations/:organisationId/edit', ORGANISATION_EDITORS],
  ['GET', '/partnerships/:partnershipId/agreements/new', AGREEMENT_EDITORS],
  ['POST', '/partnerships/:partnershipId/agreements', AGREEMENT_EDITORS],
  ['GET', '/partnerships/:partnershipId/agreements/:agreementId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/agreements/:agreementId/edit', AGREEMENT_EDITORS],
  ['POST', '/partnerships/:partnershipId/agreements/:agreementId/edit', AGREEMENT_EDITORS],
  ['POST', '/partnerships/:partnershipId/agreements/:agreementId/documents', AGREEMENT_EDITORS],
  ['GET', '/partnerships/:partnershipId/documents/:documentId', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/documents/:documentId/delete', AGREEMENT_EDITORS],
  ['GET', '/partnerships/:partnershipId/budget-areas/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/budget-areas', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/budget-areas/:budgetAreaId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/budget-areas/:budgetAreaId/edit', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/budget-areas/:budgetAreaId/edit', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/budget-areas/:budgetAreaId/delete', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/imports/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/imports', BUDGET_EDITORS],
  // a job is its starter's own: allowed users get 404 for an id they did not start
  ['GET', '/partnerships/:partnershipId/funds/:fundId/imports/jobs/:jobId', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/monitoring', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/monitoring.csv', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/schemes/:schemeId/postings', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/contributions/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/contributions', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/variations/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/variations', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/schemes/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/schemes', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/schemes/:schemeId/edit', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/schemes/:schemeId/edit', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/import-profiles/:organisationId', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/import-profiles/:organisationId', BUDGET_EDITORS],
  ['GET', '/services', ALL],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/risk-share', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/risk-share/edit', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/risk-share', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/statements', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/statements/:quarter/:organisationId', IN_PARTNERSHIP],
  [
    'GET',
    '/partnerships/:partnershipId/funds/:fundId/statements/:quarter/:organisationId/statement.csv',
    IN_PARTNERSHIP,
  ],
  [
    'GET',
    '/partnerships/:partnershipId/funds/:fundId/statements/:quarter/:organisationId/statement.pdf',
    IN_PARTNERSHIP,
  ],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/settlement', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/settlement', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/working.csv', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/approve', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/post', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/withdraw', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/reverse', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/appraisals/new', APPRAISAL_EDITORS],
  ['POST', '/partnerships/:partnershipId/appraisals', APPRAISAL_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/appraisal.xlsx', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/appraisals/:appraisalId/freeze', APPRAISAL_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/options/new', APPRAISAL_EDITORS],
  ['POST', '/partnerships/:partnershipId/appraisals/:appraisalId/options', APPRAISAL_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/stages/new', APPRAISAL_EDITORS],
  ['POST', '/partnerships/:partnershipId/appraisals/:appraisalId/stages', APPRAISAL_EDITORS],
  [
    'GET',
    '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/decisions/new',
    APPRAISAL_EDITORS,
  ],
  [
    'POST',
    '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/decisions',
    APPRAISAL_EDITORS,
  ],
  [
    'GET',
    '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/criteria/new',
    APPRAISAL_EDITORS,
  ],
  [
    'POST',
    '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/criteria',
    APPRAISAL_EDITORS,
  ],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/weights', APPRAISAL_EDITORS],
  ['POST', '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/weights', APPRAISAL_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/scores', APPRAISAL_EDITORS],
  ['POST', '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/scores', APPRAISAL_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/subset', APPRAISAL_EDITORS],
  ['POST', '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/subset', APPRAISAL_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/decision', APPRAISAL_EDITORS],
  ['POST', '/partnerships/:partnershipId/appraisals/:appraisalId/decision', APPRAISAL_EDITORS],
  ['GET', '/partnerships/:partnershipId/appraisals/:appraisalId/report', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/boards', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/boards/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/edit', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/edit', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/memberships/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/memberships', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/memberships/:membershipId/edit', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/memberships/:membershipId/edit', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/meetings', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/meetings/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/meetings', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/schedule', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/schedule', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/publish', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/status', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/items/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/items', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/edit', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/edit', GOVERNANCE_EDITORS],
  ['GET', '/public/partnerships/:slug/boards', ALL],
  ['GET', '/public/partnerships/:slug/boards/:boardId', ALL],
  ['GET', '/public/partnerships/:slug/meetings/:meetingId', ALL],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/decision/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/decision', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/decisions/:decisionId', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/decisions/:decisionId/publish', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/decisions/:decisionId/call-in', CALL_IN_REQUESTERS],
  ['GET', '/public/partnerships/:slug/decisions/:decisionId', ALL],
  ['GET', '/partnerships/:partnershipId/decisions/:decisionId/call-in', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/decisions/:decisionId/call-in/steps', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/constitution', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/constitution/:organisationId', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/constitution/:organisationId', GOVERNANCE_EDITORS],
  ['GET', '/admin/bank-holidays', SYSADMIN],
  ['POST', '/admin/bank-holidays', SYSADMIN],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/forward-plan', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/forward-plan/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/forward-plan', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/forward-plan/:entryId', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/forward-plan/:entryId/publish', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/forward-plan/:entryId/:route/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/forward-plan/:entryId/:route', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/delegated-decisions/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/delegated-decisions', GOVERNANCE_EDITORS],
  ['GET', '/public/partnerships/:slug/forward-plan', ALL],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/attendance', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/attendance', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/conduct', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/declarations', GOVERNANCE_EDITORS],
  [
    'POST',
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/declarations/:declarationId/remove',
    GOVERNANCE_EDITORS,
  ],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/motion', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/minutes', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/minutes/draft', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/minutes', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/minutes/approve', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/attendance', IN_PARTNERSHIP],
  ['GET', '/public/partnerships/:slug/meetings/:meetingId/record', ALL],
  ['GET', '/public/partnerships/:slug/boards/:boardId/attendance', ALL],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/papers/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/meetings/:meetingId/papers', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/papers/:paperId', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/papers/:paperId/versions', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/papers/:paperId/versions/:version', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/agenda-pack.pdf', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/decisions/:decisionId/notice.pdf', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/retention', GOVERNANCE_EDITORS],
  ['GET', '/public/partnerships/:slug/papers/:paperId', ALL],
  ['GET', '/public/partnerships/:slug/meetings/:meetingId/agenda-pack.pdf', ALL],
  ['GET', '/public/partnerships/:slug/decisions/:decisionId/notice.pdf', ALL],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/interests', IN_PARTNERSHIP],
  [
    'GET',
    '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/interests/new',
    GOVERNANCE_EDITORS,
  ],
  [
    'POST',
    '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/interests',
    GOVERNANCE_EDITORS,
  ],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/interests/:interestId/edit', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/interests/:interestId/edit', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/interests/:interestId/review', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/gifts/new', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/gifts', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/boards/:boardId/gifts/:giftId/edit', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/gifts/:giftId/edit', GOVERNANCE_EDITORS],
  ['POST', '/partnerships/:partnershipId/boards/:boardId/gifts/:giftId/review', GOVERNANCE_EDITORS],
  ['GET', '/partnerships/:partnershipId/meetings/:meetingId/conflicts', IN_PARTNERSHIP],
  ['GET', '/public/partnerships/:slug/boards/:boardId/interests', ALL],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/monitoring.xlsx', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/forecasts/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/forecasts', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/reports', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/reports', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/reports/:reportId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/reports/:reportId/workbook.xlsx', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/bcf/expenditure-plan.xlsx', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/bcf/year-end-actuals.xlsx', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/monitoring', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/monitoring.xlsx', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/journal', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/journal/entries/:entryId', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/journal/entries/:entryId/reverse', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/journal/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/journal', BUDGET_EDITORS],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/trial-balance', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/accounts/:code', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/periods', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/periods/:period/close', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/contributions/instalments', BUDGET_EDITORS],
  ['GET', '/public/partnerships/:slug/pooled-funds', ALL],
  ['GET', '/partnerships/:partnershipId/funds/:fundId/contributions/receipts/new', BUDGET_EDITORS],
  ['POST', '/partnerships/:partnershipId/funds/:fundId/contributions/receipts', BUDGET_EDITORS],
  ['GET', '/admin/users', SYSADMIN],
  ['GET', '/admin/users/new', SYSADMIN],
  ['POST', '/admin/users', SYSADMIN],
  ['GET', '/admin/users/:userId', SYSADMIN],
  ['POST', '/admin/users/:userId/roles', SYSADMIN],
  ['GET', '/public/partnerships/:slug/decisions', ALL],
  ['GET', '/public/partnerships/:slug/decisions.atom', ALL],
  ['GET', '/public/partnerships/:slug/boards/:boardId/meetings.ics', ALL],
  ['GET', '/public/partnerships/:slug/open-data', ALL],
  ['GET', '/public/partnerships/:slug/open-data/:file', ALL],
  ['GET', '/partnerships/:partnershipId/dashboard', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/savings', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/savings.csv', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/savings/new', SAVINGS_EDITORS],
  ['POST', '/partnerships/:partnershipId/savings', SAVINGS_EDITORS],
  ['GET', '/partnerships/:partnershipId/savings/:savingsLineId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/savings/:savingsLineId/edit', SAVINGS_EDITORS],
  ['POST', '/partnerships/:partnershipId/savings/:savingsLineId', SAVINGS_EDITORS],
  ['POST', '/partnerships/:partnershipId/savings/:savingsLineId/achieved', SAVINGS_EDITORS],
  ['GET', '/partnerships/:partnershipId/outcomes', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/outcomes/new', OUTCOME_EDITORS],
  ['POST', '/partnerships/:partnershipId/outcomes', OUTCOME_EDITORS],
  ['GET', '/partnerships/:partnershipId/outcomes/import', OUTCOME_EDITORS],
  ['POST', '/partnerships/:partnershipId/outcomes/import', OUTCOME_EDITORS],
  ['GET', '/partnerships/:partnershipId/outcomes/:measureId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/outcomes/:measureId/values.csv', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/outcomes/:measureId/targets', OUTCOME_EDITORS],
  ['POST', '/partnerships/:partnershipId/outcomes/:measureId/interventions', OUTCOME_EDITORS],
  ['POST', '/partnerships/:partnershipId/savings/:savingsLineId/project', SAVINGS_EDITORS],
  ['GET', '/partnerships/:partnershipId/priorities', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/priorities/new', COMMISSIONING_EDITORS],
  ['POST', '/partnerships/:partnershipId/priorities', COMMISSIONING_EDITORS],
  ['GET', '/partnerships/:partnershipId/priorities/:priorityId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/priorities/:priorityId/edit', COMMISSIONING_EDITORS],
  ['POST', '/partnerships/:partnershipId/priorities/:priorityId/edit', COMMISSIONING_EDITORS],
  ['GET', '/partnerships/:partnershipId/projects', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/projects/new', COMMISSIONING_EDITORS],
  ['POST', '/partnerships/:partnershipId/projects', COMMISSIONING_EDITORS],
  ['GET', '/partnerships/:partnershipId/projects/:projectId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/projects/:projectId/edit', COMMISSIONING_EDITORS],
  ['POST', '/partnerships/:partnershipId/projects/:projectId/edit', COMMISSIONING_EDITORS],
  ['POST', '/partnerships/:partnershipId/projects/:projectId/stage', COMMISSIONING_EDITORS],
  ['GET', '/partnerships/:partnershipId/unit', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/unit/posts/new', UNIT_EDITORS],
  ['POST', '/partnerships/:partnershipId/unit/posts', UNIT_EDITORS],
  ['GET', '/partnerships/:partnershipId/unit/budget', UNIT_EDITORS],
  ['POST', '/partnerships/:partnershipId/unit/budget', UNIT_EDITORS],
  ['GET', '/partnerships/:partnershipId/procurements', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/procurements/new', PROCUREMENT_EDITORS],
  ['POST', '/partnerships/:partnershipId/procurements', PROCUREMENT_EDITORS],
  ['GET', '/partnerships/:partnershipId/procurements/:procurementId', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/procurements/:procurementId/lots/new', PROCUREMENT_EDITORS],
  ['POST', '/partnerships/:partnershipId/procurements/:procurementId/lots', PROCUREMENT_EDITORS],
  ['GET', '/partnerships/:partnershipId/procurements/:procurementId/bids/new', PROCUREMENT_EDITORS],
  ['POST', '/partnerships/:partnershipId/procurements/:procurementId/bids', PROCUREMENT_EDITORS],
  ['GET', '/partnerships/:partnershipId/procurements/:procurementId/bids/:bidId/scores', PROCUREMENT_EDITORS],
  [
    'POST',
    '/partnerships/:partnershipId/procurements/:procurementId/bids/:bidId/scores',
    PROCUREMENT_EDITORS,
  ],
  ['GET', '/partnerships/:partnershipId/procurements/:procurementId/awards/new', PROCUREMENT_EDITORS],
  ['POST', '/partnerships/:partnershipId/procurements/:procurementId/awards', PROCUREMENT_EDITORS],
  ['GET', '/partnerships/:partnershipId/contracts', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/contracts/new', CONTRACT_EDITORS],
  ['POST', '/partnerships/:partnershipId/contracts', CONTRACT_EDITORS],
  ['GET', '/partnerships/:partnershipId/contracts/:contractId', IN_PARTNERSHIP],
  ['POST', '/partnerships/:partnershipId/contracts/:contractId/values', CONTRACT_EDITORS],
  ['POST', '/partnerships/:partnershipId/contracts/:contractId/extensions', CONTRACT_EDITORS],
  ['POST', '/partnerships/:partnershipId/contracts/:contractId/kpis', CONTRACT_EDITORS],
  ['GET', '/partnerships/:partnershipId/contracts/ocds-releases.json', IN_PARTNERSHIP],
  ['GET', '/partnerships/:partnershipId/contracts/ocds-records.json', IN_PARTNERSHIP],
  ['GET', '/public/partnerships/:slug/contracts.csv', ALL],
  ['GET', '/public/partnerships/:slug/contracts/ocds-releases.json', ALL],
  ['GET', '/public/partnerships/:slug/contracts/ocds-records.json', ALL],
  // last: it ends the session
  ['POST', '/sign-out', ALL],
];

describe('permissions on every route', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  const agents = new Map<Who, Agent>();
  const params: Record<string, string> = {};

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db, { name: 'Partner A' });
    const b = await makeOrganisation(t.db, { name: 'Partner B' });
    const pid = await makePartnership(t.db, [a, b], 'Partnership P');
    const other = await makePartnership(t.db, [a, b], 'Partnership Q');
    const agreementId = await makeAgreement(t.db, pid, [a, b]);
    params.partnershipId = String(pid);
    params.slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    params.organisationId = String(a);
    params.agreementId = String(agreementId);
    params.documentId = String(await makeDocument(t.db, pid, agreementId));
    params.budgetAreaId = String(await makeBudgetArea(t.db, pid, a, [[a, 100]]));
    params.userId = String(await makeUser(t.db, 'sysadmin@test.example', [], true));
    const fund = await makeFundWithScheme(t.db, pid, a, b);
    params.fundId = String(fund.fundId);
    params.schemeId = String(fund.schemeId);
    params.quarter = 'Q1';
    // no such settlement: allowed users get 404, refused ones 403
    params.settlementId = '999999';
    const appraisal = await makeAppraisal(t.db, pid);
    params.appraisalId = String(appraisal.appraisalId);
    params.stageId = String(appraisal.stageIds[0]);
    const governance = await makeBoardWithMeeting(t.db, pid, a, b);
    params.boardId = String(governance.boardId);
    params.membershipId = String(governance.membershipId);
    params.meetingId = String(governance.meetingId);
    params.itemId = String(governance.itemId);
    params.decisionId = String(
      await makePublishedDecision(t.db, pid, governance.meetingId, governance.itemId),
    );
    params.reportId = String(await makePublishedReport(t.db, pid, fund.fundId));
    params.entryId = String(await makeJournalEntry(t.db, pid, fund.fundId));
    params.route = 'general-exception';
    params.declarationId = '999999';
    params.code = 'HOST';
    params.file = 'popolo.json';
    params.period = '1';
    params.jobId = 'not-a-job';
    // no such paper: allowed users get 404, refused ones 403
    params.paperId = '999999';
    params.version = '1';
    // no such interest or gift: allowed users get 404, refused ones 403
    params.interestId = '999999';
    params.giftId = '999999';
    // no such savings line: allowed users get 404, refused ones 403
    params.savingsLineId = '999999';
    // no such outcome measure: allowed users get 404, refused ones 403
    params.measureId = '999999';
    // no such priority or project: allowed users get 404, refused ones 403
    params.priorityId = '999999';
    params.projectId = '999999';
    // no such procurement or bid: allowed users get 404, refused ones 403
    params.procurementId = '999999';
    params.bidId = '999999';
    // no such contract: allowed users get 404, refused ones 403
    params.contractId = '999999';
    const roles = {
      administrator: 'administrator',
      finance: 'finance_officer',
      commissioning: 'commissioning_officer',
      democratic: 'democratic_services_officer',
      board: 'board_member',
      scrutiny: 'scrutiny_member',
    } as const;
    // the finance officer works for the fund's host (a), who alone may set up its pooled fund
    for (const [who, role] of Object.entries(roles))
      await makeUser(t.db, `${who}@test.example`, [[pid, role, role === 'finance_officer' ? a : undefined]]);
    await makeUser(t.db, 'outsider@test.example', [[other, 'administrator']]);
    agents.set('public', t.agent());
    for (const who of SIGNED_IN) agents.set(who, await t.signedIn(`${who}@test.example`));
  });
  afterAll(() => t.close());

  it('has a row in this table for every route the application registers', () => {
    const registered = t.app.routeTable.map((r) => `${r.method} ${r.url}`).sort();
    const tabled = ROUTES.map(([m, p]) => `${m} ${p.replace(':slug', ':slug')}`).sort();
    expect(tabled).toEqual(registered);
  });

  for (const [method, pattern, allowed] of ROUTES) {
    it(`${method} ${pattern}: allows ${allowed.length === PRINCIPALS.length ? 'everyone' : allowed.join(', ')}`, async () => {
      for (const who of PRINCIPALS) {
        // destructive routes are tried on an id that does not exist: allowed users get 404, refused ones 403
        const destructive = pattern.endsWith('/delete');
        const url = pattern.replace(/:(\w+)/g, (_, name: string) =>
          destructive && name !== 'partnershipId' ? '999999' : (params[name] ?? ''),
        );
        const agent = agents.get(who)!;
        const res = method === 'GET' ? await agent.get(url) : await agent.post(url, {});
        const location = res.headers.location ?? '';
        const refused =
          res.statusCode === 403 ||
          (res.statusCode === 303 && location.startsWith('/sign-in') && pattern !== '/sign-in');
        expect(res.statusCode, `${who} ${method} ${url}`).toBeLessThan(500);
        if (allowed.includes(who)) {
          expect(
            refused,
            `${who} should be allowed ${method} ${url} (got ${res.statusCode} ${location})`,
          ).toBe(false);
        } else {
          expect(refused, `${who} should be refused ${method} ${url} (got ${res.statusCode})`).toBe(true);
          if (who === 'public') expect(res.statusCode).toBe(303);
          else expect(res.statusCode).toBe(403);
        }
      }
    });
  }
});
