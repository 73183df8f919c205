/**
 * A pooled fund ready for ledger imports: the set-up that the import tests share. The fund is a Better Care Fund
 * for 2017-18, hosted by `host` with every partner contributing; each scheme is paid for by the NHS partner (the
 * first of `partners`) and maps each partner's cost centre to itself.
 */
import { transaction, type Db } from '../../src/db/connection.js';
import { systemActor } from '../../src/audit/index.js';
import { pence } from '../../src/kernel/money.js';
import { createFund } from '../../src/ledger/funds/index.js';
import { createScheme } from '../../src/ledger/funds/index.js';

const actor = systemActor('test fixture');

export interface ImportFundPlan {
  host: number;
  /** the partners, the NHS one first (it commissions the schemes and holds their budgets) */
  partners: readonly number[];
  /** each scheme's code and, by partner, the cost centre that the partner's extracts use for it */
  schemes: readonly {
    code: string;
    costCentres: readonly (readonly [organisationId: number, costCentre: string])[];
  }[];
}

/** Makes the fund and its schemes; returns the fund's id and the schemes' ids by code. */
export async function makeImportFund(
  db: Db,
  partnershipId: number,
  plan: ImportFundPlan,
): Promise<{ fundId: number; schemeIds: Map<string, number> }> {
  const nhs = plan.partners[0] ?? plan.host;
  const fundId = await transaction(db, (trx) =>
    createFund(
      trx,
      actor,
      partnershipId,
      {
        financialYear: 2017,
        name: 'Better Care Fund',
        kind: 'pooled',
        hostOrganisationId: plan.host,
        pooledFundManager: 'P. Manager',
        betterCareFund: true,
      },
      [...plan.partners],
    ),
  );
  const schemeIds = new Map<string, number>();
  for (const s of plan.schemes) {
    const id = await transaction(db, (trx) =>
      createScheme(trx, actor, partnershipId, fundId, {
        code: s.code,
        name: `Scheme ${s.code}`,
        description: '',
        schemeType: 'Community Based Schemes',
        areaOfSpend: 'Community Health',
        commissioner: 'nhs',
        commissionerOrganisationId: nhs,
        provider: 'Solent NHS Trust',
        service: 'community-nursing',
        budgets: [
          { organisationId: nhs, stream: 'Minimum NHS Contribution', amountPence: pence(120_000_000) },
        ],
        profile: Array.from({ length: 12 }, () => 1),
        costCentres: s.costCentres.map(([organisationId, costCentre]) => ({ organisationId, costCentre })),
      }),
    );
    schemeIds.set(s.code, id);
  }
  return { fundId, schemeIds };
}
