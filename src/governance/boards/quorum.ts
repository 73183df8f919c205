/**
 * Quorum and who may vote, item by item, at a board whose members come from two or more legal bodies
 * (DOMAIN.md §6 and §7). Pure functions: attendance and conduct in, verdicts with their reasons out.
 */

/** The quorum a board's terms of reference set: a minimum of voting members in all and from each partner. */
export interface QuorumRule {
  minimumTotal: number;
  minimumPerPartner: number;
}

/** A member of the board (or a named substitute standing in for one) as they sit at a meeting. */
export interface Seat {
  membershipId: number;
  name: string;
  organisationId: number;
  voting: boolean;
}

/**
 * How a member attended: in person, through a named substitute (who takes the member's seat, partner and vote),
 * or not at all.
 */
export type Presence =
  | { kind: 'present' }
  | { kind: 'substitute'; substituteName: string }
  | { kind: 'apologies' }
  | { kind: 'absent' };

export interface AttendanceLine {
  seat: Seat;
  presence: Presence;
}

/**
 * What a declared interest made the member do on one item (NHS conflicts guidance, 2024; Localism Act 2011 s31):
 * noted only, stayed but did not vote, or left the room. A dispensation lets them take part.
 */
export type ConflictAction = 'noted' | 'did-not-vote' | 'left-room' | 'dispensation';

/** The member (or their substitute) in the room for an item: seats that attended, less those who left for it. */
export function inTheRoom(
  attendance: readonly AttendanceLine[],
  conflicts: ReadonlyMap<number, ConflictAction> = new Map(),
): Seat[] {
  return attendance
    .filter((a) => a.presence.kind === 'present' || a.presence.kind === 'substitute')
    .filter((a) => conflicts.get(a.seat.membershipId) !== 'left-room')
    .map((a) =>
      a.presence.kind === 'substitute'
        ? { ...a.seat, name: `${a.presence.substituteName} (substitute for ${a.seat.name})` }
        : a.seat,
    );
}

export interface PartnerCount {
  organisationId: number;
  present: number;
  required: number;
  met: boolean;
}

export type QuorumVerdict = {
  quorate: boolean;
  total: { present: number; required: number; met: boolean };
  byPartner: PartnerCount[];
  /** Plain sentences saying what is short, empty when quorate. */
  shortfalls: string[];
};

/**
 * Whether the voting members in the room make a quorum: the total, and each partner's own count, since a joint
 * board is not quorate when one partner's members are missing however many the other sends (DOMAIN.md §7).
 */
export function evaluateQuorum(
  rule: QuorumRule,
  partnerIds: readonly number[],
  room: readonly Seat[],
  partnerName: (id: number) => string = (id) => `partner ${id}`,
): QuorumVerdict {
  const voting = room.filter((s) => s.voting);
  const byPartner = partnerIds.map((organisationId) => {
    const present = voting.filter((s) => s.organisationId === organisationId).length;
    return {
      organisationId,
      present,
      required: rule.minimumPerPartner,
      met: present >= rule.minimumPerPartner,
    };
  });
  const total = {
    present: voting.length,
    required: rule.minimumTotal,
    met: voting.length >= rule.minimumTotal,
  };
  const shortfalls: string[] = [];
  if (!total.met)
    shortfalls.push(
      `${total.present} voting member${total.present === 1 ? '' : 's'} present; ${total.required} needed in all`,
    );
  for (const p of byPartner)
    if (!p.met) shortfalls.push(`${p.present} from ${partnerName(p.organisationId)}; ${p.required} needed`);
  return { quorate: total.met && byPartner.every((p) => p.met), total, byPartner, shortfalls };
}

/** Whose functions an item concerns: the partners whose members decide it. */
export type ItemConcern =
  { kind: 'one'; organisationId: number } | { kind: 'several'; organisationIds: number[] } | { kind: 'all' };

/** The partners who decide an item: the one whose functions it concerns, the several named, or every partner. */
export function decidingPartners(concern: ItemConcern, partnerIds: readonly number[]): number[] {
  if (concern.kind === 'one') return [concern.organisationId];
  if (concern.kind === 'several') return partnerIds.filter((id) => concern.organisationIds.includes(id));
  return [...partnerIds];
}

/**
 * The members who may vote on an item: voting members in the room, from a deciding partner, and not kept from
 * voting by a conflict. On one partner's functions only that partner's members vote (DOMAIN.md §7).
 */
export function eligibleVoters(
  concern: ItemConcern,
  partnerIds: readonly number[],
  room: readonly Seat[],
  conflicts: ReadonlyMap<number, ConflictAction> = new Map(),
): Seat[] {
  const deciding = new Set(decidingPartners(concern, partnerIds));
  return room.filter((s) => {
    const conflict = conflicts.get(s.membershipId);
    return (
      s.voting && deciding.has(s.organisationId) && conflict !== 'did-not-vote' && conflict !== 'left-room'
    );
  });
}

export type Vote = 'for' | 'against' | 'abstain';

export interface PartnerResult {
  organisationId: number;
  for: number;
  against: number;
  abstain: number;
  carried: boolean;
}

export interface ItemResult {
  carried: boolean;
  byPartner: PartnerResult[];
  /** Votes cast by someone who may not vote on this item, refused rather than counted. */
  refused: number[];
  reason: string;
}

/**
 * The result of a vote. Each deciding partner's members must carry the motion by a majority of those voting (a
 * tie is lost); a joint item is a set of concurrent decisions, so it fails if any partner's members reject it
 * (Somerset: "take decisions at the same time through the new board").
 */
export function decideItem(
  concern: ItemConcern,
  partnerIds: readonly number[],
  voters: readonly Seat[],
  votes: ReadonlyMap<number, Vote>,
  partnerName: (id: number) => string = (id) => `partner ${id}`,
): ItemResult {
  const eligible = new Map(voters.map((s) => [s.membershipId, s]));
  const refused = [...votes.keys()].filter((id) => !eligible.has(id));
  const byPartner = decidingPartners(concern, partnerIds).map((organisationId) => {
    const cast = voters
      .filter((s) => s.organisationId === organisationId)
      .map((s) => votes.get(s.membershipId));
    const count = (v: Vote) => cast.filter((c) => c === v).length;
    const result = {
      organisationId,
      for: count('for'),
      against: count('against'),
      abstain: count('abstain'),
    };
    return { ...result, carried: result.for > result.against };
  });
  const lost = byPartner.filter((p) => !p.carried);
  const carried = byPartner.length > 0 && lost.length === 0;
  const reason = carried
    ? `Carried by ${byPartner.map((p) => `${partnerName(p.organisationId)} ${p.for}–${p.against}`).join(' and ')}`
    : `Not carried: ${lost.map((p) => `${partnerName(p.organisationId)} ${p.for}–${p.against}`).join(', ') || 'no deciding partner'}`;
  return { carried, byPartner, refused, reason };
}
