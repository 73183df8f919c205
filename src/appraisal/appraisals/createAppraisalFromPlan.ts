/**
 * Creates a whole appraisal from a plain description: options, stages with their criteria trees, each
 * assessor's scores and each option's status per stage, and optionally freezes it. Used by the demonstration
 * data and by tests; everything goes through the store, so every row is audited as if typed in.
 */
import type { Executor } from '../../db/connection.js';
import type { Actor } from '../../audit/index.js';
import type { OptionStageStatus } from '../analysis/index.js';
import { pointsScale, type Scale } from '../criteria/index.js';
import {
  addOption,
  addStage,
  createAppraisal,
  freezeAppraisal,
  setOptionStage,
  type AppraisalFields,
} from './store.js';
import { addCriterion, recordScore } from '../criteria/index.js';

export interface PlanCriterion {
  key: string;
  name: string;
  description?: string;
  weightBp: number;
  /** Scored criteria only; 0 to 10, higher better, when not given. */
  scale?: Scale;
  children?: PlanCriterion[];
}

export interface PlanScores {
  assessor: string;
  /** optionKey → criterionKey → score (pence for a money scale). */
  byOption: Record<string, Record<string, number>>;
  /** `${optionKey}/${criterionKey}` → rationale. */
  rationale?: Record<string, string>;
  evidenceUrl?: string;
}

export interface PlanStage {
  name: string;
  description?: string;
  criteria: PlanCriterion[];
  scores?: PlanScores[];
  /** optionKey → status at this stage (with the reason for a rejection). */
  decisions?: Record<string, { status: OptionStageStatus; reason?: string }>;
}

export interface AppraisalPlan extends AppraisalFields {
  options: { key: string; name: string; description?: string }[];
  stages: PlanStage[];
  /** Freeze the appraisal with this decision reference once it is built. */
  freezeWithDecision?: string;
}

export interface CreatedAppraisal {
  appraisalId: number;
  optionIds: Map<string, number>;
  stageIds: number[];
  criterionIds: Map<string, number>;
}

export async function createAppraisalFromPlan(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  plan: AppraisalPlan,
): Promise<CreatedAppraisal> {
  const appraisalId = await createAppraisal(trx, actor, partnershipId, plan);
  const optionIds = new Map<string, number>();
  for (const o of plan.options) {
    optionIds.set(
      o.key,
      await addOption(trx, actor, partnershipId, appraisalId, {
        name: o.name,
        description: o.description ?? '',
      }),
    );
  }
  const stageIds: number[] = [];
  const criterionIds = new Map<string, number>();
  for (const s of plan.stages) {
    const stageId = await addStage(trx, actor, partnershipId, appraisalId, {
      name: s.name,
      description: s.description ?? '',
    });
    stageIds.push(stageId);
    const add = async (c: PlanCriterion, parentId: number | null): Promise<void> => {
      const id = await addCriterion(trx, actor, partnershipId, appraisalId, {
        stageId,
        parentId,
        name: c.name,
        description: c.description ?? '',
        weightBp: c.weightBp,
        scale: c.scale ?? pointsScale(0, 10),
      });
      criterionIds.set(c.key, id);
      for (const child of c.children ?? []) await add(child, id);
    };
    for (const c of s.criteria) await add(c, null);
    for (const round of s.scores ?? []) {
      for (const [optionKey, cells] of Object.entries(round.byOption)) {
        for (const [criterionKey, score] of Object.entries(cells)) {
          const optionId = optionIds.get(optionKey);
          const criterionId = criterionIds.get(criterionKey);
          if (optionId === undefined || criterionId === undefined)
            throw new Error(`The plan scores an unknown cell ${optionKey}/${criterionKey}`);
          await recordScore(trx, actor, partnershipId, appraisalId, {
            optionId,
            criterionId,
            score,
            rationale: round.rationale?.[`${optionKey}/${criterionKey}`] ?? '',
            evidenceUrl: round.evidenceUrl ?? '',
            assessor: round.assessor,
            assessorUserId: null,
          });
        }
      }
    }
    for (const [optionKey, d] of Object.entries(s.decisions ?? {})) {
      const optionId = optionIds.get(optionKey);
      if (optionId === undefined) throw new Error(`The plan decides on an unknown option ${optionKey}`);
      await setOptionStage(trx, actor, partnershipId, appraisalId, {
        stageId,
        optionId,
        status: d.status,
        reason: d.reason ?? '',
      });
    }
  }
  if (plan.freezeWithDecision)
    await freezeAppraisal(trx, actor, partnershipId, appraisalId, plan.freezeWithDecision);
  return { appraisalId, optionIds, stageIds, criterionIds };
}
