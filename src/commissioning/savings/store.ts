/** The SQL of savings plans: lines and their months; every write audited in the same transaction. */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { pence, type Pence } from '../../kernel/money.js';
import { PERIODS, type SavingsLineInput, type SavingsMonth } from './rules.js';

export interface SavingsLine extends Omit<SavingsLineInput, 'plannedByPeriod' | 'projectId'> {
  projectId: number | null;
  id: number;
  partnershipId: number;
  illustrative: boolean;
  months: SavingsMonth[];
}

/** The financial years a partnership has savings lines in, latest first. */
export async function savingsYears(db: Executor, partnershipId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('savings_lines')
    .select('financial_year')
    .distinct()
    .where('partnership_id', '=', partnershipId)
    .orderBy('financial_year', 'desc')
    .execute();
  return rows.map((r) => r.financial_year);
}

async function readLines(
  db: Executor,
  partnershipId: number,
  where: { year?: number; id?: number; projectId?: number },
) {
  let q = db.selectFrom('savings_lines').selectAll().where('partnership_id', '=', partnershipId);
  if (where.year !== undefined) q = q.where('financial_year', '=', where.year);
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.projectId !== undefined) q = q.where('project_id', '=', where.projectId);
  const lines = await q.orderBy('organisation_id').orderBy('budget_line').orderBy('id').execute();
  if (lines.length === 0) return [];
  const months = await db
    .selectFrom('savings_months')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where(
      'savings_line_id',
      'in',
      lines.map((l) => l.id),
    )
    .orderBy('period')
    .execute();
  return lines.map((l): SavingsLine => ({
    id: l.id,
    partnershipId: l.partnership_id,
    financialYear: l.financial_year,
    organisationId: l.organisation_id,
    budgetLine: l.budget_line,
    description: l.description,
    projectReference: l.project_reference,
    projectId: l.project_id,
    savingType: l.saving_type,
    confidence: l.confidence,
    illustrative: l.illustrative,
    months: months
      .filter((m) => m.savings_line_id === l.id)
      .map((m) => ({
        period: m.period,
        plannedPence: pence(m.planned_pence),
        achievedPence: m.achieved_pence === null ? null : pence(m.achieved_pence),
      })),
  }));
}

/** The savings lines a commissioning project delivers, of every year. */
export const listSavingsLinesOfProject = (db: Executor, partnershipId: number, projectId: number) =>
  readLines(db, partnershipId, { projectId });

/** Records which project delivers a line (or none); the audit keeps the one before. */
export async function setSavingsLineProject(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  lineId: number,
  projectId: number | null,
): Promise<void> {
  const before = await trx
    .selectFrom('savings_lines')
    .select('project_id')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', lineId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('savings_lines')
    .set({ project_id: projectId })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', lineId)
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'savings_line',
    entityId: lineId,
    partnershipId,
    before: { projectId: before.project_id },
    after: { projectId },
  });
}

/** A year's savings lines, by partner, budget line and the order they were added. */
export const listSavingsLines = (db: Executor, partnershipId: number, financialYear: number) =>
  readLines(db, partnershipId, { year: financialYear });

export async function getSavingsLine(
  db: Executor,
  partnershipId: number,
  id: number,
): Promise<SavingsLine | undefined> {
  return (await readLines(db, partnershipId, { id }))[0];
}

const snapshot = (l: SavingsLine | undefined) =>
  l && {
    financialYear: l.financialYear,
    organisationId: l.organisationId,
    budgetLine: l.budgetLine,
    description: l.description,
    projectReference: l.projectReference,
    projectId: l.projectId,
    savingType: l.savingType,
    confidence: l.confidence,
    months: l.months,
  };

/** Adds a savings line with its twelve planned months. */
export async function createSavingsLine(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  input: SavingsLineInput & { illustrative?: boolean },
): Promise<number> {
  if (input.plannedByPeriod.length !== PERIODS.length) throw new RangeError('A plan has twelve months');
  const row = await trx
    .insertInto('savings_lines')
    .values({
      partnership_id: partnershipId,
      financial_year: input.financialYear,
      organisation_id: input.organisationId,
      budget_line: input.budgetLine,
      description: input.description.trim(),
      project_reference: input.projectReference.trim(),
      project_id: input.projectId ?? null,
      saving_type: input.savingType,
      confidence: input.confidence,
      illustrative: input.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('savings_months')
    .values(
      PERIODS.map((p) => ({
        partnership_id: partnershipId,
        savings_line_id: row.id,
        period: p,
        planned_pence: input.plannedByPeriod[p - 1] ?? 0,
        achieved_pence: null,
      })),
    )
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'savings_line',
    entityId: row.id,
    partnershipId,
    after: snapshot(await getSavingsLine(trx, partnershipId, row.id)),
  });
  return row.id;
}

/**
 * Changes a line: what it is, whose budget, its confidence and its planned months (a plan is revised as the year
 * goes on). Achieved amounts are left as recorded. The audit keeps the line as it was before and after.
 */
export async function updateSavingsLine(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  input: SavingsLineInput,
): Promise<void> {
  if (input.plannedByPeriod.length !== PERIODS.length) throw new RangeError('A plan has twelve months');
  const before = snapshot(await getSavingsLine(trx, partnershipId, id));
  if (!before) throw new RangeError(`No savings line ${id}`);
  await trx
    .updateTable('savings_lines')
    .set({
      financial_year: input.financialYear,
      organisation_id: input.organisationId,
      budget_line: input.budgetLine,
      description: input.description.trim(),
      project_reference: input.projectReference.trim(),
      project_id: input.projectId ?? null,
      saving_type: input.savingType,
      confidence: input.confidence,
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
  for (const p of PERIODS)
    await trx
      .updateTable('savings_months')
      .set({ planned_pence: input.plannedByPeriod[p - 1] ?? 0 })
      .where('partnership_id', '=', partnershipId)
      .where('savings_line_id', '=', id)
      .where('period', '=', p)
      .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'savings_line',
    entityId: id,
    partnershipId,
    before,
    after: snapshot(await getSavingsLine(trx, partnershipId, id)),
  });
}

/** Records (or corrects) the amount achieved in one month of a line; the audit keeps what it was before. */
export async function recordAchieved(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  lineId: number,
  period: number,
  achievedPence: Pence,
): Promise<void> {
  const before = await trx
    .selectFrom('savings_months')
    .select(['planned_pence', 'achieved_pence'])
    .where('partnership_id', '=', partnershipId)
    .where('savings_line_id', '=', lineId)
    .where('period', '=', period)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('savings_months')
    .set({ achieved_pence: achievedPence })
    .where('partnership_id', '=', partnershipId)
    .where('savings_line_id', '=', lineId)
    .where('period', '=', period)
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'savings_line',
    entityId: lineId,
    partnershipId,
    before: { period, achievedPence: before.achieved_pence },
    after: { period, achievedPence },
  });
}
