import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/index.js';
import { makeOrganisation, makePartnership, startApp } from '../../test/support/fixtures.js';
import { partnersOf } from '../partnerships/index.js';
import { getMinutes } from '../governance/conduct/index.js';
import { boardAttendance, meetingConduct } from '../governance/conduct/index.js';
import { listMeetings } from '../governance/meetings/index.js';
import { getBoard } from '../governance/boards/index.js';
import { loadGovernanceDemo } from './governanceDemo.js';
import { loadGovernanceDecisionsDemo } from './governanceDecisionsDemo.js';
import { loadForwardPlanDemo } from './forwardPlanDemo.js';
import { loadGovernanceConductDemo } from './governanceConductDemo.js';

describe('the conduct of the demo board’s meetings', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let slug: string;
  let pid: number;
  let boardId: number;
  beforeAll(async () => {
    t = await startApp();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    boardId = await loadGovernanceDemo(t.db, pid, ccg, council);
    await loadForwardPlanDemo(t.db, pid); // key decisions need their notices first
    await loadGovernanceDecisionsDemo(t.db, pid, boardId);
    await loadGovernanceConductDemo(t.db, pid);
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
  });
  afterAll(() => t.close());

  const load = async () => {
    const board = (await getBoard(t.db, pid, boardId))!;
    const partners = await partnersOf(t.db, pid);
    const meetings = await listMeetings(t.db, pid, { boardId });
    return { board, partners, meetings };
  };

  it('records the three meetings with published agendas as held, with apologies once and a substitute once', async () => {
    const { board, partners, meetings } = await load();
    expect(meetings.map((m) => m.status).filter((x) => x === 'held')).toHaveLength(11);
    for (const m of meetings.filter((x) => x.status === 'held'))
      expect((await meetingConduct(t.db, board, m, partners)).recorded).toBe(true);
    const first = await meetingConduct(t.db, board, meetings[0]!, partners);
    const second = await meetingConduct(t.db, board, meetings[1]!, partners);
    expect(first.attendance.filter((a) => a.presence === 'apologies').map((a) => a.name)).toEqual([
      'Cabinet Member for Finance',
    ]);
    expect(second.attendance.filter((a) => a.presence === 'substitute').map((a) => a.sitter)).toEqual([
      'Cabinet Member for Communities (substitute for Cabinet Member for Health and Adult Social Care)',
    ]);
  });

  it('keeps the pooled budget item quorate when the lay member leaves the room, and carries it partner by partner', async () => {
    const { board, partners, meetings } = await load();
    const first = await meetingConduct(t.db, board, meetings[0]!, partners);
    const pool = first.items.find((i) => i.item.title.startsWith('Better Care Fund'))!;
    expect(pool.declarations.map((d) => [d.who, d.action])).toEqual([
      ['CCG governing body lay member', 'left-room'],
    ]);
    expect(pool.outcome.room.map((s) => s.name)).not.toContain('CCG governing body lay member');
    expect(pool.outcome.quorum.quorate).toBe(true);
    expect(pool.outcome.reason).toBe(
      'Carried by NHS Southampton City CCG 2–0 and Southampton City Council 1–0',
    );
    const second = await meetingConduct(t.db, board, meetings[1]!, partners);
    const nursing = second.items.find((i) => i.item.title.startsWith('Community nursing'))!;
    expect(nursing.outcome.reason).toBe('Carried by NHS Southampton City CCG 2–1');
  });

  it('approves the minutes of each meeting at the next, leaving the last in draft', async () => {
    const { meetings } = await load();
    const held = meetings.filter((m) => m.status === 'held');
    const minutes = await Promise.all(held.map((m) => getMinutes(t.db, pid, m.id)));
    expect(
      minutes.slice(0, 2).map((m) => [m?.approved_at_meeting_id ?? null, m?.approvedOn ?? null]),
    ).toEqual([
      [held[1]!.id, '2018-05-10'],
      [held[2]!.id, '2018-06-14'],
    ]);
    // the July minutes are approved in September: the August meeting was cancelled
    const july = held.findIndex((m) => m.meets_on.startsWith('2018-07'));
    expect(minutes[july]?.approvedOn?.startsWith('2018-09')).toBe(true);
    expect(minutes.map((m) => m?.approved_at_meeting_id === null)).toEqual(
      Array.from({ length: 11 }, (_, i) => i === 10),
    );
    expect([...minutes[0]!.texts.values()].join('\n')).toContain(
      'CCG governing body lay member declared an interest: Non-executive director of a community health provider',
    );
    expect([...minutes[0]!.texts.values()].join('\n')).toContain('RESOLVED: ');
  });

  it('counts attendance over 2018-19 from the eleven held meetings', async () => {
    const stats = await boardAttendance(t.db, pid, boardId, '2018-19');
    const finance = stats.rows.find((r) => r.name === 'Cabinet Member for Finance');
    const health = stats.rows.find((r) => r.name === 'Cabinet Member for Health and Adult Social Care');
    expect([finance?.expected, finance?.attended, finance?.apologies, finance?.percentage]).toEqual([
      11, 10, 1, 91,
    ]);
    expect([health?.attended, health?.substitute, health?.percentage]).toEqual([10, 1, 91]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('shows the public the May meeting’s record with the exempt home care item reduced to its notice', async () => {
    const { meetings } = await load();
    const may = meetings[1]!;
    const record = await t.agent().get(`/public/partnerships/${slug}/meetings/${may.id}/record`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain(
      'Cabinet Member for Communities (substitute for Cabinet Member for Health and Adult Social Care)',
    );
    expect(record.body).toContain(
      'That the contract for adult community nursing and podiatry be extended by one year.',
    );
    expect(record.body).toContain('Home care framework: award of contracts');
    expect(record.body).toContain('Exempt: paragraph 3 of Schedule 12A');
    expect(record.body).not.toContain('home care framework contracts be awarded');
    expect(record.body).not.toContain('prices and quality scores');
    expect(record.body).toContain('Approved as a correct record at the meeting on');
    const last = meetings.filter((m) => m.status === 'held').at(-1)!;
    const march = await t.agent().get(`/public/partnerships/${slug}/meetings/${last.id}/record`);
    expect(march.body).toContain('The minutes are published once the board has approved them');
    const stats = await t.agent().get(`/public/partnerships/${slug}/boards/${boardId}/attendance`);
    expect(stats.body).toContain('Attendance, 2018-19');
  });
});
