/** Every governance page, as one plugin for the server to register. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { boardRoutes } from './boards.js';
import { membershipRoutes } from './memberships.js';
import { meetingRoutes } from './meetings.js';
import { agendaItemRoutes } from './agendaItems.js';
import { decisionRoutes } from './decisions.js';
import { conductRoutes } from './conduct.js';
import { callInRoutes } from './callIn.js';
import { forwardPlanRoutes } from './forwardPlan.js';
import { paperRoutes } from './papers.js';
import { interestRoutes } from './interests.js';
import { giftRoutes } from './gifts.js';
import { conflictRoutes } from './conflicts.js';

export const governanceRoutes: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
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
