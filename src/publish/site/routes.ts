/**
 * The public site: what anyone may read without signing in. Only records meant for the public reach these pages:
 * partnerships, their partners, agreements that are in force or ended (not drafts), and budget totals.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { getPartnershipBySlug, listPartnerships, partnersOf } from '../../partnerships/index.js';
import { listAgreements } from '../../partnerships/index.js';
import { budgetYears, listBudgetAreas } from '../../partnerships/index.js';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  ARRANGEMENTS,
  ORGANISATION_KINDS,
  budgetTotals,
} from '../../partnerships/index.js';
import { decisionsFeedLink } from '../feeds/index.js';

export const publicRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/', { config: { action: 'public:view' } }, async (_req, reply) =>
    reply.view('web/views/home.njk', { pageTitle: 'Home' }),
  );

  app.get('/accessibility', { config: { action: 'public:view' } }, async (_req, reply) =>
    reply.view('web/views/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );

  app.get('/public/partnerships', { config: { action: 'public:view' } }, async (_req, reply) => {
    const partnerships = await listPartnerships(db, 'all');
    const withPartners = await Promise.all(
      partnerships.map(async (p) => ({ ...p, partners: await partnersOf(db, p.id) })),
    );
    return reply.view('publish/site/views/partnerships.njk', {
      pageTitle: 'Partnerships',
      navSection: 'public',
      partnerships: withPartners,
    });
  });

  app.get<{ Params: { slug: string } }>(
    '/public/partnerships/:slug',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      if (!partnership)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const partners = await partnersOf(db, partnership.id);
      const agreements = (await listAgreements(db, partnership.id)).filter((a) => a.status !== 'draft');
      const years = await Promise.all(
        (await budgetYears(db, partnership.id)).map(async (year) => ({
          label: financialYearLabel(year),
          totals: budgetTotals(
            await listBudgetAreas(db, partnership.id, year),
            partners.map((p) => p.id),
          ),
        })),
      );
      return reply.view('publish/site/views/partnership.njk', {
        pageTitle: partnership.name,
        navSection: 'public',
        breadcrumbs: [{ text: 'Partnerships', href: '/public/partnerships' }],
        feedLinks: [decisionsFeedLink(partnership)],
        partnership,
        partners,
        agreements,
        years,
        kinds: ORGANISATION_KINDS,
        agreementKinds: AGREEMENT_KINDS,
        agreementStatuses: AGREEMENT_STATUSES,
        arrangements: ARRANGEMENTS,
      });
    },
  );
};
