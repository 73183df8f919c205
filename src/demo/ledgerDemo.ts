/**
 * The demonstration pooled fund: Southampton's 2017-18 pool (the seeds say "at least £105m" under s75 as part
 * of the Better Care Fund). The split into schemes and funding streams is illustrative, chosen to match the
 * budget areas of the demo; a year of monthly ledger extracts is generated from a seeded random walk around
 * each scheme's profile and imported through the real import path, one file per partner per month.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { apportionByWeights, pence, toDecimalString } from '../kernel/money.js';
import { addContribution, createFund } from '../ledger/funds/index.js';
import { createScheme } from '../ledger/funds/index.js';
import { importGeneralLedger } from '../ledger/import/index.js';

const actor = systemActor('demo loader');
const m = (pounds: number) => pence(pounds * 100);

const MIN_NHS = 'Minimum NHS Contribution';
const ADD_NHS = 'Additional NHS Contribution';
const IBCF = 'iBCF';
const DFG = 'DFG';
const ADD_LA = 'Additional LA Contribution';

interface DemoScheme {
  code: string;
  name: string;
  type: string;
  area: string;
  commissioner: 'la' | 'nhs' | 'joint';
  provider: string;
  service: string;
  ccg: [string, number][];
  council: [string, number][];
  /** Outturn against budget in basis points (10000 = on budget), to give the report something to say. */
  outturnBp: number;
}

const SCHEMES: DemoScheme[] = [
  {
    code: 'SC01',
    name: 'Community nursing and podiatry',
    type: 'Community Based Schemes',
    area: 'Community Health',
    commissioner: 'nhs',
    provider: 'Solent NHS Trust',
    service: 'community-nursing',
    ccg: [[ADD_NHS, 18_480_000]],
    council: [],
    outturnBp: 10_080,
  },
  {
    code: 'SC02',
    name: 'Palliative and end of life care',
    type: 'Community Based Schemes',
    area: 'Community Health',
    commissioner: 'nhs',
    provider: 'Countess Mountbatten Hospice',
    service: 'palliative-care',
    ccg: [[ADD_NHS, 8_000_000]],
    council: [],
    outturnBp: 9_950,
  },
  {
    code: 'SC03',
    name: 'Reablement and rehabilitation',
    type: 'Home-based intermediate care services',
    area: 'Social Care',
    commissioner: 'joint',
    provider: 'City Reablement Team',
    service: 'reablement',
    ccg: [[MIN_NHS, 3_600_000]],
    council: [[ADD_LA, 4_180_000]],
    outturnBp: 10_350,
  },
  {
    code: 'SC04',
    name: 'Hospital discharge and transfer of care',
    type: 'High Impact Change Model for Managing Transfer of Care',
    area: 'Acute',
    commissioner: 'joint',
    provider: 'University Hospital Southampton NHS FT',
    service: 'hospital-discharge',
    ccg: [[MIN_NHS, 5_750_000]],
    council: [],
    outturnBp: 10_620,
  },
  {
    code: 'SC05',
    name: 'Community mental health',
    type: 'Community Based Schemes',
    area: 'Mental Health',
    commissioner: 'joint',
    provider: 'Southern Health NHS FT',
    service: 'mental-health',
    ccg: [[ADD_NHS, 14_600_000]],
    council: [[ADD_LA, 3_240_000]],
    outturnBp: 9_990,
  },
  {
    code: 'SC06',
    name: 'Adult social care packages (protection of social care)',
    type: 'Home Care or Domiciliary Care',
    area: 'Social Care',
    commissioner: 'la',
    provider: 'Various home care providers',
    service: 'adult-social-care',
    ccg: [[MIN_NHS, 6_120_000]],
    council: [
      [IBCF, 6_200_000],
      [ADD_LA, 30_790_000],
    ],
    outturnBp: 10_190,
  },
  {
    code: 'SC07',
    name: 'Disabled facilities adaptations',
    type: 'DFG Related Schemes',
    area: 'Social Care',
    commissioner: 'la',
    provider: 'Southampton City Council housing',
    service: 'adult-social-care',
    ccg: [],
    council: [[DFG, 1_950_000]],
    outturnBp: 8_200,
  },
  {
    code: 'SC08',
    name: 'Substance misuse and sexual health',
    type: 'Prevention / Early Intervention',
    area: 'Other',
    commissioner: 'la',
    provider: 'Various',
    service: 'public-health',
    ccg: [],
    council: [[ADD_LA, 2_690_000]],
    outturnBp: 9_700,
  },
];

/** Heavier in winter, lighter in August: a typical health and care spend profile (weights P1..P12). */
const PROFILE = [8, 8, 8, 8, 7, 8, 9, 9, 10, 9, 8, 8];

/** A small seeded generator (mulberry32), so that the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTH_DATE = (period: number, day: number) => {
  const month = ((period + 2) % 12) + 1;
  return `${period <= 9 ? 2017 : 2018}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** Loads the Southampton pool and its year of postings; returns the fund id. */
export async function loadLedgerDemo(
  db: Db,
  partnershipId: number,
  ccgId: number,
  councilId: number,
): Promise<number> {
  const fundId = await transaction(db, async (trx) => {
    const id = await createFund(
      trx,
      actor,
      partnershipId,
      {
        financialYear: 2017,
        name: 'Better Care Fund and integrated commissioning pool',
        kind: 'pooled',
        hostOrganisationId: councilId,
        pooledFundManager: 'Pooled fund manager, Integrated Commissioning Unit (illustrative)',
        betterCareFund: true,
        illustrative: true,
      },
      [ccgId, councilId],
    );
    const totals = new Map<string, bigint>();
    for (const s of SCHEMES) {
      for (const [org, lines] of [
        [ccgId, s.ccg],
        [councilId, s.council],
      ] as const) {
        for (const [stream, pounds] of lines)
          totals.set(`${org}|${stream}`, (totals.get(`${org}|${stream}`) ?? 0n) + BigInt(pounds));
      }
      await createScheme(trx, actor, partnershipId, id, {
        code: s.code,
        name: s.name,
        description: '',
        schemeType: s.type,
        areaOfSpend: s.area,
        commissioner: s.commissioner,
        commissionerOrganisationId:
          s.commissioner === 'nhs' ? ccgId : s.commissioner === 'la' ? councilId : null,
        provider: s.provider,
        service: s.service,
        budgets: [
          ...s.ccg.map(([stream, p]) => ({ organisationId: ccgId, stream, amountPence: m(p) })),
          ...s.council.map(([stream, p]) => ({ organisationId: councilId, stream, amountPence: m(p) })),
        ],
        profile: PROFILE,
        costCentres: [
          ...(s.ccg.length > 0 ? [{ organisationId: ccgId, costCentre: `10X-${s.code}` }] : []),
          ...(s.council.length > 0 ? [{ organisationId: councilId, costCentre: `SCC-${s.code}` }] : []),
        ],
      });
    }
    for (const [key, pounds] of [...totals].sort()) {
      const [org, stream] = key.split('|') as [string, string];
      await addContribution(trx, actor, partnershipId, id, {
        organisationId: Number(org),
        stream,
        amountPence: m(Number(pounds)),
        kind: 'agreed',
        decisionReference: null,
        effectiveOn: '2017-04-01',
      });
    }
    return id;
  });

  // A year of monthly extracts: each partner's spend on each scheme, a few invoices a month.
  const rand = random(20_170_401);
  for (let period = 1; period <= 12; period += 1) {
    for (const [orgId, prefix, key] of [
      [ccgId, '10X', 'ccg'],
      [councilId, 'SCC', 'council'],
    ] as const) {
      const lines = ['cost_centre,account_code,date,amount,description,supplier,reference'];
      let n = 0;
      for (const s of SCHEMES) {
        const budgetPounds = s[key].reduce((a, [, p]) => a + p, 0);
        if (budgetPounds === 0) continue;
        const yearPence = pence(Math.round((budgetPounds * 100 * s.outturnBp) / 10_000));
        const monthPence = apportionByWeights(yearPence, PROFILE)[period - 1] ?? pence(0);
        // three invoices a month that add up to the month's spend, one day apart
        const split = apportionByWeights(monthPence, [
          40 + Math.floor(rand() * 20),
          30 + Math.floor(rand() * 20),
          20 + Math.floor(rand() * 10),
        ]);
        split.forEach((amount, i) => {
          n += 1;
          lines.push(
            `${prefix}-${s.code},5${i}00,${MONTH_DATE(period, 10 + i)},${toDecimalString(amount)},"${s.name}, invoice ${i + 1}",${s.provider.replace(/,/g, '')},${prefix}-2017-P${period}-${String(n).padStart(4, '0')}`,
          );
        });
      }
      const outcome = await importGeneralLedger({
        db,
        actor,
        partnershipId,
        fundId,
        organisationId: orgId,
        filename: `${prefix.toLowerCase()}-gl-2017-18-P${String(period).padStart(2, '0')}.csv`,
        content: lines.join('\r\n') + '\r\n',
      });
      if (!outcome.ok)
        throw new Error(`Demo ledger import failed: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
    }
  }
  return fundId;
}
