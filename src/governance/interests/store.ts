/**
 * The SQL of registers of interests and of gifts and hospitality (DOMAIN.md §6). An entry is a draft until a
 * democratic services officer reviews it; changing a reviewed entry makes it a draft again, to be reviewed anew.
 * Every write records an audit event in the same transaction.
 */
import type { Executor } from '../../db/connection.js';
import { awaitingReview, reviewedBy, type Reviewer } from './reviewState.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import {
  normaliseName,
  regimeFor,
  type InterestInput,
  type InterestRegime,
  type RegisteredInterest,
} from './rules.js';

export type { Reviewer } from './reviewState.js';

/** A board's members, past and present, each with the regime their nominating organisation puts them under. */
export async function membersWithRegime(db: Executor, partnershipId: number, boardId: number) {
  const rows = await db
    .selectFrom('board_memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.person_name',
      'm.post_held',
      'm.organisation_id',
      'm.term_from',
      'm.term_to',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
    ])
    .where('m.partnership_id', '=', partnershipId)
    .where('m.board_id', '=', boardId)
    .orderBy('o.name')
    .orderBy('m.person_name')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    membershipId: r.id,
    name: r.person_name,
    postHeld: r.post_held,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    regime: regimeFor(r.organisation_kind),
    termFrom: isoDate(r.term_from),
    termTo: r.term_to === null ? null : isoDate(r.term_to),
  }));
}
export type MemberWithRegime = Awaited<ReturnType<typeof membersWithRegime>>[number];

const toInterest = (r: {
  id: number;
  membership_id: number;
  regime: InterestRegime;
  category: string;
  description: string;
  counterparty: string;
  from_on: string;
  to_on: string | null;
  sensitive: boolean;
  status: 'draft' | 'reviewed';
  reviewed_by: string;
  reviewed_at: Date | null;
  illustrative: boolean;
}) => ({
  id: r.id,
  membershipId: r.membership_id,
  regime: r.regime,
  category: r.category,
  description: r.description,
  counterparty: r.counterparty,
  fromOn: isoDate(r.from_on),
  toOn: r.to_on === null ? null : isoDate(r.to_on),
  sensitive: r.sensitive,
  status: r.status,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  illustrative: r.illustrative,
});
export type InterestEntry = ReturnType<typeof toInterest> & RegisteredInterest;

/** Every entry of a board's members, oldest first within each member. */
export async function listInterests(
  db: Executor,
  partnershipId: number,
  boardId: number,
): Promise<InterestEntry[]> {
  const rows = await db
    .selectFrom('interest_entries as e')
    .innerJoin('board_memberships as m', (j) =>
      j.onRef('m.partnership_id', '=', 'e.partnership_id').onRef('m.id', '=', 'e.membership_id'),
    )
    .selectAll('e')
    .where('e.partnership_id', '=', partnershipId)
    .where('m.board_id', '=', boardId)
    .orderBy('e.membership_id')
    .orderBy('e.from_on')
    .orderBy('e.id')
    .execute();
  return rows.map(toInterest);
}

export async function getInterest(
  db: Executor,
  partnershipId: number,
  id: number,
): Promise<InterestEntry | undefined> {
  const row = await db
    .selectFrom('interest_entries')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toInterest(row) : undefined;
}

const interestColumns = (i: InterestInput) => ({
  membership_id: i.membershipId,
  category: i.category,
  description: i.description.trim(),
  counterparty: i.counterparty.trim(),
  counterparty_key: normaliseName(i.counterparty),
  from_on: i.fromOn,
  to_on: i.toOn,
  sensitive: i.sensitive,
});

/** Enters an interest in the register as a draft, under the regime of the member's nominating organisation. */
export async function createInterest(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  i: InterestInput & { regime: InterestRegime; illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('interest_entries')
    .values({
      partnership_id: partnershipId,
      regime: i.regime,
      ...interestColumns(i),
      illustrative: i.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'interest_entry',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

/** Changes an entry; a change to a reviewed entry returns it to draft until it is reviewed again. */
export async function updateInterest(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  before: InterestEntry,
  i: InterestInput & { regime: InterestRegime },
): Promise<void> {
  const after = await trx
    .updateTable('interest_entries')
    .set({
      regime: i.regime,
      ...interestColumns(i),
      ...awaitingReview,
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'interest_entry',
    entityId: before.id,
    partnershipId,
    before,
    after,
  });
}

/** Records that a democratic services officer reviewed the entry: it may now appear on the public register. */
export async function reviewInterest(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  before: InterestEntry,
  reviewer: Reviewer,
  at: Date = new Date(),
): Promise<void> {
  const after = await trx
    .updateTable('interest_entries')
    .set({
      ...reviewedBy(reviewer, at),
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'interest_entry',
    entityId: before.id,
    partnershipId,
    before,
    after,
  });
}
