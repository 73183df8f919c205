/** What the ledger's routes share: finding the fund a URL names within its partnership. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { idParam } from '../../http/request.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { getFund } from './store.js';

export type FundParams = PartnershipParams & { fundId: string };

export async function loadFund(db: Db, req: FastifyRequest<{ Params: FundParams }>, reply: FastifyReply) {
  const loaded = await loadPartnership(db, req, reply);
  if (!loaded) return null;
  const id = idParam(req.params.fundId);
  const fund = id === null ? undefined : await getFund(db, loaded.partnership.id, id);
  if (!fund) {
    await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
    return null;
  }
  const nameOf = new Map(loaded.partners.map((p) => [p.id, p.short_name ?? p.name]));
  return {
    ...loaded,
    fund,
    nameOf: (id: number | null) => (id === null ? '' : (nameOf.get(id) ?? `Organisation ${id}`)),
  };
}

export const fundCrumbs = (
  partnership: { id: number; name: string },
  fund?: { id: number; name: string },
) => [
  { text: 'Partnerships', href: '/partnerships' },
  { text: partnership.name, href: `/partnerships/${partnership.id}` },
  { text: 'Funds', href: `/partnerships/${partnership.id}/funds` },
  ...(fund ? [{ text: fund.name, href: `/partnerships/${partnership.id}/funds/${fund.id}` }] : []),
];
