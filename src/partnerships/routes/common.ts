/** Finding the partnership a URL names, for every domain's routes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { idParam } from '../../http/request.js';
import { getPartnership, partnersOf } from '../store.js';

export type PartnershipParams = { partnershipId: string };

/** The partnership and its partners, or a 404 page sent and null returned. */
export async function loadPartnership(
  db: Db,
  req: FastifyRequest<{ Params: PartnershipParams }>,
  reply: FastifyReply,
) {
  const id = idParam(req.params.partnershipId);
  const partnership = id === null ? undefined : await getPartnership(db, id);
  if (!partnership) {
    await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
    return null;
  }
  const partners = await partnersOf(db, partnership.id);
  return { partnership, partners };
}
