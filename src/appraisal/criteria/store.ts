/**
 * A stage's criteria, their weights and the assessors' scores: the SQL. Each write checks that the appraisal is
 * still a draft and is audited in the caller's transaction; a weight change records the weight before and after.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import type { Scale } from './scales.js';
import { assertDraft } from './draft.js';

export interface CriterionFields {
  stageId: number;
  parentId: number | null;
  name: string;
  description: string;
  weightBp: number;
  scale: Scale;
}

const scaleColumns = (scale: Scale) =>
  scale.kind === 'points'
    ? {
        scale_kind: 'points' as const,
        scale_min: scale.min,
        scale_max: scale.max,
        higher_is_better: scale.higherIsBetter,
        scale_levels: JSON.stringify(scale.levels),
        worst_pence: null,
        best_pence: null,
      }
    : { scale_kind: 'money' as const, worst_pence: scale.worstPence, best_pence: scale.bestPence };

export async function addCriterion(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  f: CriterionFields,
): Promise<number> {
  await assertDraft(trx, partnershipId, appraisalId);
  const subset = await trx
    .selectFrom('appraisal_stage_criteria')
    .select('criterion_id')
    .where('partnership_id', '=', partnershipId)
    .where('stage_id', '=', f.stageId)
    .executeTakeFirst();
  if (subset)
    throw new Error(
      `Stage ${f.stageId} uses a subset of another stage’s criteria: return it to criteria of its own first`,
    );
  const last = await trx
    .selectFrom('appraisal_criteria')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('partnership_id', '=', partnershipId)
    .where('stage_id', '=', f.stageId)
    .where((eb) => (f.parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', f.parentId)))
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('appraisal_criteria')
    .values({
      partnership_id: partnershipId,
      appraisal_id: appraisalId,
      stage_id: f.stageId,
      parent_id: f.parentId,
      name: f.name.trim(),
      description: f.description.trim(),
      weight_bp: f.weightBp,
      position: last.next,
      ...scaleColumns(f.scale),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'appraisal_criterion',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

/** Sets the weights of a stage's criteria (any or all levels at once), auditing each weight that changes. */
export async function setWeights(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  stageId: number,
  weights: readonly { criterionId: number; weightBp: number }[],
): Promise<number> {
  await assertDraft(trx, partnershipId, appraisalId);
  let changed = 0;
  for (const w of weights) {
    const before = await trx
      .selectFrom('appraisal_criteria')
      .select(['id', 'name', 'weight_bp'])
      .where('partnership_id', '=', partnershipId)
      .where('stage_id', '=', stageId)
      .where('id', '=', w.criterionId)
      .executeTakeFirst();
    if (!before) throw new Error(`Criterion ${w.criterionId} is not in stage ${stageId}`);
    if (before.weight_bp === w.weightBp) continue;
    await trx
      .updateTable('appraisal_criteria')
      .set({ weight_bp: w.weightBp })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', w.criterionId)
      .execute();
    await recordAuditEvent(trx, actor, {
      action: 'update',
      entityType: 'appraisal_weight',
      entityId: w.criterionId,
      partnershipId,
      before: { name: before.name, weightBp: before.weight_bp },
      after: { name: before.name, weightBp: w.weightBp },
    });
    changed++;
  }
  return changed;
}

export interface ScoreFields {
  criterionId: number;
  optionId: number;
  score: number;
  rationale: string;
  evidenceUrl: string;
  assessor: string;
  assessorUserId: number | null;
}

/** Records one assessor's score; an earlier score by the same assessor for the cell stays as history. */
export async function recordScore(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  appraisalId: number,
  f: ScoreFields,
): Promise<number> {
  await assertDraft(trx, partnershipId, appraisalId);
  const row = await trx
    .insertInto('appraisal_scores')
    .values({
      partnership_id: partnershipId,
      appraisal_id: appraisalId,
      criterion_id: f.criterionId,
      option_id: f.optionId,
      score: f.score,
      rationale: f.rationale.trim(),
      evidence_url: f.evidenceUrl.trim(),
      assessor: f.assessor.trim(),
      assessor_user_id: f.assessorUserId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'appraisal_score',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}
