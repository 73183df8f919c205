import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pence } from '../../kernel/money.js';
import {
  AREAS_OF_SPEND,
  BCF_SCHEME_TYPES,
  commissionerProblem,
  costCentresText,
  fundingStreamsFor,
  payerProblem,
  readCostCentres,
  readProfile,
  validateFund,
  validateImportColumns,
  validateVariation,
} from './rules.js';

const names = (year: number, bcf = true) => fundingStreamsFor(year, bcf).map((s) => s.name);

describe('Better Care Fund reference data', () => {
  it('lists the nineteen scheme types of the 2023-25 template, and the seven areas of spend', () => {
    expect(BCF_SCHEME_TYPES).toHaveLength(19);
    expect(BCF_SCHEME_TYPES).toContain('High Impact Change Model for Managing Transfer of Care');
    expect(BCF_SCHEME_TYPES.at(-1)).toBe('Other');
    expect(AREAS_OF_SPEND).toEqual([
      'Social Care',
      'Community Health',
      'Mental Health',
      'Continuing Care',
      'Primary Care',
      'Acute',
      'Other',
    ]);
  });

  it('keeps the funding streams per year: iBCF from 2017-18, discharge funds in 2023-25, the Better Care Grant from 2025-26', () => {
    expect(names(2016)).not.toContain('iBCF');
    expect(names(2017)).toEqual([
      'Minimum NHS Contribution',
      'iBCF',
      'DFG',
      'Additional LA Contribution',
      'Additional NHS Contribution',
    ]);
    expect(names(2019)).toContain('Winter Pressures Grant');
    expect(names(2020)).not.toContain('Winter Pressures Grant');
    expect(names(2023)).toContain('LA Discharge Funding');
    expect(names(2024)).toContain('ICB Discharge Funding');
    expect(names(2025)).toContain('Local Authority Better Care Grant');
    expect(names(2025)).not.toContain('iBCF');
    expect(names(2025)).not.toContain('ICB Discharge Funding');
  });

  it('gives a fund outside the BCF its own streams', () => {
    expect(names(2017, false)).toEqual(['NHS contribution', 'Council contribution', 'Other contribution']);
  });

  it('says when a partner cannot pay into a stream', () => {
    const [minNhs, ibcf] = fundingStreamsFor(2017, true);
    expect(payerProblem(ibcf!, 'ccg', 'NHS Southampton City CCG')).toBe(
      'iBCF is paid by the council, not NHS Southampton City CCG',
    );
    expect(payerProblem(minNhs!, 'local_authority', 'Southampton City Council')).toBe(
      'Minimum NHS Contribution is paid by the NHS partner, not Southampton City Council',
    );
    expect(payerProblem(minNhs!, 'icb', 'NHS Hampshire and Isle of Wight ICB')).toBeNull();
    expect(payerProblem(ibcf!, 'local_authority', 'Southampton City Council')).toBeNull();
  });
});

describe('a monthly profile', () => {
  const flat = Array.from({ length: 12 }, () => '1');

  it('accepts twelve whole numbers of 0 or more with at least one positive', () => {
    expect(readProfile(['8', '8', '8', '8', '7', '8', '9', '9', '10', '9', '8', '8'])).toEqual({
      weights: [8, 8, 8, 8, 7, 8, 9, 9, 10, 9, 8, 8],
      problems: {},
    });
    expect(readProfile(['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '12']).weights).toHaveLength(
      12,
    );
  });

  it('refuses a negative, fractional or missing weight, naming the month', () => {
    const p = [...flat];
    p[0] = '-1';
    p[4] = '2.5';
    p[11] = '';
    expect(readProfile(p)).toEqual({
      weights: null,
      problems: {
        'profile-1': 'The weight for April must be a whole number, 0 or more',
        'profile-5': 'The weight for August must be a whole number, 0 or more',
        'profile-12': 'Enter a weight for March, 0 or more',
      },
    });
  });

  it('refuses all zeros, and a profile that is not twelve months', () => {
    expect(readProfile(Array.from({ length: 12 }, () => '0')).problems).toEqual({
      profile: 'At least one month’s weight must be more than 0',
    });
    expect(readProfile(flat.slice(1)).problems).toEqual({
      profile: 'Enter a weight for each of the twelve months',
    });
  });

  it('accepts any twelve non-negative whole numbers that are not all zero, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 999_999 }), { minLength: 12, maxLength: 12 }), (ws) => {
        const good = ws.every((w) => w >= 0) && ws.some((w) => w > 0);
        const r = readProfile(ws.map(String));
        expect(r.weights !== null).toBe(good);
        if (good) expect(r.weights).toEqual(ws);
      }),
    );
  });
});

describe('a fund', () => {
  const partners = new Set([1, 2]);
  it('pooled: needs a host who is a partner, and a pooled fund manager', () => {
    expect(
      validateFund(
        { financialYear: 2017, kind: 'pooled', hostOrganisationId: null, pooledFundManager: '' },
        partners,
      ),
    ).toEqual({
      hostOrganisationId: 'Select the host partner of the pooled fund',
      pooledFundManager: 'Enter the pooled fund manager the host has appointed',
    });
    expect(
      validateFund(
        { financialYear: 2017, kind: 'pooled', hostOrganisationId: 3, pooledFundManager: 'M' },
        partners,
      ),
    ).toEqual({ hostOrganisationId: 'The host must be a partner in this partnership' });
    expect(
      validateFund(
        { financialYear: 2017, kind: 'pooled', hostOrganisationId: 2, pooledFundManager: 'M' },
        partners,
      ),
    ).toEqual({});
  });

  it('aligned: has no host', () => {
    expect(
      validateFund(
        { financialYear: 2017, kind: 'aligned', hostOrganisationId: 1, pooledFundManager: '' },
        partners,
      ),
    ).toEqual({ hostOrganisationId: 'An aligned budget has no host: each partner keeps its own money' });
  });
});

describe('an in-year variation', () => {
  const good = {
    amountPence: pence(-2_500_000),
    decisionReference: 'CAB 2017/41',
    effectiveOn: '2017-10-01',
  };

  it('accepts a dated reduction within the year that names its decision', () => {
    expect(validateVariation(good, 2017, pence(120_000_000))).toEqual({});
  });

  it('needs the decision that approved it and a date within the financial year', () => {
    expect(
      validateVariation(
        { ...good, decisionReference: ' ', effectiveOn: '2018-04-01' },
        2017,
        pence(10_000_000),
      ),
    ).toEqual({
      decisionReference: 'Enter the reference of the decision that approved the variation',
      effectiveOn: 'The date must be within 2017-18, from 1 April 2017 to 31 March 2018',
    });
    expect(validateVariation({ ...good, effectiveOn: null }, 2017, pence(10_000_000)).effectiveOn).toBe(
      'Enter the date the variation takes effect',
    );
  });

  it('refuses a change of nothing, and a reduction below what was contributed', () => {
    expect(validateVariation({ ...good, amountPence: pence(0) }, 2017, pence(100)).amount).toBe(
      'Enter the change in the contribution: more or less than 0',
    );
    expect(validateVariation(good, 2017, pence(2_000_000)).amount).toBe(
      'A reduction cannot be more than the contribution so far, £20,000.00',
    );
  });
});

describe('cost centres and import columns', () => {
  it('reads cost centres with and without account codes, and writes them back the same', () => {
    const r = readCostCentres(7, 'SCC-SC01, SCC-SC02:5100\nSCC-SC03');
    expect(r).toEqual({
      problem: null,
      lines: [
        { organisationId: 7, costCentre: 'SCC-SC01', accountCode: '' },
        { organisationId: 7, costCentre: 'SCC-SC02', accountCode: '5100' },
        { organisationId: 7, costCentre: 'SCC-SC03', accountCode: '' },
      ],
    });
    expect(costCentresText(r.lines)).toBe('SCC-SC01, SCC-SC02:5100, SCC-SC03');
  });

  it('refuses a cost centre with stray characters, or listed twice', () => {
    expect(readCostCentres(7, 'SCC SC01').problem).toContain('"SCC SC01" is not a cost centre');
    expect(readCostCentres(7, 'A1, A1').problem).toBe('A1 is listed twice');
  });

  it('needs the four required columns, each heading once', () => {
    const columns = {
      costCentre: 'Cost Centre',
      accountCode: 'Subjective',
      date: 'Posting Date',
      amount: 'Value',
      description: '',
      supplier: 'Supplier Name',
      reference: 'value',
    };
    expect(validateImportColumns(columns)).toEqual({ reference: 'value is already the amount column' });
    expect(validateImportColumns({ ...columns, amount: '', reference: '' })).toEqual({
      amount: 'Enter the heading of the column that holds the amount',
    });
  });
});

describe('a scheme’s commissioner', () => {
  const council = { kind: 'local_authority' as const, name: 'Southampton City Council' };
  const ccg = { kind: 'ccg' as const, name: 'NHS Southampton City CCG' };
  it('matches the commissioning partner: a council for LA, an NHS body for NHS, anyone or no one for Joint', () => {
    expect(commissionerProblem('la', council)).toBeNull();
    expect(commissionerProblem('nhs', ccg)).toBeNull();
    expect(commissionerProblem('joint', null)).toBeNull();
    expect(commissionerProblem('joint', ccg)).toBeNull();
    expect(commissionerProblem('la', ccg)).toBe(
      'NHS Southampton City CCG is not a local authority: choose the council, or NHS or Joint as the commissioner',
    );
    expect(commissionerProblem('nhs', council)).toContain('Southampton City Council is not an NHS body');
  });
});
