/**
 * The SQL of the forward plan: entries (the notice of a key decision, SI 2012/2089 reg 9), their publication, and
 * the general exceptions and special urgencies recorded against them (regs 10 and 11). Every write records an audit
 * event in the same transaction. Whether a key decision may be taken is decided by forwardPlan.ts.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import {
  keyDecisionNotice,
  type ForwardPlanEntryInput,
  type KeyDecisionException,
  type KeyDecisionNotice,
} from './rules.js';

export type ForwardPlanEntry = NonNullable<Awaited<ReturnType<typeof getForwardPlanEntry>>>;

const entryRow = <T extends { first_published_on: string | null }>(r: T) => ({
  ...r,
  firstPublishedOn: r.first_published_on === null ? null : isoDate(r.first_published_on),
});

/** Adds an entry to a board's forward plan, linked to the agenda item it will be taken on when there is one. */
export async function createForwardPlanEntry(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  boardId: number,
  input: ForwardPlanEntryInput,
  link: { meetingId: number; agendaItemId: number | null } | null,
): Promise<number> {
  const values = {
    board_id: boardId,
    matter: input.matter.trim(),
    summary: input.summary.trim(),
    decision_maker: input.decisionMaker.trim(),
    decision_from: input.decisionFrom,
    decision_to: input.decisionTo,
    documents: input.documents.trim(),
    documents_from: input.documentsFrom.trim(),
    other_documents: input.otherDocuments.trim(),
    private: input.private,
    exempt_paragraph: input.private ? input.exemptParagraph : null,
    private_reason: input.private ? input.privateReason.trim() : '',
    meeting_id: link?.meetingId ?? null,
    agenda_item_id: link?.agendaItemId ?? null,
  };
  const { id } = await trx
    .insertInto('forward_plan_entries')
    .values({ partnership_id: partnershipId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'forward plan entry',
    entityId: id,
    partnershipId,
    after: values,
  });
  return id;
}

/** Publishes the entry: the 28 clear days run from this day. An entry is published once. */
export async function publishForwardPlanEntry(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  firstPublishedOn: IsoDate,
  publishedAt: Date,
): Promise<void> {
  const { numUpdatedRows } = await trx
    .updateTable('forward_plan_entries')
    .set({ first_published_on: firstPublishedOn, first_published_at: publishedAt })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('first_published_on', 'is', null)
    .executeTakeFirstOrThrow();
  if (numUpdatedRows !== 1n) throw new Error(`Forward plan entry ${id} is already published`);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'forward plan entry',
    entityId: id,
    partnershipId,
    before: { first_published_on: null },
    after: { first_published_on: firstPublishedOn },
  });
}

export async function getForwardPlanEntry(db: Executor, partnershipId: number, id: number) {
  const row = await db
    .selectFrom('forward_plan_entries')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? entryRow(row) : undefined;
}

/** A partnership's forward plan (or one board's), by the date of the decision. */
export async function listForwardPlanEntries(
  db: Executor,
  partnershipId: number,
  filter: { boardId?: number; publishedOnly?: boolean } = {},
) {
  let q = db.selectFrom('forward_plan_entries').selectAll().where('partnership_id', '=', partnershipId);
  if (filter.boardId !== undefined) q = q.where('board_id', '=', filter.boardId);
  if (filter.publishedOnly) q = q.where('first_published_on', 'is not', null);
  const rows = await q.orderBy('decision_from').orderBy('id').execute();
  return rows.map(entryRow);
}

/** The entry that gives notice of the decision on an agenda item, if there is one. */
export async function entryForAgendaItem(db: Executor, partnershipId: number, agendaItemId: number) {
  const row = await db
    .selectFrom('forward_plan_entries')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('agenda_item_id', '=', agendaItemId)
    .executeTakeFirst();
  return row ? entryRow(row) : undefined;
}

/** Records a general exception or special urgency against an entry, with who recorded it. */
export async function recordException(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  entryId: number,
  x: KeyDecisionException,
): Promise<number> {
  const general = x.route === 'general-exception';
  const values = {
    forward_plan_entry_id: entryId,
    route: x.route,
    reasons: x.reasons.trim(),
    notice_published_on: x.noticePublishedOn,
    scrutiny_chair_informed: general ? x.scrutinyChairInformed.trim() : '',
    scrutiny_chair_informed_on: general ? x.scrutinyChairInformedOn : null,
    agreed_by: general ? '' : x.agreedBy.trim(),
    agreed_by_role: general ? null : x.agreedByRole,
    agreed_on: general ? null : x.agreedOn,
  };
  const { id } = await trx
    .insertInto('key_decision_exceptions')
    .values({
      partnership_id: partnershipId,
      ...values,
      recorded_by_user_id: actor.userId,
      recorded_by: actor.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: x.route === 'general-exception' ? 'general exception' : 'special urgency',
    entityId: id,
    partnershipId,
    after: values,
  });
  return id;
}

/** The exceptions recorded against an entry, oldest first, with who recorded them and when. */
export async function listExceptions(db: Executor, partnershipId: number, entryId: number) {
  const rows = await db
    .selectFrom('key_decision_exceptions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('forward_plan_entry_id', '=', entryId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    route: r.route,
    reasons: r.reasons,
    noticePublishedOn: isoDate(r.notice_published_on),
    scrutinyChairInformed: r.scrutiny_chair_informed,
    scrutinyChairInformedOn: r.scrutiny_chair_informed_on ? isoDate(r.scrutiny_chair_informed_on) : null,
    agreedBy: r.agreed_by,
    agreedByRole: r.agreed_by_role,
    agreedOn: r.agreed_on ? isoDate(r.agreed_on) : null,
  }));
}

export type RecordedException = Awaited<ReturnType<typeof listExceptions>>[number];

/**
 * Whether the key decision on an agenda item (or named by a forward plan entry) may be recorded as taken on
 * `decidedOn`, with the working: reads the entry and its exceptions and asks forwardPlan.ts.
 */
export async function keyDecisionNoticeFor(
  db: Executor,
  partnershipId: number,
  source: { agendaItemId: number } | { forwardPlanEntryId: number | null },
  decidedOn: IsoDate,
): Promise<KeyDecisionNotice> {
  const entry =
    'agendaItemId' in source
      ? await entryForAgendaItem(db, partnershipId, source.agendaItemId)
      : source.forwardPlanEntryId === null
        ? undefined
        : await getForwardPlanEntry(db, partnershipId, source.forwardPlanEntryId);
  const exceptions = entry ? await listExceptions(db, partnershipId, entry.id) : [];
  return keyDecisionNotice(entry ?? null, exceptions, decidedOn);
}

/** A board's key decision items that no forward plan entry names yet, for linking an entry to its agenda item. */
export async function keyItemsWithoutEntry(db: Executor, partnershipId: number, boardId: number) {
  return db
    .selectFrom('agenda_items')
    .innerJoin('meetings', (j) =>
      j
        .onRef('meetings.partnership_id', '=', 'agenda_items.partnership_id')
        .onRef('meetings.id', '=', 'agenda_items.meeting_id'),
    )
    .leftJoin('forward_plan_entries', (j) =>
      j
        .onRef('forward_plan_entries.partnership_id', '=', 'agenda_items.partnership_id')
        .onRef('forward_plan_entries.agenda_item_id', '=', 'agenda_items.id'),
    )
    .select([
      'agenda_items.id',
      'agenda_items.number',
      'agenda_items.title',
      'meetings.id as meeting_id',
      'meetings.meets_on',
    ])
    .where('agenda_items.partnership_id', '=', partnershipId)
    .where('meetings.board_id', '=', boardId)
    .where('agenda_items.key_decision', '=', true)
    .where('forward_plan_entries.id', 'is', null)
    .orderBy('meetings.meets_on')
    .orderBy('agenda_items.number')
    .execute();
}
