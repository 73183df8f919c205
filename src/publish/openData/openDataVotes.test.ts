/**
 * The recorded votes of a held meeting as open data: a vote event per motion with its result and counts, the result
 * among each partner's members, and each member's vote; nothing of an exempt item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import {
  makeBoardWithPastMeetings,
  makeOrganisation,
  makePartnership,
  startApp,
} from '../../../test/support/fixtures.js';
import { recordAttendance, recordMotion } from '../../governance/conduct/index.js';
import { getMeeting } from '../../governance/meetings/index.js';
import { listMemberships } from '../../governance/boards/index.js';

const actor = systemActor('open data votes test');

describe('votes in the open data', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let slug: string;
  let made: Awaited<ReturnType<typeof makeBoardWithPastMeetings>>;
  let council: number;
  let ccg: number;
  let ids: Record<string, number>;
  let jointMotionId: number;
  let exemptMotionId: number;
  const get = async (file: string) => {
    const res = await t.agent().get(`/public/partnerships/${slug}/open-data/${file}`);
    expect(res.statusCode).toBe(200);
    return res;
  };
  const json = async <T>(file: string) => JSON.parse((await get(file)).body) as T;

  beforeAll(async () => {
    t = await startApp();
    council = await makeOrganisation(t.db, { name: 'Votes City Council' });
    ccg = await makeOrganisation(t.db, { name: 'NHS Votes CCG' });
    const pid = await makePartnership(t.db, [council, ccg], 'Votes partnership');
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    made = await makeBoardWithPastMeetings(t.db, pid, council, ccg);
    ids = Object.fromEntries(
      (await listMemberships(t.db, pid, made.boardId)).map((m) => [m.person_name, m.id]),
    );
    const meeting = (await getMeeting(t.db, pid, made.meetingId))!;
    await transaction(t.db, async (trx) => {
      await recordAttendance(trx, actor, pid, meeting, [
        { membershipId: ids['Chair A']!, presence: 'present', substituteName: '' },
        { membershipId: ids['Member A']!, presence: 'substitute', substituteName: 'Deputy A' },
        { membershipId: ids['Chair B']!, presence: 'present', substituteName: '' },
        { membershipId: ids['Member B']!, presence: 'present', substituteName: '' },
      ]);
      jointMotionId = await recordMotion(
        trx,
        actor,
        pid,
        { meetingId: made.meetingId, agendaItemId: made.jointItemId },
        {
          motion: 'That the board adopts the joint carers strategy',
          moverId: ids['Chair A']!,
          seconderId: ids['Chair B']!,
          votes: new Map([
            [ids['Chair A']!, 'for'],
            [ids['Member A']!, 'for'],
            [ids['Chair B']!, 'for'],
            [ids['Member B']!, 'abstain'],
          ]),
        },
      );
      exemptMotionId = await recordMotion(
        trx,
        actor,
        pid,
        { meetingId: made.meetingId, agendaItemId: made.exemptItemId },
        {
          motion: 'That the Vexmoor Lodge fee rise be agreed',
          moverId: ids['Chair A']!,
          seconderId: ids['Member A']!,
          votes: new Map([
            [ids['Chair A']!, 'for'],
            [ids['Member A']!, 'against'],
          ]),
        },
      );
    });
  });
  afterAll(() => t.close());

  it('has a vote event for each motion on an open item, with its result and counts', async () => {
    const { vote_events } = await json<{ vote_events: Record<string, unknown>[] }>('vote_events.json');
    expect(vote_events).toEqual([
      {
        id: `vote-event/${jointMotionId}`,
        event_id: `event/${made.meetingId}`,
        agenda_item_id: `agenda-item/${made.jointItemId}`,
        organization_id: `board/${made.boardId}`,
        start_date: '2026-09-10T14:00:00+01:00',
        motion_text: 'That the board adopts the joint carers strategy',
        mover: 'Chair A',
        seconder: 'Chair B',
        result: 'pass',
        result_text: 'Carried by NHS Votes CCG 1–0 and Votes City Council 2–0',
        yes_count: 3,
        no_count: 0,
        abstain_count: 1,
        url: expect.stringMatching(new RegExp(`/meetings/${made.meetingId}/record$`)) as unknown,
      },
    ]);
  });

  it('gives the result among each partner’s members as CSV', async () => {
    const res = await get('vote_counts.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // partners in order of name, as on the public record
    expect(res.body.trimEnd().split('\r\n')).toEqual([
      'vote_event_id,group_id,group_name,result,yes_count,no_count,abstain_count',
      `vote-event/${jointMotionId},organization/${ccg},NHS Votes CCG,pass,1,0,1`,
      `vote-event/${jointMotionId},organization/${council},Votes City Council,pass,2,0,0`,
    ]);
  });

  it('gives each member’s vote, a substitute named with the seat they sat in', async () => {
    const { votes } = await json<{ votes: Record<string, unknown>[] }>('votes.json');
    const event = `vote-event/${jointMotionId}`;
    expect(votes).toEqual([
      expect.objectContaining({
        vote_event_id: event,
        voter_id: 'person/chair-a',
        option: 'yes',
        substitute: false,
      }),
      expect.objectContaining({
        vote_event_id: event,
        voter_id: 'person/deputy-a',
        voter_name: 'Deputy A (substitute for Member A)',
        membership_id: `membership/${ids['Member A']}`,
        substitute: true,
        on_behalf_of: 'Votes City Council',
        option: 'yes',
      }),
      expect.objectContaining({ vote_event_id: event, voter_id: 'person/chair-b', option: 'yes' }),
      expect.objectContaining({ vote_event_id: event, voter_id: 'person/member-b', option: 'abstain' }),
    ]);
  });

  it('puts nothing of the exempt item’s motion in any file, and describes the fields on the open data page', async () => {
    for (const file of ['popolo.json', 'vote_events.csv', 'vote_counts.json', 'votes.csv']) {
      const body = (await get(file)).body;
      expect(body, file).not.toContain('Vexmoor');
      expect(body, file).not.toContain(`vote-event/${exemptMotionId}`);
      if (file !== 'popolo.json') expect(body, file).not.toContain(`agenda-item/${made.exemptItemId}`);
    }
    const popolo = await json<Record<string, unknown[]>>('popolo.json');
    expect(popolo.vote_events).toHaveLength(1);
    expect(popolo.votes).toHaveLength(4);
    const page = await t.agent().get(`/public/partnerships/${slug}/open-data`);
    for (const text of [
      'vote_events.csv',
      'votes.json',
      'vote_counts.csv',
      '<code>option</code>',
      'yes, no or abstain',
    ])
      expect(page.body).toContain(text);
  });
});
