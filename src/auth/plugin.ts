/** Signing in and out, and the administration of users, as one plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { userAdminRoutes } from './adminRoutes.js';
import { authRoutes } from './routes.js';

export const authPlugin: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(authRoutes, deps);
  await app.register(userAdminRoutes, deps);
};
