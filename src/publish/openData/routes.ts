/**
 * The open data page and its downloads (CSV and JSON after Popolo / Open Civic Data, under the Open Government
 * Licence).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { listBoards } from '../../governance/boards/index.js';
import { LICENCE, POPOLO_FILE, openDataFile, openDataSections } from './openData.js';
import { siteBase } from '../../http/request.js';
import { boardCalendarLink, decisionsFeedLink } from '../feeds/index.js';

export const openDataRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string } }>(
    '/public/partnerships/:slug/open-data',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      if (!partnership)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const boards = await listBoards(db, partnership.id);
      return reply.view('publish/openData/views/openData.njk', {
        pageTitle: `Open data: ${partnership.name}`,
        navSection: 'public',
        breadcrumbs: [
          { text: 'Partnerships', href: '/public/partnerships' },
          { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
        ],
        feedLinks: [
          decisionsFeedLink(partnership),
          ...boards.map((b) => boardCalendarLink(partnership.slug, b)),
        ],
        partnership,
        boards,
        sections: openDataSections(),
        popoloFile: POPOLO_FILE,
        licence: LICENCE,
      });
    },
  );

  app.get<{ Params: { slug: string; file: string } }>(
    '/public/partnerships/:slug/open-data/:file',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const file = partnership
        ? await openDataFile({ db, partnership, base: siteBase(req) }, req.params.file)
        : undefined;
      if (!partnership || !file)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return reply
        .type(file.type)
        .header('content-disposition', `attachment; filename="${partnership.slug}-${req.params.file}"`)
        .send(file.body);
    },
  );
};
