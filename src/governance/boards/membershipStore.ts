/**
 * The SQL of board memberships and their named substitutes. Every write records an audit event in the same
 * transaction.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import type { MembershipInput } from './rules.js';

export type Membership = Awaited<ReturnType<typeof listMemberships>>[number];

/** A board's memberships, past and present, by partner then role then name, each with its substitutes. */
export async function listMemberships(db: Executor, partnershipId: number, boardId: number) {
  const rows = await db
    .selectFrom('board_memberships')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('board_id', '=', boardId)
    .orderBy('organisation_id')
    .orderBy('term_from')
    .orderBy('id')
    .execute();
  const subs =
    rows.length === 0
      ? []
      : await db
          .selectFrom('membership_substitutes')
          .selectAll()
          .where('partnership_id', '=', partnershipId)
          .where(
            'membership_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('id')
          .execute();
  const roleOrder = { chair: 0, vice_chair: 1, member: 2 } as const;
  return rows
    .map((r) => ({
      ...r,
      termFrom: isoDate(r.term_from),
      termTo: r.term_to === null ? null : isoDate(r.term_to),
      substitutes: subs
        .filter((s) => s.membership_id === r.id)
        .map((s) => ({ name: s.person_name, postHeld: s.post_held })),
    }))
    .sort(
      (a, b) =>
        a.organisation_id - b.organisation_id ||
        roleOrder[a.role] - roleOrder[b.role] ||
        a.person_name.localeCompare(b.person_name),
    );
}

const membershipColumns = (m: MembershipInput) => ({
  person_name: m.personName.trim(),
  organisation_id: m.organisationId,
  post_held: m.postHeld.trim(),
  nominated_by: m.nominatedBy.trim(),
  role: m.role,
  voting: m.voting,
  term_from: m.termFrom,
  term_to: m.termTo,
});

async function writeSubstitutes(
  trx: Executor,
  partnershipId: number,
  membershipId: number,
  m: MembershipInput,
) {
  await trx
    .deleteFrom('membership_substitutes')
    .where('partnership_id', '=', partnershipId)
    .where('membership_id', '=', membershipId)
    .execute();
  if (m.substitutes.length === 0) return;
  await trx
    .insertInto('membership_substitutes')
    .values(
      m.substitutes.map((s) => ({
        partnership_id: partnershipId,
        membership_id: membershipId,
        person_name: s.name.trim(),
        post_held: s.postHeld.trim(),
      })),
    )
    .execute();
}

export async function createMembership(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  boardId: number,
  m: MembershipInput & { illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('board_memberships')
    .values({
      partnership_id: partnershipId,
      board_id: boardId,
      ...membershipColumns(m),
      illustrative: m.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeSubstitutes(trx, partnershipId, row.id, m);
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'board_membership',
    entityId: row.id,
    partnershipId,
    after: { ...row, substitutes: m.substitutes },
  });
  return row.id;
}

export async function updateMembership(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  before: Membership,
  m: MembershipInput,
): Promise<void> {
  const after = await trx
    .updateTable('board_memberships')
    .set(membershipColumns(m))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeSubstitutes(trx, partnershipId, before.id, m);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'board_membership',
    entityId: before.id,
    partnershipId,
    before: { ...before, termFrom: undefined, termTo: undefined },
    after: { ...after, substitutes: m.substitutes },
  });
}
