import { describe, expect, it } from 'vitest';
import { releaseProblems } from '../../../test/support/ocdsSchema.js';
import { isoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import {
  ocdsValue,
  ocidPrefix,
  recordPackage,
  releasePackage,
  releasesOf,
  type OcdsProcess,
} from './ocds.js';
import type { JsonObject } from './ocdsMerge.js';

const scope = { prefix: 'ocds-xxxxxx', slug: 'luton' };
const publisher = { name: 'Luton integrated commissioning', uri: 'https://example.org/contracts.json' };
const d = isoDate;

/** A procurement in two lots: one awarded to an alliance and contracted, one still at the tender stage. */
const procured: OcdsProcess = {
  key: 'p1',
  buyerId: 'org-1',
  procuringEntityId: 'partnership-luton',
  parties: [
    { id: 'org-1', name: 'Luton Borough Council', roles: ['buyer', 'funder', 'payer'] },
    { id: 'org-2', name: 'NHS Luton CCG', roles: ['funder', 'payer'] },
    { id: 'partnership-luton', name: 'Luton integrated commissioning', roles: ['procuringEntity'] },
    {
      id: 'GB-COH-01234567',
      name: 'Wellbeing Alliance Ltd',
      roles: ['tenderer', 'supplier'],
      identifier: { scheme: 'GB-COH', id: '01234567', legalName: 'Wellbeing Alliance Ltd' },
      sme: true,
    },
    { id: 'supplier-other-bidder', name: 'Other Bidder', roles: ['tenderer'] },
  ],
  tender: {
    id: 'LUT-2026-01',
    title: 'Health checks and psychological therapies',
    description: 'NHS Health Checks and IAPT',
    status: 'complete',
    method: 'open',
    methodDetails: 'Open procedure (PCR 2015)',
    valuePence: pence(1_200_000_00),
    publishedOn: d('2026-01-05'),
    clarificationDeadlineOn: d('2026-01-26'),
    submissionDeadlineOn: d('2026-02-09'),
    awardDecisionOn: d('2026-03-16'),
    lots: [
      { id: '1', title: 'Health checks', description: '', valuePence: pence(400_000_00) },
      { id: '2', title: 'Psychological therapies', description: 'IAPT', valuePence: pence(800_000_00) },
    ],
    tendererIds: ['GB-COH-01234567', 'supplier-other-bidder'],
  },
  awards: [
    {
      id: 'award-7',
      title: 'Lot 1: Health checks',
      status: 'active',
      date: d('2026-03-16'),
      valuePence: pence(390_000_12),
      supplierIds: ['GB-COH-01234567'],
      lotIds: ['1'],
    },
  ],
  contracts: [
    {
      id: 'contract-3',
      awardId: 'award-7',
      title: 'Health checks',
      description: '',
      status: 'active',
      startsOn: d('2026-04-01'),
      endDate: d('2029-03-31'),
      latestEndDate: d('2030-03-31'),
      valuePence: pence(390_000_12),
      recordedAt: new Date('2026-03-30T10:00:00.000Z'),
    },
  ],
};

/** A contract let by invitation to quote, with no procurement recorded in Concordat. */
const standalone: OcdsProcess = {
  key: 'c9',
  buyerId: 'org-1',
  procuringEntityId: null,
  parties: [
    { id: 'org-1', name: 'Luton Borough Council', roles: ['buyer', 'payer'] },
    { id: 'supplier-carers-support', name: 'Carers Support', roles: ['supplier'] },
  ],
  tender: {
    id: 'LUT-C-9',
    title: 'Carers’ breaks',
    description: '',
    status: 'complete',
    method: 'limited',
    methodDetails: 'Invitation to quote',
    valuePence: null,
    publishedOn: null,
    clarificationDeadlineOn: null,
    submissionDeadlineOn: null,
    awardDecisionOn: null,
    lots: [],
    tendererIds: null,
  },
  awards: [
    {
      id: 'award-c9',
      title: 'Carers’ breaks',
      status: 'active',
      date: null,
      valuePence: pence(45_000_00),
      supplierIds: ['supplier-carers-support'],
      lotIds: [],
    },
  ],
  contracts: [
    {
      id: 'contract-9',
      awardId: 'award-c9',
      title: 'Carers’ breaks',
      description: '',
      status: 'active',
      startsOn: d('2025-10-01'),
      endDate: d('2027-09-30'),
      latestEndDate: d('2027-09-30'),
      valuePence: pence(45_000_00),
      recordedAt: new Date('2025-09-20T09:00:00.000Z'),
    },
  ],
};

const expectValid = (release: unknown) =>
  expect(releaseProblems(release), JSON.stringify(release)).toEqual([]);

describe('OCDS releases', () => {
  it('makes tender, award and contract releases that validate against the OCDS 1.1 release schema', () => {
    const releases = releasesOf(scope, procured);
    expect(releases.map((r) => r.tag)).toEqual([['tender'], ['award'], ['contract']]);
    expect(releases.map((r) => r.id)).toEqual([
      'ocds-xxxxxx-luton-p1-tender',
      'ocds-xxxxxx-luton-p1-award',
      'ocds-xxxxxx-luton-p1-contract-3',
    ]);
    for (const r of releases) expectValid(r);
    for (const r of releasesOf(scope, standalone)) expectValid(r);
  });

  it('writes money as GBP pounds read exactly from the pence', () => {
    expect(ocdsValue(pence(390_000_12))).toEqual({ amount: 390000.12, currency: 'GBP' });
    expect(ocdsValue(pence(1))).toEqual({ amount: 0.01, currency: 'GBP' });
    // 0.1 + 0.2 is not 0.3 in floating point; read from the decimal string it is exact
    expect(JSON.stringify(ocdsValue(pence(30)))).toBe('{"amount":0.3,"currency":"GBP"}');
    const award = releasesOf(scope, procured)[1]?.awards as JsonObject[];
    expect(award[0]?.value).toEqual({ amount: 390000.12, currency: 'GBP' });
  });

  it('gives the tender its method, periods, lots and tenderers, and the contract its extension limit', () => {
    const [tender, , contract] = releasesOf(scope, procured);
    expect(tender?.tender).toMatchObject({
      procurementMethod: 'open',
      tenderPeriod: { startDate: '2026-01-05T00:00:00Z', endDate: '2026-02-09T00:00:00Z' },
      value: { amount: 1200000, currency: 'GBP' },
      numberOfTenderers: 2,
    });
    expect((contract?.contracts as JsonObject[])[0]?.period).toEqual({
      startDate: '2026-04-01T00:00:00Z',
      endDate: '2029-03-31T00:00:00Z',
      maxExtentDate: '2030-03-31T00:00:00Z',
    });
  });

  it('fails validation for a broken release, so that the test above can fail', () => {
    const broken = structuredClone(releasesOf(scope, procured)[1]) as JsonObject;
    broken.initiationType = 'award';
    (broken.awards as JsonObject[])[0]!.value = { amount: '390000.12', currency: 'GBP' };
    delete broken.date;
    expect(releaseProblems(broken)).toEqual([
      "/: must have required property 'date'",
      '/initiationType: must be equal to one of the allowed values',
      '/awards/0/value/amount: must be number,null',
    ]);
  });
});

describe('OCDS packages', () => {
  const at = new Date('2026-11-23T12:00:00.000Z');

  it('packages releases with the package metadata', () => {
    const pkg = releasePackage(scope, [procured, standalone], publisher, at);
    expect(pkg).toMatchObject({
      version: '1.1',
      publishedDate: '2026-11-23T12:00:00.000Z',
      uri: publisher.uri,
    });
    expect((pkg.releases as JsonObject[]).length).toBe(5);
  });

  it('compiles each process into a record whose compiled release validates', () => {
    const pkg = recordPackage(scope, [procured, standalone], publisher, at);
    const records = pkg.records as JsonObject[];
    expect(records.map((r) => r.ocid)).toEqual(['ocds-xxxxxx-luton-p1', 'ocds-xxxxxx-luton-c9']);
    for (const r of records) expectValid(r.compiledRelease);
    const compiled = records[0]?.compiledRelease as JsonObject;
    expect(compiled.tag).toEqual(['compiled']);
    expect(compiled.id).toBe('ocds-xxxxxx-luton-p1-2026-03-30T10:00:00Z');
    expect((compiled.tender as JsonObject).title).toBe('Health checks and psychological therapies');
    expect((compiled.awards as JsonObject[]).map((a) => a.id)).toEqual(['award-7']);
    expect((compiled.contracts as JsonObject[]).map((c) => c.awardID)).toEqual(['award-7']);
  });
});

describe('the ocid prefix', () => {
  it('is the placeholder until one is set, and a malformed one is refused', () => {
    expect(ocidPrefix({})).toBe('ocds-xxxxxx');
    expect(ocidPrefix({ CONCORDAT_OCID_PREFIX: 'ocds-ab12cd' })).toBe('ocds-ab12cd');
    expect(() => ocidPrefix({ CONCORDAT_OCID_PREFIX: 'ab12cd' })).toThrow(/ocds-abc123/);
  });
});
