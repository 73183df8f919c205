/**
 * Whose partner statements and contribution detail a user may read (issue 3, scope 8). The host keeps a pooled
 * fund's accounts and reports to every partner (SI 2000/617 reg 7; DOMAIN.md §4), so its finance officers see
 * every partner's statement. A finance officer of another partner sees their own organisation's statements and
 * contributions only, and the whole monitoring report. Everyone else in the partnership keeps what they saw
 * before: administrators, and board members, who oversee the pool as a whole and so read every partner's
 * statement beside the monitoring report; so do commissioning and democratic services officers and scrutiny
 * members. A finance officer whose role records no organisation is not narrowed (the fund set-up rule already
 * refuses them changes), nor is anyone on an aligned budget, which has no host. A user who holds another role in
 * the partnership besides finance officer keeps what that role sees. Pure: the routes ask it after the policy
 * table has let the user in.
 */
import type { Principal } from '../../auth/index.js';
import type { FundHost } from '../funds/index.js';

export type StatementScope = { kind: 'all' } | { kind: 'own'; organisationId: number };

export function statementScope(
  principal: Principal | null,
  partnershipId: number,
  fund: FundHost,
): StatementScope {
  if (principal === null || principal.isSystemAdmin) return { kind: 'all' };
  if (fund.kind !== 'pooled') return { kind: 'all' };
  const roles = principal.roles.get(partnershipId);
  if (!roles?.has('finance_officer') || roles.size !== 1) return { kind: 'all' };
  const worksFor = principal.organisations?.get(partnershipId) ?? null;
  if (worksFor === null || worksFor === fund.hostOrganisationId) return { kind: 'all' };
  return { kind: 'own', organisationId: worksFor };
}

/** Whether the scope lets its user read the statements and contribution detail of `organisationId`. */
export const mayReadPartner = (scope: StatementScope, organisationId: number): boolean =>
  scope.kind === 'all' || scope.organisationId === organisationId;
