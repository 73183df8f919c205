/**
 * The whole schema as one Kysely type, assembled from each domain's table interfaces. Each domain owns its
 * tables (DESIGN.md: "Nothing outside the folder writes its tables"); this file only joins the types.
 */
import type { AuditTables } from '../audit/index.js';
import type { AuthTables } from '../auth/index.js';
import type { LedgerTables, SettlementTables } from '../ledger/funds/index.js';
import type { MonitoringTables } from '../ledger/monitoring/index.js';
import type { PartnershipTables } from '../partnerships/index.js';
import type { AppraisalTables } from '../appraisal/appraisals/index.js';
import type { GovernanceTables } from '../governance/boards/index.js';
import type { ConductTables } from '../governance/conduct/index.js';
import type { DecisionSearchTables } from '../governance/decisions/index.js';
import type { CallInTables } from '../governance/callIn/index.js';
import type { ForwardPlanTables } from '../governance/forwardPlan/index.js';
import type { AppraisalDecisionTables } from '../appraisal/decisionLink/index.js';
import type { PaperTables } from '../governance/papers/index.js';
import type { InterestsTables } from '../governance/interests/index.js';
import type { CommissioningTables } from '../commissioning/savings/index.js';
import type { OutcomeTables } from '../commissioning/outcomes/index.js';
import type { ProjectTables } from '../commissioning/projects/index.js';
import type { ProcurementTables } from '../commissioning/procurement/index.js';
import type { ContractTables } from '../commissioning/contracts/index.js';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database
  extends
    AuditTables,
    AuthTables,
    LedgerTables,
    PartnershipTables,
    SettlementTables,
    AppraisalTables,
    GovernanceTables,
    MonitoringTables,
    DecisionSearchTables,
    CallInTables,
    ForwardPlanTables,
    AppraisalDecisionTables,
    PaperTables,
    InterestsTables,
    ConductTables,
    CommissioningTables,
    OutcomeTables,
    ProjectTables,
    ProcurementTables,
    ContractTables {
  settings: SettingsTable;
}
