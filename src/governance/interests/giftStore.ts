/**
 * The SQL of gifts and hospitality offered to board members. An offer is a draft until a democratic services
 * officer reviews it; changing a reviewed one makes it a draft again. Every write is audited in its transaction.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import type { GiftKind, GiftSource } from './giftRules.js';
import type { InterestRegime } from './rules.js';
import { awaitingReview, reviewedBy, type Reviewer } from './reviewState.js';

export interface GiftInput {
  membershipId: number;
  kind: GiftKind;
  source: GiftSource;
  description: string;
  offeredBy: string;
  valuePence: number;
  offeredOn: string;
  accepted: boolean;
}

const toGift = (r: {
  id: number;
  membership_id: number;
  regime: InterestRegime;
  kind: GiftKind;
  source: GiftSource;
  description: string;
  offered_by: string;
  value_pence: number;
  offered_on: string;
  accepted: boolean;
  status: 'draft' | 'reviewed';
  reviewed_by: string;
  reviewed_at: Date | null;
  illustrative: boolean;
}) => ({
  id: r.id,
  membershipId: r.membership_id,
  regime: r.regime,
  kind: r.kind,
  source: r.source,
  description: r.description,
  offeredBy: r.offered_by,
  valuePence: pence(r.value_pence),
  offeredOn: isoDate(r.offered_on),
  accepted: r.accepted,
  status: r.status,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  illustrative: r.illustrative,
});
export type GiftEntry = ReturnType<typeof toGift>;

/** Every gift and offer of hospitality recorded for a board's members, latest first. */
export async function listGifts(db: Executor, partnershipId: number, boardId: number): Promise<GiftEntry[]> {
  const rows = await db
    .selectFrom('gifts_hospitality as g')
    .innerJoin('board_memberships as m', (j) =>
      j.onRef('m.partnership_id', '=', 'g.partnership_id').onRef('m.id', '=', 'g.membership_id'),
    )
    .selectAll('g')
    .where('g.partnership_id', '=', partnershipId)
    .where('m.board_id', '=', boardId)
    .orderBy('g.offered_on', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
  return rows.map(toGift);
}

export async function getGift(
  db: Executor,
  partnershipId: number,
  id: number,
): Promise<GiftEntry | undefined> {
  const row = await db
    .selectFrom('gifts_hospitality')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toGift(row) : undefined;
}

const giftColumns = (g: GiftInput) => ({
  membership_id: g.membershipId,
  kind: g.kind,
  source: g.source,
  description: g.description.trim(),
  offered_by: g.offeredBy.trim(),
  value_pence: g.valuePence,
  offered_on: g.offeredOn,
  accepted: g.accepted,
});

export async function createGift(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  g: GiftInput & { regime: InterestRegime; illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('gifts_hospitality')
    .values({
      partnership_id: partnershipId,
      regime: g.regime,
      ...giftColumns(g),
      illustrative: g.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'gift_hospitality',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

export async function updateGift(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  before: GiftEntry,
  g: GiftInput & { regime: InterestRegime },
): Promise<void> {
  const after = await trx
    .updateTable('gifts_hospitality')
    .set({
      regime: g.regime,
      ...giftColumns(g),
      ...awaitingReview,
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'gift_hospitality',
    entityId: before.id,
    partnershipId,
    before,
    after,
  });
}

export async function reviewGift(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  before: GiftEntry,
  reviewer: Reviewer,
  at: Date = new Date(),
): Promise<void> {
  const after = await trx
    .updateTable('gifts_hospitality')
    .set({
      ...reviewedBy(reviewer, at),
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'gift_hospitality',
    entityId: before.id,
    partnershipId,
    before,
    after,
  });
}
