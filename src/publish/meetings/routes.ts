/**
 * The public pages of a partnership's boards and meetings. Only what the law opens to inspection reaches them:
 * an agenda once published, and of an exempt item only its number, its paragraph of Schedule 12A and, where the
 * officer allowed it, its title (`publicAgendaItem`). Nothing else of an exempt item is read into these pages.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db } from '../../db/connection.js';
import { formatLongDate, todayInLondon } from '../../kernel/dates.js';
import { getPartnershipBySlug, partnersOf } from '../../partnerships/index.js';
import { idParam } from '../../http/request.js';
import { agendaDeadline } from '../../governance/meetings/index.js';
import { loadBankHolidayChanges } from '../../governance/dates/index.js';
import {
  chairsOfBoard,
  describeQuorum,
  describeRotation,
  membersByPartner,
} from '../../governance/meetings/index.js';
import { getMeeting, listAgendaItems, listMeetings } from '../../governance/meetings/index.js';
import { getBoard, listBoards } from '../../governance/boards/index.js';
import { publishedDecisionLinks } from './decisionRoutes.js';
import { listDelegatedDecisions } from '../../governance/decisions/index.js';
import { publicPapersOfMeeting } from './paperRoutes.js';
import { listMemberships } from '../../governance/boards/index.js';
import { boardCalendarLink, boardCalendarPath, decisionsFeedLink } from '../feeds/index.js';
import {
  AGENDA_ITEM_KINDS,
  BOARD_KINDS,
  MEETING_STATUSES,
  MEMBER_ROLES,
  publicAgendaItem,
} from '../../governance/boards/index.js';

type SlugParams = { slug: string };

const notFound = (reply: FastifyReply) =>
  reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });

const crumbs = (partnership: { slug: string; name: string }) => [
  { text: 'Partnerships', href: '/public/partnerships' },
  { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
  { text: 'Boards', href: `/public/partnerships/${partnership.slug}/boards` },
];

export const publicMeetingRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: SlugParams }>(
    '/public/partnerships/:slug/boards',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      if (!partnership) return notFound(reply);
      const today = todayInLondon();
      const boards = await Promise.all(
        (await listBoards(db, partnership.id)).map(async (b) => ({
          ...b,
          next: (await listMeetings(db, partnership.id, { boardId: b.id, from: today })).find(
            (m) => m.status !== 'cancelled',
          ),
        })),
      );
      return reply.view('publish/meetings/views/boards.njk', {
        pageTitle: `Boards of ${partnership.name}`,
        navSection: 'public',
        breadcrumbs: crumbs(partnership).slice(0, 2),
        feedLinks: [
          decisionsFeedLink(partnership),
          ...boards.map((b) => boardCalendarLink(partnership.slug, b)),
        ],
        partnership,
        boards,
        kinds: BOARD_KINDS,
      });
    },
  );

  app.get<{ Params: SlugParams & { boardId: string } }>(
    '/public/partnerships/:slug/boards/:boardId',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.boardId);
      const board = partnership && id !== null ? await getBoard(db, partnership.id, id) : undefined;
      if (!partnership || !board) return notFound(reply);
      const today = todayInLondon();
      const partners = await partnersOf(db, partnership.id);
      const chairs = await chairsOfBoard(db, board);
      const meetings = (await listMeetings(db, partnership.id, { boardId: board.id })).map((m) => ({
        ...m,
        chair: chairs.get(m.id),
      }));
      return reply.view('publish/meetings/views/board.njk', {
        pageTitle: board.name,
        navSection: 'public',
        breadcrumbs: crumbs(partnership),
        feedLinks: [boardCalendarLink(partnership.slug, board), decisionsFeedLink(partnership)],
        // the calendar feed to subscribe to: webcal: opens the calendar application, https: is for copying
        calendarHref: boardCalendarPath(partnership.slug, board.id),
        calendarWebcal: `webcal://${req.host}${boardCalendarPath(partnership.slug, board.id)}`,
        partnership,
        board,
        kind: BOARD_KINDS[board.kind],
        quorum: describeQuorum(board),
        rotation: describeRotation(board, partners),
        groups: membersByPartner(await listMemberships(db, partnership.id, board.id), partners, today),
        meetings,
        delegated: await listDelegatedDecisions(db, partnership.id, {
          boardId: board.id,
          publishedOnly: true,
        }),
        roles: MEMBER_ROLES,
        statuses: MEETING_STATUSES,
      });
    },
  );

  app.get<{ Params: SlugParams & { meetingId: string } }>(
    '/public/partnerships/:slug/meetings/:meetingId',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.meetingId);
      const meeting = partnership && id !== null ? await getMeeting(db, partnership.id, id) : undefined;
      const board = partnership && meeting ? await getBoard(db, partnership.id, meeting.board_id) : undefined;
      if (!partnership || !meeting || !board) return notFound(reply);
      const published = meeting.agenda_published_on !== null;
      // The agenda is read only once published, and each item passes through publicAgendaItem before the view.
      const items = published
        ? (await listAgendaItems(db, partnership.id, meeting.id)).map((i) =>
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
              urgencyReason: i.urgency_reason || null,
            }),
          )
        : [];
      return reply.view('publish/meetings/views/meeting.njk', {
        pageTitle: `${board.name}, ${formatLongDate(meeting.meets_on)}`,
        navSection: 'public',
        breadcrumbs: [
          ...crumbs(partnership),
          { text: board.name, href: `/public/partnerships/${partnership.slug}/boards/${board.id}` },
        ],
        feedLinks: [boardCalendarLink(partnership.slug, board), decisionsFeedLink(partnership)],
        partnership,
        board,
        meeting: {
          meetsOn: meeting.meets_on,
          startsAt: meeting.starts_at,
          venue: meeting.venue,
          onlineLink: meeting.online_link,
          status: meeting.status,
          publishedOn: meeting.agenda_published_on,
          late: meeting.agenda_late,
          urgencyReason: meeting.agenda_urgency_reason,
          cancelledReason: meeting.cancelled_reason,
          illustrative: meeting.illustrative,
        },
        chair: (await chairsOfBoard(db, board)).get(meeting.id),
        deadline: agendaDeadline(meeting.meetsOn, undefined, await loadBankHolidayChanges(db)),
        today: todayInLondon(),
        published,
        items,
        kinds: AGENDA_ITEM_KINDS,
        statuses: MEETING_STATUSES,
        decisions: await publishedDecisionLinks(db, partnership.id, meeting.id),
        papers: await publicPapersOfMeeting(db, partnership, meeting),
        packHref: published
          ? `/public/partnerships/${partnership.slug}/meetings/${meeting.id}/agenda-pack.pdf`
          : null,
        meetingId: meeting.id,
      });
    },
  );
};
