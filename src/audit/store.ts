/**
 * Writing and reading the audit log. Events are written inside the caller's transaction, so that a change and
 * its audit event land together or not at all.
 */
import { sql } from 'kysely';
import type { Db, Executor } from '../db/connection.js';
import {
  chainHash,
  GENESIS_HASH,
  verifyChain,
  type AuditContent,
  type ChainVerdict,
  type StoredEvent,
} from './rules.js';

/** Who made a change: a signed-in user, or a named system process (the demo loader, an import). */
export interface Actor {
  userId: number | null;
  label: string;
}

export const systemActor = (label: string): Actor => ({ userId: null, label: `system: ${label}` });

/** Every kind of record whose changes are audited: the audit log's `entity_type`, one value a kind. */
export const AUDIT_ENTITY_TYPES = [
  'agenda_item',
  'agenda_item_providers',
  'agreement',
  'appraisal',
  'appraisal_criterion',
  'appraisal_decision',
  'appraisal_option',
  'appraisal_option_stage',
  'appraisal_score',
  'appraisal_stage',
  'appraisal_stage_criteria',
  'appraisal_weight',
  'bank holiday change',
  'board',
  'board_membership',
  'budget_area',
  'call-in request',
  'call-in step',
  'commissioning_priority',
  'commissioning_project',
  'commissioning_unit_post',
  'commissioning_unit_year',
  'contract',
  'decision',
  'decision call-in terms',
  'document',
  'forward plan entry',
  'fund',
  'fund_contribution',
  'fund_period_close',
  'general exception',
  'gift_hospitality',
  'import_profile',
  'interest_entry',
  'item_declaration',
  'item_motion',
  'journal_entry',
  'journal_reversal',
  'ledger_import',
  'meeting',
  'meeting_attendance',
  'meeting_minutes',
  'monitoring_report',
  'organisation',
  'outcome_measure',
  'paper',
  'paper version',
  'partner call-in setting',
  'partner_governance_setting',
  'partnership',
  'procurement',
  'risk_share_policy',
  'savings_line',
  'scheme',
  'scheme_forecast',
  'settlement',
  'special urgency',
  'user',
  'user_role',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export interface AuditChange {
  action: 'create' | 'update' | 'delete';
  entityType: AuditEntityType;
  entityId: string | number;
  partnershipId: number | null;
  before?: unknown;
  after?: unknown;
}

// Any constant serves: it serialises writers of the chain on PostgreSQL (PGlite has one connection anyway).
const AUDIT_LOCK = 7_202_611;

/** Appends one event to the chain, in the transaction `trx` (which must be open). */
export async function recordAuditEvent(trx: Executor, actor: Actor, change: AuditChange): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  // JSON round trip: what is hashed is exactly what jsonb will give back (dates as ISO strings, no undefined).
  const before = change.before === undefined ? null : (JSON.parse(JSON.stringify(change.before)) as unknown);
  const after = change.after === undefined ? null : (JSON.parse(JSON.stringify(change.after)) as unknown);
  const content: AuditContent = {
    occurredAt: new Date().toISOString(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: change.action,
    entityType: change.entityType,
    entityId: String(change.entityId),
    partnershipId: change.partnershipId,
    before,
    after,
  };
  await trx
    .insertInto('audit_events')
    .values({
      occurred_at: new Date(content.occurredAt),
      actor_user_id: content.actorUserId,
      actor_label: content.actorLabel,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      partnership_id: content.partnershipId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      prev_hash: prevHash,
      hash: chainHash(prevHash, content),
    })
    .execute();
}

export interface HistoryEntry {
  seq: number;
  occurredAt: Date;
  actorLabel: string;
  action: 'create' | 'update' | 'delete';
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The history of one record, newest first. */
export async function historyOf(
  db: Executor,
  entityType: string,
  entityId: string | number,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'occurred_at', 'actor_label', 'action', 'entity_type', 'entity_id', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId))
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toHistory);
}

/** Every event about a partnership's records, newest first. */
export async function historyOfPartnership(
  db: Executor,
  partnershipId: number,
  limit = 200,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'occurred_at', 'actor_label', 'action', 'entity_type', 'entity_id', 'before', 'after'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toHistory);
}

function toHistory(r: {
  seq: number;
  occurred_at: Date;
  actor_label: string;
  action: 'create' | 'update' | 'delete';
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}): HistoryEntry {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
  };
}

/** Reads the whole chain in order, a page at a time, and checks every link (`concordat verify-audit`). */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
  const pageSize = 5000;
  const events: StoredEvent[] = [];
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      events.push({
        seq: r.seq,
        occurredAt: r.occurred_at.toISOString(),
        actorUserId: r.actor_user_id,
        actorLabel: r.actor_label,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        partnershipId: r.partnership_id,
        before: r.before ?? null,
        after: r.after ?? null,
        prevHash: r.prev_hash,
        hash: r.hash,
      });
    }
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]?.seq ?? after;
  }
  return verifyChain(events);
}
