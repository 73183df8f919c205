/**
 * The SQL of meeting papers and their versions. Uploading a paper creates it with version 1; uploading again adds
 * the next version and keeps the earlier ones. Each upload records an audit event (without the file's bytes, with
 * its checksum) in the same transaction. Whether a paper may reach the public is decided by `isPublicPaper`: never
 * when its agenda item is exempt (LGA 1972 s100A(4), Schedule 12A), nor before the agenda is published.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import {
  describeFile,
  PAPER_KIND_ORDER,
  retainUntil,
  type PaperContentType,
  type PaperKind,
} from './rules.js';

export interface NewPaper {
  meetingId: number;
  agendaItemId: number | null;
  kind: PaperKind;
  title: string;
}

export interface UploadedFile {
  filename: string;
  contentType: PaperContentType;
  content: Buffer;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

async function addVersion(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  paperId: number,
  version: number,
  file: UploadedFile,
) {
  const row = await trx
    .insertInto('paper_versions')
    .values({
      partnership_id: partnershipId,
      paper_id: paperId,
      version,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.content.length,
      sha256: sha256(file.content),
      content: file.content,
      uploaded_by: actor.userId,
      uploaded_by_name: actor.label,
    })
    .returning([
      'id',
      'paper_id',
      'version',
      'filename',
      'content_type',
      'size_bytes',
      'sha256',
      'uploaded_by',
    ])
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'paper version',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row;
}

/** Creates a paper on a meeting (or one of its items) with its first version; returns the paper's id. */
export async function createPaper(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  p: NewPaper,
  file: UploadedFile,
): Promise<number> {
  const row = await trx
    .insertInto('papers')
    .values({
      partnership_id: partnershipId,
      meeting_id: p.meetingId,
      agenda_item_id: p.agendaItemId,
      kind: p.kind,
      title: p.title.trim(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'paper',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  await addVersion(trx, actor, partnershipId, row.id, 1, file);
  return row.id;
}

/** Adds the next version of a paper; the earlier versions stay. Returns the new version's number. */
export async function uploadNewVersion(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  paperId: number,
  file: UploadedFile,
): Promise<number> {
  // lock the paper so that two uploads at once cannot both take the same number
  await trx
    .selectFrom('papers')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', paperId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const last = await trx
    .selectFrom('paper_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('partnership_id', '=', partnershipId)
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  const version = (last?.v ?? 0) + 1;
  await addVersion(trx, actor, partnershipId, paperId, version, file);
  return version;
}

const versionColumns = [
  'paper_versions.id',
  'paper_versions.version',
  'paper_versions.filename',
  'paper_versions.content_type',
  'paper_versions.size_bytes',
  'paper_versions.sha256',
  'paper_versions.uploaded_by_name',
  'paper_versions.uploaded_at',
] as const;

/**
 * The papers of a meeting with their latest version (without its bytes), the item's number and whether it is
 * exempt, in agenda order: the meeting's own papers first, then each item's by kind and upload.
 */
export async function listPapersOfMeeting(db: Executor, partnershipId: number, meetingId: number) {
  const rows = await db
    .selectFrom('papers')
    .innerJoin('meetings', (j) =>
      j
        .onRef('meetings.partnership_id', '=', 'papers.partnership_id')
        .onRef('meetings.id', '=', 'papers.meeting_id'),
    )
    .innerJoin('paper_versions', (j) =>
      j
        .onRef('paper_versions.partnership_id', '=', 'papers.partnership_id')
        .onRef('paper_versions.paper_id', '=', 'papers.id'),
    )
    .leftJoin('agenda_items', (j) =>
      j
        .onRef('agenda_items.partnership_id', '=', 'papers.partnership_id')
        .onRef('agenda_items.id', '=', 'papers.agenda_item_id'),
    )
    .select([
      'papers.id as paper_id',
      'papers.agenda_item_id',
      'papers.kind',
      'papers.title',
      'meetings.meets_on',
      'agenda_items.number as item_number',
      'agenda_items.exempt as item_exempt',
      ...versionColumns,
    ])
    .where('papers.partnership_id', '=', partnershipId)
    .where('papers.meeting_id', '=', meetingId)
    .where((eb) =>
      eb(
        'paper_versions.version',
        '=',
        eb
          .selectFrom('paper_versions as v')
          .select((e) => e.fn.max('v.version').as('m'))
          .whereRef('v.partnership_id', '=', 'papers.partnership_id')
          .whereRef('v.paper_id', '=', 'papers.id'),
      ),
    )
    .execute();
  return rows
    .map((r) => ({
      ...r,
      // versions are numbered 1, 2, 3… and none is deleted: the latest's number is how many there are
      versions: r.version,
      exempt: r.item_exempt ?? false,
      retainUntil: retainUntil(r.kind, isoDate(r.meets_on)),
    }))
    .sort(
      (a, b) =>
        (a.item_number ?? 0) - (b.item_number ?? 0) ||
        PAPER_KIND_ORDER.indexOf(a.kind) - PAPER_KIND_ORDER.indexOf(b.kind) ||
        a.paper_id - b.paper_id,
    );
}
export type PaperSummary = Awaited<ReturnType<typeof listPapersOfMeeting>>[number];

/**
 * A meeting's papers for its page, keyed by agenda item id ('meeting' for the meeting's own), each with "PDF,
 * 245 KB".
 */
export async function papersByItem(db: Executor, partnershipId: number, meetingId: number) {
  const byItem: Record<string, (PaperSummary & { description: string })[]> = {};
  for (const p of await listPapersOfMeeting(db, partnershipId, meetingId))
    (byItem[p.agenda_item_id === null ? 'meeting' : String(p.agenda_item_id)] ??= []).push({
      ...p,
      description: describeFile(p.content_type, p.size_bytes),
    });
  return byItem;
}

/** A paper with its meeting's date and its item (if any), or undefined. */
export async function getPaper(db: Executor, partnershipId: number, paperId: number) {
  const row = await db
    .selectFrom('papers')
    .innerJoin('meetings', (j) =>
      j
        .onRef('meetings.partnership_id', '=', 'papers.partnership_id')
        .onRef('meetings.id', '=', 'papers.meeting_id'),
    )
    .leftJoin('agenda_items', (j) =>
      j
        .onRef('agenda_items.partnership_id', '=', 'papers.partnership_id')
        .onRef('agenda_items.id', '=', 'papers.agenda_item_id'),
    )
    .selectAll('papers')
    .select([
      'meetings.meets_on',
      'meetings.agenda_published_on',
      'agenda_items.number as item_number',
      'agenda_items.title as item_title',
      'agenda_items.exempt as item_exempt',
    ])
    .where('papers.partnership_id', '=', partnershipId)
    .where('papers.id', '=', paperId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    exempt: row.item_exempt ?? false,
    retainUntil: retainUntil(row.kind, isoDate(row.meets_on)),
  };
}
export type Paper = NonNullable<Awaited<ReturnType<typeof getPaper>>>;

/** A paper's versions, newest first, without their bytes. */
export async function listVersions(db: Executor, partnershipId: number, paperId: number) {
  return db
    .selectFrom('paper_versions')
    .select(versionColumns)
    .where('partnership_id', '=', partnershipId)
    .where('paper_id', '=', paperId)
    .orderBy('version', 'desc')
    .execute();
}

/** One version with its bytes (the latest when `version` is omitted). */
export async function getVersionContent(
  db: Executor,
  partnershipId: number,
  paperId: number,
  version?: number,
) {
  let q = db
    .selectFrom('paper_versions')
    .select([...versionColumns, 'paper_versions.content'])
    .where('partnership_id', '=', partnershipId)
    .where('paper_id', '=', paperId)
    .orderBy('version', 'desc')
    .limit(1);
  if (version !== undefined) q = q.where('version', '=', version);
  return q.executeTakeFirst();
}

/**
 * True when the public may read a paper: its meeting's agenda is published and the paper is not on an exempt item
 * (Schedule 12A). Every public route asks this before it lists or serves a paper.
 */
export const isPublicPaper = (p: { exempt: boolean; agenda_published_on: string | null }): boolean =>
  !p.exempt && p.agenda_published_on !== null;
