/** Every page of the ledger (funds, imports, the journal, monitoring, BCF returns, settlement, statements), as one plugin. */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connection.js';
import type { PgliteBlobQuery } from '../db/copyIn.js';
import { fundRoutes } from './funds/routes.js';
import { fundSetupRoutes } from './funds/setupRoutes.js';
import { schemeSetupRoutes } from './funds/schemeRoutes.js';
import { monitoringRoutes } from './monitoring/routes.js';
import { reportRoutes } from './monitoring/reportRoutes.js';
import { settlementRoutes } from './settlement/routes.js';
import { statementRoutes } from './statements/routes.js';
import { bcfRoutes } from './bcf/routes.js';
import { contributionReceiptRoutes } from './journal/receiptRoutes.js';
import { journalFormRoutes } from './journal/formRoutes.js';
import { journalRoutes } from './journal/routes.js';

export const ledgerPlugin: FastifyPluginAsync<{ db: Db; pglite: PgliteBlobQuery | undefined }> = async (
  app,
  deps,
) => {
  const { db } = deps;
  await app.register(fundRoutes, deps);
  await app.register(fundSetupRoutes, { db });
  await app.register(schemeSetupRoutes, { db });
  await app.register(journalRoutes, { db });
  await app.register(journalFormRoutes, { db });
  await app.register(contributionReceiptRoutes, { db });
  await app.register(monitoringRoutes, { db });
  await app.register(reportRoutes, { db });
  await app.register(bcfRoutes, { db });
  await app.register(settlementRoutes, { db });
  await app.register(statementRoutes, { db });
};
