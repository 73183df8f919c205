/** The statements' access rule at the routes: whose statements a user reads, and the 403 page for another's. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mayReadPartner, statementScope, type StatementScope } from './access.js';
import type { LoadedFund } from '../funds/index.js';

export const scopeFor = (req: FastifyRequest, l: LoadedFund): StatementScope =>
  statementScope(req.principal, l.partnership.id, {
    kind: l.fund.kind,
    hostOrganisationId: l.fund.host_organisation_id,
  });

/**
 * Sends the 403 page that says why, and returns false, unless the user may read the statements and contribution
 * detail of `organisationId` (ledger/statements/access.ts).
 */
export async function mayReadPartnerOf(
  req: FastifyRequest,
  reply: FastifyReply,
  l: LoadedFund,
  organisationId: number,
): Promise<boolean> {
  const scope = scopeFor(req, l);
  if (mayReadPartner(scope, organisationId)) return true;
  const own = scope.kind === 'own' ? scope.organisationId : organisationId;
  await reply.code(403).view('ledger/statements/views/notYourPartner.njk', {
    pageTitle: 'You can only see your own organisation’s statements',
    reason: `Statements and contribution detail of ${l.nameOf(organisationId)} are for that partner and for the host partner, ${l.nameOf(l.fund.host_organisation_id)}. Your role records that you work for ${l.nameOf(own)}: you can see its statements and contributions, and the whole monitoring report.`,
    partnership: l.partnership,
    fund: l.fund,
    ownHref: `/partnerships/${l.partnership.id}/funds/${l.fund.id}/statements`,
  });
  return false;
}
