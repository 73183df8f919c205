/**
 * Southampton's contracts register. ILLUSTRATIVE throughout: the seed documents name the pool's schemes but no
 * contracts, providers or values, so the providers are made-up names and the values round figures. The contracts
 * are paid from the pool's schemes (ledgerDemo.ts) and split between the CCG and the council. Their dates are set
 * from the day the demo is loaded, so that the register always has a contract ending within 12 months (for the
 * dashboard's tile) and others running on past it.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { addDays, financialYearOf, todayInLondon, type IsoDate } from '../kernel/dates.js';
import { pence } from '../kernel/money.js';
import { listFunds } from '../ledger/funds/index.js';
import { listSchemes } from '../ledger/funds/index.js';
import {
  addMonths,
  splitAnnualValue,
  type FundArrangement,
  type Kpi,
} from '../commissioning/contracts/index.js';
import {
  addKpi,
  createContract,
  exerciseExtension,
  setYearValue,
  type ContractInput,
} from '../commissioning/contracts/index.js';
import { loadLutonContractsDemo } from './contractsDemoLuton.js';

const actor = systemActor('demo loader');
const pounds = (n: number) => pence(n * 100);

/** The last day of the month `months` after today's month. */
const monthEnd = (today: IsoDate, months: number): IsoDate =>
  addDays(addMonths(`${today.slice(0, 7)}-01` as IsoDate, months + 1), -1);

interface DemoContract {
  input: Omit<ContractInput, 'buyerOrganisationId' | 'schemeId' | 'awardId' | 'decisionId'>;
  schemeCode: string;
  buyer: 'ccg' | 'council';
  annualPounds: number;
  /** Each partner's share of each year's value, in basis points, in one arrangement. */
  shares: { partner: 'ccg' | 'council'; arrangement: FundArrangement; shareBp: number }[];
  exercised: number;
  kpis: Kpi[];
}

function demoContracts(today: IsoDate): DemoContract[] {
  const fyStart = (yearsBack: number): IsoDate => `${financialYearOf(today) - yearsBack}-04-01` as IsoDate;
  return [
    {
      // ends within the next 12 months, with its one extension already exercised: due for recommissioning
      input: {
        reference: 'SCC-ICU-C001',
        title: 'Reablement at home',
        description: 'Short-term reablement at home after a hospital stay or to prevent one (illustrative)',
        department: 'Integrated Commissioning Unit',
        provider: {
          name: 'Itchen Reablement Services Ltd',
          companiesHouseNumber: '09876543',
          charityNumber: null,
          sme: true,
          vcse: false,
        },
        serviceKeys: ['reablement', 'hospital-discharge'],
        startsOn: fyStart(4),
        endsOn: addMonths(monthEnd(today, 7), -12),
        reviewOn: monthEnd(today, 1),
        irrecoverableVatPence: pence(0),
        procurementRoute: 'published_tender',
        extensionMonths: [12],
      },
      schemeCode: 'SC03',
      buyer: 'council',
      annualPounds: 1_450_000,
      shares: [
        { partner: 'ccg', arrangement: 'pooled', shareBp: 6000 },
        { partner: 'council', arrangement: 'pooled', shareBp: 4000 },
      ],
      exercised: 1,
      kpis: [
        {
          name: 'Still at home 91 days after discharge into reablement',
          target: '85',
          unit: '%',
          frequency: 'quarterly',
          polarity: 'higher',
        },
        {
          name: 'People needing no ongoing care after reablement',
          target: '60',
          unit: '%',
          frequency: 'monthly',
          polarity: 'higher',
        },
      ],
    },
    {
      input: {
        reference: 'SCC-ICU-C002',
        title: 'Community nursing and podiatry',
        description: 'District nursing and community podiatry across the city (illustrative)',
        department: 'Integrated Commissioning Unit',
        provider: {
          name: 'Test Valley Community Health CIC',
          companiesHouseNumber: '08765432',
          charityNumber: null,
          sme: false,
          vcse: true,
        },
        serviceKeys: ['community-nursing', 'podiatry'],
        startsOn: fyStart(2),
        endsOn: monthEnd(today, 28),
        reviewOn: monthEnd(today, 16),
        irrecoverableVatPence: pence(0),
        procurementRoute: 'published_tender',
        extensionMonths: [24, 12],
      },
      schemeCode: 'SC01',
      buyer: 'ccg',
      annualPounds: 3_200_000,
      shares: [
        { partner: 'ccg', arrangement: 'pooled', shareBp: 8500 },
        { partner: 'ccg', arrangement: 'aligned', shareBp: 1500 },
      ],
      exercised: 0,
      kpis: [
        {
          name: 'Urgent referrals seen within 4 hours',
          target: '95',
          unit: '%',
          frequency: 'monthly',
          polarity: 'higher',
        },
      ],
    },
    {
      input: {
        reference: 'SCC-ICU-C003',
        title: 'Discharge to assess beds',
        description: 'Step-down beds for assessment after a hospital stay (illustrative)',
        department: 'Integrated Commissioning Unit',
        provider: {
          name: 'Solent Care Homes Ltd',
          companiesHouseNumber: '07654321',
          charityNumber: null,
          sme: true,
          vcse: false,
        },
        serviceKeys: ['hospital-discharge'],
        startsOn: fyStart(1),
        endsOn: monthEnd(today, 17),
        reviewOn: null,
        irrecoverableVatPence: pounds(12_500),
        procurementRoute: 'invitation_to_quote',
        extensionMonths: [],
      },
      schemeCode: 'SC04',
      buyer: 'council',
      annualPounds: 640_000,
      shares: [
        { partner: 'council', arrangement: 'pooled', shareBp: 5000 },
        { partner: 'ccg', arrangement: 'pooled', shareBp: 5000 },
      ],
      exercised: 0,
      kpis: [
        {
          name: 'Average length of stay',
          target: '21',
          unit: 'days',
          frequency: 'monthly',
          polarity: 'lower',
        },
      ],
    },
    {
      // under the Transparency Code's £5,000 threshold: in the register, not in the published file
      input: {
        reference: 'SCC-ICU-C004',
        title: 'Carers’ information sessions',
        description: 'Four information sessions for unpaid carers (illustrative)',
        department: 'Integrated Commissioning Unit',
        provider: {
          name: 'Southampton Carers Together',
          companiesHouseNumber: null,
          charityNumber: '1123456',
          sme: true,
          vcse: true,
        },
        serviceKeys: ['prevention-early-intervention'],
        startsOn: fyStart(0),
        endsOn: addDays(`${financialYearOf(today) + 1}-04-01` as IsoDate, -1),
        reviewOn: null,
        irrecoverableVatPence: pence(0),
        procurementRoute: 'invitation_to_quote',
        extensionMonths: [],
      },
      schemeCode: 'SC06',
      buyer: 'council',
      annualPounds: 4_800,
      shares: [{ partner: 'council', arrangement: 'lead_commissioned', shareBp: 10_000 }],
      exercised: 0,
      kpis: [],
    },
  ];
}

/**
 * Loads Southampton's contracts, their value for each financial year of their term, extensions exercised and KPIs;
 * then Luton's, let from its procurement's awards (contractsDemoLuton.ts: nothing until the procurement demo has
 * awarded lots, so this must run after it). Returns Southampton's contract ids.
 */
export async function loadContractsDemo(
  db: Db,
  partnershipId: number,
  ccg: number,
  council: number,
  today: IsoDate = todayInLondon(),
): Promise<number[]> {
  const schemes = new Map<string, number>();
  for (const fund of await listFunds(db, partnershipId))
    for (const s of await listSchemes(db, partnershipId, fund.id)) schemes.set(s.code, s.id);
  const partner = { ccg, council };
  const ids = await transaction(db, async (trx) => {
    const made: number[] = [];
    for (const c of demoContracts(today)) {
      const id = await createContract(trx, actor, partnershipId, {
        ...c.input,
        buyerOrganisationId: partner[c.buyer],
        schemeId: schemes.get(c.schemeCode) ?? null,
        awardId: null,
        decisionId: null,
        illustrative: true,
      });
      for (let position = 1; position <= c.exercised; position += 1)
        await exerciseExtension(trx, actor, partnershipId, id, position, addMonths(c.input.endsOn, -6));
      const endDate = c.input.extensionMonths
        .slice(0, c.exercised)
        .reduce((end, months) => addMonths(end, months), c.input.endsOn);
      for (let year = financialYearOf(c.input.startsOn); year <= financialYearOf(endDate); year += 1)
        await setYearValue(
          trx,
          actor,
          partnershipId,
          id,
          year,
          splitAnnualValue(
            year,
            pounds(c.annualPounds),
            c.shares.map((s) => ({
              organisationId: partner[s.partner],
              arrangement: s.arrangement,
              shareBp: s.shareBp,
            })),
          ),
        );
      for (const k of c.kpis) await addKpi(trx, actor, partnershipId, id, k);
      made.push(id);
    }
    return made;
  });
  await loadLutonContractsDemo(db);
  return ids;
}
