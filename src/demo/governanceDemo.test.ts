import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { chairsOfBoard } from '../governance/meetings/index.js';
import { listAgendaItems, listMeetings } from '../governance/meetings/index.js';
import { getBoard } from '../governance/boards/index.js';
import { listMemberships } from '../governance/boards/index.js';
import { loadGovernanceDemo } from './governanceDemo.js';

describe('the demo joint commissioning board', () => {
  let t: TestDatabase;
  let pid: number;
  let ccg: number;
  let council: number;
  let boardId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    boardId = await loadGovernanceDemo(t.db, pid, ccg, council);
  });
  afterAll(() => t.dispose());

  it('has three CCG governing body members and three cabinet members, all voting', async () => {
    const members = await listMemberships(t.db, pid, boardId);
    expect(members.filter((m) => m.organisation_id === ccg && m.voting)).toHaveLength(3);
    expect(members.filter((m) => m.organisation_id === council && m.voting)).toHaveLength(3);
    expect(
      members.filter((m) => m.organisation_id === ccg).every((m) => m.nominated_by === 'CCG chair'),
    ).toBe(true);
  });

  it('meets monthly in public from April 2018, the chair rotating between the council and the CCG', async () => {
    const meetings = await listMeetings(t.db, pid, { boardId });
    expect(meetings).toHaveLength(12);
    expect(meetings[0]?.meets_on).toBe('2018-04-12');
    expect(meetings[11]?.meets_on).toBe('2019-03-14');
    const chairs = await chairsOfBoard(t.db, (await getBoard(t.db, pid, boardId))!);
    expect(meetings.slice(0, 4).map((m) => chairs.get(m.id)?.organisationId)).toEqual([
      council,
      ccg,
      council,
      ccg,
    ]);
  });

  it('publishes each agenda on its deadline day, one with an exempt item under paragraph 3', async () => {
    const meetings = await listMeetings(t.db, pid, { boardId });
    expect(meetings.slice(0, 5).map((m) => [m.status, m.agenda_published_on])).toEqual([
      ['held', '2018-04-04'],
      ['held', '2018-05-01'], // the early May bank holiday (7 May) is not a working day
      ['held', '2018-06-06'],
      ['held', '2018-07-04'],
      ['cancelled', null], // August: summer recess
    ]);
    expect(meetings.filter((m) => m.status === 'held')).toHaveLength(11);
    // December: 5 clear working days before Thu 13 Dec are 6, 7, 10, 11, 12 Dec
    expect(meetings[8]?.agenda_published_on).toBe('2018-12-05');
    const may = await listAgendaItems(t.db, pid, meetings[1]!.id);
    expect(may.filter((i) => i.exempt).map((i) => [i.title, i.exempt_paragraph, i.organisationIds])).toEqual([
      ['Home care framework: award of contracts', 3, [council]],
    ]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
