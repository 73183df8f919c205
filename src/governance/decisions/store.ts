/**
 * The SQL of decisions and call-in requests. Every write records an audit event in the same transaction; whether
 * a call-in may be requested is decided by decisions.ts (`callInState`) before `recordCallInRequest` is called.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import type { CallInRequest, DecisionRecord } from './rules.js';
import { keyDecisionNoticeFor } from '../forwardPlan/index.js';

/** A key decision taken without the notice of SI 2012/2089 regs 9 to 11 (see forwardPlan.ts). */
export class KeyDecisionBlocked extends Error {}

/** Refuses, inside the writing transaction, a key decision that lacks its notice. */
async function assertKeyDecisionNotice(
  trx: Executor,
  partnershipId: number,
  source: { agendaItemId: number } | { forwardPlanEntryId: number | null },
  decidedOn: IsoDate,
): Promise<void> {
  const notice = await keyDecisionNoticeFor(trx, partnershipId, source, decidedOn);
  if (!notice.allowed) throw new KeyDecisionBlocked(notice.message);
}

export type Decision = NonNullable<Awaited<ReturnType<typeof getDecision>>>;

export const decisionRow = <T extends { decided_on: string; published_on: string | null }>(r: T) => ({
  ...r,
  decidedOn: isoDate(r.decided_on),
  publishedOn: r.published_on === null ? null : isoDate(r.published_on),
});

const columns = (r: DecisionRecord) => ({
  decision: r.decision.trim(),
  decided_on: r.decidedOn,
  reasons: r.reasons.trim(),
  alternatives: r.alternatives.trim(),
  interests_declared: r.interestsDeclared.trim(),
  dispensations: r.dispensations.trim(),
  call_in: r.callIn,
  urgency_agreed_by: r.callIn === 'urgent' ? r.urgencyAgreedBy.trim() : '',
  call_in_rule: r.callInRule,
  status: r.status ?? 'recommendations_approved',
});

/** The terms `callInState` reads, from a stored decision. */
export const callInTermsOf = (d: Pick<Decision, 'call_in' | 'call_in_rule' | 'urgency_agreed_by'>) => ({
  callIn: d.call_in,
  callInRule: d.call_in_rule,
  urgencyAgreedBy: d.urgency_agreed_by,
});

export async function getDecision(db: Executor, partnershipId: number, id: number) {
  const row = await db
    .selectFrom('decisions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decisionRow(row) : undefined;
}

/** A meeting's decisions, keyed by the agenda item they were taken on. */
export async function decisionsOfMeeting(db: Executor, partnershipId: number, meetingId: number) {
  const rows = await db
    .selectFrom('decisions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .execute();
  return new Map(rows.map((r) => [r.agenda_item_id, decisionRow(r)]));
}

/** Records the decision taken on an agenda item of a meeting; returns its id. */
export async function recordDecision(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  where: { meetingId: number; agendaItemId: number },
  record: DecisionRecord,
): Promise<number> {
  const item = await trx
    .selectFrom('agenda_items')
    .select('key_decision')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', where.agendaItemId)
    .executeTakeFirst();
  if (item?.key_decision)
    await assertKeyDecisionNotice(trx, partnershipId, { agendaItemId: where.agendaItemId }, record.decidedOn);
  const values = { ...columns(record), meeting_id: where.meetingId, agenda_item_id: where.agendaItemId };
  const { id } = await trx
    .insertInto('decisions')
    .values({ partnership_id: partnershipId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'decision',
    entityId: id,
    partnershipId,
    after: values,
  });
  return id;
}

/** Who took a decision with no meeting: an individual member (or officer) acting under delegation (reg 13). */
export interface Delegation {
  boardId: number;
  /** What the decision is about (a decision at a meeting takes this from its agenda item). */
  subject: string;
  /** The board member acting, when the decision maker is one. */
  membershipId: number | null;
  /** The decision maker's name and post, e.g. "Cllr A, Cabinet Member for Health". */
  delegatedTo: string;
  /** The delegation they act under, e.g. "Board terms of reference, para 4.2". */
  delegationAuthority: string;
  keyDecision: boolean;
  /** The forward plan entry that gave notice of it, for a key decision. */
  forwardPlanEntryId: number | null;
}

/** Records a decision taken under delegation, with no meeting; a key decision needs its notice. Returns its id. */
export async function recordDelegatedDecision(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  delegation: Delegation,
  record: DecisionRecord,
): Promise<number> {
  if (delegation.keyDecision)
    await assertKeyDecisionNotice(
      trx,
      partnershipId,
      { forwardPlanEntryId: delegation.forwardPlanEntryId },
      record.decidedOn,
    );
  const values = {
    ...columns(record),
    board_id: delegation.boardId,
    subject: delegation.subject.trim(),
    delegate_membership_id: delegation.membershipId,
    delegated_to: delegation.delegatedTo.trim(),
    delegation_authority: delegation.delegationAuthority.trim(),
    key_decision: delegation.keyDecision,
    forward_plan_entry_id: delegation.forwardPlanEntryId,
  };
  const { id } = await trx
    .insertInto('decisions')
    .values({ partnership_id: partnershipId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'decision',
    entityId: id,
    partnershipId,
    after: values,
  });
  return id;
}

/** The decisions taken under delegation, newest first: of one board, or of the whole partnership. */
export async function listDelegatedDecisions(
  db: Executor,
  partnershipId: number,
  filter: { boardId?: number; publishedOnly?: boolean } = {},
) {
  let q = db
    .selectFrom('decisions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', 'is', null);
  if (filter.boardId !== undefined) q = q.where('board_id', '=', filter.boardId);
  if (filter.publishedOnly) q = q.where('published_on', 'is not', null);
  const rows = await q.orderBy('decided_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map(decisionRow);
}

/** Publishes the decision on a date: the call-in clock starts from it. */
export async function publishDecision(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  publishedOn: IsoDate,
  publishedAt: Date,
): Promise<void> {
  const { numUpdatedRows } = await trx
    .updateTable('decisions')
    .set({ published_on: publishedOn, published_at: publishedAt })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('published_on', 'is', null)
    .executeTakeFirstOrThrow();
  if (numUpdatedRows !== 1n) throw new Error(`Decision ${id} is already published`);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'decision',
    entityId: id,
    partnershipId,
    before: { published_on: null },
    after: { published_on: publishedOn },
  });
}

export async function listCallInRequests(
  db: Executor,
  partnershipId: number,
  decisionId: number,
): Promise<CallInRequest[]> {
  const rows = await db
    .selectFrom('call_in_requests')
    .select(['member_name', 'grounds', 'requested_on'])
    .where('partnership_id', '=', partnershipId)
    .where('decision_id', '=', decisionId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    memberName: r.member_name,
    grounds: r.grounds,
    requestedOn: isoDate(r.requested_on),
  }));
}

/** Records a scrutiny member's request to call a decision in, with the grounds. */
export async function recordCallInRequest(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  decisionId: number,
  request: CallInRequest,
): Promise<number> {
  const values = {
    decision_id: decisionId,
    user_id: actor.userId,
    member_name: request.memberName.trim(),
    grounds: request.grounds.trim(),
    requested_on: request.requestedOn,
  };
  const { id } = await trx
    .insertInto('call_in_requests')
    .values({ partnership_id: partnershipId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'call-in request',
    entityId: id,
    partnershipId,
    after: values,
  });
  return id;
}
