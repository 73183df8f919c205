/**
 * Who may do what: one declarative rule per action, asked with `authorize(principal, action, partnershipId)`.
 * Every route names its action, so that an "every route × every role" test can read this table.
 */
import type { FastifyRequest } from 'fastify';
import type { Role } from './roles.js';

/** A signed-in user with their roles per partnership; `null` is the public. */
export interface Principal {
  userId: number;
  name: string;
  email: string;
  isSystemAdmin: boolean;
  roles: ReadonlyMap<number, ReadonlySet<Role>>;
  /** The partner organisation the user works for, per partnership, where recorded. */
  organisations?: ReadonlyMap<number, number>;
}

const OFFICERS: readonly Role[] = [
  'administrator',
  'finance_officer',
  'commissioning_officer',
  'democratic_services_officer',
];
const EVERYONE_IN_PARTNERSHIP: readonly Role[] = [...OFFICERS, 'board_member', 'scrutiny_member'];

/**
 * Each action, and who may take it: `public` (anyone), `signed-in` (any user), `system-admin`, or the roles in
 * the partnership concerned. A system administrator may take every action.
 */
export const POLICY = {
  'public:view': 'public',
  'partnerships:list': 'signed-in',
  'partnership:create': 'system-admin',
  'partnership:view': EVERYONE_IN_PARTNERSHIP,
  'partnership:edit': ['administrator'],
  'agreement:edit': ['administrator', 'commissioning_officer', 'democratic_services_officer'],
  'document:view': EVERYONE_IN_PARTNERSHIP,
  'budget:edit': ['administrator', 'finance_officer'],
  'history:view': OFFICERS,
  // the pooled fund: everyone in the partnership reads the monitoring report; finance officers post to it
  'fund:view': EVERYONE_IN_PARTNERSHIP,
  'ledger:import': ['administrator', 'finance_officer'],
  // setting up a fund: finance officers, of the host partner for a pooled fund (checked by ledger/funds/fundAccess.ts)
  'fund:setup': ['administrator', 'finance_officer'],
  // risk-share policy and the year-end settlement: finance officers and administrators (DOMAIN.md §4)
  'ledger:settle': ['administrator', 'finance_officer'],
  // manual forecasts and publishing the monthly monitoring report to the board
  'forecast:edit': ['administrator', 'finance_officer'],
  'monitoring:publish': ['administrator', 'finance_officer'],
  'organisation:view': 'signed-in',
  'organisation:edit': 'partnership-administrator',
  'users:manage': 'system-admin',
  // the service catalogue and its legal eligibility: public law, readable by anyone
  'services:view': 'public',
  // option appraisals: commissioning officers run them; everyone in the partnership reads them
  'appraisal:view': EVERYONE_IN_PARTNERSHIP,
  'appraisal:edit': ['administrator', 'commissioning_officer'],
  // joint-board governance: everyone in the partnership reads boards and agendas; democratic services keep them
  'governance:view': EVERYONE_IN_PARTNERSHIP,
  'governance:edit': ['administrator', 'democratic_services_officer'],
  // the journal: finance officers and administrators post adjustments and reversals, and close periods
  'journal:post': ['administrator', 'finance_officer'],
  'period:close': ['administrator', 'finance_officer'],
  // call-in of a published decision: scrutiny members (and administrators) while the window is open (DOMAIN.md §5)
  'decision:call-in': ['administrator', 'scrutiny_member'],
  // one-off bank holidays declared by proclamation: data a system administrator extends (DOMAIN.md §5)
  'bank-holidays:manage': 'system-admin',
  // savings plans: everyone in the partnership reads them; commissioning and finance officers keep them (issue 6)
  'savings:view': EVERYONE_IN_PARTNERSHIP,
  'savings:edit': ['administrator', 'commissioning_officer', 'finance_officer'],
  // outcome measures: everyone in the partnership reads them; commissioning officers (and administrators) keep
  // the measures, values, targets and interventions (issue 6)
  'outcomes:view': EVERYONE_IN_PARTNERSHIP,
  'outcomes:edit': ['administrator', 'commissioning_officer'],
  // priorities, commissioning projects and the integrated commissioning unit (issue 6): everyone in the partnership
  // reads them; commissioning officers keep them, and finance officers also keep the unit's costs
  'priorities:view': EVERYONE_IN_PARTNERSHIP,
  'priorities:edit': ['administrator', 'commissioning_officer'],
  'projects:view': EVERYONE_IN_PARTNERSHIP,
  'projects:edit': ['administrator', 'commissioning_officer'],
  'unit:view': EVERYONE_IN_PARTNERSHIP,
  'unit:edit': ['administrator', 'commissioning_officer', 'finance_officer'],
  // procurements: everyone in the partnership reads them; bids and scores are commercially sensitive until a lot
  // is awarded, so only officers see them before then; commissioning officers run procurements (issue 6)
  'procurement:view': EVERYONE_IN_PARTNERSHIP,
  'procurement:bids': OFFICERS,
  'procurement:edit': ['administrator', 'commissioning_officer'],
  // the contracts register: everyone in the partnership reads it; commissioning and finance officers keep it
  'contracts:view': EVERYONE_IN_PARTNERSHIP,
  'contracts:edit': ['administrator', 'commissioning_officer', 'finance_officer'],
} as const satisfies Record<
  string,
  'public' | 'signed-in' | 'system-admin' | 'partnership-administrator' | readonly Role[]
>;
export type Action = keyof typeof POLICY;

/** True when `principal` may take `action` (in `partnershipId`, for partnership actions). */
export function authorize(principal: Principal | null, action: Action, partnershipId?: number): boolean {
  const rule = POLICY[action];
  if (rule === 'public') return true;
  if (principal === null) return false;
  if (principal.isSystemAdmin) return true;
  if (rule === 'signed-in') return true;
  if (rule === 'system-admin') return false;
  if (rule === 'partnership-administrator')
    return [...principal.roles.values()].some((r) => r.has('administrator'));
  if (partnershipId === undefined) return false;
  const held = principal.roles.get(partnershipId);
  return held !== undefined && rule.some((r) => held.has(r));
}

/** The partnerships whose internal pages a principal may see (all of them for a system administrator). */
export const visiblePartnershipIds = (p: Principal): number[] | 'all' =>
  p.isSystemAdmin ? 'all' : [...p.roles.keys()];

/** A function templates call as `can('budget:edit')` to show or hide actions in this partnership. */
export const canIn = (req: FastifyRequest, partnershipId?: number) => (action: Action) =>
  authorize(req.principal, action, partnershipId);
