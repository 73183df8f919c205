import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pence, sumPence } from '../kernel/money.js';
import {
  budgetTotals,
  slugify,
  validateAgreement,
  validateBudgetArea,
  validateOrganisation,
  validatePartnershipMembers,
  type Arrangement,
} from './rules.js';

const base = {
  name: 'X',
  shortName: null,
  laTier: null,
  odsCode: null,
  gssCode: null,
  existsFrom: null,
  existsTo: null,
};

describe('organisation codes', () => {
  it('accepts the usual shapes of ODS codes for each kind of NHS body', () => {
    expect(validateOrganisation({ ...base, kind: 'icb', odsCode: 'QRL' })).toEqual({});
    expect(validateOrganisation({ ...base, kind: 'ccg', odsCode: '10X' })).toEqual({});
    expect(validateOrganisation({ ...base, kind: 'ccg', odsCode: 'M1J4Y' })).toEqual({});
    expect(validateOrganisation({ ...base, kind: 'nhs_trust', odsCode: 'RHM' })).toEqual({});
    expect(validateOrganisation({ ...base, kind: 'nhs_england', odsCode: 'X24' })).toEqual({});
  });
  it('refuses an ODS code that does not fit the kind of body', () => {
    expect(validateOrganisation({ ...base, kind: 'icb', odsCode: '10X' }).odsCode).toMatch(/like QRL/);
    expect(validateOrganisation({ ...base, kind: 'ccg', odsCode: 'Q-1' }).odsCode).toMatch(/like 10X/);
  });
  it('gives a council a GSS code of its tier, and no ODS code', () => {
    expect(
      validateOrganisation({ ...base, kind: 'local_authority', laTier: 'unitary', gssCode: 'E06000045' }),
    ).toEqual({});
    expect(
      validateOrganisation({ ...base, kind: 'local_authority', laTier: 'county', gssCode: 'E06000045' })
        .gssCode,
    ).toMatch(/E10/);
    expect(
      validateOrganisation({ ...base, kind: 'local_authority', laTier: 'unitary', odsCode: 'QRL' }).odsCode,
    ).toBeDefined();
    expect(validateOrganisation({ ...base, kind: 'local_authority' }).laTier).toBeDefined();
    expect(validateOrganisation({ ...base, kind: 'ccg', gssCode: 'E06000045' }).gssCode).toBeDefined();
  });
  it('refuses an organisation that ceased to exist before it was established', () => {
    expect(
      validateOrganisation({ ...base, kind: 'ccg', existsFrom: '2013-04-01', existsTo: '2012-03-31' })
        .existsTo,
    ).toBeDefined();
  });
});

describe('partnerships and agreements', () => {
  it('needs two or more distinct partners', () => {
    expect(validatePartnershipMembers([1, 1])).toHaveProperty('organisationIds');
    expect(validatePartnershipMembers([1, 2])).toEqual({});
  });
  it('makes web address names from names', () => {
    expect(slugify('Southampton City: integrated commissioning')).toBe(
      'southampton-city-integrated-commissioning',
    );
  });
  const partners = new Set([1, 2, 3]);
  const good = {
    kind: 's75' as const,
    startsOn: '2017-04-01',
    endsOn: '2020-03-31',
    status: 'live' as const,
    hostOrganisationId: 1,
    partyIds: [1, 2],
  };
  it('accepts an agreement between partners, hosted by one of its parties', () => {
    expect(validateAgreement(good, partners)).toEqual({});
  });
  it('refuses an agreement that ends before it starts, or whose host is not a party', () => {
    expect(validateAgreement({ ...good, endsOn: '2017-03-31' }, partners).endsOn).toBeDefined();
    expect(validateAgreement({ ...good, hostOrganisationId: 3 }, partners).hostOrganisationId).toMatch(
      /party/,
    );
    expect(validateAgreement({ ...good, partyIds: [1, 9] }, partners).partyIds).toMatch(/partner/);
    expect(validateAgreement({ ...good, status: 'live', startsOn: null }, partners).startsOn).toBeDefined();
  });
});

describe('budget areas', () => {
  const partners = new Set([1, 2]);
  it('gives a pooled fund a host partner, and an aligned budget none', () => {
    expect(
      validateBudgetArea({ arrangement: 'pooled', hostOrganisationId: null, contributions: [] }, partners)
        .hostOrganisationId,
    ).toBe('Select the host');
    expect(
      validateBudgetArea(
        { arrangement: 'lead_commissioning', hostOrganisationId: null, contributions: [] },
        partners,
      ).hostOrganisationId,
    ).toBe('Select the lead commissioner');
    expect(
      validateBudgetArea({ arrangement: 'aligned', hostOrganisationId: 1, contributions: [] }, partners)
        .hostOrganisationId,
    ).toBeDefined();
    expect(
      validateBudgetArea(
        {
          arrangement: 'pooled',
          hostOrganisationId: 2,
          contributions: [{ organisationId: 1, amountPence: pence(5) }],
        },
        partners,
      ),
    ).toEqual({});
  });

  it('totals the Southampton pool by arrangement and by partner, to the penny', () => {
    const ccg = 1;
    const council = 2;
    const areas = [
      {
        arrangement: 'pooled' as const,
        contributions: [
          { organisationId: ccg, amountPence: pence(612_000_000) },
          { organisationId: council, amountPence: pence(3_894_000_001) },
        ],
      },
      {
        arrangement: 'pooled' as const,
        contributions: [{ organisationId: ccg, amountPence: pence(2_648_000_000) }],
      },
      {
        arrangement: 'aligned' as const,
        contributions: [{ organisationId: council, amountPence: pence(99) }],
      },
    ];
    const t = budgetTotals(areas, [ccg, council]);
    expect(t.totalPence).toBe(7_154_000_100);
    expect(t.byArrangement).toEqual([
      { arrangement: 'pooled', totalPence: 7_154_000_001 },
      { arrangement: 'aligned', totalPence: 99 },
    ]);
    expect(t.byPartner).toEqual([
      { organisationId: ccg, totalPence: 3_260_000_000, byArrangement: { pooled: 3_260_000_000 } },
      {
        organisationId: council,
        totalPence: 3_894_000_100,
        byArrangement: { pooled: 3_894_000_001, aligned: 99 },
      },
    ]);
  });

  it('always reconciles: totals by arrangement and by partner add up to the same grand total', () => {
    const arrangement = fc.constantFrom<Arrangement>('pooled', 'aligned', 'lead_commissioning', 'outside');
    const line = fc.record({
      organisationId: fc.integer({ min: 1, max: 4 }),
      amountPence: fc.integer({ min: 0, max: 1e12 }).map((n) => pence(n)),
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ arrangement, contributions: fc.array(line, { maxLength: 4 }) }), {
          maxLength: 30,
        }),
        (areas) => {
          const t = budgetTotals(areas, [1, 2, 3, 4]);
          expect(sumPence(t.byArrangement.map((r) => r.totalPence))).toBe(t.totalPence);
          expect(sumPence(t.byPartner.map((r) => r.totalPence))).toBe(t.totalPence);
        },
      ),
    );
  });
});
