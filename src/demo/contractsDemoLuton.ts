/**
 * Luton's contracts let from its joint procurement for health checks and psychological therapies (the procurement
 * demo records the procurement, its bids and awards). For each lot awarded, a contract with the winning bid's
 * provider, starting the day after the standstill period ends (or on the procurement's planned contract start),
 * for three years with two 12-month extension options, its award value spread evenly over the three years and
 * split between the partners in proportion to their funding of the procurement, each in its own (aligned) budget.
 * A lot still in its standstill period gets no contract yet. ILLUSTRATIVE: the seeds describe the procurement, not
 * the contracts. Nothing is loaded when no lot is awarded.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { addDays, financialYearOf, isoDate, todayInLondon, type IsoDate } from '../kernel/dates.js';
import { apportionByWeights, pence } from '../kernel/money.js';
import { getPartnershipBySlug } from '../partnerships/index.js';
import { addMonths, splitAnnualValue } from '../commissioning/contracts/index.js';
import { fundingSharesBp } from '../commissioning/procurement/index.js';
import { addKpi, createContract, setYearValue } from '../commissioning/contracts/index.js';

const actor = systemActor('demo loader');
const TERM_YEARS = 3;

/** The Luton demo partnership's contracts, once its procurement demo has awarded lots. */
export async function loadLutonContractsDemo(db: Db): Promise<number[]> {
  const luton = await getPartnershipBySlug(db, 'luton');
  return luton ? loadContractsFromAwards(db, luton.id) : [];
}

/** A contract for each awarded lot of a partnership's procurements, as described above. */
export async function loadContractsFromAwards(
  db: Db,
  pid: number,
  today: IsoDate = todayInLondon(),
): Promise<number[]> {
  const awards = await db
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
      'a.bid_id',
      'a.awarded_on',
      'a.standstill_end_on',
      'a.value_pence',
      'a.decision_id',
      'p.reference',
      'p.contract_start_on',
      'l.lot_number',
      'l.title',
      'l.description',
      'b.bidder_name',
      'b.structure',
    ])
    .where('a.partnership_id', '=', pid)
    .orderBy('p.id')
    .orderBy('l.lot_number')
    .execute();
  if (awards.length === 0) return [];
  return transaction(db, async (trx) => {
    const ids: number[] = [];
    for (const a of awards) {
      if (a.value_pence === null || (a.standstill_end_on !== null && a.standstill_end_on > today)) continue;
      const funding = await trx
        .selectFrom('procurement_funding')
        .select(['organisation_id', 'amount_pence'])
        .where('partnership_id', '=', pid)
        .where('procurement_id', '=', a.procurement_id)
        .orderBy('amount_pence', 'desc')
        .orderBy('organisation_id')
        .execute();
      const lines = funding.map((f) => ({
        organisationId: f.organisation_id,
        amountPence: pence(f.amount_pence),
      }));
      const shares = fundingSharesBp(lines);
      const buyer = funding[0]?.organisation_id;
      if (buyer === undefined || shares.every((s) => s === 0)) continue;
      // the provider that holds the contract: the sole bidder, the lead provider, or the alliance's first member
      const holder = await trx
        .selectFrom('procurement_bid_members')
        .select(['provider_name', 'companies_house_number', 'charity_number', 'role'])
        .where('partnership_id', '=', pid)
        .where('bid_id', '=', a.bid_id)
        .where('role', '!=', 'subcontractor')
        .orderBy('position')
        .executeTakeFirst();
      const startsOn: IsoDate = a.contract_start_on
        ? isoDate(a.contract_start_on)
        : addDays(isoDate(a.standstill_end_on ?? a.awarded_on), 1);
      const endsOn = addDays(addMonths(startsOn, TERM_YEARS * 12), -1);
      const isAlliance = a.structure === 'alliance';
      const id = await createContract(trx, actor, pid, {
        reference: `${a.reference}-L${a.lot_number}`,
        title: a.title,
        description: a.description,
        department: 'Public Health',
        buyerOrganisationId: buyer,
        provider: {
          name: isAlliance || !holder ? a.bidder_name : holder.provider_name,
          companiesHouseNumber: isAlliance ? null : (holder?.companies_house_number ?? null),
          charityNumber: isAlliance ? null : (holder?.charity_number ?? null),
          sme: false,
          vcse: false,
        },
        serviceKeys: [
          ...(/health check/i.test(a.title) ? ['public-health'] : []),
          ...(/psycholog|therap/i.test(a.title) ? ['mental-health'] : []),
        ],
        schemeId: null,
        startsOn,
        endsOn,
        reviewOn: addMonths(startsOn, 24),
        irrecoverableVatPence: pence(0),
        procurementRoute: 'published_tender',
        awardId: a.id,
        decisionId: a.decision_id,
        extensionMonths: [12, 12],
        illustrative: true,
      });
      const years = Array.from({ length: TERM_YEARS }, (_, i) =>
        financialYearOf(addMonths(startsOn, i * 12)),
      );
      const perYear = apportionByWeights(
        pence(a.value_pence),
        years.map(() => 1),
      );
      for (const [i, year] of years.entries())
        await setYearValue(
          trx,
          actor,
          pid,
          id,
          year,
          splitAnnualValue(
            year,
            perYear[i] ?? pence(0),
            lines.map((l, j) => ({
              organisationId: l.organisationId,
              arrangement: 'aligned' as const,
              shareBp: shares[j] ?? 0,
            })),
          ),
        );
      const kpis = [
        /health check/i.test(a.title) && {
          name: 'Eligible people offered an NHS health check',
          target: '20',
        },
        /psycholog|therap/i.test(a.title) && {
          name: 'People completing therapy who move to recovery',
          target: '50',
        },
      ].filter((k) => k !== false);
      for (const k of kpis)
        await addKpi(trx, actor, pid, id, { ...k, unit: '%', frequency: 'quarterly', polarity: 'higher' });
      ids.push(id);
    }
    return ids;
  });
}
