/**
 * The whole schema as one Kysely type, assembled from each domain's table interfaces. Each domain owns its
 * tables (DESIGN.md: "Nothing outside the folder writes its tables"); this file only joins the types.
 */
import type { AuditTables } from '../audit/tables.js';
import type { AuthTables } from '../auth/tables.js';
import type { LedgerTables, SettlementTables } from '../ledger/tables.js';
import type { MonitoringTables } from '../ledger/monitoringTables.js';
import type { PartnershipTables } from '../partnerships/tables.js';
import type { AppraisalTables } from '../appraisal/tables.js';
import type { GovernanceTables } from '../governance/tables.js';
import type { ConductTables } from '../governance/conductTables.js';
import type { DecisionSearchTables } from '../governance/decisionSearchTables.js';
import type { CallInTables } from '../governance/callInTables.js';
import type { ForwardPlanTables } from '../governance/forwardPlanTables.js';
import type { AppraisalDecisionTables } from '../appraisal/decisionTables.js';
import type { PaperTables } from '../governance/paperTables.js';
import type { InterestsTables } from '../governance/interestsTables.js';
import type { CommissioningTables } from '../commissioning/tables.js';
import type { OutcomeTables } from '../commissioning/outcomeTables.js';
import type { ProjectTables } from '../commissioning/projectTables.js';
import type { ProcurementTables } from '../commissioning/procurementTables.js';
import type { ContractTables } from '../commissioning/contractTables.js';

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
