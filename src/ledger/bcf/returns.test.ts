import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pence, sumPence } from '../../kernel/money.js';
import { bcfRows, jointSplit, templateFor, type BcfScheme } from './returns.js';
import { monitoringCells } from '../monitoring/index.js';

const KINDS: Record<number, string> = { 1: 'ccg', 2: 'local_authority' };
const kindOf = (o: number) => KINDS[o] ?? 'other';

const scheme: BcfScheme = {
  schemeId: 3,
  code: 'SC03',
  name: 'Reablement and rehabilitation',
  description: 'Short-term support at home after a hospital stay',
  schemeType: 'Home-based intermediate care services',
  areaOfSpend: 'Social Care',
  commissioner: 'joint',
  provider: 'City Reablement Team',
  budgets: [
    { organisationId: 1, stream: 'Minimum NHS Contribution', amountPence: pence(3_600_000_00) },
    { organisationId: 2, stream: 'Additional LA Contribution', amountPence: pence(4_180_000_00) },
    { organisationId: 2, stream: 'iBCF', amountPence: pence(200_000_00) },
  ],
  existing: true,
};

describe('Better Care Fund returns', () => {
  it('chooses the column set of the template in force for the year', () => {
    expect(templateFor(2017).name).toBe('BCF planning template 2017-19');
    expect(templateFor(2022).name).toBe('BCF planning template 2017-19');
    expect(templateFor(2023).columns.map((c) => c.header)).toContain('Planned Outputs');
    expect(templateFor(2025).sources.iBCF).toBe('Local Authority Better Care Grant');
    expect(templateFor(2015).name).toBe('BCF planning template 2017-19');
  });

  it('writes one line per scheme and source of funding, with the joint split from the budget', () => {
    const rows = bcfRows(templateFor(2017), [scheme], kindOf);
    expect(rows.map((r) => [r.sourceOfFunding, r.expenditurePence])).toEqual([
      ['Additional LA Contribution', 4_180_000_00],
      ['iBCF', 200_000_00],
      ['Minimum NHS Contribution', 3_600_000_00],
    ]);
    // £3.6m NHS of £7.98m: 45.11 % NHS (45.113 %), 54.89 % LA: the two add up to 100 exactly
    expect(rows[0]).toMatchObject({ commissioner: 'Joint', percentNhs: 45.11, percentLa: 54.89 });
    expect(rows[0]).toMatchObject({
      newOrExisting: 'Existing',
      schemeId: 'SC03',
      areaOfSpend: 'Social Care',
    });
    const la = bcfRows(templateFor(2017), [{ ...scheme, commissioner: 'la', existing: false }], kindOf);
    expect(la[0]).toMatchObject({
      commissioner: 'LA',
      percentNhs: null,
      percentLa: null,
      newOrExisting: 'New',
    });
  });

  it('names the sources as the year’s template does', () => {
    const nhs = {
      ...scheme,
      budgets: [{ organisationId: 1, stream: 'Additional NHS Contribution', amountPence: pence(1) }],
    };
    expect(bcfRows(templateFor(2017), [nhs], kindOf)[0]?.sourceOfFunding).toBe('Additional CCG Contribution');
    expect(bcfRows(templateFor(2023), [nhs], kindOf)[0]?.sourceOfFunding).toBe('Additional NHS Contribution');
  });

  it("attributes the year's actual spend to the sources in proportion to each partner's budget", () => {
    const facts = {
      schemeId: 3,
      code: 'SC03',
      name: scheme.name,
      schemeType: scheme.schemeType,
      budgets: scheme.budgets,
      profile: Array.from({ length: 12 }, () => 1),
    };
    const { cells } = monitoringCells(
      [facts],
      [
        { schemeId: 3, organisationId: 1, period: 12, actualPence: pence(3_700_000_00) },
        // the council spent £4,380,000.01 against £4,180,000 + £200,000 (209:10)
        { schemeId: 3, organisationId: 2, period: 6, actualPence: pence(4_380_000_01) },
      ],
      12,
      'profile',
    );
    const rows = bcfRows(templateFor(2017), [scheme], kindOf, cells);
    expect(rows.map((r) => [r.sourceOfFunding, r.expenditurePence])).toEqual([
      ['Additional LA Contribution', 4_180_000_01],
      ['iBCF', 200_000_00],
      ['Minimum NHS Contribution', 3_700_000_00],
    ]);
  });

  it('splits a joint scheme into NHS and LA shares that always add up to 100 %', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e12 }), fc.nat({ max: 1e12 }), (nhs, la) => {
        fc.pre(nhs + la > 0);
        const split = jointSplit(
          [
            { organisationId: 1, stream: 'x', amountPence: pence(nhs) },
            { organisationId: 2, stream: 'y', amountPence: pence(la) },
          ],
          kindOf,
        );
        expect(Math.round((split?.percentNhs ?? 0) * 100 + (split?.percentLa ?? 0) * 100)).toBe(10_000);
      }),
    );
    expect(sumPence(bcfRows(templateFor(2017), [scheme], kindOf).map((r) => r.expenditurePence))).toBe(
      7_980_000_00,
    );
  });
});
