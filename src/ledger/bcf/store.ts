/** Reads what a Better Care Fund return needs: the fund's schemes with their descriptions and budgets, and
 * which of them ran in the partnership's fund of the year before (New/ Existing). */
import type { Executor } from '../../db/connection.js';
import type { BcfScheme } from './returns.js';
import { listSchemes } from '../funds/index.js';

export async function loadBcfSchemes(
  db: Executor,
  partnershipId: number,
  fund: { id: number; financial_year: number },
): Promise<BcfScheme[]> {
  const schemes = await listSchemes(db, partnershipId, fund.id);
  const descriptions = await db
    .selectFrom('schemes')
    .select(['id', 'description'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fund.id)
    .execute();
  const lastYear = await db
    .selectFrom('schemes')
    .innerJoin('funds', (j) =>
      j
        .onRef('funds.partnership_id', '=', 'schemes.partnership_id')
        .onRef('funds.id', '=', 'schemes.fund_id'),
    )
    .select('schemes.code')
    .where('schemes.partnership_id', '=', partnershipId)
    .where('funds.financial_year', '=', fund.financial_year - 1)
    .execute();
  const existing = new Set(lastYear.map((r) => r.code));
  return schemes.map((s) => ({
    schemeId: s.id,
    code: s.code,
    name: s.name,
    description: descriptions.find((d) => d.id === s.id)?.description ?? '',
    schemeType: s.schemeType,
    areaOfSpend: s.areaOfSpend,
    commissioner: s.commissioner,
    provider: s.provider,
    budgets: s.budgets,
    existing: existing.has(s.code),
  }));
}
