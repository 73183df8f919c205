/**
 * The contracts register's downloads. Public (no sign-in; listed in publish/publicSurfaces.ts): the contracts a
 * council publishes under the Local Government Transparency Code 2015 (CSV, DOMAIN.md §10), and OCDS release and
 * record packages without anything of a bid that did not win (ocdsStore.ts). Signed in: the same OCDS packages
 * with the tenderers and the awards still in standstill, for officers.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { csvLines } from '../../kernel/csv.js';
import { todayInLondon } from '../../kernel/dates.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { listContracts } from './store.js';
import { ocidPrefix, recordPackage, releasePackage } from './ocds.js';
import { ocdsProcesses, type OcdsAudience } from './ocdsStore.js';
import { transparencyRows } from './transparency.js';

type SlugParams = { slug: string };
const PACKAGES = { 'releases.json': releasePackage, 'records.json': recordPackage } as const;

/** The address a request came to, for the package's `uri`. */
const selfUri = (req: FastifyRequest) => `${req.protocol}://${req.host}${req.url}`;

export const contractDownloadRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  async function sendOcds(
    req: FastifyRequest,
    reply: FastifyReply,
    partnershipId: number,
    audience: OcdsAudience,
    file: keyof typeof PACKAGES,
  ) {
    const { slug, name, processes } = await ocdsProcesses(db, partnershipId, audience, todayInLondon());
    const pkg = PACKAGES[file](
      { prefix: ocidPrefix(), slug },
      processes,
      { name, uri: selfUri(req) },
      new Date(),
    );
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${slug}-contracts-ocds-${file}"`)
      .send(JSON.stringify(pkg, null, 2));
  }

  async function bySlug(req: FastifyRequest<{ Params: SlugParams }>, reply: FastifyReply) {
    const partnership = await getPartnershipBySlug(db, req.params.slug);
    if (!partnership) await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
    return partnership;
  }

  app.get<{ Params: SlugParams }>(
    '/public/partnerships/:slug/contracts.csv',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await bySlug(req, reply);
      if (!partnership) return reply;
      const rows = transparencyRows(await listContracts(db, partnership.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${partnership.slug}-contracts.csv"`)
        .send(csvLines(rows));
    },
  );

  for (const file of Object.keys(PACKAGES) as (keyof typeof PACKAGES)[]) {
    app.get<{ Params: SlugParams }>(
      `/public/partnerships/:slug/contracts/ocds-${file}`,
      { config: { action: 'public:view' } },
      async (req, reply) => {
        const partnership = await bySlug(req, reply);
        if (!partnership) return reply;
        return sendOcds(req, reply, partnership.id, 'public', file);
      },
    );
    app.get<{ Params: PartnershipParams }>(
      `/partnerships/:partnershipId/contracts/ocds-${file}`,
      { config: { action: 'contracts:view' } },
      async (req, reply) => {
        const loaded = await loadPartnership(db, req, reply);
        if (!loaded) return reply;
        return sendOcds(req, reply, loaded.partnership.id, 'internal', file);
      },
    );
  }
};
