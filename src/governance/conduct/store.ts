/**
 * The SQL of a meeting's conduct: attendance, declarations per item, motions and recorded votes, and the minutes.
 * Every write records an audit event in the same transaction. Whether a write is allowed (the meeting's date has
 * come, its agenda was published, the minutes are not yet approved, the voters may vote) is decided by the pure
 * modules (conduct.ts, voteResult.ts) and the routes before these are called.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import type { AttendanceChoice } from './rules.js';
import type { ConflictAction, Vote } from '../boards/index.js';
import { setMeetingStatus } from '../meetings/index.js';

export async function listAttendance(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .selectFrom('meeting_attendance')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .orderBy('membership_id')
    .execute();
}

/** Every attendance line of a board's meetings, for the year's statistics. */
export async function attendanceOfBoard(db: Executor, partnershipId: number, boardId: number) {
  const rows = await db
    .selectFrom('meeting_attendance')
    .innerJoin('meetings', (j) =>
      j
        .onRef('meetings.partnership_id', '=', 'meeting_attendance.partnership_id')
        .onRef('meetings.id', '=', 'meeting_attendance.meeting_id'),
    )
    .select([
      'meeting_attendance.meeting_id',
      'meeting_attendance.membership_id',
      'meeting_attendance.presence',
    ])
    .where('meeting_attendance.partnership_id', '=', partnershipId)
    .where('meetings.board_id', '=', boardId)
    .execute();
  return rows.map((r) => ({ meetingId: r.meeting_id, membershipId: r.membership_id, presence: r.presence }));
}

/**
 * Records who attended (replacing an earlier record of the same meeting) and marks a meeting whose agenda was
 * published as held.
 */
export async function recordAttendance(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  meeting: { id: number; status: string },
  choices: readonly AttendanceChoice[],
): Promise<void> {
  const before = await listAttendance(trx, partnershipId, meeting.id);
  await trx
    .deleteFrom('meeting_attendance')
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meeting.id)
    .execute();
  const after = choices.map((c) => ({
    partnership_id: partnershipId,
    meeting_id: meeting.id,
    membership_id: c.membershipId,
    presence: c.presence,
    substitute_name: c.presence === 'substitute' ? c.substituteName.trim() : '',
  }));
  if (after.length > 0) await trx.insertInto('meeting_attendance').values(after).execute();
  await recordAuditEvent(trx, actor, {
    action: before.length === 0 ? 'create' : 'update',
    entityType: 'meeting_attendance',
    entityId: meeting.id,
    partnershipId,
    ...(before.length > 0 ? { before } : {}),
    after,
  });
  if (meeting.status === 'agenda_published')
    await setMeetingStatus(trx, actor, partnershipId, meeting.id, 'held');
}

export type Declaration = Awaited<ReturnType<typeof listDeclarations>>[number];

export async function listDeclarations(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .selectFrom('item_declarations')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

export interface DeclarationInput {
  agendaItemId: number;
  membershipId: number;
  interest: string;
  action: ConflictAction;
  dispensationReference: string;
  dispensationGrantedBy: string;
}

export async function addDeclaration(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  meetingId: number,
  d: DeclarationInput,
): Promise<number> {
  const dispensation = d.action === 'dispensation';
  const row = await trx
    .insertInto('item_declarations')
    .values({
      partnership_id: partnershipId,
      meeting_id: meetingId,
      agenda_item_id: d.agendaItemId,
      membership_id: d.membershipId,
      interest: d.interest.trim(),
      action: d.action,
      dispensation_reference: dispensation ? d.dispensationReference.trim() : '',
      dispensation_granted_by: dispensation ? d.dispensationGrantedBy.trim() : '',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'item_declaration',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

/** Withdraws a declaration recorded in error (the audit keeps what it said). */
export async function removeDeclaration(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  meetingId: number,
  id: number,
): Promise<boolean> {
  const before = await trx
    .deleteFrom('item_declarations')
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!before) return false;
  await recordAuditEvent(trx, actor, {
    action: 'delete',
    entityType: 'item_declaration',
    entityId: id,
    partnershipId,
    before,
  });
  return true;
}

export interface MotionInput {
  motion: string;
  moverId: number;
  seconderId: number;
  votes: ReadonlyMap<number, Vote>;
}

export type Motion = {
  id: number;
  motion: string;
  moverId: number;
  seconderId: number;
  votes: Map<number, Vote>;
};

/** A meeting's motions with their recorded votes, keyed by agenda item. */
export async function motionsOfMeeting(
  db: Executor,
  partnershipId: number,
  meetingId: number,
): Promise<Map<number, Motion>> {
  const motions = await db
    .selectFrom('item_motions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .execute();
  const votes =
    motions.length === 0
      ? []
      : await db
          .selectFrom('item_votes')
          .selectAll()
          .where('partnership_id', '=', partnershipId)
          .where(
            'motion_id',
            'in',
            motions.map((m) => m.id),
          )
          .orderBy('membership_id')
          .execute();
  return new Map(
    motions.map((m) => [
      m.agenda_item_id,
      {
        id: m.id,
        motion: m.motion,
        moverId: m.mover_membership_id,
        seconderId: m.seconder_membership_id,
        votes: new Map(votes.filter((v) => v.motion_id === m.id).map((v) => [v.membership_id, v.vote])),
      },
    ]),
  );
}

/** Records the motion on an item and the votes cast on it, replacing an earlier record of the same item. */
export async function recordMotion(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  where: { meetingId: number; agendaItemId: number },
  m: MotionInput,
): Promise<number> {
  const before = (await motionsOfMeeting(trx, partnershipId, where.meetingId)).get(where.agendaItemId);
  if (before)
    await trx
      .deleteFrom('item_motions')
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', before.id)
      .execute();
  const row = await trx
    .insertInto('item_motions')
    .values({
      partnership_id: partnershipId,
      meeting_id: where.meetingId,
      agenda_item_id: where.agendaItemId,
      motion: m.motion.trim(),
      mover_membership_id: m.moverId,
      seconder_membership_id: m.seconderId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const votes = [...m.votes].map(([membership_id, vote]) => ({
    partnership_id: partnershipId,
    motion_id: row.id,
    membership_id,
    vote,
  }));
  if (votes.length > 0) await trx.insertInto('item_votes').values(votes).execute();
  const plain = (x: Motion) => ({ ...x, votes: Object.fromEntries(x.votes) });
  await recordAuditEvent(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'item_motion',
    entityId: row.id,
    partnershipId,
    ...(before ? { before: plain(before) } : {}),
    after: { ...row, votes: Object.fromEntries(m.votes) },
  });
  return row.id;
}

export type Minutes = NonNullable<Awaited<ReturnType<typeof getMinutes>>>;

/** A meeting's minutes (draft or approved), with the text of each item's minute; undefined before a draft. */
export async function getMinutes(db: Executor, partnershipId: number, meetingId: number) {
  const row = await db
    .selectFrom('meeting_minutes')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!row) return undefined;
  const texts = await db
    .selectFrom('minute_items')
    .select(['agenda_item_id', 'text'])
    .where('partnership_id', '=', partnershipId)
    .where('minutes_id', '=', row.id)
    .execute();
  return {
    ...row,
    approvedOn: row.approved_on === null ? null : isoDate(row.approved_on),
    texts: new Map(texts.map((t) => [t.agenda_item_id, t.text])),
  };
}

async function writeTexts(
  trx: Executor,
  partnershipId: number,
  minutesId: number,
  texts: ReadonlyMap<number, string>,
) {
  await trx
    .deleteFrom('minute_items')
    .where('partnership_id', '=', partnershipId)
    .where('minutes_id', '=', minutesId)
    .execute();
  const rows = [...texts].map(([agenda_item_id, text]) => ({
    partnership_id: partnershipId,
    minutes_id: minutesId,
    agenda_item_id,
    text: text.trim(),
  }));
  if (rows.length > 0) await trx.insertInto('minute_items').values(rows).execute();
}

/** Starts the draft minutes of a meeting with the given text for each item; returns the minutes' id. */
export async function draftMinutes(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  meetingId: number,
  texts: ReadonlyMap<number, string>,
): Promise<number> {
  const { id } = await trx
    .insertInto('meeting_minutes')
    .values({ partnership_id: partnershipId, meeting_id: meetingId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeTexts(trx, partnershipId, id, texts);
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'meeting_minutes',
    entityId: id,
    partnershipId,
    after: { meeting_id: meetingId, texts: Object.fromEntries(texts) },
  });
  return id;
}

/** Saves the edited text of draft minutes; refuses (returns false) once they are approved. */
export async function saveMinutes(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  minutes: Minutes,
  texts: ReadonlyMap<number, string>,
): Promise<boolean> {
  const locked = await trx
    .selectFrom('meeting_minutes')
    .select('approved_at_meeting_id')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', minutes.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (locked.approved_at_meeting_id !== null) return false;
  await writeTexts(trx, partnershipId, minutes.id, texts);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'meeting_minutes',
    entityId: minutes.id,
    partnershipId,
    before: { texts: Object.fromEntries(minutes.texts) },
    after: { texts: Object.fromEntries(texts) },
  });
  return true;
}

/** Records the minutes as approved at a later meeting of the board, on its date; they are frozen from then. */
export async function approveMinutes(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  minutesId: number,
  at: { meetingId: number; on: IsoDate; when: Date },
): Promise<void> {
  const { numUpdatedRows } = await trx
    .updateTable('meeting_minutes')
    .set({ approved_at_meeting_id: at.meetingId, approved_on: at.on, approved_at: at.when })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', minutesId)
    .where('approved_at_meeting_id', 'is', null)
    .executeTakeFirstOrThrow();
  if (numUpdatedRows !== 1n) throw new Error(`Minutes ${minutesId} are already approved`);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'meeting_minutes',
    entityId: minutesId,
    partnershipId,
    before: { approved_at_meeting_id: null },
    after: { approved_at_meeting_id: at.meetingId, approved_on: at.on },
  });
}
