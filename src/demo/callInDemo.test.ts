import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { loadCallIn, partnerConstitutions } from '../governance/callIn/index.js';
import { getDecision } from '../governance/decisions/index.js';
import { loadGovernanceDemo } from './governanceDemo.js';
import { loadCallInDemo } from './callInDemo.js';

describe('the demo call-in', () => {
  let t: TestDatabase;
  let pid: number;
  let ccg: number;
  let council: number;
  let decisionId: number | null;
  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, {
      name: 'NHS Southampton City CCG',
      kind: 'ccg',
      odsCode: 'D9Y0V',
      laTier: null,
      gssCode: null,
    });
    council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    await loadGovernanceDemo(t.db, pid, ccg, council);
    decisionId = await loadCallInDemo(t.db, pid, ccg, council);
  });
  afterAll(() => t.dispose());

  it('sets the council subject to call-in with a £500,000 threshold, and the CCG not subject', async () => {
    const settings = await partnerConstitutions(t.db, pid);
    expect(settings.find((s) => s.organisation.id === council)?.constitution).toMatchObject({
      keyDecisionThresholdPence: 500_000_00,
      subjectToCallIn: true,
      membersRequired: 2,
    });
    expect(settings.find((s) => s.organisation.id === ccg)?.constitution.subjectToCallIn).toBe(false);
  });

  it('calls in the terms of reference decision, refers it back, and it takes effect when reconsidered', async () => {
    const decision = (await getDecision(t.db, pid, decisionId!))!;
    const { status, validity, requests } = await loadCallIn(t.db, decision, isoDate('2026-11-23'), []);
    expect(requests.every((r) => r.eligible)).toBe(true);
    expect(validity.valid).toBe(true);
    expect(status.progress?.originalEffective.date).toBe('2018-04-23');
    expect(status.progress?.effective?.date).toBe('2018-05-10');
    expect(status.text).toBe(
      'Called in by Sam Scrutiny on 17 April 2018; found valid on 19 April 2018; scrutiny meeting on 26 April 2018; ' +
        'scrutiny on 26 April 2018 referred it back to the decision maker; reconsidered on 10 May 2018 and amended; ' +
        'effective from 10 May 2018',
    );
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
