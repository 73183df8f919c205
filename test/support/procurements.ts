/**
 * Procurement rows for contracts tests, written as the procurement pages would write them (migration 0026), until
 * the procurement store offers factories of its own.
 */
import { transaction, type Db } from '../../src/db/connection.js';
import { addDays, todayInLondon } from '../../src/kernel/dates.js';

/**
 * A procurement in two lots, as the procurement pages record it: lot 1 won by an alliance (standstill over) against
 * an unsuccessful bidder; lot 2 awarded, its standstill still running.
 */
export async function makeProcurement(db: Db, pid: number, funders: number[]) {
  const today = todayInLondon();
  return transaction(db, async (trx) => {
    const p = await trx
      .insertInto('procurements')
      .values({
        partnership_id: pid,
        reference: 'TP-2026-01',
        title: 'Health checks and psychological therapies',
        procedure: 'open',
        regime: 'pcr_2015',
        publication_on: '2026-01-05',
        submission_deadline_on: '2026-02-09',
        award_decision_on: '2026-03-16',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('procurement_funding')
      .values(
        funders.map((o) => ({
          partnership_id: pid,
          procurement_id: p.id,
          organisation_id: o,
          amount_pence: 500_000_00,
        })),
      )
      .execute();
    const lot = async (n: number, title: string) =>
      (
        await trx
          .insertInto('procurement_lots')
          .values({
            partnership_id: pid,
            procurement_id: p.id,
            lot_number: n,
            title,
            estimated_value_pence: 500_000_00,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const bid = async (
      lotId: number,
      name: string,
      structure: 'single' | 'alliance',
      price: number,
      members: string[],
    ) => {
      const b = await trx
        .insertInto('procurement_bids')
        .values({
          partnership_id: pid,
          procurement_id: p.id,
          lot_id: lotId,
          bidder_name: name,
          structure,
          price_pence: price,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('procurement_bid_members')
        .values(
          members.map((m, i) => ({
            partnership_id: pid,
            bid_id: b.id,
            position: i + 1,
            role: structure === 'alliance' ? ('member' as const) : ('sole' as const),
            provider_name: m,
            share_bp: Math.floor(10_000 / members.length) + (i === 0 ? 10_000 % members.length : 0),
          })),
        )
        .execute();
      return b.id;
    };
    const lot1 = await lot(1, 'Health checks');
    const lot2 = await lot(2, 'Psychological therapies');
    const alliance = await bid(lot1, 'Wellbeing Alliance', 'alliance', 480_000_00, [
      'Town GP Federation',
      'Healthy Minds CIC',
    ]);
    await bid(lot1, 'Unsuccessful Bidder Ltd', 'single', 450_000_00, ['Unsuccessful Bidder Ltd']);
    const pending = await bid(lot2, 'Pending Winner CIC', 'single', 470_000_00, ['Pending Winner CIC']);
    const award = (lotId: number, bidId: number, standstillEnd: string) =>
      trx
        .insertInto('procurement_awards')
        .values({
          partnership_id: pid,
          procurement_id: p.id,
          lot_id: lotId,
          bid_id: bidId,
          awarded_on: '2026-03-16',
          standstill_end_on: standstillEnd,
          value_pence: 480_000_00,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const won = await award(lot1, alliance, '2026-03-27');
    await award(lot2, pending, addDays(today, 5));
    return { awardId: won.id };
  });
}
