/**
 * The SQL of meetings and agenda items. Every write records an audit event in the same transaction; whether an
 * agenda may be published is decided by agendaPublication.ts before `publishAgenda` is called (see publishAgenda.ts).
 */
import type { Updateable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import type { AgendaItemInput, MeetingStatus } from '../boards/index.js';
import { isExemptParagraph } from '../boards/index.js';
import type { MeetingsTable } from '../boards/index.js';

export interface MeetingInput {
  meetsOn: IsoDate;
  startsAt: string;
  venue: string;
  onlineLink: string;
  illustrative?: boolean;
}

export type Meeting = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;

const meetingRow = <T extends { meets_on: string }>(r: T) => ({ ...r, meetsOn: isoDate(r.meets_on) });

/** A partnership's meetings in date order, of one board or all, with the board's name. */
export async function listMeetings(
  db: Executor,
  partnershipId: number,
  filter: { boardId?: number; from?: IsoDate; publishedOnly?: boolean } = {},
) {
  let q = db
    .selectFrom('meetings')
    .innerJoin('boards', (j) =>
      j
        .onRef('boards.partnership_id', '=', 'meetings.partnership_id')
        .onRef('boards.id', '=', 'meetings.board_id'),
    )
    .selectAll('meetings')
    .select('boards.name as board_name')
    .where('meetings.partnership_id', '=', partnershipId)
    .orderBy('meetings.meets_on')
    .orderBy('meetings.starts_at')
    .orderBy('meetings.id');
  if (filter.boardId !== undefined) q = q.where('meetings.board_id', '=', filter.boardId);
  if (filter.from !== undefined) q = q.where('meetings.meets_on', '>=', filter.from);
  if (filter.publishedOnly) q = q.where('meetings.agenda_published_on', 'is not', null);
  return (await q.execute()).map(meetingRow);
}

export async function getMeeting(db: Executor, partnershipId: number, id: number) {
  const row = await db
    .selectFrom('meetings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? meetingRow(row) : undefined;
}

export async function createMeeting(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  boardId: number,
  m: MeetingInput,
): Promise<number> {
  const row = await trx
    .insertInto('meetings')
    .values({
      partnership_id: partnershipId,
      board_id: boardId,
      meets_on: m.meetsOn,
      starts_at: m.startsAt,
      venue: m.venue.trim(),
      online_link: m.onlineLink.trim(),
      illustrative: m.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'meeting',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

async function changeMeeting(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  set: Updateable<MeetingsTable>,
) {
  const before = await trx
    .selectFrom('meetings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const after = await trx
    .updateTable('meetings')
    .set(set)
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'meeting',
    entityId: id,
    partnershipId,
    before,
    after,
  });
  return after;
}

/** Records the agenda as published on a date, late or not, with the chair's reason of urgency when late. */
export async function recordAgendaPublished(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  p: {
    publishedOn: IsoDate;
    publishedAt: Date;
    late: boolean;
    urgencyReason: string;
    urgencyAgreedBy: string;
  },
): Promise<void> {
  await changeMeeting(trx, actor, partnershipId, id, {
    status: 'agenda_published',
    agenda_published_on: p.publishedOn,
    agenda_published_at: p.publishedAt,
    agenda_late: p.late,
    agenda_urgency_reason: p.urgencyReason.trim(),
    agenda_urgency_agreed_by: p.urgencyAgreedBy.trim(),
  });
}

/** Marks a meeting held or cancelled (attendance and minutes come in a later slice). */
export async function setMeetingStatus(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  status: Extract<MeetingStatus, 'held' | 'cancelled'>,
  cancelledReason = '',
): Promise<void> {
  await changeMeeting(trx, actor, partnershipId, id, { status, cancelled_reason: cancelledReason.trim() });
}

export type AgendaItem = Awaited<ReturnType<typeof listAgendaItems>>[number];

/** A meeting's agenda in item order, each item with the partners whose functions it concerns. */
export async function listAgendaItems(db: Executor, partnershipId: number, meetingId: number) {
  const rows = await db
    .selectFrom('agenda_items')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .orderBy('number')
    .execute();
  const partners =
    rows.length === 0
      ? []
      : await db
          .selectFrom('agenda_item_partners')
          .selectAll()
          .where('partnership_id', '=', partnershipId)
          .where(
            'agenda_item_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  return rows.map((r) => ({
    ...r,
    exemptParagraph:
      r.exempt_paragraph !== null && isExemptParagraph(r.exempt_paragraph) ? r.exempt_paragraph : null,
    organisationIds: partners
      .filter((p) => p.agenda_item_id === r.id)
      .map((p) => p.organisation_id)
      .sort((a, b) => a - b),
  }));
}

const itemColumns = (i: AgendaItemInput, late: boolean) => ({
  title: i.title.trim(),
  kind: i.kind,
  report_author: i.reportAuthor.trim(),
  summary: i.summary.trim(),
  functions: i.functions,
  key_decision: i.keyDecision,
  key_on_spend: i.keyDecision && i.keyTests.includes('spend'),
  key_on_wards: i.keyDecision && i.keyTests.includes('wards'),
  spend_pence: i.spendPence,
  wards_affected: i.wardsAffected,
  exempt: i.exempt,
  exempt_paragraph: i.exempt ? i.exemptParagraph : null,
  public_interest_reason: i.exempt ? i.publicInterestReason.trim() : '',
  title_published: !i.exempt || i.titlePublished,
  late,
  urgency_reason: i.urgencyReason.trim(),
  urgency_agreed_by: i.urgencyAgreedBy.trim(),
});

async function writeItemPartners(trx: Executor, partnershipId: number, itemId: number, i: AgendaItemInput) {
  await trx
    .deleteFrom('agenda_item_partners')
    .where('partnership_id', '=', partnershipId)
    .where('agenda_item_id', '=', itemId)
    .execute();
  const ids = i.functions === 'all' ? [] : [...new Set(i.organisationIds)];
  if (ids.length === 0) return;
  await trx
    .insertInto('agenda_item_partners')
    .values(
      ids.map((organisation_id) => ({
        partnership_id: partnershipId,
        agenda_item_id: itemId,
        organisation_id,
      })),
    )
    .execute();
}

/** Adds an item at the end of the agenda (its number is the next free one). */
export async function createAgendaItem(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  meetingId: number,
  i: AgendaItemInput & { late: boolean; illustrative?: boolean },
): Promise<number> {
  const last = await trx
    .selectFrom('agenda_items')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const row = await trx
    .insertInto('agenda_items')
    .values({
      partnership_id: partnershipId,
      meeting_id: meetingId,
      number: (last?.n ?? 0) + 1,
      ...itemColumns(i, i.late),
      illustrative: i.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeItemPartners(trx, partnershipId, row.id, i);
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'agenda_item',
    entityId: row.id,
    partnershipId,
    after: { ...row, organisationIds: i.organisationIds },
  });
  return row.id;
}

export async function updateAgendaItem(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  before: AgendaItem,
  i: AgendaItemInput,
  late: boolean,
): Promise<void> {
  const after = await trx
    .updateTable('agenda_items')
    .set(itemColumns(i, late))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeItemPartners(trx, partnershipId, before.id, i);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'agenda_item',
    entityId: before.id,
    partnershipId,
    before: { ...before, exemptParagraph: undefined },
    after: { ...after, organisationIds: i.organisationIds },
  });
}
