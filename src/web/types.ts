/** What Concordat adds to Fastify's request, route config and session. */
import type { Principal, Action } from '../auth/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for the public. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route with the policy action it needs, as registered (for the permissions test and the docs). */
    routeTable: readonly { method: string; url: string; action: string }[];
  }
  interface FastifyReply {
    /** Values every template sees (set by @fastify/view, which does not declare it). */
    locals: Record<string, unknown> | null;
  }
  interface FastifyContextConfig {
    /** The policy action this route needs; every route names one, or `none` for assets and health checks. */
    action?: Action | 'none';
  }
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    userId?: number;
    flash?: string;
  }
}

export {};
