/**
 * The public registers of interests of a board (DOMAIN.md §6, Localism Act 2011 s29(5)): for each member serving
 * today, their reviewed and current interests and their registrable gifts and hospitality. Entries pass through
 * `publicInterests` before the view, so that a draft, an ended interest or a sensitive interest's details never
 * reach the page; of a sensitive interest the page says only that one is withheld (s32(2)).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { todayInLondon } from '../../kernel/dates.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { idParam } from '../../http/request.js';
import { getBoard } from '../../governance/boards/index.js';
import { serves } from '../../governance/boards/index.js';
import { INTEREST_REGIMES, publicInterests } from '../../governance/interests/index.js';
import { GIFT_KINDS, mustRegister } from '../../governance/interests/index.js';
import { listInterests, membersWithRegime } from '../../governance/interests/index.js';
import { listGifts } from '../../governance/interests/index.js';

export const publicInterestRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string; boardId: string } }>(
    '/public/partnerships/:slug/boards/:boardId/interests',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.boardId);
      const board = partnership && id !== null ? await getBoard(db, partnership.id, id) : undefined;
      if (!partnership || !board)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const today = todayInLondon();
      const interests = publicInterests(await listInterests(db, partnership.id, board.id), today);
      const gifts = (await listGifts(db, partnership.id, board.id)).filter(
        (g) => g.status === 'reviewed' && mustRegister(g),
      );
      const members = (await membersWithRegime(db, partnership.id, board.id))
        .filter((m) => serves(m, today))
        .map((m) => ({
          name: m.name,
          postHeld: m.postHeld,
          organisationName: m.organisationName,
          regime: m.regime,
          interests: interests.filter((i) => i.membershipId === m.membershipId),
          gifts: gifts
            .filter((g) => g.membershipId === m.membershipId)
            .map((g) => ({
              kind: GIFT_KINDS[g.kind],
              description: g.description,
              offeredBy: g.offeredBy,
              valuePence: g.valuePence,
              offeredOn: g.offeredOn,
              accepted: g.accepted,
            })),
        }));
      return reply.view('publish/interests/views/interests.njk', {
        pageTitle: `Registers of interests: ${board.name}`,
        navSection: 'public',
        breadcrumbs: [
          { text: 'Partnerships', href: '/public/partnerships' },
          { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
          { text: 'Boards', href: `/public/partnerships/${partnership.slug}/boards` },
          { text: board.name, href: `/public/partnerships/${partnership.slug}/boards/${board.id}` },
        ],
        partnership,
        board: { name: board.name },
        members,
        regimes: INTEREST_REGIMES,
        today,
      });
    },
  );
};
