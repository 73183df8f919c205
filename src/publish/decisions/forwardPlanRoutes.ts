/**
 * The public forward plan of a partnership (SI 2012/2089 reg 9): every published notice of a key decision, with
 * the general exception and special urgency notices recorded against it (regs 10 and 11). Drafts are not public.
 * Of a matter to be taken in private the public see only what the reg 5 notice gives: the matter, the decision
 * maker, the date, the paragraph of Schedule 12A and the reasons (see `publicForwardPlanEntry`).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import {
  EXCEPTION_ROUTES,
  URGENCY_AGREED_BY_ROLES,
  publicForwardPlanEntry,
} from '../../governance/forwardPlan/index.js';
import { listExceptions, listForwardPlanEntries } from '../../governance/forwardPlan/index.js';
import { listBoards } from '../../governance/boards/index.js';
import { listMeetings } from '../../governance/meetings/index.js';

export const publicForwardPlanRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string } }>(
    '/public/partnerships/:slug/forward-plan',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      if (!partnership)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const boards = new Map((await listBoards(db, partnership.id)).map((b) => [b.id, b]));
      // a link to the meeting only once its agenda is public
      const publicMeetings = new Set(
        (await listMeetings(db, partnership.id, { publishedOnly: true })).map((m) => m.id),
      );
      const entries = await Promise.all(
        (await listForwardPlanEntries(db, partnership.id, { publishedOnly: true })).map(async (e) => ({
          id: e.id,
          boardName: boards.get(e.board_id)?.name ?? '',
          meetingId: e.meeting_id !== null && publicMeetings.has(e.meeting_id) ? e.meeting_id : null,
          ...publicForwardPlanEntry(e),
          exceptions: (await listExceptions(db, partnership.id, e.id)).map((x) => ({
            route: EXCEPTION_ROUTES[x.route],
            general: x.route === 'general-exception',
            reasons: x.reasons,
            noticePublishedOn: x.noticePublishedOn,
            scrutinyChairInformed: x.scrutinyChairInformed,
            scrutinyChairInformedOn: x.scrutinyChairInformedOn,
            agreedBy: x.agreedBy,
            agreedByRole: x.agreedByRole ? URGENCY_AGREED_BY_ROLES[x.agreedByRole] : '',
            agreedOn: x.agreedOn,
          })),
        })),
      );
      return reply.view('publish/decisions/views/forwardPlan.njk', {
        pageTitle: `Forward plan: ${partnership.name}`,
        navSection: 'public',
        breadcrumbs: [
          { text: 'Partnerships', href: '/public/partnerships' },
          { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
        ],
        partnership,
        entries,
      });
    },
  );
};
