/**
 * The SQL of decisions and call-in requests. Every write records an audit event in the same transaction; whether
 * a call-in may be requested is decided by decisions.ts (`callInState`) before `recordCallInRequest` is called.
 */
import type { Executor } from '../db/connection.js';
import { recordAuditEvent, type Actor } from '../audit/store.js';
import { isoDate, type IsoDate } from '../kernel/dates.js';
import type { CallInRequest, DecisionRecord } from './decisions.js';

export type Decision = NonNullable<Awaited<ReturnType<typeof getDecision>>>;

const decisionRow = <T extends { decided_on: string; published_on: string | null }>(r: T) => ({
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
