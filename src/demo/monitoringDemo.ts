/**
 * The Southampton pool's monitoring through 2017-18: manual forecasts with commentary where a finance officer
 * would know better than the run rate, and each month's report published to the board, so that the demo shows
 * "movement since last report" for every month of the year. Illustrative, like the postings it reports on.
 */
import { transaction, type Db } from '../db/connection.js';
import type { Actor } from '../audit/index.js';
import { apportionByWeights, pence, toDecimalString } from '../kernel/money.js';
import { partnersOf } from '../partnerships/index.js';
import { recordForecast } from '../ledger/monitoring/index.js';
import { publishReport } from '../ledger/monitoring/index.js';
import { addContribution, createFund, listFunds } from '../ledger/funds/index.js';
import { createScheme, listSchemes } from '../ledger/funds/index.js';
import { importGeneralLedger } from '../ledger/import/index.js';

const actor: Actor = { userId: null, label: 'Fran Finance (demo)' };

/** Forecasts as a share of the scheme's budget in basis points, made at a period, with why. */
const FORECASTS: { code: string; period: number; outturnBp: number; commentary: string }[] = [
  {
    code: 'SC04',
    period: 5,
    outturnBp: 10_450,
    commentary: 'Discharge to assess beds running above plan since June; a winter peak is expected on top.',
  },
  {
    code: 'SC04',
    period: 8,
    outturnBp: 10_600,
    commentary:
      'Winter pressures arrived early: twelve extra discharge to assess beds from November to March.',
  },
  {
    code: 'SC07',
    period: 6,
    outturnBp: 8_300,
    commentary:
      'Adaptations delayed by contractor capacity; about a sixth of the year’s grant will carry forward.',
  },
  {
    code: 'SC03',
    period: 9,
    outturnBp: 10_300,
    commentary:
      'Reablement hours up after the hospital’s winter discharge drive; partly offset by vacancies.',
  },
];

/** Southampton's aligned budgets of 2017-18 (the demo's budget areas): planned with the pool, kept in each
 * partner's own ledger, and reported beside it. Outturn in basis points of budget. */
const ALIGNED = [
  {
    code: 'AL01',
    name: 'Integrated services for children with complex health needs',
    type: 'Integrated Care Planning and Navigation',
    area: 'Community Health',
    ccgPounds: 3_870_000,
    councilPounds: 5_210_000,
    outturnBp: 10_120,
  },
  {
    code: 'AL02',
    name: 'Prevention and early intervention',
    type: 'Prevention / Early Intervention',
    area: 'Other',
    ccgPounds: 1_450_000,
    councilPounds: 2_330_000,
    outturnBp: 9_860,
  },
];
const QUARTER_ENDS = ['2017-06-30', '2017-09-30', '2017-12-31', '2018-03-31'];

/** The aligned budgets as a fund of kind `aligned`, with a quarterly extract from each partner for the year. */
async function loadAlignedBudgets(db: Db, partnershipId: number, ccgId: number, councilId: number) {
  const sides = [
    {
      org: ccgId,
      prefix: '10X',
      stream: 'Additional NHS Contribution',
      pounds: (s: (typeof ALIGNED)[number]) => s.ccgPounds,
    },
    {
      org: councilId,
      prefix: 'SCC',
      stream: 'Additional LA Contribution',
      pounds: (s: (typeof ALIGNED)[number]) => s.councilPounds,
    },
  ];
  const fundId = await transaction(db, async (trx) => {
    const id = await createFund(
      trx,
      actor,
      partnershipId,
      {
        financialYear: 2017,
        name: 'Aligned budgets',
        kind: 'aligned',
        hostOrganisationId: null,
        pooledFundManager: '',
        betterCareFund: false,
        illustrative: true,
      },
      [ccgId, councilId],
    );
    for (const side of sides)
      await addContribution(trx, actor, partnershipId, id, {
        organisationId: side.org,
        stream: side.stream,
        amountPence: pence(ALIGNED.reduce((a, s) => a + side.pounds(s), 0) * 100),
        kind: 'agreed',
        decisionReference: null,
        effectiveOn: '2017-04-01',
      });
    for (const s of ALIGNED)
      await createScheme(trx, actor, partnershipId, id, {
        code: s.code,
        name: s.name,
        description: '',
        schemeType: s.type,
        areaOfSpend: s.area,
        commissioner: 'joint',
        commissionerOrganisationId: null,
        provider: 'Various',
        service: s.code === 'AL01' ? 'children-complex-health-needs' : 'prevention-early-intervention',
        budgets: sides.map((side) => ({
          organisationId: side.org,
          stream: side.stream,
          amountPence: pence(side.pounds(s) * 100),
        })),
        profile: Array.from({ length: 12 }, () => 1),
        costCentres: sides.map((side) => ({
          organisationId: side.org,
          costCentre: `${side.prefix}-${s.code}`,
        })),
      });
    return id;
  });
  for (const [q, date] of QUARTER_ENDS.entries()) {
    for (const side of sides) {
      const lines = ['cost_centre,account_code,date,amount,description,supplier,reference'];
      for (const s of ALIGNED) {
        const year = pence(Math.round((side.pounds(s) * 100 * s.outturnBp) / 10_000));
        const amount = apportionByWeights(year, [1, 1, 1, 1])[q] ?? pence(0);
        lines.push(
          `${side.prefix}-${s.code},5000,${date},${toDecimalString(amount)},${s.name} Q${q + 1},Various,${side.prefix}-AL-Q${q + 1}-${s.code}`,
        );
      }
      const outcome = await importGeneralLedger({
        db,
        actor,
        partnershipId,
        fundId,
        organisationId: side.org,
        filename: `${side.prefix.toLowerCase()}-aligned-2017-18-Q${q + 1}.csv`,
        content: lines.join('\r\n') + '\r\n',
      });
      if (!outcome.ok) throw new Error(`Demo aligned import failed: ${JSON.stringify(outcome.problems[0])}`);
    }
  }
}

/**
 * Records the demo forecasts and publishes the P1 to P11 reports of the Southampton pool, and adds the aligned
 * budgets planned beside it.
 */
export async function loadMonitoringDemo(db: Db, partnershipId: number): Promise<void> {
  const fund = (await listFunds(db, partnershipId)).find(
    (f) => f.financial_year === 2017 && f.kind === 'pooled',
  );
  if (!fund) return;
  const partners = await partnersOf(db, partnershipId);
  const ccg = partners.find((p) => p.kind === 'ccg');
  const council = partners.find((p) => p.kind === 'local_authority');
  if (ccg && council) await loadAlignedBudgets(db, partnershipId, ccg.id, council.id);
  const schemes = await listSchemes(db, partnershipId, fund.id);
  const partnerNames = Object.fromEntries(partners.map((p) => [String(p.id), p.short_name ?? p.name]));
  await transaction(db, async (trx) => {
    for (const f of FORECASTS) {
      const scheme = schemes.find((s) => s.code === f.code);
      if (!scheme) continue;
      const budget = scheme.budgets.reduce((a, b) => a + BigInt(b.amountPence), 0n);
      await recordForecast(trx, actor, partnershipId, fund.id, {
        schemeId: scheme.id,
        organisationId: null,
        period: f.period,
        outturnPence: pence((budget * BigInt(f.outturnBp) + 5_000n) / 10_000n),
        commentary: f.commentary,
      });
    }
  });
  for (let period = 1; period <= 11; period += 1) {
    const outcome = await publishReport({
      db,
      actor,
      partnershipId,
      fund,
      period,
      method: 'profile',
      partnerNames,
    });
    if (!outcome.ok) throw new Error(`Demo monitoring report P${period}: ${outcome.problem}`);
  }
}
