/**
 * The guard on every change to an appraisal's parts (its options, stages, criteria, weights and scores): the
 * appraisal must still be a draft. Once linked to a decision it is frozen (appraisal/decisionLink).
 */
import type { Executor } from '../../db/connection.js';

/** A change was asked of a frozen appraisal. */
export class AppraisalFrozenError extends Error {
  constructor(appraisalId: number) {
    super(`Appraisal ${appraisalId} is frozen: the board has decided, so it cannot change`);
  }
}

/** Locks the appraisal's row for this transaction and refuses to go on if it is frozen or missing. */
export async function assertDraft(trx: Executor, partnershipId: number, appraisalId: number): Promise<void> {
  const row = await trx
    .selectFrom('appraisals')
    .select('status')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', appraisalId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new Error(`Appraisal ${appraisalId} is not in partnership ${partnershipId}`);
  if (row.status === 'frozen') throw new AppraisalFrozenError(appraisalId);
}
