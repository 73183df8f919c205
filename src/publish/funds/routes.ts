/**
 * The public summary of each partnership's pooled funds by year (no sign-in): total pooled, by partner and by
 * scheme type, exact to the penny, from the ledger's published figures.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { getPartnershipBySlug, partnersOf } from '../../partnerships/index.js';
import { pooledFundSummaries } from '../../ledger/funds/index.js';

export const publicFundRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string } }>(
    '/public/partnerships/:slug/pooled-funds',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      if (!partnership)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const partners = await partnersOf(db, partnership.id);
      const nameOf = (id: number | null) => partners.find((p) => p.id === id)?.name ?? '';
      const funds = (await pooledFundSummaries(db, partnership.id)).map((f) => ({
        ...f,
        yearLabel: financialYearLabel(f.financialYear),
        host: nameOf(f.hostOrganisationId),
        byPartner: f.byPartner.map((p) => ({ ...p, name: nameOf(p.organisationId) })),
      }));
      return reply.view('publish/funds/views/pooledFunds.njk', {
        pageTitle: `Pooled funds, ${partnership.name}`,
        navSection: 'public',
        breadcrumbs: [
          { text: 'Partnerships', href: '/public/partnerships' },
          { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
        ],
        partnership,
        funds,
      });
    },
  );
};
