/**
 * What the contract forms offer to choose from: the partnership's schemes (from the ledger), its procurement
 * awards, and its published decisions; and the names that a contract page shows for its links.
 */
import type { Executor } from '../../db/connection.js';
import { listFunds } from '../../ledger/funds/index.js';
import { listSchemes } from '../../ledger/funds/index.js';
import { searchPublishedDecisions } from '../../governance/decisions/index.js';
import { formatLongDate } from '../../kernel/dates.js';

export interface Choice {
  id: number;
  text: string;
}

/** Every scheme of every fund, as `Fund name: CODE Scheme name`. */
export async function schemeChoices(db: Executor, partnershipId: number): Promise<Choice[]> {
  const out: Choice[] = [];
  for (const fund of await listFunds(db, partnershipId))
    for (const s of await listSchemes(db, partnershipId, fund.id))
      out.push({ id: s.id, text: `${fund.name}: ${s.code} ${s.name}` });
  return out;
}

/** Each award of the partnership's procurements, as `REF lot 1 (Title): Bidder, awarded 16 March 2026`. */
export async function awardChoices(
  db: Executor,
  partnershipId: number,
): Promise<(Choice & { procurementId: number })[]> {
  const rows = await db
    .selectFrom('procurement_awards as a')
    .innerJoin('procurements as p', (j) =>
      j.onRef('p.partnership_id', '=', 'a.partnership_id').onRef('p.id', '=', 'a.procurement_id'),
    )
    .innerJoin('procurement_lots as l', (j) =>
      j.onRef('l.partnership_id', '=', 'a.partnership_id').onRef('l.id', '=', 'a.lot_id'),
    )
    .innerJoin('procurement_bids as b', (j) =>
      j.onRef('b.partnership_id', '=', 'a.partnership_id').onRef('b.id', '=', 'a.bid_id'),
    )
    .select([
      'a.id',
      'a.procurement_id',
      'a.awarded_on',
      'p.reference',
      'l.lot_number',
      'l.title',
      'b.bidder_name',
    ])
    .where('a.partnership_id', '=', partnershipId)
    .orderBy('p.reference')
    .orderBy('l.lot_number')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    procurementId: r.procurement_id,
    text: `${r.reference} lot ${r.lot_number} (${r.title}): ${r.bidder_name}, awarded ${formatLongDate(r.awarded_on)}`,
  }));
}

/** The partnership's published decisions, newest first, as `18 July 2017: Title`. */
export async function decisionChoices(db: Executor, partnershipId: number): Promise<Choice[]> {
  const rows = await searchPublishedDecisions(db, partnershipId, {});
  return rows.map((d) => ({ id: d.id, text: `${formatLongDate(d.decidedOn)}: ${d.public_title}` }));
}
