/**
 * The feeds of the public record: an iCalendar feed of each board's meetings (RFC 5545), to subscribe to in a
 * calendar, and an Atom feed of each partnership's published decisions (RFC 4287). Both carry only what the public
 * pages show: an exempt item's title only where the officer allowed it, and none of its text (Schedule 12A).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { formatLongDate } from '../../kernel/dates.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { idParam, siteBase } from '../../http/request.js';
import { listAgendaItems, listMeetings } from '../../governance/meetings/index.js';
import { searchPublishedDecisions } from '../../governance/decisions/index.js';
import { getBoard } from '../../governance/boards/index.js';
import { publicAgendaItem } from '../../governance/boards/index.js';
import { londonWallTimeToUtc, writeCalendar, type CalendarEvent } from './ical.js';
import { tagUri, writeAtom } from './atom.js';
import { decisionsFeedPath, decisionsPath } from './feedLinks.js';

/** The meeting record has a start time but no end: calendars are given this length. */
export const ASSUMED_MEETING_HOURS = 2;
/** The newest decisions an Atom feed carries. */
export const FEED_ENTRIES = 100;

const notFound = (reply: FastifyReply) =>
  reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });

/** The tag URI authority: the site's host name (a DNS name, as RFC 4151 asks; an IP address falls back). */
const tagAuthority = (req: FastifyRequest) => (/[a-z]/i.test(req.hostname) ? req.hostname : 'localhost');

export const publicFeedRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string; boardId: string } }>(
    '/public/partnerships/:slug/boards/:boardId/meetings.ics',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.boardId);
      const board = partnership && id !== null ? await getBoard(db, partnership.id, id) : undefined;
      if (!partnership || !board) return notFound(reply);
      const base = siteBase(req);
      const meetings = await listMeetings(db, partnership.id, { boardId: board.id });
      const events: CalendarEvent[] = [];
      for (const m of meetings) {
        const start = londonWallTimeToUtc(m.meetsOn, m.starts_at);
        const url = `${base}/public/partnerships/${partnership.slug}/meetings/${m.id}`;
        // the agenda only once published, each item as the public see it
        const items =
          m.agenda_published_on === null
            ? []
            : (await listAgendaItems(db, partnership.id, m.id)).map((i) =>
                publicAgendaItem({
                  number: i.number,
                  title: i.title,
                  kind: i.kind,
                  summary: i.summary,
                  reportAuthor: i.report_author,
                  keyDecision: i.key_decision,
                  exempt: i.exempt,
                  exemptParagraph: i.exempt_paragraph,
                  titlePublished: i.title_published,
                  urgencyReason: null,
                }),
              );
        const description = [
          `Meeting of ${board.name}.`,
          ...(m.status === 'cancelled'
            ? [`Cancelled${m.cancelled_reason ? `: ${m.cancelled_reason}` : '.'}`]
            : []),
          ...(items.length === 0
            ? [m.status === 'cancelled' ? '' : 'The agenda is not yet published.']
            : [
                'Agenda:',
                ...items.map(
                  (i) => `${i.number}. ${i.title}${i.exempt ? ` (${i.exemptNotice ?? 'exempt'})` : ''}`,
                ),
              ]),
          ...(m.online_link ? [`Watch online: ${m.online_link}`] : []),
          `Papers and decisions: ${url}`,
        ].filter((line) => line !== '');
        events.push({
          uid: `meeting-${m.id}.${partnership.slug}@concordat`,
          stamp: m.agenda_published_at ?? m.created_at,
          start,
          end: new Date(start.getTime() + ASSUMED_MEETING_HOURS * 3_600_000),
          summary: `${board.name}${m.status === 'cancelled' ? ' (cancelled)' : ''}`,
          location: m.venue || (m.online_link ? `Online: ${m.online_link}` : ''),
          url,
          description: description.join('\n'),
          status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        });
      }
      const body = writeCalendar({
        prodId: '-//Concordat//Public meetings//EN',
        name: `${board.name} meetings`,
        description: `Meetings of ${board.name}, ${partnership.name}`,
        events,
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${partnership.slug}-board-${board.id}.ics"`)
        .send(body);
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/public/partnerships/:slug/decisions.atom',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      if (!partnership) return notFound(reply);
      const base = siteBase(req);
      const authority = tagAuthority(req);
      const since = partnership.created_at.toISOString().slice(0, 10);
      const decisions = (await searchPublishedDecisions(db, partnership.id, {})).slice(0, FEED_ENTRIES);
      const entries = decisions.map((d) => {
        const updated = d.published_at ?? new Date(`${d.publishedOn}T00:00:00Z`);
        return {
          id: tagUri(authority, since, `partnership/${partnership.id}/decision/${d.id}`),
          title: `${d.public_title} (${d.board_name}, ${formatLongDate(d.decidedOn)})`,
          updated,
          published: updated,
          href: `${base}/public/partnerships/${partnership.slug}/decisions/${d.id}`,
          summary: d.exempt
            ? `Exempt: paragraph ${d.exempt_paragraph ?? '?'} of Schedule 12A to the Local Government Act 1972. The record of this decision is not open to the public.`
            : (d.public_decision ?? ''),
          categories: [d.board_name, ...(d.key_decision ? ['Key decision'] : [])],
        };
      });
      const body = writeAtom({
        id: tagUri(authority, since, `partnership/${partnership.id}/decisions`),
        title: `Decisions of ${partnership.name}`,
        subtitle: 'The published record of decisions, newest first',
        updated: entries.reduce(
          (latest, e) => (e.updated > latest ? e.updated : latest),
          partnership.created_at,
        ),
        selfHref: `${base}${decisionsFeedPath(partnership.slug)}`,
        alternateHref: `${base}${decisionsPath(partnership.slug)}`,
        author: partnership.name,
        entries,
      });
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    },
  );
};
