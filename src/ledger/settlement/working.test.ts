import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sumPence } from '../../kernel/money.js';
import type { RiskSharePolicy } from './riskShare.js';
import { settlementWorking, type SettlementFacts } from './working.js';
import { contributionInstalments, partnerStatement, quarterOfDate } from '../statements/index.js';
import { shareVariance } from './riskShare.js';

const gbp = (pounds: number) => Math.round(pounds * 100);
const CCG = 1;
const COUNCIL = 2;

/**
 * The CCG contributes £60,000 and the council (the host) £40,000. The CCG's scheme overspent £3,000, the
 * council's underspent £1,000, the joint one overspent £2,000 (the CCG incurred £12,000 of it, the council
 * £10,000). Nothing but the imports is in the journal yet; the ledger's reserve holds £2,500.
 */
const facts: SettlementFacts = {
  fund: { id: 9, name: 'Pool', financialYear: 2017, hostOrganisationId: COUNCIL },
  partners: [
    {
      organisationId: CCG,
      name: 'CCG',
      contributionDuePence: gbp(60_000),
      contributionPostedPence: 0,
      debtorBalancePence: 0,
      creditorBalancePence: gbp(-65_000),
      spendIncurredPence: gbp(65_000),
    },
    {
      organisationId: COUNCIL,
      name: 'Council',
      contributionDuePence: gbp(40_000),
      contributionPostedPence: 0,
      debtorBalancePence: 0,
      creditorBalancePence: gbp(-39_000),
      spendIncurredPence: gbp(39_000),
    },
  ],
  schemes: [
    {
      code: 'A',
      name: 'Community nursing',
      commissioner: 'nhs',
      commissionerOrganisationId: CCG,
      budgetPence: gbp(50_000),
      spendPence: gbp(53_000),
    },
    {
      code: 'B',
      name: 'Home care',
      commissioner: 'la',
      commissionerOrganisationId: COUNCIL,
      budgetPence: gbp(30_000),
      spendPence: gbp(29_000),
    },
    {
      code: 'C',
      name: 'Reablement',
      commissioner: 'joint',
      commissionerOrganisationId: null,
      budgetPence: gbp(20_000),
      spendPence: gbp(22_000),
    },
  ],
  reserveBalancePence: gbp(-2_500),
};
const policy: RiskSharePolicy = {
  steps: [
    { kind: 'reserve', amountPence: gbp(2_500), appliesTo: 'overspend' },
    { kind: 'commissioner', appliesTo: 'both' },
    { kind: 'pro-rata', appliesTo: 'both' },
  ],
};

describe('the year-end settlement working', () => {
  const w = settlementWorking(policy, facts);

  it('finds each partner’s position: contribution plus share less the spend it incurred', () => {
    // CCG £60,000 + £1,575 - £65,000 = -£3,425 (the pool owes it); council £40,000 - £75 - £39,000 = £925
    expect(w.variancePence).toBe(gbp(4_000));
    expect(w.partners.map((p) => [p.name, p.sharePence / 100, p.positionPence / 100])).toEqual([
      ['CCG', 1_575, -3_425],
      ['Council', -75, 925],
    ]);
    expect(w.transfers.map((t) => t.text)).toEqual(['Council, as host, pays CCG £3,425.00 from the pool.']);
    expect(w.notes.join(' ')).toContain('Council, the host, owes the pool £925.00');
  });

  it('posts balanced entries that leave each partner one balance', () => {
    for (const e of w.entries) expect(sumPence(e.lines.map((l) => l.amountPence))).toBe(0);
    const net = new Map<string, number>();
    for (const e of w.entries)
      for (const l of e.lines) net.set(l.accountCode, (net.get(l.accountCode) ?? 0) + l.amountPence);
    // the imports' creditor balances plus the settlement's movements
    expect((net.get('CRE-1') ?? 0) + gbp(-65_000)).toBe(gbp(-3_425));
    expect((net.get('DEB-2') ?? 0) + 0).toBe(gbp(925));
    expect((net.get('CRE-2') ?? 0) + gbp(-39_000)).toBe(0);
    expect(net.get('CON-1')).toBe(gbp(-61_575));
    expect(net.get('RESERVE')).toBe(gbp(2_500));
    expect(net.get('RESERVE-APPLIED')).toBe(gbp(-2_500));
  });

  it('nets every position against the reserve drawn: the pool is square', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (spend, reserve) => {
          const f: SettlementFacts = {
            ...facts,
            schemes: facts.schemes.map((s, i) => ({ ...s, spendPence: s.budgetPence + (spend[i] ?? 0) })),
          };
          const x = settlementWorking(
            {
              steps: [{ kind: 'reserve', amountPence: reserve, appliesTo: 'both' }, ...policy.steps.slice(1)],
            },
            f,
          );
          const positions = x.partners.reduce((a, p) => a + p.positionPence, 0);
          // positions = contributions + shares - imports' creditor balances; with the reserve they net to zero
          // against the spend actually incurred (which the fixture holds fixed at £104,000)
          expect(x.partners.reduce((a, p) => a + p.sharePence, 0) + x.riskShare.reserveDrawnPence).toBe(
            x.variancePence,
          );
          expect(positions).toBe(
            gbp(100_000) + x.variancePence - x.riskShare.reserveDrawnPence - gbp(104_000),
          );
          for (const e of x.entries) expect(sumPence(e.lines.map((l) => l.amountPence))).toBe(0);
        },
      ),
    );
  });
});

describe('partner statements', () => {
  it('splits the agreed contribution in four, and a variation over the quarters from when it takes effect', () => {
    // £100,000.01 in four: the odd penny to Q1; £300 from 1 October (Q3): £150 in Q3 and Q4
    expect(
      contributionInstalments([
        { kind: 'agreed', amountPence: 10_000_001, effectiveOn: '2017-04-01' },
        { kind: 'variation', amountPence: 30_000, effectiveOn: '2017-10-01' },
      ]),
    ).toEqual([2_500_001, 2_500_000, 2_515_000, 2_515_000]);
    expect(quarterOfDate('2018-02-14')).toBe(4);
  });

  it('gives the quarter, the year to date and the forecast share in words', () => {
    const byPeriod = Array.from({ length: 12 }, (_, i) => gbp(1_000 * (i + 1)));
    const s = partnerStatement({
      financialYear: 2017,
      quarter: 2,
      partner: { organisationId: CCG, name: 'CCG' },
      contributionLines: [{ kind: 'agreed', amountPence: gbp(60_000), effectiveOn: null }],
      journalContributionsByPeriod: null,
      incurredByPeriod: byPeriod,
      commissionedByPeriod: byPeriod.map((x) => x / 2),
      forecast: {
        asAtPeriod: 6,
        forecastSpendPence: gbp(104_000),
        contributionsPence: gbp(100_000),
        riskShare: shareVariance(policy, {
          partners: facts.partners.map((p) => ({
            organisationId: p.organisationId,
            name: p.name,
            contributionPence: p.contributionDuePence,
          })),
          schemes: facts.schemes,
          variancePence: gbp(4_000),
        }),
      },
    });
    expect(s.label).toBe('Q2 (July to September 2017)');
    // Q2 is P4–P6: £4,000 + £5,000 + £6,000; to date P1–P6: £21,000
    expect(s.rows.map((r) => [r.key, r.quarterPence / 100, r.yearToDatePence / 100])).toEqual([
      ['contributions', 15_000, 30_000],
      ['incurred', 15_000, 21_000],
      ['commissioned', 7_500, 10_500],
    ]);
    expect(s.forecast.text).toBe(
      'On the forecast as at P6, the fund will overspend by £4,000.00; under the risk-share policy CCG would bear £1,575.00.',
    );
  });
});
