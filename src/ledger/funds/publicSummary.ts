/**
 * The published summary of a partnership's pooled funds, year by year: the total pooled, each partner's
 * contribution and the budget by scheme type (issue 3, scope 8: what the public sees). Figures come straight
 * from the database, summed in pence; nothing here is exempt information.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { pence, sumPence, type Pence } from '../../kernel/money.js';

export interface PooledFundSummary {
  fundId: number;
  financialYear: number;
  name: string;
  betterCareFund: boolean;
  illustrative: boolean;
  hostOrganisationId: number | null;
  totalPence: Pence;
  byPartner: { organisationId: number; totalPence: Pence }[];
  bySchemeType: { schemeType: string; schemes: number; budgetPence: Pence }[];
  schemeBudgetPence: Pence;
}

/** Every pooled fund of a partnership, newest year first, with its totals (aligned budgets are not pooled). */
export async function pooledFundSummaries(db: Executor, partnershipId: number): Promise<PooledFundSummary[]> {
  const funds = await db
    .selectFrom('funds')
    .select(['id', 'financial_year', 'name', 'better_care_fund', 'illustrative', 'host_organisation_id'])
    .where('partnership_id', '=', partnershipId)
    .where('kind', '=', 'pooled')
    .orderBy('financial_year', 'desc')
    .orderBy('name')
    .execute();
  if (funds.length === 0) return [];
  const ids = funds.map((f) => f.id);
  const partners = await db
    .selectFrom('fund_contributions')
    .select(['fund_id', 'organisation_id', sql<string>`sum(amount_pence)::bigint`.as('total')])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', 'in', ids)
    .groupBy(['fund_id', 'organisation_id'])
    .orderBy('organisation_id')
    .execute();
  const types = await db
    .selectFrom('schemes as s')
    .leftJoin('scheme_budgets as b', (j) =>
      j.onRef('b.partnership_id', '=', 's.partnership_id').onRef('b.scheme_id', '=', 's.id'),
    )
    .select([
      's.fund_id',
      's.scheme_type',
      sql<string>`count(distinct s.id)::bigint`.as('schemes'),
      sql<string>`coalesce(sum(b.amount_pence), 0)::bigint`.as('total'),
    ])
    .where('s.partnership_id', '=', partnershipId)
    .where('s.fund_id', 'in', ids)
    .groupBy(['s.fund_id', 's.scheme_type'])
    .orderBy('s.scheme_type')
    .execute();
  return funds.map((f) => {
    const byPartner = partners
      .filter((p) => p.fund_id === f.id)
      .map((p) => ({ organisationId: p.organisation_id, totalPence: pence(BigInt(p.total)) }));
    const bySchemeType = types
      .filter((t) => t.fund_id === f.id)
      .map((t) => ({
        schemeType: t.scheme_type,
        schemes: Number(t.schemes),
        budgetPence: pence(BigInt(t.total)),
      }));
    return {
      fundId: f.id,
      financialYear: f.financial_year,
      name: f.name,
      betterCareFund: f.better_care_fund,
      illustrative: f.illustrative,
      hostOrganisationId: f.host_organisation_id,
      totalPence: sumPence(byPartner.map((p) => p.totalPence)),
      byPartner,
      bySchemeType,
      schemeBudgetPence: sumPence(bySchemeType.map((t) => t.budgetPence)),
    };
  });
}
