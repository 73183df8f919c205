import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { getMeeting, listMeetings } from '../governance/meetings/index.js';
import { conflictsAtMeeting } from '../governance/conduct/index.js';
import { publicInterests } from '../governance/interests/index.js';
import { listInterests } from '../governance/interests/index.js';
import { isoDate } from '../kernel/dates.js';
import { loadGovernanceDemo } from './governanceDemo.js';
import { loadInterestsDemo } from './interestsDemo.js';

describe('the demo registers of interests', () => {
  let t: TestDatabase;
  let pid: number;
  let boardId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG', kind: 'ccg' });
    const council = await makeOrganisation(t.db, {
      name: 'Southampton City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    boardId = await loadGovernanceDemo(t.db, pid, ccg, council);
    await loadInterestsDemo(t.db, pid);
  });
  afterAll(() => t.dispose());

  it('puts councillors under the Localism Act and the CCG’s nominees under the NHS guidance', async () => {
    const entries = await listInterests(t.db, pid, boardId);
    expect(entries.filter((e) => e.regime === 'localism')).toHaveLength(4);
    expect(entries.filter((e) => e.regime === 'nhs')).toHaveLength(3);
  });

  it('publishes six entries, one of them only as withheld, and keeps the draft back', async () => {
    const shown = publicInterests(await listInterests(t.db, pid, boardId), isoDate('2018-07-01'));
    expect(shown).toHaveLength(6);
    expect(shown.filter((s) => s.kind === 'withheld')).toHaveLength(1);
    expect(JSON.stringify(shown)).not.toContain('Spouse employed');
  });

  it('flags the CCG lay member on the rehabilitation item of the third meeting', async () => {
    const third = (await listMeetings(t.db, pid, { boardId }))[2]!;
    const { conflicts } = await conflictsAtMeeting(t.db, pid, (await getMeeting(t.db, pid, third.id))!);
    expect(conflicts.map((c) => [c.itemNumber, c.memberName, c.provider])).toEqual([
      [4, 'CCG governing body lay member', 'Solent NHS Trust'],
    ]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
