/**
 * Risk share and settlement: the SQL. The fund's risk-share policy (one per fund, each change audited), the
 * settlements and their status, and the facts a settlement or a partner statement reads from the ledger.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { partnersOf } from '../../partnerships/index.js';
import { pence } from '../../kernel/money.js';
import type { RiskSharePolicy, SchemeVariance } from './riskShare.js';
import { readStoredPolicy } from './schema.js';
import { accountCodes, contributionsOf, type Fund } from '../funds/index.js';
import { listSchemes } from '../funds/index.js';
import { accountBalances } from '../journal/index.js';
import type { SettlementFacts } from './working.js';
import type { SettlementStatus } from '../funds/index.js';

export interface StoredPolicy {
  policy: RiskSharePolicy;
  agreementClause: string;
  updatedBy: string;
  updatedAt: Date;
}

export async function getRiskSharePolicy(
  db: Executor,
  partnershipId: number,
  fundId: number,
): Promise<StoredPolicy | null> {
  const row = await db
    .selectFrom('risk_share_policies')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    policy: readStoredPolicy(row.steps),
    agreementClause: row.agreement_clause,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Records the fund's risk-share policy (replacing any before it), audited with before and after. */
export async function setRiskSharePolicy(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  policy: RiskSharePolicy,
  agreementClause: string,
): Promise<void> {
  const before = await getRiskSharePolicy(trx, partnershipId, fundId);
  const steps = JSON.stringify(readStoredPolicy(policy.steps).steps);
  await trx
    .insertInto('risk_share_policies')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      steps,
      agreement_clause: agreementClause,
      updated_by: actor.label,
    })
    .onConflict((oc) =>
      oc.columns(['partnership_id', 'fund_id']).doUpdateSet({
        steps,
        agreement_clause: agreementClause,
        updated_by: actor.label,
        updated_at: new Date(),
      }),
    )
    .execute();
  await recordAuditEvent(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'risk_share_policy',
    entityId: fundId,
    partnershipId,
    before: before ? { steps: before.policy.steps, agreementClause: before.agreementClause } : undefined,
    after: { steps: policy.steps, agreementClause },
  });
}

/** The fund's partners (those with a contribution account), with their names as the partnership shows them. */
export async function fundPartners(db: Executor, partnershipId: number, fundId: number) {
  const accounts = await db
    .selectFrom('accounts')
    .select('organisation_id')
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('kind', '=', 'contribution')
    .execute();
  const ids = new Set(accounts.map((a) => a.organisation_id));
  return (await partnersOf(db, partnershipId))
    .filter((p) => ids.has(p.id))
    .map((p) => ({ id: p.id, name: p.short_name ?? p.name }));
}

/** Actual spend per scheme, funding partner and period (the monitoring summaries). */
export async function schemeActuals(db: Executor, partnershipId: number, fundId: number) {
  const rows = await db
    .selectFrom('scheme_actuals')
    .select(['scheme_id', 'organisation_id', 'period', 'actual_pence'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .execute();
  return rows.map((r) => ({
    schemeId: r.scheme_id,
    organisationId: r.organisation_id,
    period: r.period,
    actualPence: pence(r.actual_pence),
  }));
}

/** What a settlement reads from the ledger: contributions due and posted, balances, spend by scheme and partner. */
export async function loadSettlementFacts(
  db: Executor,
  partnershipId: number,
  fund: Fund,
): Promise<SettlementFacts> {
  const partners = await fundPartners(db, partnershipId, fund.id);
  const contributions = await contributionsOf(db, partnershipId, fund.id);
  const balances = await accountBalances(db, partnershipId, fund.id);
  const schemes = await listSchemes(db, partnershipId, fund.id);
  const actuals = await schemeActuals(db, partnershipId, fund.id);
  const sum = (xs: readonly number[]) => pence(xs.reduce((a, b) => a + BigInt(b), 0n));
  const schemeRows: SchemeVariance[] = schemes.map((s) => ({
    code: s.code,
    name: s.name,
    commissioner: s.commissioner,
    commissionerOrganisationId: s.commissionerOrganisationId,
    budgetPence: sum(s.budgets.map((b) => b.amountPence)),
    spendPence: sum(actuals.filter((a) => a.schemeId === s.id).map((a) => a.actualPence)),
  }));
  return {
    fund: {
      id: fund.id,
      name: fund.name,
      financialYear: fund.financial_year,
      hostOrganisationId: fund.host_organisation_id,
    },
    partners: partners.map((p) => ({
      organisationId: p.id,
      name: p.name,
      contributionDuePence: sum(
        contributions.filter((c) => c.organisationId === p.id).map((c) => c.amountPence),
      ),
      contributionPostedPence: pence(-(balances.get(accountCodes.contribution(p.id)) ?? 0)),
      debtorBalancePence: pence(balances.get(accountCodes.debtor(p.id)) ?? 0),
      creditorBalancePence: pence(balances.get(accountCodes.creditor(p.id)) ?? 0),
      spendIncurredPence: sum(actuals.filter((a) => a.organisationId === p.id).map((a) => a.actualPence)),
    })),
    schemes: schemeRows,
    reserveBalancePence: pence(balances.get(accountCodes.reserve) ?? 0),
  };
}

export interface SettlementRow {
  id: number;
  fundId: number;
  status: SettlementStatus;
  policy: unknown;
  working: unknown;
  computedBy: string;
  computedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  decisionReference: string | null;
  postedBy: string | null;
  postedAt: Date | null;
  postedEntryIds: number[];
  reversedBy: string | null;
  reversedAt: Date | null;
  reversalReason: string | null;
  reversalEntryIds: number[];
}

const selectSettlements = (db: Executor, partnershipId: number, fundId: number) =>
  db
    .selectFrom('settlements')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId);

const toRow = (
  r: Awaited<ReturnType<ReturnType<typeof selectSettlements>['executeTakeFirstOrThrow']>>,
): SettlementRow => ({
  id: r.id,
  fundId: r.fund_id,
  status: r.status,
  policy: r.policy,
  working: r.working,
  computedBy: r.computed_by,
  computedAt: r.computed_at,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  decisionReference: r.decision_reference,
  postedBy: r.posted_by,
  postedAt: r.posted_at,
  postedEntryIds: r.posted_entry_ids,
  reversedBy: r.reversed_by,
  reversedAt: r.reversed_at,
  reversalReason: r.reversal_reason,
  reversalEntryIds: r.reversal_entry_ids,
});

/** The fund's settlements, newest first. */
export async function listSettlements(db: Executor, partnershipId: number, fundId: number) {
  return (await selectSettlements(db, partnershipId, fundId).orderBy('id', 'desc').execute()).map(toRow);
}

export async function getSettlement(db: Executor, partnershipId: number, fundId: number, id: number) {
  const r = await selectSettlements(db, partnershipId, fundId).where('id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

/** Locks a settlement's row for the rest of the transaction (two finance officers posting at once). */
export async function lockSettlement(trx: Executor, partnershipId: number, id: number): Promise<void> {
  await sql`select id from settlements where partnership_id = ${partnershipId} and id = ${id} for update`.execute(
    trx,
  );
}
