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
import { authRoutes } from '../auth/routes.js';
import { userAdminRoutes } from '../auth/adminRoutes.js';
import { partnershipRoutes } from '../partnerships/routes/partnerships.js';
import { organisationRoutes } from '../partnerships/routes/organisations.js';
import { agreementRoutes } from '../partnerships/routes/agreements.js';
import { budgetAreaRoutes } from '../partnerships/routes/budgetAreas.js';
import { publicRoutes } from '../publish/routes.js';
import { fundRoutes } from '../ledger/funds/routes.js';
import type { PgliteBlobQuery } from '../db/copyIn.js';
import { monitoringRoutes } from '../ledger/monitoring/routes.js';
import { fundSetupRoutes } from '../ledger/funds/setupRoutes.js';
import { schemeSetupRoutes } from '../ledger/funds/schemeRoutes.js';
import { serviceRoutes } from '../partnerships/routes/services.js';
import { settlementRoutes } from '../ledger/settlement/routes.js';
import { appraisalRoutes } from '../appraisal/index.js';
import { governanceRoutes } from '../governance/index.js';
import { publicMeetingRoutes } from '../publish/meetingRoutes.js';
import { publicDecisionRoutes } from '../publish/decisionRoutes.js';
import { publicConductRoutes } from '../publish/conductRoutes.js';
import { publicForwardPlanRoutes } from '../publish/forwardPlanRoutes.js';
import { reportRoutes } from '../ledger/monitoring/reportRoutes.js';
import { bcfRoutes } from '../ledger/bcf/routes.js';
import { journalRoutes } from '../ledger/journal/routes.js';
import { journalFormRoutes } from '../ledger/journal/formRoutes.js';
import { publicFundRoutes } from '../publish/fundSummaryRoutes.js';
import { contributionReceiptRoutes } from '../ledger/journal/receiptRoutes.js';
import { publicPaperRoutes } from '../publish/paperRoutes.js';
import { publicInterestRoutes } from '../publish/interestRoutes.js';
import { openDataRoutes } from '../publish/openDataRoutes.js';
import { savingsRoutes } from '../commissioning/savings/routes.js';
import { dashboardRoutes } from '../commissioning/dashboard/routes.js';
import { outcomesRoutes } from '../commissioning/outcomes/routes.js';
import { priorityRoutes } from '../commissioning/projects/priorityRoutes.js';
import { projectRoutes } from '../commissioning/projects/routes.js';
import { unitRoutes } from '../commissioning/unit/routes.js';
import { procurementRoutes } from '../commissioning/procurement/routes.js';
import { procurementPartRoutes } from '../commissioning/procurement/partRoutes.js';
import { contractRoutes } from '../commissioning/contracts/routes.js';
import { contractDownloadRoutes } from '../commissioning/contracts/downloadRoutes.js';

export interface ServerOptions {
  db: Db;
  /** PGlite's own instance, when the database is embedded: ledger imports then write by COPY. */
  pglite?: PgliteBlobQuery | undefined;
  sessionSecret?: string | undefined;
  secureCookies?: boolean;
  logLevel?: string;
  production?: boolean;
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
  await setUpViews(app, options.production ?? false);
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
  const deps = { db };
  await app.register(publicRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(userAdminRoutes, deps);
  await app.register(partnershipRoutes, deps);
  await app.register(organisationRoutes, deps);
  await app.register(agreementRoutes, deps);
  await app.register(budgetAreaRoutes, deps);
  await app.register(fundRoutes, { ...deps, pglite: options.pglite });
  await app.register(monitoringRoutes, deps);
  await app.register(fundSetupRoutes, deps);
  await app.register(schemeSetupRoutes, deps);
  await app.register(serviceRoutes);
  await app.register(settlementRoutes, deps);
  await app.register(appraisalRoutes, deps);
  await app.register(governanceRoutes, deps);
  await app.register(publicMeetingRoutes, deps);
  await app.register(publicDecisionRoutes, deps);
  await app.register(publicConductRoutes, deps);
  await app.register(publicForwardPlanRoutes, deps);
  await app.register(reportRoutes, deps);
  await app.register(bcfRoutes, deps);
  await app.register(journalRoutes, deps);
  await app.register(journalFormRoutes, deps);
  await app.register(publicFundRoutes, deps);
  await app.register(contributionReceiptRoutes, deps);
  await app.register(publicPaperRoutes, deps);
  await app.register(publicInterestRoutes, deps);
  await app.register(openDataRoutes, deps);
  await app.register(savingsRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(outcomesRoutes, deps);
  await app.register(priorityRoutes, deps);
  await app.register(projectRoutes, deps);
  await app.register(unitRoutes, deps);
  await app.register(procurementRoutes, deps);
  await app.register(procurementPartRoutes, deps);
  await app.register(contractRoutes, deps);
  await app.register(contractDownloadRoutes, deps);
  return app;
}
