/**
 * The whole schema as one Kysely type, assembled from each domain's table interfaces. Each domain owns its
 * tables (DESIGN.md: "Nothing outside the folder writes its tables"); this file only joins the types.
 */
import type { AuditTables } from '../audit/tables.js';
import type { AuthTables } from '../auth/tables.js';
import type { LedgerTables, SettlementTables } from '../ledger/funds/tables.js';
import type { MonitoringTables } from '../ledger/monitoring/tables.js';
import type { PartnershipTables } from '../partnerships/tables.js';
import type { AppraisalTables } from '../appraisal/appraisals/tables.js';
import type { GovernanceTables } from '../governance/boards/tables.js';
import type { ConductTables } from '../governance/conduct/tables.js';
import type { DecisionSearchTables } from '../governance/decisions/searchTables.js';
import type { CallInTables } from '../governance/callIn/tables.js';
import type { ForwardPlanTables } from '../governance/forwardPlan/tables.js';
import type { AppraisalDecisionTables } from '../appraisal/decisionLink/tables.js';
import type { PaperTables } from '../governance/papers/tables.js';
import type { InterestsTables } from '../governance/interests/tables.js';
import type { CommissioningTables } from '../commissioning/savings/tables.js';
import type { OutcomeTables } from '../commissioning/outcomes/tables.js';
import type { ProjectTables } from '../commissioning/projects/tables.js';
import type { ProcurementTables } from '../commissioning/procurement/tables.js';
import type { ContractTables } from '../commissioning/contracts/tables.js';

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
