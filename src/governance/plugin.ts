/** Every governance page, as one plugin for the server to register. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { boardRoutes } from './boards/routes.js';
import { membershipRoutes } from './boards/membershipRoutes.js';
import { meetingRoutes } from './meetings/routes.js';
import { agendaItemRoutes } from './meetings/agendaItemRoutes.js';
import { decisionRoutes } from './decisions/routes.js';
import { conductRoutes } from './conduct/routes.js';
import { callInRoutes } from './callIn/routes.js';
import { forwardPlanRoutes } from './forwardPlan/routes.js';
import { paperRoutes } from './papers/routes.js';
import { interestRoutes } from './interests/routes.js';
import { giftRoutes } from './interests/giftRoutes.js';
import { conflictRoutes } from './conduct/conflictRoutes.js';

export const governancePlugin: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(boardRoutes, deps);
  await app.register(membershipRoutes, deps);
  await app.register(meetingRoutes, deps);
  await app.register(agendaItemRoutes, deps);
  await app.register(decisionRoutes, deps);
  await app.register(conductRoutes, deps);
  await app.register(callInRoutes, deps);
  await app.register(forwardPlanRoutes, deps);
  await app.register(paperRoutes, deps);
  await app.register(interestRoutes, deps);
  await app.register(giftRoutes, deps);
  await app.register(conflictRoutes, deps);
};
