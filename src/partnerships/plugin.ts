/** Every partnership page (partnerships, organisations, agreements, budget areas, the service catalogue), as one plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { agreementRoutes } from './routes/agreements.js';
import { budgetAreaRoutes } from './routes/budgetAreas.js';
import { organisationRoutes } from './routes/organisations.js';
import { partnershipRoutes } from './routes/partnerships.js';
import { serviceRoutes } from './routes/services.js';

export const partnershipsPlugin: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(partnershipRoutes, deps);
  await app.register(organisationRoutes, deps);
  await app.register(agreementRoutes, deps);
  await app.register(budgetAreaRoutes, deps);
  await app.register(serviceRoutes);
};
