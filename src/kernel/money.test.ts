import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  apportionByWeights,
  formatMillions,
  formatPounds,
  parsePounds,
  pence,
  sumPence,
  toDecimalString,
} from './money.js';

describe('formatting pounds and pence', () => {
  it('shows pence as pounds with thousands separators', () => {
    expect(formatPounds(123456)).toBe('£1,234.56');
    expect(formatPounds(5)).toBe('£0.05');
    expect(formatPounds(-10_500_000_000)).toBe('-£105,000,000.00');
    expect(formatPounds(0)).toBe('£0.00');
  });
  it('shows headline figures in millions to one place', () => {
    expect(formatMillions(10_500_000_000)).toBe('£105.0m');
    expect(formatMillions(640_000_000)).toBe('£6.4m');
    expect(formatMillions(9_049_999)).toBe('£0.1m');
  });
  it('writes plain decimals for forms and CSV', () => {
    expect(toDecimalString(-5)).toBe('-0.05');
    expect(toDecimalString(9_080_000)).toBe('90800.00');
  });
});

describe('parsing pounds and pence', () => {
  it.each([
    ['1234.56', 123456],
    ['£1,234.56', 123456],
    ['1,234', 123400],
    ['-1234.56', -123456],
    ['(1,234.56)', -123456],
    ['  90800 ', 9_080_000],
    ['0.5', 50],
    ['.75', 75],
    ['-£3.00', -300],
  ])('reads %s as %d pence', (text, expected) => {
    expect(parsePounds(text)).toEqual({ ok: true, value: expected });
  });
  it.each(['', 'abc', '1.234', '12,34.00', '£', '(-5)', '1e5'])('refuses %j with a message', (text) => {
    const r = parsePounds(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
  });
  it('round-trips every amount through the decimal form', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (p) => {
        expect(parsePounds(toDecimalString(p))).toEqual({ ok: true, value: p });
        expect(parsePounds(formatPounds(p))).toEqual({ ok: true, value: p });
      }),
    );
  });
});

describe('totals', () => {
  it('adds contributions exactly, where floating point would drift', () => {
    const tenPences = Array.from({ length: 10 }, () => 10);
    expect(sumPence(tenPences)).toBe(100);
    expect(sumPence([7_500_000_000, 3_000_000_001, 1])).toBe(10_500_000_002);
  });
  it('refuses amounts that are not whole pence', () => {
    expect(() => pence(0.5)).toThrow(RangeError);
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('apportioning by the largest-remainder rule', () => {
  it('gives the spare penny to the largest remainder', () => {
    expect(apportionByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportionByWeights(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(apportionByWeights(1000, [2, 1])).toEqual([667, 333]);
    expect(apportionByWeights(10, [0, 5])).toEqual([0, 10]);
  });
  it('always gives parts that sum to the amount, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc
          .array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = apportionByWeights(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(sumPence(parts)).toBe(total);
          const wSum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            // each part is within a penny of its exact share, and a zero weight gets nothing
            const exact = (total * weights[i]!) / wSum;
            expect(Math.abs(part - exact)).toBeLessThan(1.0001 + Math.abs(exact) * 1e-12);
            if (weights[i] === 0) expect(part).toBe(0);
          });
        },
      ),
    );
  });
});

describe('the number arithmetic of sums and splits agrees with BigInt', () => {
  it('sums as BigInt would, including sums that pass the safe range and come back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), {
          maxLength: 8,
        }),
        (amounts) => {
          const exact = amounts.reduce((t, x) => t + BigInt(x), 0n);
          if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < -BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(() => sumPence(amounts)).toThrow(RangeError);
            expect(() => sumPence(amounts.values())).toThrow(RangeError);
          } else {
            expect(sumPence(amounts)).toBe(Number(exact));
            expect(sumPence(amounts.values())).toBe(Number(exact));
          }
        },
      ),
    );
    expect(sumPence([Number.MAX_SAFE_INTEGER, 1, -2])).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(Object.is(sumPence([-0, 0]), 0)).toBe(true);
  });

  it('splits as the BigInt way does (the same weights as BigInts always take it)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e9, max: 1e9 }),
          fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        ),
        fc
          .array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1e12 })), {
            minLength: 1,
            maxLength: 70,
          })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = apportionByWeights(total, weights);
          expect(parts).toEqual(apportionByWeights(total, weights.map(BigInt)));
          expect(parts.some((p) => Object.is(p, -0))).toBe(false);
        },
      ),
    );
  });
});
