/**
 * Sessions in the database behind a signed cookie, and CSRF protection (a token in every form, checked at
 * preHandler on every request that changes something).
 */
import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { DatabaseSessionStore } from '../auth/index.js';

/** The session secret from the environment, or one generated on first start and kept in the database. */
export async function sessionSecret(db: Db, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const existing = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'session_secret')
    .executeTakeFirst();
  if (existing) return existing.value;
  const value = randomBytes(32).toString('hex');
  await db
    .insertInto('settings')
    .values({ key: 'session_secret', value })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const kept = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'session_secret')
    .executeTakeFirstOrThrow();
  return kept.value;
}

function csrfTokenOf(req: FastifyRequest): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body?._csrf;
  if (typeof fromBody === 'string') return fromBody;
  // multipart fields arrive as { value } objects
  if (fromBody && typeof fromBody === 'object' && 'value' in fromBody && typeof fromBody.value === 'string')
    return fromBody.value;
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

export async function setUpSession(
  app: FastifyInstance,
  db: Db,
  options: { secret: string; secure: boolean },
): Promise<void> {
  const store = new DatabaseSessionStore(db);
  await store.prune();
  await app.register(cookie);
  await app.register(session, {
    secret: options.secret,
    cookieName: 'concordat.sid',
    saveUninitialized: false,
    store,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: '/',
      maxAge: 8 * 60 * 60 * 1000,
    },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session', getToken: csrfTokenOf });
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      done();
      return;
    }
    app.csrfProtection(req, reply, done);
  });
}
