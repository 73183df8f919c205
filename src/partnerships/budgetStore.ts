/** The SQL of budget areas and each partner's contribution to them; every write audited. */
import type { Executor } from '../db/connection.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { pence, type Pence } from '../kernel/money.js';
import { ARRANGEMENTS, type Arrangement, type ContributionLine } from './rules.js';

export interface BudgetAreaFields {
  financialYear: number;
  name: string;
  arrangement: Arrangement;
  hostOrganisationId: number | null;
  notes: string;
  contributions: readonly ContributionLine[];
  illustrative?: boolean;
}

export interface BudgetArea {
  id: number;
  partnershipId: number;
  financialYear: number;
  name: string;
  arrangement: Arrangement;
  hostOrganisationId: number | null;
  notes: string;
  illustrative: boolean;
  contributions: ContributionLine[];
  totalPence: Pence;
}

/** The financial years a partnership has budget areas in, latest first. */
export async function budgetYears(db: Executor, partnershipId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('budget_areas')
    .select('financial_year')
    .distinct()
    .where('partnership_id', '=', partnershipId)
    .orderBy('financial_year', 'desc')
    .execute();
  return rows.map((r) => r.financial_year);
}

export async function listBudgetAreas(
  db: Executor,
  partnershipId: number,
  financialYear: number,
): Promise<BudgetArea[]> {
  const areas = await db
    .selectFrom('budget_areas')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('financial_year', '=', financialYear)
    .orderBy('name')
    .execute();
  if (areas.length === 0) return [];
  // pooled first, then aligned, lead commissioning and outside, as the arrangements are listed
  const order = Object.keys(ARRANGEMENTS);
  areas.sort((a, b) => order.indexOf(a.arrangement) - order.indexOf(b.arrangement));
  const lines = await db
    .selectFrom('budget_contributions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where(
      'budget_area_id',
      'in',
      areas.map((a) => a.id),
    )
    .execute();
  return areas.map((a) => {
    const contributions = lines
      .filter((l) => l.budget_area_id === a.id)
      .map((l) => ({ organisationId: l.organisation_id, amountPence: pence(l.amount_pence) }))
      .sort((x, y) => x.organisationId - y.organisationId);
    return {
      id: a.id,
      partnershipId: a.partnership_id,
      financialYear: a.financial_year,
      name: a.name,
      arrangement: a.arrangement,
      hostOrganisationId: a.host_organisation_id,
      notes: a.notes,
      illustrative: a.illustrative,
      contributions,
      totalPence: pence(contributions.reduce((s, c) => s + BigInt(c.amountPence), 0n)),
    };
  });
}

export async function getBudgetArea(
  db: Executor,
  partnershipId: number,
  id: number,
): Promise<BudgetArea | undefined> {
  const row = await db
    .selectFrom('budget_areas')
    .select('financial_year')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await listBudgetAreas(db, partnershipId, row.financial_year)).find((a) => a.id === id);
}

export async function budgetAreaNameTaken(
  db: Executor,
  partnershipId: number,
  financialYear: number,
  name: string,
  exceptId?: number,
): Promise<boolean> {
  let q = db
    .selectFrom('budget_areas')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('financial_year', '=', financialYear)
    .where('name', '=', name.trim());
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

const snapshot = (a: BudgetArea | undefined) =>
  a && {
    financialYear: a.financialYear,
    name: a.name,
    arrangement: a.arrangement,
    hostOrganisationId: a.hostOrganisationId,
    notes: a.notes,
    contributions: a.contributions,
  };

async function writeContributions(
  trx: Executor,
  partnershipId: number,
  budgetAreaId: number,
  lines: readonly ContributionLine[],
): Promise<void> {
  await trx
    .deleteFrom('budget_contributions')
    .where('partnership_id', '=', partnershipId)
    .where('budget_area_id', '=', budgetAreaId)
    .execute();
  if (lines.length > 0) {
    await trx
      .insertInto('budget_contributions')
      .values(
        lines.map((l) => ({
          partnership_id: partnershipId,
          budget_area_id: budgetAreaId,
          organisation_id: l.organisationId,
          amount_pence: l.amountPence,
        })),
      )
      .execute();
  }
}

export async function createBudgetArea(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  b: BudgetAreaFields,
): Promise<number> {
  const row = await trx
    .insertInto('budget_areas')
    .values({
      partnership_id: partnershipId,
      financial_year: b.financialYear,
      name: b.name.trim(),
      arrangement: b.arrangement,
      host_organisation_id: b.hostOrganisationId,
      notes: b.notes.trim(),
      illustrative: b.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeContributions(trx, partnershipId, row.id, b.contributions);
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'budget_area',
    entityId: row.id,
    partnershipId,
    after: snapshot(await getBudgetArea(trx, partnershipId, row.id)),
  });
  return row.id;
}

export async function updateBudgetArea(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  b: BudgetAreaFields,
): Promise<void> {
  await trx
    .selectFrom('budget_areas')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const before = snapshot(await getBudgetArea(trx, partnershipId, id));
  await trx
    .updateTable('budget_areas')
    .set({
      financial_year: b.financialYear,
      name: b.name.trim(),
      arrangement: b.arrangement,
      host_organisation_id: b.hostOrganisationId,
      notes: b.notes.trim(),
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
  await writeContributions(trx, partnershipId, id, b.contributions);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'budget_area',
    entityId: id,
    partnershipId,
    before,
    after: snapshot(await getBudgetArea(trx, partnershipId, id)),
  });
}

export async function deleteBudgetArea(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
): Promise<boolean> {
  const before = snapshot(await getBudgetArea(trx, partnershipId, id));
  if (!before) return false;
  await trx
    .deleteFrom('budget_areas')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'delete',
    entityType: 'budget_area',
    entityId: id,
    partnershipId,
    before,
  });
  return true;
}
