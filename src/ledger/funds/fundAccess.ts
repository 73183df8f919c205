/**
 * Who may set up and change a fund. The host keeps a pooled fund's accounts and its financial regulations apply
 * (SI 2000/617 reg 7; DOMAIN.md §4), so a finance officer may set up and change a pooled fund only if they work
 * for its host partner; finance officers of the other partners read it. An aligned budget has no host: each
 * partner's finance officer may keep it. Administrators of the partnership and system administrators may do
 * either. Pure: the route asks it after the policy table has let the finance officer in.
 */
import type { Principal } from '../../auth/index.js';

export interface FundHost {
  kind: 'pooled' | 'aligned';
  hostOrganisationId: number | null;
}

export type FundAccess = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether `principal` may set up or change `fund` in `partnershipId`. `forOrganisationId` names the partner a
 * change concerns when it is that partner's own business (its import profile): its own finance officer may make it.
 */
export function fundSetupAccess(
  principal: Principal | null,
  partnershipId: number,
  fund: FundHost,
  hostName: string,
  forOrganisationId?: number,
): FundAccess {
  if (principal === null) return { allowed: false, reason: 'Sign in to set up funds.' };
  if (principal.isSystemAdmin) return { allowed: true };
  const roles = principal.roles.get(partnershipId);
  if (roles?.has('administrator')) return { allowed: true };
  if (!roles?.has('finance_officer'))
    return { allowed: false, reason: 'Only finance officers and administrators set up funds.' };
  if (fund.kind === 'aligned') return { allowed: true };
  const worksFor = principal.organisations?.get(partnershipId) ?? null;
  if (worksFor !== null && worksFor === fund.hostOrganisationId) return { allowed: true };
  if (worksFor !== null && forOrganisationId !== undefined && worksFor === forOrganisationId)
    return { allowed: true };
  return {
    allowed: false,
    reason:
      worksFor === null
        ? `Only finance officers of the host partner, ${hostName}, may set up and change this pooled fund, and your role records no organisation. Ask the partnership’s administrator to record the organisation you work for.`
        : `Only finance officers of the host partner, ${hostName}, may set up and change this pooled fund. You can read it, its monitoring report and your organisation’s contributions.`,
  };
}
