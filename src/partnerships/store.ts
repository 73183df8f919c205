/**
 * The SQL of organisations, partnerships and their members. Every write records an audit event in the same
 * transaction. Agreements, documents and budget areas have their own store files beside this one.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/connection.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { OrganisationInput } from './rules.js';

export type Organisation = Awaited<ReturnType<typeof getOrganisation>> & object;

export async function listOrganisations(db: Executor) {
  return db.selectFrom('organisations').selectAll().orderBy('name').execute();
}

export async function getOrganisation(db: Executor, id: number) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of an organisation's codes another organisation already holds, as form problems. */
export async function organisationCodesTaken(
  db: Executor,
  codes: { odsCode: string | null; gssCode: string | null },
  exceptId?: number,
): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  for (const [field, column] of [
    ['odsCode', 'ods_code'],
    ['gssCode', 'gss_code'],
  ] as const) {
    const code = codes[field];
    if (!code) continue;
    let q = db.selectFrom('organisations').select(['id', 'name']).where(column, '=', code);
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    const holder = await q.executeTakeFirst();
    if (holder)
      problems[field] =
        `${code} is already the ${field === 'odsCode' ? 'ODS' : 'GSS'} code of ${holder.name}`;
  }
  return problems;
}

const organisationColumns = (o: OrganisationInput) => ({
  name: o.name.trim(),
  short_name: o.shortName,
  kind: o.kind,
  la_tier: o.laTier,
  ods_code: o.odsCode,
  gss_code: o.gssCode,
  exists_from: o.existsFrom,
  exists_to: o.existsTo,
});

export async function createOrganisation(
  trx: Executor,
  actor: Actor,
  o: OrganisationInput & { successorId?: number | null; illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('organisations')
    .values({
      ...organisationColumns(o),
      successor_id: o.successorId ?? null,
      illustrative: o.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'organisation',
    entityId: row.id,
    partnershipId: null,
    after: row,
  });
  return row.id;
}

export async function updateOrganisation(
  trx: Executor,
  actor: Actor,
  id: number,
  o: OrganisationInput,
): Promise<void> {
  const before = await trx
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const after = await trx
    .updateTable('organisations')
    .set(organisationColumns(o))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'organisation',
    entityId: id,
    partnershipId: null,
    before,
    after,
  });
}

export async function setSuccessor(
  trx: Executor,
  actor: Actor,
  id: number,
  successorId: number | null,
): Promise<void> {
  const before = await trx
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const after = await trx
    .updateTable('organisations')
    .set({ successor_id: successorId })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'organisation',
    entityId: id,
    partnershipId: null,
    before,
    after,
  });
}

/** The partnerships an organisation sits in (an ICB may work with several councils). */
export async function partnershipsOfOrganisation(db: Executor, organisationId: number) {
  return db
    .selectFrom('partnership_members')
    .innerJoin('partnerships', 'partnerships.id', 'partnership_members.partnership_id')
    .select(['partnerships.id', 'partnerships.name', 'partnerships.slug'])
    .where('partnership_members.organisation_id', '=', organisationId)
    .orderBy('partnerships.name')
    .execute();
}

export async function listPartnerships(db: Executor, only: readonly number[] | 'all') {
  if (only !== 'all' && only.length === 0) return [];
  let q = db.selectFrom('partnerships').selectAll().orderBy('name');
  if (only !== 'all') q = q.where('id', 'in', only);
  return q.execute();
}

export async function getPartnership(db: Executor, id: number) {
  return db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getPartnershipBySlug(db: Executor, slug: string) {
  return db.selectFrom('partnerships').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('partnerships').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The partner organisations of a partnership, by name. */
export async function partnersOf(db: Executor, partnershipId: number) {
  return db
    .selectFrom('partnership_members')
    .innerJoin('organisations', 'organisations.id', 'partnership_members.organisation_id')
    .selectAll('organisations')
    .where('partnership_members.partnership_id', '=', partnershipId)
    .orderBy('organisations.name')
    .execute();
}

/** Which of these ids are not organisations at all. */
export async function unknownOrganisationIds(db: Executor, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export interface PartnershipInput {
  name: string;
  slug: string;
  description: string;
  formedOn: string | null;
  organisationIds: readonly number[];
  illustrative?: boolean;
}

export async function createPartnership(trx: Executor, actor: Actor, p: PartnershipInput): Promise<number> {
  const row = await trx
    .insertInto('partnerships')
    .values({
      name: p.name.trim(),
      slug: p.slug,
      description: p.description.trim(),
      formed_on: p.formedOn,
      illustrative: p.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const members = [...new Set(p.organisationIds)];
  await trx
    .insertInto('partnership_members')
    .values(members.map((organisation_id) => ({ partnership_id: row.id, organisation_id })))
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'partnership',
    entityId: row.id,
    partnershipId: row.id,
    after: { ...row, organisationIds: members },
  });
  return row.id;
}

/** Changes a partnership's details and adds partners; a partner that is named in an agreement or budget stays. */
export async function updatePartnership(
  trx: Executor,
  actor: Actor,
  id: number,
  p: PartnershipInput,
): Promise<{ kept: number[] }> {
  const before = await trx
    .selectFrom('partnerships')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const beforeMembers = (
    await trx
      .selectFrom('partnership_members')
      .select('organisation_id')
      .where('partnership_id', '=', id)
      .execute()
  ).map((r) => r.organisation_id);
  const after = await trx
    .updateTable('partnerships')
    .set({ name: p.name.trim(), slug: p.slug, description: p.description.trim(), formed_on: p.formedOn })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const wanted = new Set(p.organisationIds);
  const toAdd = [...wanted].filter((o) => !beforeMembers.includes(o));
  const toRemove = beforeMembers.filter((o) => !wanted.has(o));
  const kept: number[] = [];
  if (toAdd.length > 0)
    await trx
      .insertInto('partnership_members')
      .values(toAdd.map((organisation_id) => ({ partnership_id: id, organisation_id })))
      .execute();
  for (const organisationId of toRemove)
    if (!(await removeMemberIfUnreferenced(trx, id, organisationId))) kept.push(organisationId);
  const afterMembers = [
    ...beforeMembers.filter((o) => !toRemove.includes(o) || kept.includes(o)),
    ...toAdd,
  ].sort((a, b) => a - b);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'partnership',
    entityId: id,
    partnershipId: id,
    before: { ...before, organisationIds: [...beforeMembers].sort((a, b) => a - b) },
    after: { ...after, organisationIds: afterMembers },
  });
  return { kept };
}

/**
 * Removes a partner from a partnership unless a record still names it (an agreement, a contribution, a fund, a
 * board membership...). Every such table references partnership_members by foreign key, so the database is
 * asked rather than a list of tables kept here that each new domain would have to extend: the delete runs
 * under a savepoint and a foreign-key violation (23503) keeps the member.
 */
async function removeMemberIfUnreferenced(
  trx: Executor,
  partnershipId: number,
  organisationId: number,
): Promise<boolean> {
  await sql`savepoint remove_member`.execute(trx);
  try {
    await trx
      .deleteFrom('partnership_members')
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .execute();
    await sql`release savepoint remove_member`.execute(trx);
    return true;
  } catch (e) {
    await sql`rollback to savepoint remove_member`.execute(trx);
    if ((e as { code?: string }).code === '23503') return false;
    throw e;
  }
}
