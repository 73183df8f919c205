/** The public site: every page, feed and file that anyone may read without signing in, as one plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { publicConductRoutes } from './conductRoutes.js';
import { publicDecisionRoutes } from './decisionRoutes.js';
import { publicForwardPlanRoutes } from './forwardPlanRoutes.js';
import { publicFundRoutes } from './fundSummaryRoutes.js';
import { publicInterestRoutes } from './interestRoutes.js';
import { publicMeetingRoutes } from './meetingRoutes.js';
import { openDataRoutes } from './openDataRoutes.js';
import { publicPaperRoutes } from './paperRoutes.js';
import { publicRoutes } from './routes.js';

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
};
