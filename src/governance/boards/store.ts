/**
 * The SQL of boards, their chair rotation, and each partner's key decision threshold. Every write records an
 * audit event in the same transaction. Memberships are in membershipStore.ts, meetings and agenda items in
 * governance/meetings/store.ts.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import { pence, type Pence } from '../../kernel/money.js';
import type { ChairRotation, ChairRotationKind } from './chairRotation.js';
import type { BoardKind } from './rules.js';

export interface BoardInput {
  name: string;
  kind: BoardKind;
  legalBasis: string;
  description: string;
  rotation: ChairRotationKind;
  rotationStartsOn: IsoDate | null;
  municipalYearStartMonth: number;
  /** Partners in the order they take the chair; `startsOn` for the dated turns of a fixed schedule. */
  turns: { organisationId: number; startsOn: IsoDate | null }[];
  quorumTotal: number;
  quorumPerPartner: number;
  illustrative?: boolean;
}

export type Board = NonNullable<Awaited<ReturnType<typeof getBoard>>>;

export async function listBoards(db: Executor, partnershipId: number) {
  return db
    .selectFrom('boards')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

export async function getBoard(db: Executor, partnershipId: number, id: number) {
  const row = await db
    .selectFrom('boards')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const turns = await db
    .selectFrom('board_chair_turns')
    .select(['organisation_id', 'starts_on'])
    .where('partnership_id', '=', partnershipId)
    .where('board_id', '=', id)
    .orderBy('position')
    .execute();
  return {
    ...row,
    turns: turns.map((t) => ({
      organisationId: t.organisation_id,
      startsOn: t.starts_on === null ? null : isoDate(t.starts_on),
    })),
  };
}

/** The board's chair rotation as the rule in chairRotation.ts reads it. */
export function rotationOf(board: Board): ChairRotation {
  const order = board.turns.map((t) => t.organisationId);
  const startsOn = isoDate(board.rotation_starts_on ?? '1900-01-01');
  switch (board.chair_rotation) {
    case 'fixed':
      return { kind: 'fixed' };
    case 'each_meeting':
      return { kind: 'each_meeting', order, startsOn };
    case 'municipal_year':
      return { kind: 'municipal_year', order, startsOn, yearStartMonth: board.municipal_year_start_month };
    case 'schedule':
      return {
        kind: 'schedule',
        turns: board.turns.flatMap((t) =>
          t.startsOn ? [{ from: t.startsOn, organisationId: t.organisationId }] : [],
        ),
      };
  }
}

export async function boardNameTaken(db: Executor, partnershipId: number, name: string, exceptId?: number) {
  let q = db
    .selectFrom('boards')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('name', '=', name.trim());
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

const boardColumns = (b: BoardInput) => ({
  name: b.name.trim(),
  kind: b.kind,
  legal_basis: b.legalBasis.trim(),
  description: b.description.trim(),
  chair_rotation: b.rotation,
  rotation_starts_on: b.rotationStartsOn,
  municipal_year_start_month: b.municipalYearStartMonth,
  quorum_total: b.quorumTotal,
  quorum_per_partner: b.quorumPerPartner,
});

async function writeTurns(trx: Executor, partnershipId: number, boardId: number, b: BoardInput) {
  await trx
    .deleteFrom('board_chair_turns')
    .where('partnership_id', '=', partnershipId)
    .where('board_id', '=', boardId)
    .execute();
  if (b.rotation === 'fixed' || b.turns.length === 0) return;
  await trx
    .insertInto('board_chair_turns')
    .values(
      b.turns.map((t, i) => ({
        partnership_id: partnershipId,
        board_id: boardId,
        position: i + 1,
        organisation_id: t.organisationId,
        starts_on: b.rotation === 'schedule' ? t.startsOn : null,
      })),
    )
    .execute();
}

export async function createBoard(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  b: BoardInput,
): Promise<number> {
  const row = await trx
    .insertInto('boards')
    .values({ partnership_id: partnershipId, ...boardColumns(b), illustrative: b.illustrative ?? false })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeTurns(trx, partnershipId, row.id, b);
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'board',
    entityId: row.id,
    partnershipId,
    after: { ...row, turns: b.turns },
  });
  return row.id;
}

export async function updateBoard(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  b: BoardInput,
): Promise<void> {
  const before = await getBoard(trx, partnershipId, id);
  if (!before) throw new Error(`No board ${id} in partnership ${partnershipId}`);
  const after = await trx
    .updateTable('boards')
    .set(boardColumns(b))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeTurns(trx, partnershipId, id, b);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'board',
    entityId: id,
    partnershipId,
    before,
    after: { ...after, turns: b.turns },
  });
}

/** Each partner's key decision threshold, where the partnership has recorded one. */
export async function keyDecisionThresholds(
  db: Executor,
  partnershipId: number,
): Promise<Map<number, Pence>> {
  const rows = await db
    .selectFrom('partner_governance_settings')
    .select(['organisation_id', 'key_decision_threshold_pence'])
    .where('partnership_id', '=', partnershipId)
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, pence(r.key_decision_threshold_pence)]));
}

export async function setKeyDecisionThreshold(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  organisationId: number,
  thresholdPence: Pence,
): Promise<void> {
  const before = await trx
    .selectFrom('partner_governance_settings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  const after = await trx
    .insertInto('partner_governance_settings')
    .values({
      partnership_id: partnershipId,
      organisation_id: organisationId,
      key_decision_threshold_pence: thresholdPence,
    })
    .onConflict((oc) =>
      oc
        .columns(['partnership_id', 'organisation_id'])
        .doUpdateSet({ key_decision_threshold_pence: thresholdPence }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'partner_governance_setting',
    entityId: `${partnershipId}:${organisationId}`,
    partnershipId,
    before,
    after,
  });
}
