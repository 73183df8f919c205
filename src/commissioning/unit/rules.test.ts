import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoDate } from '../../kernel/dates.js';
import {
  againstBudget,
  costByEmployer,
  formatFte,
  formatPercent,
  parseFte,
  parsePercent,
  postCostInYear,
  recharges,
  shareCost,
  type PostCosting,
} from './rules.js';

const post = (over: Partial<PostCosting> = {}): PostCosting => ({
  employerOrganisationId: 1,
  fteHundredths: 100,
  annualCostPence: 5_000_000,
  startsOn: isoDate('2014-04-01'),
  endsOn: null,
  additional: false,
  ...over,
});

describe('FTE and percentages', () => {
  it('reads FTE into hundredths and refuses what is not one', () => {
    expect(parseFte('1')).toBe(100);
    expect(parseFte('0.5')).toBe(50);
    expect(parseFte('.75')).toBe(75);
    expect(parseFte('1.00')).toBe(100);
    for (const bad of ['', '0', '1.01', '2', '0.333', 'half', '-0.5']) expect(parseFte(bad)).toBeNull();
    expect(formatFte(50)).toBe('0.50');
    expect(formatFte(100)).toBe('1.00');
  });
  it('reads percentages into basis points', () => {
    expect(parsePercent('60')).toBe(6000);
    expect(parsePercent('33.34')).toBe(3334);
    expect(parsePercent('12.5%')).toBe(1250);
    for (const bad of ['', '100.01', '1.234', 'sixty']) expect(parsePercent(bad)).toBeNull();
    expect(formatPercent(3334)).toBe('33.34%');
  });
});

describe('a post’s cost in a year', () => {
  it('is annual cost times FTE for a post filled all year', () => {
    expect(postCostInYear(post({ fteHundredths: 50, annualCostPence: 4_567_801 }), 2014)).toBe(2_283_901); // 22,839.005 rounds half up
    expect(postCostInYear(post(), 2014)).toBe(5_000_000);
  });
  it('is pro rata to the days filled, and nothing outside its dates', () => {
    // filled from 1 October 2014 to 31 March 2015: 182 of 365 days
    const half = post({ startsOn: isoDate('2014-10-01') });
    expect(postCostInYear(half, 2014)).toBe(Math.round((5_000_000 * 182) / 365));
    expect(postCostInYear(post({ startsOn: isoDate('2016-04-01') }), 2014)).toBe(0);
    expect(postCostInYear(post({ endsOn: isoDate('2014-03-31') }), 2014)).toBe(0);
  });
  it('sums the unit by employer, counting FTE and the posts the unit added', () => {
    const c = costByEmployer(
      [
        post({ employerOrganisationId: 2, fteHundredths: 50, additional: true }),
        post({ employerOrganisationId: 1 }),
        post({ employerOrganisationId: 2, annualCostPence: 3_000_000 }),
      ],
      2014,
      [1, 2],
    );
    expect(
      c.byEmployer.map((e) => [
        e.organisationId,
        e.posts,
        e.fteHundredths,
        e.costPence,
        e.additionalCostPence,
      ]),
    ).toEqual([
      [1, 1, 100, 5_000_000, 0],
      [2, 2, 150, 5_500_000, 2_500_000],
    ]);
    expect(c.totalPence).toBe(10_500_000);
    expect(c.additionalPence).toBe(2_500_000);
    expect(c.fteHundredths).toBe(250);
  });
});

describe('sharing the unit’s cost', () => {
  it('by an agreed split, to the penny', () => {
    const r = shareCost(
      100_001,
      [
        { organisationId: 1, weight: 3333 },
        { organisationId: 2, weight: 6667 },
      ],
      'split',
    );
    expect(r).toEqual({
      ok: true,
      shares: [
        { organisationId: 1, weight: 3333, sharePence: 33_330 },
        { organisationId: 2, weight: 6667, sharePence: 66_671 },
      ],
    });
  });
  it('refuses a split that does not add up to 100%', () => {
    const r = shareCost(
      100,
      [
        { organisationId: 1, weight: 6000 },
        { organisationId: 2, weight: 3000 },
      ],
      'split',
    );
    expect(r).toEqual({ ok: false, problem: 'The shares must add up to 100.00%; they add up to 90.00%' });
  });
  it('in proportion to contributions, and refuses when nothing was contributed', () => {
    const r = shareCost(
      300_00,
      [
        { organisationId: 1, weight: 2_000_000 },
        { organisationId: 2, weight: 1_000_000 },
      ],
      'contributions',
    );
    expect(r.ok && r.shares.map((s) => s.sharePence)).toEqual([20_000, 10_000]);
    const none = shareCost(300_00, [{ organisationId: 1, weight: 0 }], 'contributions');
    expect(none.ok).toBe(false);
  });
  it('always sums to the total, by either basis (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const r = shareCost(
            total,
            weights.map((weight, i) => ({ organisationId: i + 1, weight })),
            'contributions',
          );
          expect(r.ok && r.shares.reduce((a, s) => a + s.sharePence, 0)).toBe(total);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        (total, raw) => {
          // any split of 10000 basis points between the partners
          const sum = raw.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0);
          const bp = raw.map((x) => Math.floor((x * 10_000) / sum));
          bp[0] = (bp[0] ?? 0) + 10_000 - bp.reduce((a, b) => a + b, 0);
          const r = shareCost(
            total,
            bp.map((weight, i) => ({ organisationId: i + 1, weight })),
            'split',
          );
          expect(r.ok && r.shares.reduce((a, s) => a + s.sharePence, 0)).toBe(total);
        },
      ),
    );
  });
  it('leaves recharges that balance to zero', () => {
    const c = costByEmployer(
      [post({ employerOrganisationId: 1 }), post({ employerOrganisationId: 2, annualCostPence: 1_000_001 })],
      2014,
      [1, 2],
    );
    const r = shareCost(
      c.totalPence,
      [
        { organisationId: 1, weight: 5000 },
        { organisationId: 2, weight: 5000 },
      ],
      'split',
    );
    if (!r.ok) throw new Error(r.problem);
    const lines = recharges(r.shares, c.byEmployer);
    expect(lines.map((l) => l.balancePence)).toEqual([-1_999_999, 1_999_999]);
    expect(lines.reduce((a, l) => a + l.balancePence, 0)).toBe(0);
  });
});

describe('running cost against budget', () => {
  it('gives the variance as budget less cost, negative when over', () => {
    expect(againstBudget(110, 100)).toEqual({
      costPence: 110,
      budgetPence: 100,
      variancePence: -10,
      position: 'over',
    });
    expect(againstBudget(90, 100).position).toBe('under');
    expect(againstBudget(100, 100).position).toBe('on');
  });
});
