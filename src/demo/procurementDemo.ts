/**
 * Luton's joint health and wellbeing procurement (seed 004): the CCG and the Council "have issued a joint health
 * and wellbeing procurement ... currently out to tender", for "services such as health checks and improving access
 * to psychological therapies", previously commissioned separately by the Council and the CCG; "it is unlikely one
 * provider can do the whole breadth [of that contract] so it would mean providers working in partnership or
 * alliances or a lead provider subcontracting". From the seed: the two services, the two funders, one contract
 * (so one lot), and bids from an alliance and from a lead provider with subcontractors. ILLUSTRATIVE: the
 * reference, dates, values and their split, the bidders' names and shares, the prices, criteria and scores. The
 * award is linked to the integrated commissioning committee's decision on the joint procurement (see
 * governanceDemoSomersetLuton.ts), whose meeting date is taken as the award decision date.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { pence } from '../kernel/money.js';
import { bidMembers, type ProviderInput } from '../commissioning/procurement/index.js';
import { earliestStandstillEnd } from '../commissioning/procurement/index.js';
import {
  addBid,
  addLot,
  createProcurement,
  getProcurement,
  recordAward,
  recordScores,
} from '../commissioning/procurement/index.js';
import { orgsOf } from './ledgerDemoSomersetLuton.js';

const actor = systemActor('demo loader');
const pounds = (n: number) => pence(n * 100);
const provider = (name: string, sharePercent: number | null = null): ProviderInput => ({
  name,
  companiesHouseNumber: null,
  charityNumber: null,
  shareBp: sharePercent === null ? null : sharePercent * 100,
});

export const LUTON_PROCUREMENT_REFERENCE = 'LUT-HWB-2018-01';

/** Loads the procurement, its lot, two bids, their scores and the award; returns the procurement's id. */
export async function loadProcurementDemo(db: Db): Promise<number> {
  const { pid, orgs } = await orgsOf(db, 'luton', { ccg: '06P', council: 'E06000032' });
  const decision = await db
    .selectFrom('decisions')
    .select(['id', 'decided_on'])
    .where('partnership_id', '=', pid)
    .where('decision', 'like', 'To procure health checks and psychological therapies%')
    .executeTakeFirstOrThrow();
  const awardedOn = isoDate(decision.decided_on);
  const standstillEndOn = earliestStandstillEnd('pcr_2015', 'light_touch', awardedOn);
  const members = (
    structure: 'alliance' | 'lead_with_subcontractors',
    lead: ProviderInput | null,
    p: ProviderInput[],
  ) => {
    const r = bidMembers(structure, lead, p);
    if (!r.ok) throw new Error(`Demo bid refused: ${r.problems.join('; ')}`);
    return r.members;
  };
  return transaction(db, async (trx) => {
    const id = await createProcurement(trx, actor, pid, {
      reference: LUTON_PROCUREMENT_REFERENCE,
      title: 'Joint health and wellbeing services: NHS health checks and psychological therapies',
      description:
        'One contract for NHS health checks (previously commissioned by the Council) and improving access to ' +
        'psychological therapies (previously commissioned by the CCG), open to single providers, alliances of ' +
        'providers and lead providers with named subcontractors.',
      regime: 'pcr_2015',
      procedure: 'light_touch',
      timetable: {
        publicationOn: isoDate('2018-02-05'),
        clarificationDeadlineOn: isoDate('2018-03-02'),
        submissionDeadlineOn: isoDate('2018-03-16'),
        evaluationEndOn: isoDate('2018-05-25'),
        awardDecisionOn: awardedOn,
        standstillEndOn,
        contractStartOn: isoDate('2018-10-01'),
      },
      funding: [
        { organisationId: orgs.council ?? 0, amountPence: pounds(1_500_000) },
        { organisationId: orgs.ccg ?? 0, amountPence: pounds(2_700_000) },
      ],
      illustrative: true,
    });
    const lotId = await addLot(trx, actor, pid, id, {
      lotNumber: 1,
      title: 'NHS health checks and psychological therapies',
      description: 'The whole breadth of the contract, three years from 1 October 2018 (illustrative).',
      estimatedValuePence: pounds(4_200_000),
      scoreScaleMax: 5,
      priceScoring: 'lowest_price_ratio',
      criteria: [
        { name: 'Integrated pathway and service model', category: 'quality', weight: 40 },
        { name: 'Workforce and mobilisation', category: 'quality', weight: 20 },
        { name: 'Price', category: 'price', weight: 30 },
        { name: 'Social value in Luton', category: 'social_value', weight: 10 },
      ],
    });
    const alliance = await addBid(trx, actor, pid, id, {
      lotId,
      bidderName: 'Luton Wellbeing Alliance',
      structure: 'alliance',
      pricePence: pounds(4_150_000),
      submittedOn: isoDate('2018-03-15'),
      members: members('alliance', null, [
        provider('Luton Community Wellbeing CIC', 45),
        provider('Bedfordshire Talking Therapies', 35),
        provider('Luton Health Checks Co-operative', 20),
      ]),
      illustrative: true,
    });
    const lead = await addBid(trx, actor, pid, id, {
      lotId,
      bidderName: 'Chiltern Health Services',
      structure: 'lead_with_subcontractors',
      pricePence: pounds(3_980_000),
      submittedOn: isoDate('2018-03-16'),
      members: members('lead_with_subcontractors', provider('Chiltern Health Services Ltd'), [
        provider('Healthy Hearts Outreach', 15),
        provider('Luton Counselling Collective', 20),
      ]),
      illustrative: true,
    });
    const p = await getProcurement(trx, pid, id);
    const criteria = p?.lots[0]?.criteria ?? [];
    const scored = criteria.filter((c) => c.category !== 'price');
    const scores: [number, number[]][] = [
      [alliance, [5, 4, 5]],
      [lead, [3, 4, 3]],
    ];
    for (const [bidId, values] of scores)
      await recordScores(
        trx,
        actor,
        pid,
        id,
        bidId,
        scored.map((c, i) => ({ criterionId: c.id, score: values[i] ?? 0, comment: '' })),
      );
    await recordAward(trx, actor, pid, id, {
      lotId,
      bidId: alliance,
      awardedOn,
      standstillEndOn,
      valuePence: pounds(4_150_000),
      decisionId: decision.id,
      notes: 'Awarded to the highest-scoring bid, the alliance of local providers (illustrative).',
    });
    return id;
  });
}
