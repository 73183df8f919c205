/** The option appraisal pages, as one Fastify plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import { appraisalPageRoutes } from './appraisals/routes.js';
import { criteriaRoutes } from './criteria/routes.js';
import { optionRoutes } from './appraisals/optionRoutes.js';
import { decisionLinkRoutes } from './decisionLink/routes.js';

export const appraisalPlugin: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(appraisalPageRoutes, deps);
  await app.register(optionRoutes, deps);
  await app.register(criteriaRoutes, deps);
  await app.register(decisionLinkRoutes, deps);
};
