/**
 * The SQL of a stage's chosen subset of another stage's criteria, and of the link from an appraisal to the
 * governance decision it informed. Every write checks the appraisal is still a draft (a subset) or freezes it (a
 * link), and is audited in the caller's transaction.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { formatLongDate } from '../../kernel/dates.js';
import { alternativesConsidered, type AlternativesText } from '../analysis/index.js';
import { buildTree, leafCriteria } from '../criteria/index.js';
import { AppraisalFrozenError, assertDraft } from '../criteria/index.js';
import { loadAppraisalRecord } from '../appraisals/index.js';

/** A request the rules refuse, with a message for the person who asked. */
export class AppraisalRequestError extends Error {}

/**
 * Makes a stage use a subset of another stage's criteria: the scored criteria chosen (their groups come with
 * them). An empty list returns the stage to criteria of its own. The stage must have no criteria of its own, and
 * every criterion chosen must be a scored criterion of one other stage of the appraisal.
 */
export async function setStageCriteria(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  stageId: number,
  criterionIds: readonly number[],
): Promise<void> {
  await assertDraft(trx, partnershipId, appraisalId);
  const stage = await trx
    .selectFrom('appraisal_stages')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('appraisal_id', '=', appraisalId)
    .where('id', '=', stageId)
    .executeTakeFirst();
  if (!stage) throw new AppraisalRequestError(`Stage ${stageId} is not a stage of appraisal ${appraisalId}`);
  const all = await trx
    .selectFrom('appraisal_criteria')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('appraisal_id', '=', appraisalId)
    .execute();
  if (all.some((c) => c.stage_id === stageId))
    throw new AppraisalRequestError(
      `Stage “${stage.name}” has criteria of its own: a stage uses its own criteria or a subset of another stage’s, not both`,
    );
  const chosen = [...new Set(criterionIds)];
  const rows = chosen.map((id) => all.find((c) => c.id === id));
  const sources = new Set(rows.map((r) => r?.stage_id));
  if (rows.some((r) => r === undefined))
    throw new AppraisalRequestError('Every criterion chosen must be a criterion of this appraisal');
  if (sources.size > 1)
    throw new AppraisalRequestError('Choose the criteria of one stage only: a subset comes from one stage');
  const isGroup = (id: number) => all.some((c) => c.parent_id === id);
  const group = rows.find((r) => r && isGroup(r.id));
  if (group)
    throw new AppraisalRequestError(
      `“${group.name}” is a group: choose the scored criteria beneath it, and the group comes with them`,
    );
  const before = await trx
    .selectFrom('appraisal_stage_criteria')
    .select('criterion_id')
    .where('partnership_id', '=', partnershipId)
    .where('stage_id', '=', stageId)
    .execute();
  await trx
    .deleteFrom('appraisal_stage_criteria')
    .where('partnership_id', '=', partnershipId)
    .where('stage_id', '=', stageId)
    .execute();
  if (chosen.length > 0)
    await trx
      .insertInto('appraisal_stage_criteria')
      .values(
        chosen.map((criterionId) => ({
          partnership_id: partnershipId,
          appraisal_id: appraisalId,
          stage_id: stageId,
          criterion_id: criterionId,
        })),
      )
      .execute();
  const names = (ids: readonly number[]) => ids.map((id) => all.find((c) => c.id === id)?.name ?? String(id));
  await recordAuditEvent(trx, actor, {
    action: before.length === 0 ? 'create' : 'update',
    entityType: 'appraisal_stage_criteria',
    entityId: stageId,
    partnershipId,
    before: { criteria: names(before.map((b) => b.criterion_id)) },
    after: { sourceStageId: rows[0]?.stage_id ?? null, criteria: names(chosen) },
  });
}

/** Whether a stage uses a subset of another stage's criteria (and so takes no criteria of its own). */
export async function stageUsesSubset(db: Executor, partnershipId: number, stageId: number) {
  const row = await db
    .selectFrom('appraisal_stage_criteria')
    .select('criterion_id')
    .where('partnership_id', '=', partnershipId)
    .where('stage_id', '=', stageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The partnership's decisions, newest first, each with its item, meeting and board, and any appraisal linked. */
export async function listDecisionsForLinking(db: Executor, partnershipId: number) {
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('agenda_items as i', (j) =>
      j.onRef('i.partnership_id', '=', 'd.partnership_id').onRef('i.id', '=', 'd.agenda_item_id'),
    )
    .innerJoin('meetings as m', (j) =>
      j.onRef('m.partnership_id', '=', 'd.partnership_id').onRef('m.id', '=', 'd.meeting_id'),
    )
    .innerJoin('boards as b', (j) =>
      j.onRef('b.partnership_id', '=', 'm.partnership_id').onRef('b.id', '=', 'm.board_id'),
    )
    .leftJoin('appraisal_decisions as l', (j) =>
      j.onRef('l.partnership_id', '=', 'd.partnership_id').onRef('l.decision_id', '=', 'd.id'),
    )
    .select([
      'd.id',
      'd.decided_on',
      'd.decision',
      'i.number as item_number',
      'i.title as item_title',
      'b.name as board_name',
      'l.appraisal_id as linked_appraisal_id',
    ])
    .where('d.partnership_id', '=', partnershipId)
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
  return rows.map((r) => ({
    ...r,
    label: `${r.board_name}, ${formatLongDate(r.decided_on)}, item ${r.item_number}: ${r.item_title}`,
  }));
}

export type LinkableDecision = Awaited<ReturnType<typeof listDecisionsForLinking>>[number];

/**
 * Links the appraisal to the decision it informed, and freezes it: from now on no option, stage, criterion,
 * weight or score of it may change. One decision per appraisal and one appraisal per decision. An appraisal
 * already frozen under a written decision reference (before the decision was recorded here) may still be linked:
 * the link changes nothing in it.
 */
export async function linkAppraisalToDecision(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  decisionId: number,
): Promise<void> {
  const appraisal = await trx
    .selectFrom('appraisals')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', appraisalId)
    .forUpdate()
    .executeTakeFirst();
  if (!appraisal) throw new AppraisalRequestError(`Appraisal ${appraisalId} is not in this partnership`);
  const decision = (await listDecisionsForLinking(trx, partnershipId)).find((d) => d.id === decisionId);
  if (!decision)
    throw new AppraisalRequestError(`Decision ${decisionId} is not a decision of this partnership`);
  const existing = await trx
    .selectFrom('appraisal_decisions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('appraisal_id', '=', appraisalId)
    .executeTakeFirst();
  if (existing) throw new AppraisalFrozenError(appraisalId);
  if (decision.linked_appraisal_id !== null)
    throw new AppraisalRequestError(
      `That decision (${decision.label}) already rests on another appraisal: a decision has one appraisal`,
    );
  await trx
    .insertInto('appraisal_decisions')
    .values({
      partnership_id: partnershipId,
      appraisal_id: appraisalId,
      decision_id: decisionId,
      linked_by: actor.label,
    })
    .execute();
  let after: Record<string, unknown> = { decisionId, decision: decision.label };
  if (appraisal.status === 'draft') {
    const frozen = await trx
      .updateTable('appraisals')
      .set({ status: 'frozen', frozen_at: new Date(), decision_reference: decision.label })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', appraisalId)
      .returningAll()
      .executeTakeFirstOrThrow();
    after = { ...after, status: frozen.status, frozenAt: frozen.frozen_at };
  }
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'appraisal_decision',
    entityId: appraisalId,
    partnershipId,
    before: { status: appraisal.status, decisionReference: appraisal.decision_reference },
    after,
  });
}

/** The appraisal a decision rests on, with its "Alternative options considered" text; null when none. */
export async function appraisalOfDecision(
  db: Executor,
  partnershipId: number,
  decisionId: number,
): Promise<{ id: number; title: string; alternatives: AlternativesText } | null> {
  const link = await db
    .selectFrom('appraisal_decisions')
    .select('appraisal_id')
    .where('partnership_id', '=', partnershipId)
    .where('decision_id', '=', decisionId)
    .executeTakeFirst();
  if (!link) return null;
  return appraisalSummary(db, partnershipId, link.appraisal_id);
}

/** An appraisal's title and its "Alternative options considered" text, for the decision record. */
export async function appraisalSummary(db: Executor, partnershipId: number, appraisalId: number) {
  const r = await loadAppraisalRecord(db, partnershipId, appraisalId);
  if (!r) return null;
  return {
    id: r.appraisal.id,
    title: r.appraisal.title,
    alternatives: alternativesConsidered(r.stages, r.options, r.decisions),
  };
}

/** The scored criteria of each stage that has criteria of its own: the choices for a stage's subset. */
export function subsetChoices(
  record: NonNullable<Awaited<ReturnType<typeof loadAppraisalRecord>>>,
  stageId: number,
) {
  return record.stages
    .filter((s) => s.id !== stageId)
    .map((s) => ({
      stage: s,
      leaves: leafCriteria(buildTree(record.criteria.filter((c) => c.stageId === s.id))),
    }))
    .filter((x) => x.leaves.length > 0);
}

/** The partnership's appraisals not yet linked to a decision: those a decision's record may be drawn from. */
export async function unlinkedAppraisals(db: Executor, partnershipId: number) {
  return db
    .selectFrom('appraisals as a')
    .leftJoin('appraisal_decisions as l', (j) =>
      j.onRef('l.partnership_id', '=', 'a.partnership_id').onRef('l.appraisal_id', '=', 'a.id'),
    )
    .select(['a.id', 'a.title', 'a.status'])
    .where('a.partnership_id', '=', partnershipId)
    .where('l.decision_id', 'is', null)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}
