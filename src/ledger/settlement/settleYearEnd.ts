/**
 * The year-end settlement of a pooled fund: compute it from the ledger under the fund's risk-share policy
 * (proposed), approve it (a finance officer, naming the decision that approved it), post it as balanced journal
 * entries (source 'settlement') in P12, or the first open period after it, and, if need be, reverse it with
 * reversing entries. Each step is one transaction with its audit event; the working is fixed once computed.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { pence, type Pence } from '../../kernel/money.js';
import { closedPeriods, landingPeriod, postEntry, reverseEntry } from '../journal/index.js';
import { accountCodes, type Fund } from '../funds/index.js';
import {
  getRiskSharePolicy,
  getSettlement,
  listSettlements,
  loadSettlementFacts,
  lockSettlement,
  type SettlementRow,
} from './store.js';
import { RESERVE_APPLIED, settlementWorking, type SettlementWorking } from './working.js';

/** A reason the settlement cannot go ahead, for the user; thrown so that the whole transaction rolls back. */
export class SettlementProblem extends Error {}

interface Props {
  trx: Executor;
  actor: Actor;
  partnershipId: number;
  fund: Fund;
}

const fail = (problem: string): never => {
  throw new SettlementProblem(problem);
};

/** JSON with its keys sorted, so that a working read back from jsonb compares equal to one computed now. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Computes the settlement from the ledger now and records it as proposed, withdrawing any earlier proposal. */
export async function proposeSettlement({ trx, actor, partnershipId, fund }: Props): Promise<SettlementRow> {
  if (fund.kind !== 'pooled')
    return fail('Only a pooled fund is settled: an aligned budget stays in each partner’s ledger');
  const stored = await getRiskSharePolicy(trx, partnershipId, fund.id);
  if (!stored) return fail('Record the fund’s risk-share policy before computing a settlement');
  const existing = await listSettlements(trx, partnershipId, fund.id);
  const posted = existing.find((s) => s.status === 'posted');
  if (posted) return fail(`Settlement ${posted.id} is posted: reverse it before computing another`);
  for (const s of existing.filter((x) => x.status === 'proposed' || x.status === 'approved')) {
    await markWithdrawn(trx, actor, partnershipId, s, 'a new settlement was computed');
  }
  const facts = await loadSettlementFacts(trx, partnershipId, fund);
  const working = settlementWorking(stored.policy, facts);
  const row = await trx
    .insertInto('settlements')
    .values({
      partnership_id: partnershipId,
      fund_id: fund.id,
      status: 'proposed',
      policy: JSON.stringify(stored.policy),
      working: JSON.stringify(working),
      computed_by: actor.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'settlement',
    entityId: row.id,
    partnershipId,
    after: {
      fundId: fund.id,
      status: 'proposed',
      variancePence: working.variancePence,
      shares: working.riskShare.shares.map((s) => ({ organisationId: s.organisationId, pence: s.pence })),
      reserveDrawnPence: working.riskShare.reserveDrawnPence,
      unallocatedPence: working.riskShare.unallocatedPence,
    },
  });
  return (await getSettlement(trx, partnershipId, fund.id, row.id)) as SettlementRow;
}

async function load(trx: Executor, partnershipId: number, fund: Fund, id: number) {
  await lockSettlement(trx, partnershipId, id);
  return getSettlement(trx, partnershipId, fund.id, id);
}

/** Approves a proposed settlement, naming the decision (board or delegated) that approved it. */
export async function approveSettlement(
  props: Props & { settlementId: number; decisionReference: string },
): Promise<SettlementRow> {
  const { trx, actor, partnershipId, fund, settlementId, decisionReference } = props;
  const s = await load(trx, partnershipId, fund, settlementId);
  if (!s) return fail(`There is no settlement ${settlementId} of this fund`);
  if (s.status !== 'proposed')
    return fail(`Settlement ${s.id} is ${s.status}: only a proposed settlement can be approved`);
  // segregation of duties: the one who computed a settlement does not also approve it
  if (s.computedBy === actor.label)
    return fail(
      `You computed settlement ${s.id}, so you cannot approve it too: another finance officer must approve it`,
    );
  await trx
    .updateTable('settlements')
    .set({
      status: 'approved',
      approved_by: actor.label,
      approved_at: new Date(),
      decision_reference: decisionReference,
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', s.id)
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'settlement',
    entityId: s.id,
    partnershipId,
    before: { status: s.status },
    after: { status: 'approved', decisionReference },
  });
  return (await getSettlement(trx, partnershipId, fund.id, s.id)) as SettlementRow;
}

/** The RESERVE-APPLIED account, added to the fund's chart the first time a settlement draws on the reserve. */
async function ensureReserveAppliedAccount(trx: Executor, partnershipId: number, fundId: number) {
  await trx
    .insertInto('accounts')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      code: RESERVE_APPLIED,
      name: 'Risk reserve applied to the year’s variance',
      kind: 'reserve',
      organisation_id: null,
      scheme_id: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Posts an approved settlement. The ledger is read again first: if anything has landed since the settlement was
 * computed (a late import, a contribution), the working no longer holds and the settlement must be recomputed.
 */
export async function postSettlement(props: Props & { settlementId: number }): Promise<SettlementRow> {
  const { trx, actor, partnershipId, fund, settlementId } = props;
  const s = await load(trx, partnershipId, fund, settlementId);
  if (!s) return fail(`There is no settlement ${settlementId} of this fund`);
  if (s.status !== 'approved')
    return fail(`Settlement ${s.id} is ${s.status}: only an approved settlement can be posted`);
  const working = s.working as SettlementWorking;
  const now = await loadSettlementFacts(trx, partnershipId, fund);
  if (canonical(now) !== canonical(working.facts))
    return fail(
      `The ledger has changed since settlement ${s.id} was computed: compute it again and have it approved`,
    );
  if (working.entries.some((e) => e.lines.some((l) => l.accountCode === RESERVE_APPLIED)))
    await ensureReserveAppliedAccount(trx, partnershipId, fund.id);
  const entryDate = `${fund.financial_year + 1}-03-31`;
  // P12, or the first open period after it; refused before anything is written if the year is closed
  landingPeriod(12, await closedPeriods(trx, partnershipId, fund.id));
  const ids: number[] = [];
  for (const e of working.entries) {
    const { entryId } = await postEntry(trx, actor, partnershipId, fund.id, {
      period: 12,
      entryDate,
      description: `${e.description} (settlement ${s.id})`,
      source: 'settlement',
      decisionReference: s.decisionReference,
      postings: e.lines.map((l) => ({
        accountCode: l.accountCode,
        amountPence: l.amountPence,
        organisationId: l.organisationId,
        description: l.description,
      })),
    });
    ids.push(entryId);
  }
  await trx
    .updateTable('settlements')
    .set({
      status: 'posted',
      posted_by: actor.label,
      posted_at: new Date(),
      posted_entry_ids: JSON.stringify(ids),
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', s.id)
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'settlement',
    entityId: s.id,
    partnershipId,
    before: { status: s.status },
    after: { status: 'posted', entryIds: ids, decisionReference: s.decisionReference },
  });
  return (await getSettlement(trx, partnershipId, fund.id, s.id)) as SettlementRow;
}

/** Withdraws a proposed or approved settlement (nothing was posted, so nothing is reversed). */
export async function withdrawSettlement(props: Props & { settlementId: number }): Promise<SettlementRow> {
  const { trx, actor, partnershipId, fund, settlementId } = props;
  const s = await load(trx, partnershipId, fund, settlementId);
  if (!s) return fail(`There is no settlement ${settlementId} of this fund`);
  if (s.status !== 'proposed' && s.status !== 'approved')
    return fail(
      `Settlement ${s.id} is ${s.status}: ${s.status === 'posted' ? 'reverse it instead' : 'it cannot be withdrawn'}`,
    );
  await markWithdrawn(trx, actor, partnershipId, s);
  return (await getSettlement(trx, partnershipId, fund.id, s.id)) as SettlementRow;
}

/** Reverses a posted settlement: each of its entries by a reversing entry; the settlement is kept, as reversed. */
export async function reverseSettlement(
  props: Props & { settlementId: number; reason: string; onDate: string },
): Promise<SettlementRow> {
  const { trx, actor, partnershipId, fund, settlementId, reason, onDate } = props;
  const s = await load(trx, partnershipId, fund, settlementId);
  if (!s) return fail(`There is no settlement ${settlementId} of this fund`);
  if (s.status !== 'posted')
    return fail(`Settlement ${s.id} is ${s.status}: only a posted settlement can be reversed`);
  const ids: number[] = [];
  for (const entryId of s.postedEntryIds)
    ids.push(
      (
        await reverseEntry(
          trx,
          actor,
          partnershipId,
          entryId,
          `settlement ${s.id} reversed: ${reason}`,
          onDate,
        )
      ).entryId,
    );
  await trx
    .updateTable('settlements')
    .set({
      status: 'reversed',
      reversed_by: actor.label,
      reversed_at: new Date(),
      reversal_reason: reason,
      reversal_entry_ids: JSON.stringify(ids),
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', s.id)
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'settlement',
    entityId: s.id,
    partnershipId,
    before: { status: s.status },
    after: { status: 'reversed', reason, reversalEntryIds: ids },
  });
  return (await getSettlement(trx, partnershipId, fund.id, s.id)) as SettlementRow;
}

/** The balances a posted settlement should leave, per the working: for checking against the journal. */
export function expectedBalancesAfter(working: SettlementWorking): Map<string, Pence> {
  const out = new Map<string, Pence>();
  for (const p of working.partners) {
    out.set(accountCodes.debtor(p.organisationId), pence(Math.max(p.positionPence, 0)));
    out.set(accountCodes.creditor(p.organisationId), pence(Math.min(p.positionPence, 0)));
    out.set(accountCodes.contribution(p.organisationId), pence(-(p.bearsPence as number)));
  }
  return out;
}

/** Withdraws a proposed or approved settlement, audited (with why, when Concordat withdrew it itself). */
async function markWithdrawn(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  s: { id: number; status: string },
  reason?: string,
): Promise<void> {
  await trx
    .updateTable('settlements')
    .set({ status: 'withdrawn' })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', s.id)
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'settlement',
    entityId: s.id,
    partnershipId,
    before: { status: s.status },
    after: reason === undefined ? { status: 'withdrawn' } : { status: 'withdrawn', reason },
  });
}
