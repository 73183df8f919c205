/**
 * A decision taken under delegation (SI 2012/2089 reg 13) has no meeting or agenda item, yet once published it is as
 * much a part of the public record as a decision at a meeting: listed, searchable by its subject and text, filtered
 * by its board and its being key, and in the Atom feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { XMLParser } from 'fast-xml-parser';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  startApp,
} from '../../../test/support/fixtures.js';
import { addDecidedItem } from '../../../test/support/publicRecord.js';
import { publishDecision, recordDelegatedDecision } from '../../governance/decisions/index.js';
import { searchPublishedDecisions } from '../../governance/decisions/index.js';
import { isoDate } from '../../kernel/dates.js';

const actor = systemActor('delegated decision list test');

describe('decisions taken under delegation in the public record', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let pid: number;
  let slug: string;
  let boardId: number;
  let otherBoardId: number;
  let delegatedId: number;
  let unpublishedId: number;
  let meetingDecisionId: number;
  const base = () => `/public/partnerships/${slug}`;
  const listed = async (query: string) => {
    const res = await t.agent().get(`${base()}/decisions${query}`);
    expect(res.statusCode).toBe(200);
    const results = /<ul class="govuk-list" id="decision-results">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
    return { ids: [...results.matchAll(/\/decisions\/(\d+)"/g)].map((m) => Number(m[1])), results };
  };

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    const b = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    pid = await makePartnership(t.db, [a, b], 'Delegation test partnership');
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    const board = await makeBoardWithMeeting(t.db, pid, a, b, '2027-06-10');
    boardId = board.boardId;
    otherBoardId = (await makeBoardWithMeeting(t.db, pid, a, b, '2027-07-08')).boardId;
    const record = {
      decision: 'To approve the Quennington winter pressures return',
      decidedOn: isoDate('2027-05-20'),
      reasons: 'The return is due to NHS England by the end of May',
      alternatives: 'Waiting for the June board, rejected as too late',
      interestsDeclared: '',
      dispensations: '',
      callIn: 'subject' as const,
      urgencyAgreedBy: '',
      callInRule: 'call-in',
    };
    const delegation = {
      boardId,
      subject: 'Better Care Fund quarterly return',
      membershipId: board.membershipId,
      delegatedTo: 'Chair A, Board member',
      delegationAuthority: 'Terms of reference, paragraph 4.2',
      keyDecision: false,
      forwardPlanEntryId: null,
    };
    await transaction(t.db, async (trx) => {
      delegatedId = await recordDelegatedDecision(trx, actor, pid, delegation, record);
      await publishDecision(
        trx,
        actor,
        pid,
        delegatedId,
        isoDate('2027-05-21'),
        new Date('2027-05-21T09:00:00Z'),
      );
      unpublishedId = await recordDelegatedDecision(
        trx,
        actor,
        pid,
        { ...delegation, subject: 'Draft delegated decision' },
        { ...record, decision: 'Not yet published Quennington' },
      );
      meetingDecisionId = (
        await addDecidedItem(trx, pid, board.meetingId, {
          item: { title: 'Home care framework' },
          decision: 'To award the home care framework',
          decidedOn: '2027-06-10',
        })
      ).decisionId;
    });
  });
  afterAll(() => t.close());

  it('is listed with its board, subject and who took it, beside the decisions at meetings', async () => {
    const rows = await searchPublishedDecisions(t.db, pid, {});
    expect(rows.map((r) => r.id)).toEqual([meetingDecisionId, delegatedId]);
    expect(rows[1]).toMatchObject({
      board_id: boardId,
      public_title: 'Better Care Fund quarterly return',
      public_decision: 'To approve the Quennington winter pressures return',
      key_decision: false,
      exempt: false,
      meeting_id: null,
    });
    const { ids, results } = await listed('');
    expect(ids).toEqual([meetingDecisionId, delegatedId]);
    expect(results).toContain('Better Care Fund quarterly return');
    expect(results).toContain('taken by Chair A, Board member under delegation');
    expect(results).toContain('To approve the Quennington winter pressures return');
    expect(results).not.toContain(String(unpublishedId) + '"');
  });

  it('is found by a word of its subject, its decision, its reasons and its alternatives', async () => {
    for (const word of ['quarterly', 'Quennington', 'England', 'waiting'])
      expect((await listed(`?q=${word}`)).ids, word).toEqual([delegatedId]);
    expect((await listed('?q=framework')).ids).toEqual([meetingDecisionId]);
  });

  it('is filtered by its own board and its own key decision flag', async () => {
    expect((await listed(`?board=${boardId}`)).ids).toEqual([meetingDecisionId, delegatedId]);
    expect((await listed(`?board=${otherBoardId}`)).ids).toEqual([]);
    expect((await listed('?key=yes')).ids).toEqual([]);
    await t.db.updateTable('decisions').set({ key_decision: true }).where('id', '=', delegatedId).execute();
    expect((await listed('?key=yes')).ids).toEqual([delegatedId]);
  });

  it('is an entry of the Atom feed, linking to its public page', async () => {
    const res = await t.agent().get(`${base()}/decisions.atom`);
    expect(res.statusCode).toBe(200);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(res.body) as {
      feed: { entry: { title: { '#text': string }; link: { '@_href': string } }[] };
    };
    const entry = feed.feed.entry.find((e) =>
      e.title['#text'].startsWith('Better Care Fund quarterly return ('),
    );
    expect(entry?.link['@_href']).toMatch(new RegExp(`/decisions/${delegatedId}$`));
    expect(res.body).toContain('To approve the Quennington winter pressures return');
    expect(res.body).not.toContain('Draft delegated decision');
    const page = await t.agent().get(`${base()}/decisions/${delegatedId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Better Care Fund quarterly return');
  });
});
