/**
 * The structure of a bid: one provider; an alliance of two or more providers with no lead, whose shares of the
 * bid's value add up to exactly 100%; or a lead provider with named subcontractors, each with a share, the lead
 * holding what the subcontractors do not. Shares are whole basis points (10,000 = 100%). No I/O.
 */
import type { BidMemberRole, BidStructure } from './types.js';

export type { BidStructure, BidMemberRole } from './types.js';

export const WHOLE_SHARE_BP = 10_000;

export const BID_STRUCTURES: Record<BidStructure, { label: string; hint: string }> = {
  single: { label: 'A single provider', hint: 'One provider delivers the whole lot.' },
  alliance: {
    label: 'An alliance of providers',
    hint: 'Two or more providers bid together with no lead; their shares add up to 100%.',
  },
  lead_with_subcontractors: {
    label: 'A lead provider with named subcontractors',
    hint: 'The lead holds the contract; each subcontractor has a share and the lead holds the rest.',
  },
};

export const MEMBER_ROLES: Record<BidMemberRole, string> = {
  sole: 'Sole provider',
  member: 'Alliance member',
  lead: 'Lead provider',
  subcontractor: 'Subcontractor',
};

/** A provider named in a bid, as typed (shares only where the structure has them). */
export interface ProviderInput {
  name: string;
  companiesHouseNumber: string | null;
  charityNumber: string | null;
  shareBp: number | null;
}

export interface BidMember {
  role: BidMemberRole;
  name: string;
  companiesHouseNumber: string | null;
  charityNumber: string | null;
  shareBp: number;
}

/** Basis points as a percentage for people: 10000 → '100%', 3350 → '33.5%'. */
export function shareLabel(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

const validShare = (bp: number | null): bp is number =>
  bp !== null && Number.isInteger(bp) && bp > 0 && bp <= WHOLE_SHARE_BP;

/**
 * The members of a bid of the given structure, or the problems with it. `lead` is used by the lead provider
 * structure only; `providers` are the sole provider, the alliance members or the subcontractors.
 */
export function bidMembers(
  structure: BidStructure,
  lead: ProviderInput | null,
  providers: readonly ProviderInput[],
): { ok: true; members: BidMember[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const member = (role: BidMemberRole, p: ProviderInput, shareBp: number): BidMember => ({
    role,
    name: p.name.trim(),
    companiesHouseNumber: p.companiesHouseNumber,
    charityNumber: p.charityNumber,
    shareBp,
  });
  const names = [...(lead ? [lead] : []), ...providers].map((p) => p.name.trim().toLowerCase());
  const twice = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (twice) problems.push(`A provider is named twice: ${twice}`);

  if (structure === 'single') {
    const [only] = providers;
    if (providers.length !== 1 || !only) return { ok: false, problems: ['Name the one provider that bids'] };
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, members: [member('sole', only, WHOLE_SHARE_BP)] };
  }

  if (structure === 'alliance') {
    if (providers.length < 2) problems.push('An alliance needs at least two members');
    providers.forEach((p, i) => {
      if (!validShare(p.shareBp))
        problems.push(`Give ${p.name || `member ${i + 1}`}’s share as a percentage above 0 and up to 100`);
    });
    if (problems.length === 0) {
      const total = providers.reduce((a, p) => a + (p.shareBp ?? 0), 0);
      if (total !== WHOLE_SHARE_BP)
        problems.push(
          `The alliance members’ shares add up to ${shareLabel(total)}; they must add up to exactly 100%`,
        );
    }
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, members: providers.map((p) => member('member', p, p.shareBp ?? 0)) };
  }

  if (!lead || lead.name.trim() === '') problems.push('Name the lead provider');
  if (providers.length === 0) problems.push('Name at least one subcontractor, or choose a single provider');
  providers.forEach((p, i) => {
    if (!validShare(p.shareBp))
      problems.push(`Give ${p.name || `subcontractor ${i + 1}`}’s share as a percentage above 0`);
  });
  const subTotal = providers.reduce((a, p) => a + (p.shareBp ?? 0), 0);
  if (problems.length === 0 && subTotal >= WHOLE_SHARE_BP)
    problems.push(
      `The subcontractors’ shares add up to ${shareLabel(subTotal)}; they must add up to less than 100%, the lead provider holding the rest`,
    );
  if (problems.length > 0 || !lead) return { ok: false, problems };
  return {
    ok: true,
    members: [
      member('lead', lead, WHOLE_SHARE_BP - subTotal),
      ...providers.map((p) => member('subcontractor', p, p.shareBp ?? 0)),
    ],
  };
}
