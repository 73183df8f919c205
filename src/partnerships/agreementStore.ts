/** The SQL of agreements, their parties and their documents; every write audited in the same transaction. */
import { createHash } from 'node:crypto';
import type { Executor } from '../db/connection.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { AgreementKind, AgreementStatus } from './rules.js';

export interface AgreementFields {
  kind: AgreementKind;
  title: string;
  legalBasis: string;
  legallyBinding: boolean;
  status: AgreementStatus;
  startsOn: string | null;
  endsOn: string | null;
  hostOrganisationId: number | null;
  summary: string;
  partyIds: readonly number[];
  illustrative?: boolean;
}

const columns = (a: AgreementFields) => ({
  kind: a.kind,
  title: a.title.trim(),
  legal_basis: a.legalBasis.trim(),
  legally_binding: a.legallyBinding,
  status: a.status,
  starts_on: a.startsOn,
  ends_on: a.endsOn,
  host_organisation_id: a.hostOrganisationId,
  summary: a.summary.trim(),
});

export async function listAgreements(db: Executor, partnershipId: number) {
  const rows = await db
    .selectFrom('agreements')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('starts_on', 'desc')
    .orderBy('id')
    .execute();
  const parties = await db
    .selectFrom('agreement_parties')
    .innerJoin('organisations', 'organisations.id', 'agreement_parties.organisation_id')
    .select(['agreement_parties.agreement_id', 'organisations.id', 'organisations.name'])
    .where('agreement_parties.partnership_id', '=', partnershipId)
    .orderBy('organisations.name')
    .execute();
  return rows.map((r) => ({ ...r, parties: parties.filter((p) => p.agreement_id === r.id) }));
}

export async function getAgreement(db: Executor, partnershipId: number, id: number) {
  const row = await db
    .selectFrom('agreements')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const parties = await db
    .selectFrom('agreement_parties')
    .innerJoin('organisations', 'organisations.id', 'agreement_parties.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('agreement_parties.partnership_id', '=', partnershipId)
    .where('agreement_parties.agreement_id', '=', id)
    .orderBy('organisations.name')
    .execute();
  return { ...row, parties };
}

export async function createAgreement(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  a: AgreementFields,
): Promise<number> {
  const row = await trx
    .insertInto('agreements')
    .values({ partnership_id: partnershipId, ...columns(a), illustrative: a.illustrative ?? false })
    .returningAll()
    .executeTakeFirstOrThrow();
  const partyIds = [...new Set(a.partyIds)].sort((x, y) => x - y);
  await trx
    .insertInto('agreement_parties')
    .values(
      partyIds.map((organisation_id) => ({
        partnership_id: partnershipId,
        agreement_id: row.id,
        organisation_id,
      })),
    )
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'agreement',
    entityId: row.id,
    partnershipId,
    after: { ...row, partyIds },
  });
  return row.id;
}

export async function updateAgreement(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  a: AgreementFields,
): Promise<void> {
  const before = await trx
    .selectFrom('agreements')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const beforeParties = (
    await trx
      .selectFrom('agreement_parties')
      .select('organisation_id')
      .where('agreement_id', '=', id)
      .execute()
  )
    .map((r) => r.organisation_id)
    .sort((x, y) => x - y);
  const after = await trx
    .updateTable('agreements')
    .set(columns(a))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const partyIds = [...new Set(a.partyIds)].sort((x, y) => x - y);
  await trx
    .deleteFrom('agreement_parties')
    .where('partnership_id', '=', partnershipId)
    .where('agreement_id', '=', id)
    .execute();
  await trx
    .insertInto('agreement_parties')
    .values(
      partyIds.map((organisation_id) => ({
        partnership_id: partnershipId,
        agreement_id: id,
        organisation_id,
      })),
    )
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'agreement',
    entityId: id,
    partnershipId,
    before: { ...before, partyIds: beforeParties },
    after: { ...after, partyIds },
  });
}

/** The document types we accept, by the signature at the start of the file rather than the name it came with. */
export function sniffDocumentType(
  content: Buffer,
): 'application/pdf' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  // A DOCX file is a ZIP archive holding word/document.xml.
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && content.includes('word/')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

export interface NewDocument {
  agreementId: number | null;
  title: string;
  filename: string;
  contentType: string;
  content: Buffer;
  uploadedBy: number | null;
}

export async function addDocument(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  d: NewDocument,
): Promise<number> {
  const sha256 = createHash('sha256').update(d.content).digest('hex');
  const row = await trx
    .insertInto('documents')
    .values({
      partnership_id: partnershipId,
      agreement_id: d.agreementId,
      title: d.title.trim(),
      filename: d.filename,
      content_type: d.contentType,
      size_bytes: d.content.length,
      sha256,
      content: d.content,
      uploaded_by: d.uploadedBy,
    })
    .returning([
      'id',
      'agreement_id',
      'title',
      'filename',
      'content_type',
      'size_bytes',
      'sha256',
      'uploaded_at',
    ])
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'document',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

export async function listDocuments(db: Executor, partnershipId: number, agreementId: number) {
  return db
    .selectFrom('documents')
    .select(['id', 'title', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .where('partnership_id', '=', partnershipId)
    .where('agreement_id', '=', agreementId)
    .orderBy('uploaded_at')
    .execute();
}

export async function getDocument(db: Executor, partnershipId: number, id: number) {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteDocument(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
): Promise<boolean> {
  const row = await trx
    .deleteFrom('documents')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .returning(['id', 'agreement_id', 'title', 'filename', 'content_type', 'size_bytes', 'sha256'])
    .executeTakeFirst();
  if (!row) return false;
  await recordAuditEvent(trx, actor, {
    action: 'delete',
    entityType: 'document',
    entityId: id,
    partnershipId,
    before: row,
  });
  return true;
}
