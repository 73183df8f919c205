import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  apportionSigned,
  shareVariance,
  type Direction,
  type RiskSharePolicy,
  type RiskShareStep,
  type SchemeVariance,
} from './riskShare.js';

/** Pounds to pence, for figures written as a finance officer would. */
const gbp = (pounds: number) => Math.round(pounds * 100);
const CCG = 1;
const COUNCIL = 2;
const NHSE = 3;
const twoPartners = [
  { organisationId: CCG, name: 'CCG', contributionPence: gbp(60_000) },
  { organisationId: COUNCIL, name: 'Council', contributionPence: gbp(40_000) },
];
const threePartners = [
  { organisationId: CCG, name: 'CCG', contributionPence: gbp(50_000) },
  { organisationId: COUNCIL, name: 'Council', contributionPence: gbp(30_000) },
  { organisationId: NHSE, name: 'NHS England', contributionPence: gbp(20_000) },
];
/** CCG's scheme overspent £3,000, the council's underspent £1,000, the joint one overspent £2,000: £4,000 over. */
const schemes: SchemeVariance[] = [
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
];
const sharesOf = (r: ReturnType<typeof shareVariance>) =>
  Object.fromEntries(r.shares.map((s) => [s.name, s.pence / 100]));

describe('risk share rules, worked by hand', () => {
  it('shares an overspend in proportion to contributions, the odd penny to the largest remainder', () => {
    // £100.01 at 60:40 is £60.006 and £40.004: £60.00 and £40.00, and the odd penny to the CCG (0.6 > 0.4)
    const r = shareVariance(
      { steps: [{ kind: 'pro-rata', appliesTo: 'both' }] },
      { partners: twoPartners, schemes: [], variancePence: 10_001 },
    );
    expect(sharesOf(r)).toEqual({ CCG: 60.01, Council: 40 });
    expect(r.unallocatedPence).toBe(0);
  });

  it('lets each commissioner bear its own schemes, and shares the joint scheme pro rata', () => {
    // CCG: £3,000 + 60% of £2,000 = £4,200; council: -£1,000 + 40% of £2,000 = -£200
    const r = shareVariance(
      {
        steps: [
          { kind: 'commissioner', appliesTo: 'both' },
          { kind: 'pro-rata', appliesTo: 'both' },
        ],
      },
      { partners: twoPartners, schemes, variancePence: gbp(4_000) },
    );
    expect(sharesOf(r)).toEqual({ CCG: 4_200, Council: -200 });
    expect(r.steps[0]?.tookPence).toBe(gbp(2_000));
    expect(r.steps[0]?.remainingAfterPence).toBe(gbp(2_000));
    expect(r.steps[0]?.explanation.join(' ')).toContain(
      'CCG commissions schemes with a net overspend of £3,000.00',
    );
  });

  it('draws the risk reserve first and scales what is left across the commissioners', () => {
    // £4,000 over; the £2,500 reserve takes £2,500, leaving £1,500 = 37.5% of each pot: CCG £1,125, council
    // -£375, joint £750; the joint £750 at 60:40 is £450 and £300. CCG £1,575; council -£75.
    const r = shareVariance(
      {
        steps: [
          { kind: 'reserve', amountPence: gbp(2_500), appliesTo: 'overspend' },
          { kind: 'commissioner', appliesTo: 'both' },
          { kind: 'pro-rata', appliesTo: 'both' },
        ],
      },
      { partners: twoPartners, schemes, variancePence: gbp(4_000) },
    );
    expect(r.reserveDrawnPence).toBe(gbp(2_500));
    expect(sharesOf(r)).toEqual({ CCG: 1_575, Council: -75 });
    expect(r.steps.map((s) => s.remainingAfterPence / 100)).toEqual([1_500, 750, 0]);
  });

  it('shares by a fixed profile in basis points', () => {
    const r = shareVariance(
      {
        steps: [
          {
            kind: 'fixed-shares',
            appliesTo: 'both',
            sharesBp: [
              { organisationId: CCG, bp: 7_000 },
              { organisationId: COUNCIL, bp: 3_000 },
            ],
          },
        ],
      },
      { partners: twoPartners, schemes, variancePence: gbp(4_000) },
    );
    expect(sharesOf(r)).toEqual({ CCG: 2_800, Council: 1_200 });
  });

  it('returns underspends pro rata while overspends stay with the commissioner', () => {
    const policy: RiskSharePolicy = {
      steps: [
        { kind: 'commissioner', appliesTo: 'overspend' },
        { kind: 'pro-rata', appliesTo: 'both' },
      ],
    };
    // an underspend of £2,000 (A +£1,000, B -£3,000) skips the commissioner step: 60:40 is -£1,200 and -£800
    const under = shareVariance(policy, {
      partners: twoPartners,
      schemes: [
        { ...schemes[0]!, spendPence: gbp(51_000) },
        { ...schemes[1]!, spendPence: gbp(27_000) },
        { ...schemes[2]!, spendPence: gbp(20_000) },
      ],
      variancePence: gbp(-2_000),
    });
    expect(sharesOf(under)).toEqual({ CCG: -1_200, Council: -800 });
    expect(under.steps[0]?.applied).toBe(false);
    const over = shareVariance(policy, { partners: twoPartners, schemes, variancePence: gbp(4_000) });
    expect(sharesOf(over)).toEqual({ CCG: 4_200, Council: -200 });
  });

  it('adds an underspend to the reserve when the agreement says the reserve takes both', () => {
    const r = shareVariance(
      {
        steps: [
          { kind: 'reserve', amountPence: gbp(2_500), appliesTo: 'both' },
          { kind: 'pro-rata', appliesTo: 'both' },
        ],
      },
      { partners: twoPartners, schemes: [], variancePence: gbp(-500) },
    );
    expect(r.reserveDrawnPence).toBe(gbp(-500));
    expect(sharesOf(r)).toEqual({ CCG: 0, Council: 0 });
  });

  it('reports what no step shares as unallocated', () => {
    const r = shareVariance(
      { steps: [{ kind: 'reserve', amountPence: gbp(1_000), appliesTo: 'both' }] },
      { partners: twoPartners, schemes, variancePence: gbp(4_000) },
    );
    expect(r.reserveDrawnPence).toBe(gbp(1_000));
    expect(r.unallocatedPence).toBe(gbp(3_000));
    expect(r.summary.join(' ')).toContain('£3,000.00 is to be funded from outside the pool');
  });
});

describe('a three-partner pool with caps', () => {
  const proRataThenCap = (step: Extract<RiskShareStep, { kind: 'cap' }>): RiskSharePolicy => ({
    steps: [{ kind: 'pro-rata', appliesTo: 'both' }, step],
  });

  it('shares £10,000 over pro rata 50:30:20', () => {
    const r = shareVariance(
      { steps: [{ kind: 'pro-rata', appliesTo: 'both' }] },
      { partners: threePartners, schemes: [], variancePence: gbp(10_000) },
    );
    expect(sharesOf(r)).toEqual({ CCG: 5_000, Council: 3_000, 'NHS England': 2_000 });
  });

  it('passes the excess over the council’s £2,000 cap to the others by contribution', () => {
    // £1,000 lifted off the council; 50:20 is £714.2857 and £285.7143: £714.29 (larger remainder) and £285.71
    const r = shareVariance(
      proRataThenCap({
        kind: 'cap',
        appliesTo: 'overspend',
        excess: 'others',
        caps: [{ organisationId: COUNCIL, maxPence: gbp(2_000) }],
      }),
      { partners: threePartners, schemes: [], variancePence: gbp(10_000) },
    );
    expect(sharesOf(r)).toEqual({ CCG: 5_714.29, Council: 2_000, 'NHS England': 2_285.71 });
    expect(r.unallocatedPence).toBe(0);
    expect(r.steps[1]?.explanation).toEqual([
      'Council is capped at £2,000.00: £1,000.00 is lifted off.',
      'CCG takes £714.29 of the excess, by contribution.',
      'NHS England takes £285.71 of the excess, by contribution.',
    ]);
  });

  it('caps again when the excess pushes another partner over its own cap', () => {
    // NHS England would reach £2,285.71 against a £2,100 cap: its £185.71 goes to the CCG, £5,900 in all
    const r = shareVariance(
      proRataThenCap({
        kind: 'cap',
        appliesTo: 'overspend',
        excess: 'others',
        caps: [
          { organisationId: COUNCIL, maxPence: gbp(2_000) },
          { organisationId: NHSE, maxPence: gbp(2_100) },
        ],
      }),
      { partners: threePartners, schemes: [], variancePence: gbp(10_000) },
    );
    expect(sharesOf(r)).toEqual({ CCG: 5_900, Council: 2_000, 'NHS England': 2_100 });
  });

  it('leaves the excess unallocated, to be funded from outside the pool, when the agreement says so', () => {
    const r = shareVariance(
      proRataThenCap({
        kind: 'cap',
        appliesTo: 'overspend',
        excess: 'unallocated',
        caps: [{ organisationId: COUNCIL, maxPence: gbp(2_000) }],
      }),
      { partners: threePartners, schemes: [], variancePence: gbp(10_000) },
    );
    expect(sharesOf(r)).toEqual({ CCG: 5_000, Council: 2_000, 'NHS England': 2_000 });
    expect(r.unallocatedPence).toBe(gbp(1_000));
  });

  it('does not cap an underspend returned when the cap is on overspends', () => {
    const r = shareVariance(
      proRataThenCap({
        kind: 'cap',
        appliesTo: 'overspend',
        excess: 'others',
        caps: [{ organisationId: COUNCIL, maxPence: gbp(2_000) }],
      }),
      { partners: threePartners, schemes: [], variancePence: gbp(-10_000) },
    );
    expect(sharesOf(r)).toEqual({ CCG: -5_000, Council: -3_000, 'NHS England': -2_000 });
  });
});

describe('scaling signed parts', () => {
  it('scales mixed-sign pots so they sum exactly', () => {
    expect(apportionSigned(1_500n, [3_000n, -1_000n, 2_000n])).toEqual([1_125n, -375n, 750n]);
    expect(apportionSigned(1n, [1n, 1n, 1n]).reduce((a, b) => a + b, 0n)).toBe(1n);
  });
});

// ---- properties ----
const direction = fc.constantFrom<Direction>('both', 'overspend', 'underspend');
const partnersArb = fc
  .array(fc.integer({ min: 0, max: 50_000_000_00 }), { minLength: 1, maxLength: 4 })
  .map((cs) => cs.map((c, i) => ({ organisationId: i + 1, name: `P${i + 1}`, contributionPence: c })));
const schemesArb = (n: number) =>
  fc.array(
    fc.record({
      commissioner: fc.constantFrom<'la' | 'nhs' | 'joint'>('la', 'nhs', 'joint'),
      org: fc.integer({ min: 1, max: n }),
      budgetPence: fc.integer({ min: 0, max: 20_000_000_00 }),
      delta: fc.integer({ min: -2_000_000_00, max: 2_000_000_00 }),
    }),
    { maxLength: 6 },
  );
const stepArb = (n: number, d: fc.Arbitrary<Direction>): fc.Arbitrary<RiskShareStep> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('reserve' as const),
      amountPence: fc.integer({ min: 0, max: 5_000_000_00 }),
      appliesTo: d,
    }),
    fc.record({ kind: fc.constant('commissioner' as const), appliesTo: d }),
    fc.record({ kind: fc.constant('pro-rata' as const), appliesTo: d }),
    fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }).chain((bp) =>
      fc.record({
        kind: fc.constant('fixed-shares' as const),
        appliesTo: d,
        sharesBp: fc.constant(bp.map((b, i) => ({ organisationId: i + 1, bp: b }))),
      }),
    ),
    fc.record({
      kind: fc.constant('cap' as const),
      appliesTo: d,
      excess: fc.constantFrom<'others' | 'unallocated'>('others', 'unallocated'),
      caps: fc.array(
        fc.record({
          organisationId: fc.integer({ min: 1, max: n }),
          maxPence: fc.integer({ min: 0, max: 3_000_000_00 }),
        }),
        { maxLength: n },
      ),
    }),
  );
const caseArb = (d: fc.Arbitrary<Direction>) =>
  partnersArb.chain((partners) =>
    fc.record({
      partners: fc.constant(partners),
      schemes: schemesArb(partners.length),
      unbudgeted: fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }),
      steps: fc.array(stepArb(partners.length, d), { maxLength: 5 }),
    }),
  );
function build(
  c: {
    partners: { organisationId: number; name: string; contributionPence: number }[];
    schemes: { commissioner: 'la' | 'nhs' | 'joint'; org: number; budgetPence: number; delta: number }[];
    unbudgeted: number;
  },
  mirror = false,
) {
  const m = mirror ? -1 : 1;
  const schemeRows: SchemeVariance[] = c.schemes.map((s, i) => ({
    code: `S${i}`,
    name: `S${i}`,
    commissioner: s.commissioner,
    commissionerOrganisationId: s.org,
    budgetPence: s.budgetPence,
    spendPence: s.budgetPence + m * s.delta,
  }));
  const variancePence = m * (c.schemes.reduce((a, s) => a + s.delta, 0) + c.unbudgeted);
  return { partners: c.partners, schemes: schemeRows, variancePence };
}

describe('risk share properties', () => {
  it('always accounts for the whole variance: shares + reserve + unallocated = variance, to the penny', () => {
    fc.assert(
      fc.property(caseArb(direction), (c) => {
        const r = shareVariance({ steps: c.steps }, build(c));
        const total =
          r.shares.reduce((a, s) => a + BigInt(s.pence), 0n) +
          BigInt(r.reserveDrawnPence) +
          BigInt(r.unallocatedPence);
        expect(total).toBe(BigInt(r.variancePence));
        for (const s of r.steps)
          expect(BigInt(s.remainingBeforePence) - BigInt(s.tookPence)).toBe(BigInt(s.remainingAfterPence));
      }),
      { numRuns: 400 },
    );
  });

  it('shares exactly the variance when the policy ends in a pro-rata step and leaves nothing to a cap', () => {
    fc.assert(
      fc.property(caseArb(fc.constant<Direction>('both')), (c) => {
        fc.pre(c.partners.some((p) => p.contributionPence > 0));
        const steps = [
          ...c.steps.filter((s) => s.kind !== 'reserve' && s.kind !== 'cap'),
          { kind: 'pro-rata', appliesTo: 'both' } as const,
        ];
        const r = shareVariance({ steps }, build(c));
        expect(r.shares.reduce((a, s) => a + s.pence, 0)).toBe(r.variancePence);
        expect(r.unallocatedPence).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('mirrors: an underspend is shared as the same overspend with every sign turned', () => {
    fc.assert(
      fc.property(caseArb(fc.constant<Direction>('both')), (c) => {
        const over = shareVariance({ steps: c.steps }, build(c));
        const under = shareVariance({ steps: c.steps }, build(c, true));
        expect(under.shares.map((s) => s.pence)).toEqual(over.shares.map((s) => -(s.pence as number) || 0));
        expect(under.reserveDrawnPence).toBe(-(over.reserveDrawnPence as number) || 0);
        expect(under.unallocatedPence).toBe(-(over.unallocatedPence as number) || 0);
      }),
      { numRuns: 300 },
    );
  });
});
