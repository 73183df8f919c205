/** Signing in and out with a local account. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { field, formBody } from '../kernel/forms.js';
import { checkCredentials } from './store.js';

/** Only paths on this site are followed after sign-in, never another host. */
const safeReturnTo = (v: string | undefined): string =>
  v && /^\/(?!\/)[^\s]*$/.test(v) ? v : '/partnerships';

export const authRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: { returnTo?: string } }>(
    '/sign-in',
    { config: { action: 'public:view' } },
    async (req, reply) =>
      reply.view('auth/views/signIn.njk', {
        pageTitle: 'Sign in',
        navSection: 'sign-in',
        csrfToken: reply.generateCsrf(),
        values: { returnTo: safeReturnTo(req.query.returnTo) },
      }),
  );

  app.post(
    '/sign-in',
    { config: { action: 'public:view', rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = formBody(req.body);
      const email = field(body, 'email');
      const password = field(body, 'password');
      const returnTo = safeReturnTo(field(body, 'returnTo'));
      const problems: Record<string, string> = {};
      if (!email) problems.email = 'Enter your email address';
      if (!password) problems.password = 'Enter your password';
      const userId = Object.keys(problems).length === 0 ? await checkCredentials(db, email, password) : null;
      if (userId === null) {
        if (Object.keys(problems).length === 0) problems.email = 'Enter a correct email address and password';
        return reply.code(400).view('auth/views/signIn.njk', {
          pageTitle: 'Sign in',
          navSection: 'sign-in',
          csrfToken: reply.generateCsrf(),
          values: { email, returnTo },
          errors: problems,
          errorList: Object.entries(problems).map(([k, text]) => ({ text, href: `#${k}` })),
        });
      }
      // A new session id on sign-in, so that a session fixed before sign-in is worth nothing after it.
      await req.session.regenerate();
      req.session.userId = userId;
      return reply.redirect(returnTo, 303);
    },
  );

  app.post('/sign-out', { config: { action: 'public:view' } }, async (req, reply) => {
    await req.session.destroy();
    return reply.redirect('/', 303);
  });
};
