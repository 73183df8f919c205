/** The public site: every page, feed and file that anyone may read without signing in, as one plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { publicConductRoutes } from './meetings/conductRoutes.js';
import { publicDecisionRoutes } from './meetings/decisionRoutes.js';
import { publicForwardPlanRoutes } from './decisions/forwardPlanRoutes.js';
import { publicFundRoutes } from './funds/routes.js';
import { publicInterestRoutes } from './interests/routes.js';
import { publicMeetingRoutes } from './meetings/routes.js';
import { openDataRoutes } from './openData/routes.js';
import { publicDecisionListRoutes } from './decisions/routes.js';
import { publicFeedRoutes } from './feeds/routes.js';
import { publicPaperRoutes } from './meetings/paperRoutes.js';
import { publicRoutes } from './site/routes.js';

export const publishPlugin: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(publicRoutes, deps);
  await app.register(publicMeetingRoutes, deps);
  await app.register(publicDecisionRoutes, deps);
  await app.register(publicConductRoutes, deps);
  await app.register(publicForwardPlanRoutes, deps);
  await app.register(publicFundRoutes, deps);
  await app.register(publicPaperRoutes, deps);
  await app.register(publicInterestRoutes, deps);
  await app.register(openDataRoutes, deps);
  await app.register(publicDecisionListRoutes, deps);
  await app.register(publicFeedRoutes, deps);
};
