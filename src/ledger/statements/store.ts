/** Reads what a quarterly partner statement needs from the ledger, and builds it (statements.ts). */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { pence, sumPence } from '../../kernel/money.js';
import { monitoringReport } from '../monitoring/index.js';
import { shareVariance, type RiskSharePolicy } from '../settlement/index.js';
import { fundPartners, schemeActuals } from '../settlement/index.js';
import { partnerStatement, periodsOf, type PartnerStatement, type Quarter } from './rules.js';
import { accountCodes, type Fund } from '../funds/index.js';
import { listSchemes } from '../funds/index.js';

/** When no policy is recorded, statements forecast shares in proportion to contributions, and say so. */
export const DEFAULT_POLICY: RiskSharePolicy = { steps: [{ kind: 'pro-rata', appliesTo: 'both' }] };

/**
 * Contributions a partner has in the journal, per period: credits to its CON account from every entry but the
 * settlement's (and their reversals). Null when the journal holds no contribution entry for it.
 */
async function journalContributions(
  db: Executor,
  partnershipId: number,
  fundId: number,
  organisationId: number,
) {
  const rows = await sql<{ period: number; total: string; entries: string }>`
    select p.period, sum(p.amount_pence)::bigint as total,
           count(*) filter (where e.source = 'contribution')::bigint as entries
      from postings p
      join journal_entries e on e.partnership_id = p.partnership_id and e.id = p.entry_id
      left join journal_entries r on r.partnership_id = e.partnership_id and r.id = e.reverses_entry_id
     where p.partnership_id = ${partnershipId} and p.fund_id = ${fundId}
       and p.account_code = ${accountCodes.contribution(organisationId)}
       and e.source <> 'settlement' and coalesce(r.source, '') <> 'settlement'
     group by p.period`.execute(db);
  if (!rows.rows.some((r) => Number(r.entries) > 0)) return null;
  const byPeriod = Array.from({ length: 12 }, () => 0);
  for (const r of rows.rows) byPeriod[r.period - 1] = -Number(r.total);
  return byPeriod;
}

/** One partner's statement for one quarter of a fund's year. */
export async function loadPartnerStatement(
  db: Executor,
  partnershipId: number,
  fund: Fund,
  organisationId: number,
  quarter: Quarter,
  policy: RiskSharePolicy | null,
): Promise<PartnerStatement | null> {
  const partners = await fundPartners(db, partnershipId, fund.id);
  const partner = partners.find((p) => p.id === organisationId);
  if (!partner) return null;
  const contributions = await db
    .selectFrom('fund_contributions')
    .select(['organisation_id', 'kind', 'amount_pence', 'effective_on'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fund.id)
    .execute();
  const schemes = await listSchemes(db, partnershipId, fund.id);
  const actuals = await schemeActuals(db, partnershipId, fund.id);
  const commissioned = new Set(
    schemes
      .filter((s) => s.commissioner !== 'joint' && s.commissionerOrganisationId === organisationId)
      .map((s) => s.id),
  );
  const byPeriod = (keep: (a: (typeof actuals)[number]) => boolean) => {
    const out = Array.from({ length: 12 }, () => 0n);
    for (const a of actuals)
      if (keep(a)) out[a.period - 1] = (out[a.period - 1] ?? 0n) + BigInt(a.actualPence);
    return out.map((x) => pence(x));
  };
  // The forecast: the monitoring report's outturn by profile as at the quarter's end, shared under the policy.
  const asAtPeriod = periodsOf(quarter)[2];
  const report = monitoringReport(
    schemes.map((s) => ({
      schemeId: s.id,
      code: s.code,
      name: s.name,
      schemeType: s.schemeType,
      budgets: s.budgets,
      profile: s.profile,
    })),
    actuals,
    asAtPeriod,
    'profile',
  );
  const contributionsPence = sumPence(contributions.map((c) => c.amount_pence));
  const forecastSpendPence = report.total.forecastOutturnPence;
  const riskShare = shareVariance(policy ?? DEFAULT_POLICY, {
    partners: partners.map((p) => ({
      organisationId: p.id,
      name: p.name,
      contributionPence: sumPence(
        contributions.filter((c) => c.organisation_id === p.id).map((c) => c.amount_pence),
      ),
    })),
    schemes: schemes.map((s) => ({
      code: s.code,
      name: s.name,
      commissioner: s.commissioner,
      commissionerOrganisationId: s.commissionerOrganisationId,
      budgetPence: sumPence(s.budgets.map((b) => b.amountPence)),
      spendPence: report.schemes.find((r) => r.schemeId === s.id)?.forecastOutturnPence ?? 0,
    })),
    variancePence: pence(forecastSpendPence - contributionsPence),
  });
  return partnerStatement({
    financialYear: fund.financial_year,
    quarter,
    partner: { organisationId, name: partner.name },
    contributionLines: contributions
      .filter((c) => c.organisation_id === organisationId)
      .map((c) => ({ kind: c.kind, amountPence: c.amount_pence, effectiveOn: c.effective_on })),
    journalContributionsByPeriod: await journalContributions(db, partnershipId, fund.id, organisationId),
    incurredByPeriod: byPeriod((a) => a.organisationId === organisationId),
    commissionedByPeriod: byPeriod((a) => commissioned.has(a.schemeId)),
    forecast: { asAtPeriod, forecastSpendPence, contributionsPence, riskShare },
  });
}
