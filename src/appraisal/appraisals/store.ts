/**
 * Appraisals, their options, stages, criteria, weights and scores: the SQL. Every write is audited in the
 * caller's transaction, and every write first checks that the appraisal is still a draft: once the board has
 * decided, the appraisal is frozen and refuses changes (the database's triggers refuse them too).
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import type { OptionStageStatus, StageDecision } from '../analysis/index.js';
import type { StageSubsetRow } from '../analysis/index.js';
import type { CriterionRow } from '../criteria/index.js';
import { assertDraft, type Scale } from '../criteria/index.js';

export interface AppraisalFields {
  title: string;
  proposal: string;
  decisionReference: string | null;
  combination?: 'mean' | 'median';
  illustrative?: boolean;
}

export async function createAppraisal(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  f: AppraisalFields,
): Promise<number> {
  const row = await trx
    .insertInto('appraisals')
    .values({
      partnership_id: partnershipId,
      title: f.title.trim(),
      proposal: f.proposal.trim(),
      decision_reference: f.decisionReference?.trim() || null,
      combination: f.combination ?? 'mean',
      illustrative: f.illustrative ?? false,
      created_by: actor.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'appraisal',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

export async function listAppraisals(db: Executor, partnershipId: number) {
  return db
    .selectFrom('appraisals')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function getAppraisal(db: Executor, partnershipId: number, appraisalId: number) {
  return db
    .selectFrom('appraisals')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', appraisalId)
    .executeTakeFirst();
}

export type Appraisal = NonNullable<Awaited<ReturnType<typeof getAppraisal>>>;

const nextPosition = async (
  trx: Executor,
  table: 'appraisal_options' | 'appraisal_stages',
  partnershipId: number,
  appraisalId: number,
): Promise<number> => {
  const r = await trx
    .selectFrom(table)
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('partnership_id', '=', partnershipId)
    .where('appraisal_id', '=', appraisalId)
    .executeTakeFirstOrThrow();
  return r.next;
};

export async function addOption(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  f: { name: string; description: string },
): Promise<number> {
  await assertDraft(trx, partnershipId, appraisalId);
  const row = await trx
    .insertInto('appraisal_options')
    .values({
      partnership_id: partnershipId,
      appraisal_id: appraisalId,
      name: f.name.trim(),
      description: f.description.trim(),
      position: await nextPosition(trx, 'appraisal_options', partnershipId, appraisalId),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'appraisal_option',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

export async function addStage(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  f: { name: string; description: string },
): Promise<number> {
  await assertDraft(trx, partnershipId, appraisalId);
  const row = await trx
    .insertInto('appraisal_stages')
    .values({
      partnership_id: partnershipId,
      appraisal_id: appraisalId,
      name: f.name.trim(),
      description: f.description.trim(),
      position: await nextPosition(trx, 'appraisal_stages', partnershipId, appraisalId),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'appraisal_stage',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

/** Sets an option's status at a stage (carried forward, rejected with a reason, or preferred). */
export async function setOptionStage(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  d: { stageId: number; optionId: number; status: OptionStageStatus; reason: string },
): Promise<void> {
  await assertDraft(trx, partnershipId, appraisalId);
  const before = await trx
    .selectFrom('appraisal_option_stages')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('stage_id', '=', d.stageId)
    .where('option_id', '=', d.optionId)
    .executeTakeFirst();
  const values = { status: d.status, reason: d.status === 'rejected' ? d.reason.trim() : '' };
  const after = await trx
    .insertInto('appraisal_option_stages')
    .values({
      partnership_id: partnershipId,
      appraisal_id: appraisalId,
      stage_id: d.stageId,
      option_id: d.optionId,
      ...values,
    })
    .onConflict((oc) => oc.columns(['partnership_id', 'stage_id', 'option_id']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'appraisal_option_stage',
    entityId: `${d.stageId}:${d.optionId}`,
    partnershipId,
    before,
    after,
  });
}

/** Freezes the appraisal when the board decides: from now on nothing about it may change. */
export async function freezeAppraisal(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  decisionReference: string,
): Promise<void> {
  await assertDraft(trx, partnershipId, appraisalId);
  const after = await trx
    .updateTable('appraisals')
    .set({ status: 'frozen', frozen_at: new Date(), decision_reference: decisionReference.trim() })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', appraisalId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'appraisal',
    entityId: appraisalId,
    partnershipId,
    before: { status: 'draft' },
    after,
  });
}

export interface StoredCriterion extends CriterionRow {
  stageId: number;
  description: string;
}

const scaleOf = (r: {
  scale_kind: 'points' | 'money';
  scale_min: number;
  scale_max: number;
  higher_is_better: boolean;
  scale_levels: { value: number; label: string }[];
  worst_pence: number | null;
  best_pence: number | null;
}): Scale =>
  r.scale_kind === 'money'
    ? { kind: 'money', worstPence: r.worst_pence ?? 0, bestPence: r.best_pence ?? 0 }
    : {
        kind: 'points',
        min: r.scale_min,
        max: r.scale_max,
        higherIsBetter: r.higher_is_better,
        levels: r.scale_levels,
      };

/** Everything about one appraisal, in display order, for the pages and the calculations. */
export async function loadAppraisalRecord(db: Executor, partnershipId: number, appraisalId: number) {
  const appraisal = await getAppraisal(db, partnershipId, appraisalId);
  if (!appraisal) return null;
  const scope = { p: partnershipId, a: appraisalId };
  const options = await db
    .selectFrom('appraisal_options')
    .selectAll()
    .where('partnership_id', '=', scope.p)
    .where('appraisal_id', '=', scope.a)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const stages = await db
    .selectFrom('appraisal_stages')
    .selectAll()
    .where('partnership_id', '=', scope.p)
    .where('appraisal_id', '=', scope.a)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const decisions: StageDecision[] = (
    await db
      .selectFrom('appraisal_option_stages')
      .selectAll()
      .where('partnership_id', '=', scope.p)
      .where('appraisal_id', '=', scope.a)
      .execute()
  ).map((d) => ({ optionId: d.option_id, stageId: d.stage_id, status: d.status, reason: d.reason }));
  const criteria: StoredCriterion[] = (
    await db
      .selectFrom('appraisal_criteria')
      .selectAll()
      .where('partnership_id', '=', scope.p)
      .where('appraisal_id', '=', scope.a)
      .orderBy('position')
      .orderBy('id')
      .execute()
  ).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    stageId: r.stage_id,
    name: r.name,
    description: r.description,
    weightBp: r.weight_bp,
    position: r.position,
    scale: scaleOf(r),
  }));
  const subsets: StageSubsetRow[] = (
    await db
      .selectFrom('appraisal_stage_criteria')
      .select(['stage_id', 'criterion_id'])
      .where('partnership_id', '=', scope.p)
      .where('appraisal_id', '=', scope.a)
      .execute()
  ).map((r) => ({ stageId: r.stage_id, criterionId: r.criterion_id }));
  const link = await db
    .selectFrom('appraisal_decisions')
    .selectAll()
    .where('partnership_id', '=', scope.p)
    .where('appraisal_id', '=', scope.a)
    .executeTakeFirst();
  const scores = await db
    .selectFrom('appraisal_scores')
    .selectAll()
    .where('partnership_id', '=', scope.p)
    .where('appraisal_id', '=', scope.a)
    .orderBy('scored_at')
    .orderBy('id')
    .execute();
  return {
    appraisal,
    options,
    stages,
    decisions,
    criteria,
    subsets,
    scores,
    decisionId: link?.decision_id ?? null,
  };
}

export type AppraisalRecord = NonNullable<Awaited<ReturnType<typeof loadAppraisalRecord>>>;
