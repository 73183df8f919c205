/**
 * The public record's decisions list, feeds and open data, end to end over a real database: full-text search and
 * filters, the iCalendar feed parsed by ical.js, the Atom feed checked by an XML parser, and the CSV and JSON
 * downloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { transaction } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  startApp,
} from '../../test/support/fixtures.js';
import { addDecidedItem, addDecidedItems } from '../../test/support/publicRecord.js';
import { createMeeting, setMeetingStatus } from '../governance/meetings/index.js';
import { recordCallInRequest } from '../governance/decisions/index.js';
import { publishAgenda } from '../governance/meetings/index.js';
import { isoDate, todayInLondon } from '../kernel/dates.js';

const actor = systemActor('public record test');
const LONG_TITLE =
  'Café provision in Southampton’s day centres — a review of the £2.4m “Better Lives” programme across every ward of the city';

describe('the public record of decisions, feeds and open data', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let slug: string;
  let board1: Awaited<ReturnType<typeof makeBoardWithMeeting>>;
  let board2: Awaited<ReturnType<typeof makeBoardWithMeeting>>;
  let board3: Awaited<ReturnType<typeof makeBoardWithMeeting>>;
  let cancelledId: number;
  const d: Record<string, number> = {};
  const anonymous = () => t.agent();
  const base = () => `/public/partnerships/${slug}`;

  /** The decision ids listed on a page of the decisions list, in order. */
  const listed = async (query: string) => {
    const res = await anonymous().get(`${base()}/decisions${query}`);
    expect(res.statusCode).toBe(200);
    const results = /<ul class="govuk-list" id="decision-results">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
    return [...results.matchAll(/\/decisions\/(\d+)"/g)].map((m) => Number(m[1]));
  };

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    const b = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const pid = await makePartnership(t.db, [a, b], 'Southampton integrated commissioning');
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    board1 = await makeBoardWithMeeting(t.db, pid, a, b, '2027-06-10'); // BST
    board2 = await makeBoardWithMeeting(t.db, pid, a, b, '2027-01-14'); // GMT
    board3 = await makeBoardWithMeeting(t.db, pid, a, b, '2027-02-11');
    const today = todayInLondon();
    const [homeCare, carers, exemptTitled, exemptWithheld, awaiting, calledIn, longTitle] =
      await addDecidedItems(t.db, pid, board1.meetingId, [
        {
          item: { title: 'Home care framework', keyDecision: true },
          decision: 'To award the home care framework to three providers',
          reasons: 'Best value for the market',
          decidedOn: '2017-07-18',
        },
        {
          item: { title: 'Carers strategy' },
          decision: 'To adopt the carers strategy',
          reasons: 'Consultation responses support it',
          alternatives: 'Do nothing: rejected because unpaid carers would lose support',
          decidedOn: '2013-10-15',
        },
        {
          item: {
            title: 'Residential care contract award',
            keyDecision: true,
            exempt: true,
            exemptParagraph: 3,
            publicInterestReason: 'Commercial confidentiality',
            summary: 'Zorbulax tender prices',
          },
          decision: 'To award the contract to Zorbulax Care at £1.2m',
          reasons: 'Lowest quibbleton price',
          alternatives: 'Brightcare at £1.4m',
          decidedOn: '2017-07-18',
        },
        {
          item: {
            title: 'Grievance of Mr Quarmby',
            exempt: true,
            exemptParagraph: 1,
            publicInterestReason: 'Personal information',
            titlePublished: false,
          },
          decision: 'To uphold the Quarmby grievance',
          decidedOn: '2017-07-18',
        },
        { item: { title: 'Day services review' }, decidedOn: today, publishedOn: today },
        { item: { title: 'Community equipment' }, decidedOn: today, publishedOn: today },
        { item: { title: LONG_TITLE }, decidedOn: '2017-07-18', callIn: 'nhs' },
      ]);
    Object.assign(d, {
      homeCare: homeCare!.decisionId,
      carers: carers!.decisionId,
      exemptTitled: exemptTitled!.decisionId,
      exemptWithheld: exemptWithheld!.decisionId,
      awaiting: awaiting!.decisionId,
      calledIn: calledIn!.decisionId,
      longTitle: longTitle!.decisionId,
    });
    await transaction(t.db, async (trx) => {
      await recordCallInRequest(trx, actor, pid, d.calledIn!, {
        memberName: 'Cllr Scrutiny',
        grounds: 'Not enough consultation',
        requestedOn: today,
      });
      d.nhs = (
        await addDecidedItem(trx, pid, board2.meetingId, {
          item: { title: 'Wheelchair service' },
          decision: 'To recommission the wheelchair service',
          decidedOn: '2027-01-14',
          publishedOn: '2027-01-15',
          callIn: 'nhs',
        })
      ).decisionId;
      d.unpublished = (
        await addDecidedItem(trx, pid, board2.meetingId, {
          item: { title: 'Draft budget' },
          decision: 'To agree the unpublished budget',
          publishedOn: null,
        })
      ).decisionId;
      for (let i = 1; i <= 21; i++)
        await addDecidedItem(trx, pid, board3.meetingId, {
          item: { title: `Routine item ${i}` },
          decidedOn: '2016-02-11',
        });
      cancelledId = await createMeeting(trx, actor, pid, board1.boardId, {
        meetsOn: isoDate('2027-07-08'),
        startsAt: '10:00',
        venue: 'Civic Centre, Committee Room 1',
        onlineLink: '',
      });
      await setMeetingStatus(trx, actor, pid, cancelledId, 'cancelled', 'No business');
    });
    const published = await publishAgenda(t.db, actor, {
      partnershipId: pid,
      meetingId: board1.meetingId,
      publishOn: isoDate('2027-05-20'),
      urgency: null,
    });
    expect(published.ok).toBe(true);
  });
  afterAll(() => t.close());

  describe('the decisions list', () => {
    it('lists published decisions only, newest first', async () => {
      const all = await listed('?board=' + String(board1.boardId));
      expect(all.slice(0, 2).sort()).toEqual([d.awaiting, d.calledIn].sort());
      expect(all.at(-1)).toBe(d.carers);
      expect(await listed('?board=' + String(board2.boardId))).toEqual([d.nhs]);
    });

    it('finds decisions by words of the title, decision, reasons and alternatives, with stemming', async () => {
      expect(await listed('?q=framework')).toEqual([d.homeCare]);
      expect(await listed('?q=awarded+providers')).toEqual([d.homeCare]);
      expect(await listed('?q=consultation')).toEqual([d.carers]);
      expect(await listed('?q=%22unpaid+carers%22')).toEqual([d.carers]);
      expect(await listed('?q=wheelchair')).toEqual([d.nhs]);
    });

    it('understands search-box syntax: phrases, or, and minus', async () => {
      expect((await listed('?q=framework+or+wheelchair')).sort()).toEqual([d.homeCare, d.nhs].sort());
      expect(await listed('?q=carers+-unpaid')).toEqual([]);
      expect(await listed('?q=%22carers+strategy%22')).toEqual([d.carers]);
    });

    it('never matches the text of a decision on an exempt item, only its title where that is published', async () => {
      for (const word of ['Zorbulax', 'quibbleton', 'Brightcare', 'Quarmby', 'grievance'])
        expect(await listed(`?q=${word}`), word).toEqual([]);
      expect(await listed('?q=residential')).toEqual([d.exemptTitled]);
    });

    it('does not find an unpublished decision', async () => {
      expect(await listed('?q=budget')).toEqual([]);
    });

    it('shows of an exempt decision only its paragraph, never its text', async () => {
      const res = await anonymous().get(`${base()}/decisions?key=yes`);
      expect(res.body).toContain('Residential care contract award');
      expect(res.body).toContain('Exempt: paragraph 3 of Schedule 12A');
      expect(res.body).not.toContain('Zorbulax');
    });

    it('filters by key decision, dates and call-in status', async () => {
      expect((await listed('?key=yes')).sort()).toEqual([d.homeCare, d.exemptTitled].sort());
      expect(await listed('?from=2013-01-01&to=2013-12-31')).toEqual([d.carers]);
      expect(await listed('?status=awaiting')).toEqual([d.awaiting]);
      expect(await listed('?status=called-in')).toEqual([d.calledIn]);
      const effective = await listed(`?status=effective&board=${board1.boardId}`);
      expect(effective.sort()).toEqual(
        [d.homeCare, d.carers, d.exemptTitled, d.exemptWithheld, d.longTitle].sort(),
      );
      expect((await listed('?status=awaiting&status=called-in')).sort()).toEqual(
        [d.awaiting, d.calledIn].sort(),
      );
    });

    it('pages twenty at a time, keeping the filters in the page links', async () => {
      const first = await anonymous().get(`${base()}/decisions?board=${board3.boardId}`);
      expect(first.body).toContain('21 decisions match your filters');
      expect(first.body).toContain(`href="${base()}/decisions?board=${board3.boardId}&amp;page=2"`);
      expect(await listed(`?board=${board3.boardId}`)).toHaveLength(20);
      expect(await listed(`?board=${board3.boardId}&page=2`)).toHaveLength(1);
    });

    it('says what is wrong with a filter it cannot read, and still lists', async () => {
      const res = await anonymous().get(`${base()}/decisions?from=2017-02-30&board=999`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain('Enter the “decided from” date as a real date');
      expect(res.body).toContain('Select a board from the list');
      expect(res.body).toContain('value="2017-02-30"');
    });
  });

  describe('the iCalendar feed of a board', () => {
    const eventsOf = async (boardId: number) => {
      const res = await anonymous().get(`${base()}/boards/${boardId}/meetings.ics`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const cal = new ICAL.Component(ICAL.parse(res.body) as unknown[]);
      return { raw: res.body, cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
    };

    it('is a calendar with its name, and an event per meeting linking back to its page', async () => {
      const { cal, events } = await eventsOf(board1.boardId);
      expect(cal.getFirstPropertyValue('version')).toBe('2.0');
      expect(cal.getFirstPropertyValue('prodid')).toBe('-//Concordat//Public meetings//EN');
      expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
      expect(String(cal.getFirstPropertyValue('x-wr-calname'))).toMatch(/^Joint board \d+ meetings$/);
      expect(events.map((e) => e.uid)).toEqual([
        `meeting-${board1.meetingId}.${slug}@concordat`,
        `meeting-${cancelledId}.${slug}@concordat`,
      ]);
      const first = events[0]!.component;
      expect(first.getFirstPropertyValue('url')).toBe(
        `http://localhost:80${base()}/meetings/${board1.meetingId}`,
      );
      expect(first.getFirstPropertyValue('dtstamp')).not.toBeNull();
      expect(events[0]!.location).toBe('Civic Centre');
    });

    it('gives the times in UTC: 14:00 in June is 13:00Z (BST), 14:00 in January is 14:00Z (GMT)', async () => {
      const june = (await eventsOf(board1.boardId)).events[0]!;
      expect(june.startDate.toJSDate().toISOString()).toBe('2027-06-10T13:00:00.000Z');
      expect(june.endDate.toJSDate().toISOString()).toBe('2027-06-10T15:00:00.000Z');
      const january = (await eventsOf(board2.boardId)).events[0]!;
      expect(january.startDate.toJSDate().toISOString()).toBe('2027-01-14T14:00:00.000Z');
    });

    it('marks a cancelled meeting cancelled', async () => {
      const { events } = await eventsOf(board1.boardId);
      expect(events[1]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(events[1]!.description).toContain('Cancelled: No business');
    });

    it('lists the published agenda without exempt text, folding long lines of multibyte text', async () => {
      const { raw, events } = await eventsOf(board1.boardId);
      for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(raw).not.toContain(LONG_TITLE); // too long for one line: folded
      const description = events[0]!.description;
      expect(description).toContain(`. ${LONG_TITLE}`);
      expect(description).toContain('Home care framework');
      expect(description).toContain('Residential care contract award (Exempt: paragraph 3 of Schedule 12A');
      expect(description).toContain('Exempt item (Exempt: paragraph 1');
      expect(description).not.toContain('Quarmby');
      expect(raw.replace(/\r\n /g, '')).not.toContain('Zorbulax');
      // the meeting not yet with an agenda says so
      expect((await eventsOf(board2.boardId)).events[0]!.description).toContain(
        'The agenda is not yet published.',
      );
    });

    it('is offered on the board page, to subscribe to and in the head', async () => {
      const res = await anonymous().get(`${base()}/boards/${board1.boardId}`);
      const ics = `${base()}/boards/${board1.boardId}/meetings.ics`;
      expect(res.body).toContain(`<link rel="alternate" type="text/calendar"`);
      expect(res.body).toContain(`href="${ics}"`);
      expect(res.body).toContain(`href="webcal://localhost:80${ics}"`);
      expect(res.body).toContain(`<link rel="alternate" type="application/atom+xml"`);
    });
  });

  describe('the Atom feed of decisions', () => {
    it('is well-formed Atom with an entry per published decision', async () => {
      const res = await anonymous().get(`${base()}/decisions.atom`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(SyntaxValidator.validate(res.body)).toBe(true);
      type Entry = {
        id: string;
        title: string;
        updated: string;
        link: { '@_href': string };
        summary: string;
      };
      const { feed } = new XMLParser({ ignoreAttributes: false, textNodeName: '_' }).parse(res.body) as {
        feed: {
          id: string;
          title: { _: string };
          updated: string;
          link: { '@_rel': string; '@_href': string }[];
          entry: (Omit<Entry, 'title' | 'summary'> & { title: { _: string }; summary: { _: string } })[];
        };
      };
      expect(feed.id).toMatch(/^tag:localhost,\d{4}-\d{2}-\d{2}:partnership\/\d+\/decisions$/);
      expect(feed.title._).toBe('Decisions of Southampton integrated commissioning');
      expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(feed.link.find((l) => l['@_rel'] === 'self')?.['@_href']).toBe(
        `http://localhost:80${base()}/decisions.atom`,
      );
      // 7 on the first board, 1 on the second (the unpublished one left out), 21 on the third
      expect(feed.entry).toHaveLength(29);
      const ids = new Set(feed.entry.map((e) => e.id));
      expect(ids.size).toBe(29);
      const exempt = feed.entry.find((e) => e.link['@_href'].endsWith(`/decisions/${d.exemptWithheld}`))!;
      expect(exempt.title._).toMatch(/^Exempt item \(/);
      expect(exempt.summary._).toContain('Exempt: paragraph 1 of Schedule 12A');
      expect(res.body).not.toContain('Quarmby');
      const homeCare = feed.entry.find((e) => e.link['@_href'].endsWith(`/decisions/${d.homeCare}`))!;
      expect(homeCare.summary._).toBe('To award the home care framework to three providers');
      expect(homeCare.updated).toBe('2017-07-18T12:00:00Z');
    });

    it('is linked from the head of the decisions list and the partnership page', async () => {
      for (const page of [`${base()}/decisions`, base()]) {
        const res = await anonymous().get(page);
        expect(res.body).toContain(
          `<link rel="alternate" type="application/atom+xml" title="Decisions of Southampton integrated commissioning (Atom feed)" href="${base()}/decisions.atom">`,
        );
      }
    });
  });

  describe('open data', () => {
    it('lists the downloads with their licence and the fields of each', async () => {
      const res = await anonymous().get(`${base()}/open-data`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Open Government Licence v3.0');
      for (const file of [
        'organizations.csv',
        'memberships.json',
        'events.csv',
        'agenda_items.csv',
        'popolo.json',
      ])
        expect(res.body).toContain(`${base()}/open-data/${file}`);
      expect(res.body).toContain('<code>on_behalf_of_id</code>');
    });

    it('exports organisations, people and memberships as CSV', async () => {
      const orgs = await anonymous().get(`${base()}/open-data/organizations.csv`);
      expect(orgs.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = orgs.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('id,name,classification,identifier,founding_basis,url');
      expect(lines.some((l) => l.startsWith(`board/${board1.boardId},Joint board`))).toBe(true);
      expect(
        lines.some((l) => /^organization\/\d+,Southampton City Council,Other organisation,/.test(l)),
      ).toBe(true);
      const people = (await anonymous().get(`${base()}/open-data/persons.csv`)).body.trimEnd().split('\r\n');
      // four people sit on each of the three boards: one person each, not one per seat
      expect(people.slice(1)).toEqual([
        'person/chair-a,Chair A',
        'person/chair-b,Chair B',
        'person/member-a,Member A',
        'person/member-b,Member B',
      ]);
    });

    it('exports memberships, meetings and agenda items as JSON after Popolo', async () => {
      const m = JSON.parse((await anonymous().get(`${base()}/open-data/memberships.json`)).body) as {
        meta: { licence: { name: string } };
        memberships: Record<string, unknown>[];
      };
      expect(m.meta.licence.name).toBe('Open Government Licence v3.0');
      expect(m.memberships).toContainEqual(
        expect.objectContaining({
          person_id: 'person/chair-a',
          organization_id: `board/${board1.boardId}`,
          role: 'Chair',
          post: 'Board member',
          voting: true,
          start_date: '2017-04-01',
          end_date: null,
        }),
      );
      const popolo = JSON.parse((await anonymous().get(`${base()}/open-data/popolo.json`)).body) as Record<
        string,
        Record<string, unknown>[]
      >;
      expect(Object.keys(popolo)).toEqual([
        'meta',
        'organizations',
        'persons',
        'memberships',
        'events',
        'agenda_items',
        'vote_events',
        'vote_counts',
        'votes',
      ]);
      expect(popolo.events).toContainEqual(
        expect.objectContaining({ id: `event/${board1.meetingId}`, start_date: '2027-06-10T14:00:00+01:00' }),
      );
      expect(popolo.events).toContainEqual(
        expect.objectContaining({ id: `event/${board2.meetingId}`, start_date: '2027-01-14T14:00:00+00:00' }),
      );
      // only the published agenda, and of exempt items nothing but the title where allowed
      const items = popolo.agenda_items!;
      expect(items.every((i) => i.event_id === `event/${board1.meetingId}`)).toBe(true);
      expect(items).toContainEqual(
        expect.objectContaining({
          title: 'Residential care contract award',
          exempt_paragraph: 3,
          summary: null,
        }),
      );
      expect(JSON.stringify(popolo)).not.toContain('Zorbulax');
      expect(JSON.stringify(popolo)).not.toContain('Quarmby');
    });

    it('refuses a file it does not offer', async () => {
      expect((await anonymous().get(`${base()}/open-data/users.csv`)).statusCode).toBe(404);
      expect((await anonymous().get(`${base()}/open-data/..%2Fsecrets.json`)).statusCode).toBe(404);
    });
  });
});
