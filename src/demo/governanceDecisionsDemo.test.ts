import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { callInTermsOf, getDecision } from '../governance/decisions/index.js';
import { callInState } from '../governance/decisions/index.js';
import { isoDate } from '../kernel/dates.js';
import { loadGovernanceDemo } from './governanceDemo.js';
import { loadGovernanceDecisionsDemo } from './governanceDecisionsDemo.js';
import { loadForwardPlanDemo } from './forwardPlanDemo.js';

describe('the demo board’s year of decisions', () => {
  let t: TestDatabase;
  let pid: number;
  let ids: number[];
  beforeAll(async () => {
    t = await createTestDatabase();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    const boardId = await loadGovernanceDemo(t.db, pid, ccg, council);
    await loadForwardPlanDemo(t.db, pid); // key decisions need their notices first
    ids = await loadGovernanceDecisionsDemo(t.db, pid, boardId);
  });
  afterAll(() => t.dispose());

  it('records a decision for every item taken for decision, each published the next working day', async () => {
    expect(ids).toHaveLength(13); // two in April and May, one at each other meeting held
    const decisions = await Promise.all(ids.map(async (id) => (await getDecision(t.db, pid, id))!));
    // the first meeting, Thu 12 Apr 2018: published Fri 13 Apr, effective after 16, 17, 18, 19, 20 Apr
    const first = decisions[0]!;
    expect([first.decided_on, first.published_on]).toEqual(['2018-04-12', '2018-04-13']);
    expect(callInState(callInTermsOf(first), first.publishedOn, [], isoDate('2026-01-01'))).toMatchObject({
      kind: 'effective',
      effective: { date: '2018-04-23' },
    });
    // Thu 10 Jan 2019, primary care: the CCG's functions alone, so an NHS decision not subject to call-in
    const january = decisions.find((d) => d.decided_on === '2019-01-10')!;
    expect(callInState(callInTermsOf(january), january.publishedOn, [], isoDate('2026-01-01'))).toEqual({
      kind: 'not-subject',
      reason: 'nhs',
    });
    // Thu 14 Feb 2019: published Fri 15 Feb; 18, 19, 20, 21, 22 Feb are the clear working days; Mon 25 Feb
    const february = decisions.find((d) => d.decided_on === '2019-02-14')!;
    expect(
      callInState(callInTermsOf(february), february.publishedOn, [], isoDate('2026-01-01')),
    ).toMatchObject({
      kind: 'effective',
      effective: { date: '2019-02-25' },
    });
  });
});
