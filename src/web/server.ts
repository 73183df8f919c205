/**
 * The web application, composed from one set-up function per concern so that the request pipeline reads at a
 * glance: security headers, sessions and CSRF, who is asking and may they, views, assets, then each domain's
 * routes, then the error pages.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { onFileUpload, setUpUploadCleanup } from '../http/uploadToDisk.js';
import './types.js';
import type { Db } from '../db/connection.js';
import { setUpWebSecurity } from './setUpWebSecurity.js';
import { sessionSecret, setUpSession } from './setUpSession.js';
import { setUpAuthorisation } from './setUpAuthorisation.js';
import { setUpViews } from './views.js';
import { setUpAssets } from './assets.js';
import { setUpErrorPages } from './setUpErrorPages.js';
import type { PgliteBlobQuery } from '../db/copyIn.js';
import { authPlugin } from '../auth/plugin.js';
import { partnershipsPlugin } from '../partnerships/plugin.js';
import { publishPlugin } from '../publish/plugin.js';
import { ledgerPlugin } from '../ledger/plugin.js';
import { governancePlugin } from '../governance/plugin.js';
import { appraisalPlugin } from '../appraisal/plugin.js';
import { commissioningPlugin } from '../commissioning/plugin.js';

export interface ServerOptions {
  db: Db;
  /** PGlite's own instance, when the database is embedded: ledger imports then write by COPY. */
  pglite?: PgliteBlobQuery | undefined;
  sessionSecret?: string | undefined;
  secureCookies?: boolean;
  logLevel?: string;
  /** Read each template again on every use (a developer editing templates); otherwise each is compiled once. */
  reloadTemplates?: boolean;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent' },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: true,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await setUpWebSecurity(app);
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 },
    onFile: onFileUpload,
  });
  setUpUploadCleanup(app);
  setUpAuthorisation(app, db);
  await setUpSession(app, db, {
    secret: await sessionSecret(db, options.sessionSecret),
    secure: options.secureCookies ?? false,
  });
  await setUpViews(app, options.reloadTemplates ?? false);
  app.addHook('preHandler', async (req, reply) => {
    const flash = req.session.flash;
    if (flash !== undefined) req.session.flash = undefined;
    reply.locals = {
      ...reply.locals,
      principal: req.principal,
      cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      csrfToken: req.principal ? reply.generateCsrf() : undefined,
      flash,
    };
  });
  setUpAssets(app);
  app.get('/healthz', { config: { action: 'none' } }, async () => {
    await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
    return { status: 'ok' };
  });
  // before the routes: each route plugin takes the error handler in force when it is registered
  setUpErrorPages(app);
  // one plugin per domain, each registering its features' routes
  const deps = { db };
  await app.register(publishPlugin, deps);
  await app.register(authPlugin, deps);
  await app.register(partnershipsPlugin, deps);
  await app.register(ledgerPlugin, { ...deps, pglite: options.pglite });
  await app.register(governancePlugin, deps);
  await app.register(appraisalPlugin, deps);
  await app.register(commissioningPlugin, deps);
  return app;
}
