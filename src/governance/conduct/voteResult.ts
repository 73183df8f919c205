/**
 * The outcome of one agenda item at a meeting: who is in the room, whether that makes a quorum, who may vote, which
 * recorded votes are refused (and why), and the result per deciding partner (DOMAIN.md §6 and §7). Pure: the
 * attendance, the declarations and the votes in, the verdict out. The rules themselves are quorum.ts's; this
 * module only assembles them for an item and gives each refusal its reason.
 */
import {
  decideItem,
  decidingPartners,
  eligibleVoters,
  evaluateQuorum,
  inTheRoom,
  type AttendanceLine,
  type ConflictAction,
  type ItemConcern,
  type ItemResult,
  type QuorumRule,
  type QuorumVerdict,
  type Seat,
  type Vote,
} from '../boards/index.js';

/** Whose functions an item concerns, from the agenda item's columns. */
export function concernOf(item: {
  functions: 'one' | 'several' | 'all';
  organisationIds: number[];
}): ItemConcern {
  if (item.functions === 'all') return { kind: 'all' };
  if (item.functions === 'one') return { kind: 'one', organisationId: item.organisationIds[0] ?? 0 };
  return { kind: 'several', organisationIds: item.organisationIds };
}

/** How much a declared action keeps a member out of the item: leaving the room most, a dispensation least. */
const WEIGHT: Record<ConflictAction, number> = {
  dispensation: 0,
  noted: 1,
  'did-not-vote': 2,
  'left-room': 3,
};

/** The action that governs each seat on an item when a member declared more than one interest: the strongest. */
export function conflictsOf(
  declarations: readonly { membershipId: number; action: ConflictAction }[],
): Map<number, ConflictAction> {
  const conflicts = new Map<number, ConflictAction>();
  for (const d of declarations) {
    const before = conflicts.get(d.membershipId);
    if (before === undefined || WEIGHT[d.action] > WEIGHT[before]) conflicts.set(d.membershipId, d.action);
  }
  return conflicts;
}

/** The name of whoever sits in a seat: the member, or their named substitute. */
export const sitterName = (line: AttendanceLine): string =>
  line.presence.kind === 'substitute'
    ? `${line.presence.substituteName} (substitute for ${line.seat.name})`
    : line.seat.name;

export interface ItemContext {
  rule: QuorumRule;
  partnerIds: readonly number[];
  partnerName: (id: number) => string;
  concern: ItemConcern;
  attendance: readonly AttendanceLine[];
  conflicts: ReadonlyMap<number, ConflictAction>;
}

/** Why the member in a seat may not vote on the item, or null when they may (agrees with `eligibleVoters`). */
export function whyMayNotVote(ctx: ItemContext, membershipId: number): string | null {
  const line = ctx.attendance.find((a) => a.seat.membershipId === membershipId);
  if (!line) return 'is not a member of the board on the day of the meeting';
  const who = sitterName(line);
  const conflict = ctx.conflicts.get(membershipId);
  if (line.presence.kind === 'apologies') return `${who} sent apologies and was not at the meeting`;
  if (line.presence.kind === 'absent') return `${who} was absent`;
  if (conflict === 'left-room') return `${who} left the room for a declared interest`;
  if (!line.seat.voting) return `${who} holds a non-voting seat`;
  if (conflict === 'did-not-vote') return `${who} declared an interest and did not vote`;
  const deciding = decidingPartners(ctx.concern, ctx.partnerIds);
  if (!deciding.includes(line.seat.organisationId))
    return `${who} sits for ${ctx.partnerName(line.seat.organisationId)}, and the item concerns the functions of ${deciding.map(ctx.partnerName).join(' and ')} only`;
  return null;
}

export interface Refusal {
  membershipId: number;
  vote: Vote;
  reason: string;
}

export interface ItemOutcome {
  room: Seat[];
  quorum: QuorumVerdict;
  voters: Seat[];
  refusals: Refusal[];
  /** The count per deciding partner over the votes that may be counted. */
  result: ItemResult;
  /** Carried only when the item was quorate and every deciding partner's members carried it. */
  carried: boolean;
  reason: string;
}

/** Quorum, eligibility and the result of an item, refusing (with reasons) votes that may not be counted. */
export function itemOutcome(ctx: ItemContext, votes: ReadonlyMap<number, Vote>): ItemOutcome {
  const room = inTheRoom(ctx.attendance, ctx.conflicts);
  const quorum = evaluateQuorum(ctx.rule, ctx.partnerIds, room, ctx.partnerName);
  const voters = eligibleVoters(ctx.concern, ctx.partnerIds, room, ctx.conflicts);
  const refusals: Refusal[] = [];
  const counted = new Map<number, Vote>();
  for (const [membershipId, vote] of votes) {
    const reason = whyMayNotVote(ctx, membershipId);
    if (reason === null) counted.set(membershipId, vote);
    else refusals.push({ membershipId, vote, reason });
  }
  const result = decideItem(ctx.concern, ctx.partnerIds, voters, counted, ctx.partnerName);
  const carried = quorum.quorate && result.carried;
  const reason = quorum.quorate
    ? result.reason
    : `Not quorate for this item (${quorum.shortfalls.join('; ')}): no decision could be taken`;
  return { room, quorum, voters, refusals, result, carried, reason };
}
