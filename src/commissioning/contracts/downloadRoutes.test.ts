import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makePartnership, makeUser, startApp } from '../../../test/support/fixtures.js';
import { releaseProblems } from '../../../test/support/ocdsSchema.js';
import type { Agent } from '../../../test/support/agent.js';
import { transaction } from '../../db/connection.js';
import { makeProcurement } from '../../../test/support/procurements.js';
import { systemActor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import { createContract, setYearValue, type ContractInput } from './store.js';
import type { JsonObject } from './ocdsMerge.js';

type App = Awaited<ReturnType<typeof startApp>>;
const actor = systemActor('test');

const contractInput = (
  o: Partial<ContractInput> & { reference: string; buyerOrganisationId: number },
): ContractInput => ({
  title: `Contract ${o.reference}`,
  description: '',
  department: 'Public Health',
  provider: {
    name: 'Healthy Minds CIC',
    companiesHouseNumber: '11223344',
    charityNumber: null,
    sme: true,
    vcse: true,
  },
  serviceKeys: [],
  schemeId: null,
  startsOn: isoDate('2026-04-01'),
  endsOn: isoDate('2029-03-31'),
  reviewOn: null,
  irrecoverableVatPence: pence(0),
  procurementRoute: 'published_tender',
  awardId: null,
  decisionId: null,
  extensionMonths: [12],
  ...o,
});

describe('contracts downloads', () => {
  let t: App;
  let officer: Agent;
  let slug: string;
  let pid: number;

  beforeAll(async () => {
    t = await startApp();
    const council = await makeOrganisation(t.db, {
      name: 'Test Borough Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(t.db, { name: 'NHS Test CCG', kind: 'ccg' });
    pid = await makePartnership(t.db, [council, ccg]);
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    const { awardId } = await makeProcurement(t.db, pid, [council, ccg]);
    await transaction(t.db, async (trx) => {
      const procured = await createContract(
        trx,
        actor,
        pid,
        contractInput({
          reference: 'TC-001',
          buyerOrganisationId: council,
          awardId,
          provider: {
            name: 'Healthy Minds CIC',
            companiesHouseNumber: null,
            charityNumber: null,
            sme: true,
            vcse: true,
          },
        }),
      );
      await setYearValue(trx, actor, pid, procured, 2026, [
        {
          financialYear: 2026,
          organisationId: council,
          arrangement: 'pooled',
          amountPence: pence(100_000_00),
        },
        { financialYear: 2026, organisationId: ccg, arrangement: 'pooled', amountPence: pence(60_000_00) },
      ]);
      const small = await createContract(
        trx,
        actor,
        pid,
        contractInput({
          reference: 'TC-002',
          buyerOrganisationId: council,
          procurementRoute: 'invitation_to_quote',
        }),
      );
      await setYearValue(trx, actor, pid, small, 2026, [
        {
          financialYear: 2026,
          organisationId: council,
          arrangement: 'aligned',
          amountPence: pence(5_000_00),
        },
      ]);
      const direct = await createContract(
        trx,
        actor,
        pid,
        contractInput({
          reference: 'TC-003',
          buyerOrganisationId: ccg,
          procurementRoute: 'direct_award',
          provider: {
            name: 'Carers Support',
            companiesHouseNumber: null,
            charityNumber: '1012345',
            sme: false,
            vcse: true,
          },
        }),
      );
      await setYearValue(trx, actor, pid, direct, 2026, [
        {
          financialYear: 2026,
          organisationId: ccg,
          arrangement: 'lead_commissioned',
          amountPence: pence(5_000_01),
        },
      ]);
    });
    await makeUser(t.db, 'finance@test.example', [[pid, 'finance_officer']]);
    officer = await t.signedIn('finance@test.example');
  });
  afterAll(() => t.close());

  it('publishes the Transparency Code CSV to anyone: contracts over £5,000 only, in the Code’s columns', async () => {
    const openData = await t.agent().get(`/public/partnerships/${slug}/open-data`);
    expect(openData.body).toContain(`href="/public/partnerships/${slug}/contracts.csv"`);
    const res = await t.agent().get(`/public/partnerships/${slug}/contracts.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = res.body.trim().split(/\r?\n/);
    expect(rows[0]).toBe(
      'Reference,Title,Department,Description,Supplier name,Supplier registration number,' +
        'Value over the life of the contract (£),Irrecoverable VAT (£),Start date,End date,Review date,' +
        'Invitation to quote or published tender,SME,VCSE',
    );
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['TC-001', 'TC-003']);
    expect(rows[2]).toBe(
      'TC-003,Contract TC-003,Public Health,,Carers Support,Charity 1012345,5000.01,0.00,2026-04-01,2029-03-31,,Neither (direct award),No,Yes',
    );
  });

  for (const file of ['releases', 'records'] as const) {
    it(`publishes an OCDS ${file} package whose releases validate and that says nothing of bids that did not win`, async () => {
      const res = await t.agent().get(`/public/partnerships/${slug}/contracts/ocds-${file}.json`);
      expect(res.statusCode).toBe(200);
      const pkg = JSON.parse(res.body) as JsonObject;
      expect(pkg.version).toBe('1.1');
      const releases =
        file === 'releases'
          ? (pkg.releases as JsonObject[])
          : (pkg.records as JsonObject[]).flatMap((r) => [
              ...(r.releases as JsonObject[]),
              r.compiledRelease as JsonObject,
            ]);
      expect(releases.length).toBeGreaterThan(0);
      for (const r of releases) expect(releaseProblems(r), JSON.stringify(r.id)).toEqual([]);
      expect(res.body).not.toContain('Unsuccessful Bidder');
      expect(res.body).not.toContain('Pending Winner');
      expect(res.body).not.toContain('tenderers');
      expect(res.body).toContain('Town GP Federation');
      expect(res.body).toContain(`"ocid": "ocds-xxxxxx-${slug}-p`);
    });
  }

  it('gives officers the tenderers and the award still in standstill, still valid OCDS', async () => {
    const res = await officer.get(`/partnerships/${pid}/contracts/ocds-records.json`);
    expect(res.statusCode).toBe(200);
    const pkg = JSON.parse(res.body) as JsonObject;
    const records = pkg.records as JsonObject[];
    for (const r of records) expect(releaseProblems(r.compiledRelease)).toEqual([]);
    const procurement = records.find((r) => typeof r.ocid === 'string' && /-p\d+$/.test(r.ocid));
    const compiled = procurement?.compiledRelease as JsonObject;
    const tender = compiled.tender as JsonObject;
    expect((tender.tenderers as JsonObject[]).map((x) => x.name)).toEqual([
      'Town GP Federation',
      'Healthy Minds CIC',
      'Unsuccessful Bidder Ltd',
      'Pending Winner CIC',
    ]);
    expect((compiled.awards as JsonObject[]).map((a) => a.status)).toEqual(['active', 'pending']);
    // the contract's provider is the alliance member with the same name: one party, both roles
    const parties = (compiled.parties as JsonObject[]).filter((p) => p.name === 'Healthy Minds CIC');
    expect(parties.map((p) => p.roles)).toEqual([['tenderer', 'supplier']]);
  });
});
