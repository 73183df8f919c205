/**
 * Who is asking, and may they: the principal is loaded for every request, and every route must name the policy
 * action it needs (a route without one fails at start-up), checked here before its handler runs.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { authorize } from '../auth/index.js';
import { loadPrincipal } from '../auth/index.js';

/** The partnership a request concerns, from its `:partnershipId` path parameter. */
export function partnershipIdOf(req: FastifyRequest): number | undefined {
  const raw = (req.params as Record<string, string | undefined>).partnershipId;
  if (raw === undefined) return undefined;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : -1;
}

export async function refuse(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (req.principal === null) {
    const returnTo = req.method === 'GET' ? `?returnTo=${encodeURIComponent(req.url)}` : '';
    return reply.redirect(`/sign-in${returnTo}`, 303);
  }
  return reply
    .code(403)
    .view('web/views/forbidden.njk', { pageTitle: 'You do not have access to this page' });
}

export function setUpAuthorisation(app: FastifyInstance, db: Db): void {
  app.decorateRequest('principal', null);
  const table: { method: string; url: string; action: string }[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD') return;
    const action = route.config?.action;
    if (action === undefined)
      throw new Error(`Route ${String(route.method)} ${route.url} names no policy action`);
    table.push({ method: String(route.method), url: route.url, action });
  });
  // preValidation: after @fastify/session has read the cookie (onRequest), before any preHandler asks.
  app.addHook('preValidation', async (req) => {
    const userId = req.session.userId;
    req.principal = userId === undefined ? null : await loadPrincipal(db, userId);
  });
  app.addHook('preHandler', async (req, reply) => {
    const action = req.routeOptions.config.action;
    if (action === undefined || action === 'none') return;
    if (!authorize(req.principal, action, partnershipIdOf(req))) await refuse(req, reply);
  });
}
