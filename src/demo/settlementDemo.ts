/**
 * The demonstration settlement of Southampton's 2017-18 pool. The policy is illustrative (the seeds do not give
 * the agreement's risk-share clause): a £500,000 risk reserve, held by the host and brought forward, absorbs an
 * overspend first; each partner bears the variance on the schemes it commissions; joint schemes are shared in
 * proportion to contributions. The settlement is computed, approved and posted through the same operations as
 * the settlement page, each step in its own transaction, as a finance officer would take them.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { pence } from '../kernel/money.js';
import { accountCodes, listFunds } from '../ledger/funds/index.js';
import { postEntry } from '../ledger/journal/index.js';
import { setRiskSharePolicy } from '../ledger/settlement/index.js';
import { approveSettlement, postSettlement, proposeSettlement } from '../ledger/settlement/index.js';

const actor = systemActor('demo loader');
const approver = systemActor('demo approver');

/** Gives the partnership's 2017-18 pooled fund its policy and a posted settlement; returns the settlement id. */
export async function loadSettlementDemo(db: Db, partnershipId: number): Promise<number | null> {
  const fund = (await listFunds(db, partnershipId)).find(
    (f) => f.financial_year === 2017 && f.kind === 'pooled',
  );
  if (!fund) return null;
  await transaction(db, async (trx) => {
    await postEntry(trx, actor, partnershipId, fund.id, {
      period: 1,
      entryDate: '2017-04-01',
      description: 'Risk reserve brought forward from 2016-17, held by the host (illustrative)',
      source: 'manual',
      postings: [
        { accountCode: accountCodes.hostBalance, amountPence: pence(50_000_000) },
        { accountCode: accountCodes.reserve, amountPence: pence(-50_000_000) },
      ],
    });
    await setRiskSharePolicy(
      trx,
      actor,
      partnershipId,
      fund.id,
      {
        steps: [
          { kind: 'reserve', amountPence: 50_000_000, appliesTo: 'overspend' },
          { kind: 'commissioner', appliesTo: 'both' },
          { kind: 'pro-rata', appliesTo: 'both' },
        ],
      },
      'Section 75 agreement, risk-share schedule (illustrative)',
    );
  });
  const props = { actor, partnershipId, fund };
  const proposed = await transaction(db, (trx) => proposeSettlement({ ...props, trx }));
  await transaction(db, (trx) =>
    approveSettlement({
      ...props,
      // approved by someone other than the one who computed it (segregation of duties)
      actor: approver,
      trx,
      settlementId: proposed.id,
      decisionReference: 'Joint Commissioning Board, 24 May 2018, item 6 (illustrative)',
    }),
  );
  await transaction(db, (trx) => postSettlement({ ...props, trx, settlementId: proposed.id }));
  return proposed.id;
}
