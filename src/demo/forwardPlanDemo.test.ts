import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { keyDecisionNoticeFor, listForwardPlanEntries } from '../governance/forwardPlan/index.js';
import { listDelegatedDecisions } from '../governance/decisions/index.js';
import { loadGovernanceDemo } from './governanceDemo.js';
import { loadForwardPlanDemo } from './forwardPlanDemo.js';

describe('the demo forward plan', () => {
  let t: TestDatabase;
  let pid: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    await loadGovernanceDemo(t.db, pid, ccg, council);
    await loadForwardPlanDemo(t.db, pid);
  });
  afterAll(() => t.dispose());

  it('gives notice of each key decision, one under a general exception, one to be taken in private', async () => {
    const entries = await listForwardPlanEntries(t.db, pid, { publishedOnly: true });
    expect(entries.map((e) => e.matter)).toEqual([
      'Better Care Fund and section 75 pooled budget 2018-19',
      'Community nursing and podiatry: contract extension',
      'Home care framework: award of contracts',
      'Rehabilitation, reablement and hospital discharge: one pathway',
      'Mental health recovery and wellbeing services',
      'Sexual health services: procurement strategy',
      'Rehabilitation and reablement pathway: award of contract',
      'Section 75 agreement and pooled budget 2019-20',
    ]);
    expect(entries.filter((e) => e.private).map((e) => e.exempt_paragraph)).toEqual([3, 3]);
    const routes = await Promise.all(
      entries.map(async (e) => {
        const notice = await keyDecisionNoticeFor(
          t.db,
          pid,
          { forwardPlanEntryId: e.id },
          isoDate(e.decision_from),
        );
        return notice.allowed ? notice.route : 'blocked';
      }),
    );
    expect(routes).toEqual([
      'forward-plan',
      'general-exception',
      ...Array.from({ length: 6 }, () => 'forward-plan'),
    ]);
  });

  it('has one published decision taken by the chair under delegation, and an intact audit chain', async () => {
    const delegated = await listDelegatedDecisions(t.db, pid, { publishedOnly: true });
    expect(delegated).toMatchObject([
      {
        delegated_to: 'Cabinet Member for Health and Adult Social Care',
        meeting_id: null,
        published_on: '2018-07-19',
      },
    ]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
