/** Every commissioning page (priorities and projects, procurements, contracts, savings, outcomes, the unit, the dashboard), as one plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { priorityRoutes } from './projects/priorityRoutes.js';
import { projectRoutes } from './projects/routes.js';
import { procurementPartRoutes } from './procurement/partRoutes.js';
import { procurementRoutes } from './procurement/routes.js';
import { contractDownloadRoutes } from './contracts/downloadRoutes.js';
import { contractRoutes } from './contracts/routes.js';
import { savingsRoutes } from './savings/routes.js';
import { outcomesRoutes } from './outcomes/routes.js';
import { unitRoutes } from './unit/routes.js';

export const commissioningPlugin: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(dashboardRoutes, deps);
  await app.register(priorityRoutes, deps);
  await app.register(projectRoutes, deps);
  await app.register(procurementRoutes, deps);
  await app.register(procurementPartRoutes, deps);
  await app.register(contractRoutes, deps);
  await app.register(contractDownloadRoutes, deps);
  await app.register(savingsRoutes, deps);
  await app.register(outcomesRoutes, deps);
  await app.register(unitRoutes, deps);
};
