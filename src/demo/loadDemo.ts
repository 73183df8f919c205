/**
 * Loads the demonstration partnerships into an empty database, through the same store functions that the
 * pages use, so that the demo's audit log is a real chain.
 */
import { transaction, type Db, type Executor } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { createUser, grantRole } from '../auth/index.js';
import { createOrganisation, createPartnership, setSuccessor } from '../partnerships/index.js';
import { createAgreement } from '../partnerships/index.js';
import { createBudgetArea } from '../partnerships/index.js';
import { AGREEMENT_KINDS } from '../partnerships/index.js';
import { pence } from '../kernel/money.js';
import { DEMO_ORGANISATIONS, DEMO_PARTNERSHIPS, DEMO_PASSWORD, DEMO_USERS } from './data.js';
import { loadLedgerDemo } from './ledgerDemo.js';
import { loadSettlementDemo } from './settlementDemo.js';
import { linkAppraisalDemoToDecisions, loadAppraisalDemo } from './appraisalDemo.js';
import { loadGovernanceDemo } from './governanceDemo.js';
import { loadGovernanceDecisionsDemo } from './governanceDecisionsDemo.js';
import { loadCabinetDecisionsDemo } from './cabinetDecisionsDemo.js';
import { loadGovernanceDemoSomersetLuton } from './governanceDemoSomersetLuton.js';
import { loadGovernanceConductDemo } from './governanceConductDemo.js';
import { loadForwardPlanDemo } from './forwardPlanDemo.js';
import { loadCallInDemo } from './callInDemo.js';
import { loadDocumentsDemo } from './documentsDemo.js';
import { loadInterestsDemo } from './interestsDemo.js';
import { loadMonitoringDemo } from './monitoringDemo.js';
import { loadLedgerDemoSomersetLuton } from './ledgerDemoSomersetLuton.js';
import { loadSavingsDemo } from './savingsDemo.js';
import { loadOutcomesDemo } from './outcomesDemo.js';
import { loadProjectsDemo } from './projectsDemo.js';
import { loadProcurementDemo } from './procurementDemo.js';
import { loadContractsDemo } from './contractsDemo.js';

const actor = systemActor('demo loader');

/** True when the database holds no partnerships and no users: the demo may be loaded. */
export async function isEmpty(db: Executor): Promise<boolean> {
  const p = await db.selectFrom('partnerships').select('id').limit(1).executeTakeFirst();
  const u = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !p && !u;
}

export interface DemoSummary {
  organisations: number;
  partnerships: number;
  users: { email: string; name: string; roles: string }[];
  password: string;
}

/** Loads the register in one transaction (it lands whole or not at all), then the pool's year of imports. */
export async function loadDemo(db: Db): Promise<DemoSummary> {
  const summary = await transaction(db, async (trx) => {
    const orgIds = new Map<string, number>();
    for (const o of DEMO_ORGANISATIONS) {
      orgIds.set(
        o.key,
        await createOrganisation(trx, actor, {
          name: o.name,
          shortName: o.shortName,
          kind: o.kind,
          laTier: o.laTier ?? null,
          odsCode: o.odsCode ?? null,
          gssCode: o.gssCode ?? null,
          existsFrom: o.existsFrom ?? null,
          existsTo: o.existsTo ?? null,
          illustrative: o.illustrative ?? false,
        }),
      );
    }
    const org = (key: string): number => {
      const id = orgIds.get(key);
      if (id === undefined) throw new Error(`Demo data names an unknown organisation: ${key}`);
      return id;
    };
    for (const o of DEMO_ORGANISATIONS)
      if (o.successor) await setSuccessor(trx, actor, org(o.key), org(o.successor));

    const partnershipIds = new Map<string, number>();
    for (const p of DEMO_PARTNERSHIPS) {
      const pid = await createPartnership(trx, actor, {
        name: p.name,
        slug: p.slug,
        description: p.description,
        formedOn: p.formedOn,
        organisationIds: p.partners.map(org),
        illustrative: true,
      });
      partnershipIds.set(p.slug, pid);
      for (const a of p.agreements) {
        await createAgreement(trx, actor, pid, {
          kind: a.kind,
          title: a.title,
          legalBasis: AGREEMENT_KINDS[a.kind].basis,
          legallyBinding: AGREEMENT_KINDS[a.kind].legallyBinding,
          status: a.status,
          startsOn: a.startsOn,
          endsOn: a.endsOn ?? null,
          hostOrganisationId: a.host ? org(a.host) : null,
          summary: a.summary,
          partyIds: p.partners.map(org),
          illustrative: a.illustrative ?? false,
        });
      }
      for (const b of p.budget) {
        await createBudgetArea(trx, actor, pid, {
          financialYear: b.year,
          name: b.name,
          arrangement: b.arrangement,
          hostOrganisationId: b.host ? org(b.host) : null,
          notes: b.notes ?? 'Figures illustrative: the seed documents do not break the budget down.',
          contributions: Object.entries(b.pence).map(([key, amount]) => ({
            organisationId: org(key),
            amountPence: pence(amount),
          })),
          illustrative: true,
        });
      }
    }

    const users = [];
    for (const u of DEMO_USERS) {
      const userId = await createUser(trx, actor, {
        email: u.email,
        name: u.name,
        password: DEMO_PASSWORD,
        isSystemAdmin: u.systemAdmin ?? false,
      });
      for (const r of u.roles) {
        const pid = partnershipIds.get(r.partnership);
        if (pid === undefined) throw new Error(`Demo user names an unknown partnership: ${r.partnership}`);
        await grantRole(trx, actor, userId, pid, r.role, r.organisation ? org(r.organisation) : null);
      }
      users.push({
        email: u.email,
        name: u.name,
        roles: u.systemAdmin
          ? 'system administrator'
          : u.roles.map((r) => `${r.role.replace(/_/g, ' ')} (${r.partnership})`).join(', '),
      });
    }
    return {
      summary: {
        organisations: DEMO_ORGANISATIONS.length,
        partnerships: DEMO_PARTNERSHIPS.length,
        users,
        password: DEMO_PASSWORD,
      },
      southampton: {
        partnershipId: partnershipIds.get('southampton') ?? 0,
        ccg: org('sotonCcg'),
        council: org('sotonCouncil'),
      },
    };
  });
  // The pool's year of ledger imports: each import is its own transaction, as it is for a finance officer.
  await loadLedgerDemo(
    db,
    summary.southampton.partnershipId,
    summary.southampton.ccg,
    summary.southampton.council,
  );
  // Contribution instalments and receipts (Southampton's too) before the year-end settlement, which posts only
  // the contributions that the journal does not hold yet.
  await loadLedgerDemoSomersetLuton(db);
  await loadSettlementDemo(db, summary.southampton.partnershipId);
  await loadAppraisalDemo(db, summary.southampton.partnershipId);
  const boardId = await loadGovernanceDemo(
    db,
    summary.southampton.partnershipId,
    summary.southampton.ccg,
    summary.southampton.council,
  );
  await loadForwardPlanDemo(db, summary.southampton.partnershipId);
  await loadGovernanceDecisionsDemo(db, summary.southampton.partnershipId, boardId);
  await loadGovernanceConductDemo(db, summary.southampton.partnershipId);
  const cabinet = await loadCabinetDecisionsDemo(
    db,
    summary.southampton.partnershipId,
    summary.southampton.council,
  );
  // each seed decision rests on its option appraisal, which the link freezes (issue 5)
  await linkAppraisalDemoToDecisions(db, summary.southampton.partnershipId, {
    october2013: cabinet.icu,
    july2017: cabinet.sharedCommissioning,
  });
  await loadGovernanceDemoSomersetLuton(db);
  await loadCallInDemo(
    db,
    summary.southampton.partnershipId,
    summary.southampton.ccg,
    summary.southampton.council,
  );
  await loadDocumentsDemo(db, summary.southampton.partnershipId);
  await loadInterestsDemo(db, summary.southampton.partnershipId);
  // Forecasts with commentary, and the monthly monitoring reports published to the board.
  await loadMonitoringDemo(db, summary.southampton.partnershipId);
  // Southampton's 2016-17 savings: £6.4m from its three budgets (issue 6)
  await loadSavingsDemo(
    db,
    summary.southampton.partnershipId,
    summary.southampton.ccg,
    summary.southampton.council,
  );
  await loadOutcomesDemo(db, summary.southampton.partnershipId);
  await loadProjectsDemo(
    db,
    summary.southampton.partnershipId,
    summary.southampton.ccg,
    summary.southampton.council,
  );
  // Luton's joint procurement, then the contracts let from it and Southampton's (issue 6)
  await loadProcurementDemo(db);
  await loadContractsDemo(
    db,
    summary.southampton.partnershipId,
    summary.southampton.ccg,
    summary.southampton.council,
  );
  return summary.summary;
}
