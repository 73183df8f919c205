import { describe, expect, it } from 'vitest';
import type { AttendanceLine, ConflictAction, ItemConcern, Presence, Vote } from '../boards/index.js';
import { concernOf, conflictsOf, itemOutcome, whyMayNotVote, type ItemContext } from './voteResult.js';

// Three CCG members (organisation 1) and three cabinet members (organisation 2), as on Southampton's joint
// commissioning board, and a non-voting adviser nominated by the council.
const CCG = 1;
const COUNCIL = 2;
const partnerName = (id: number) => (id === CCG ? 'the CCG' : 'the council');
const seats = [
  [11, CCG],
  [12, CCG],
  [13, CCG],
  [21, COUNCIL],
  [22, COUNCIL],
  [23, COUNCIL],
  [30, COUNCIL, false],
] as const;

function context(
  concern: ItemConcern,
  away: number[] = [],
  conflicts: Record<number, ConflictAction> = {},
  substitutes: Record<number, string> = {},
): ItemContext {
  const attendance: AttendanceLine[] = seats.map(([id, org, voting]) => {
    const presence: Presence = substitutes[id]
      ? { kind: 'substitute', substituteName: substitutes[id] }
      : away.includes(id)
        ? { kind: 'apologies' }
        : { kind: 'present' };
    return {
      seat: { membershipId: id, name: `Member ${id}`, organisationId: org, voting: voting ?? true },
      presence,
    };
  });
  return {
    rule: { minimumTotal: 4, minimumPerPartner: 2 },
    partnerIds: [CCG, COUNCIL],
    partnerName,
    concern,
    attendance,
    conflicts: new Map(Object.entries(conflicts).map(([k, v]) => [Number(k), v])),
  };
}

const votes = (v: Record<number, Vote>) => new Map(Object.entries(v).map(([k, x]) => [Number(k), x]));
const JOINT: ItemConcern = { kind: 'all' };
const CCG_ONLY: ItemConcern = { kind: 'one', organisationId: CCG };

describe('the result of an item, partner by partner', () => {
  const cases: {
    title: string;
    ctx: ItemContext;
    votes: Record<number, Vote>;
    carried: boolean;
    byPartner: [number, number, number][];
    refused: number[];
    reason: string;
  }[] = [
    {
      title: 'a joint item both partners carry',
      ctx: context(JOINT),
      votes: { 11: 'for', 12: 'for', 13: 'against', 21: 'for', 22: 'for', 23: 'abstain' },
      carried: true,
      byPartner: [
        [2, 1, 0],
        [2, 0, 1],
      ],
      refused: [],
      reason: 'Carried by the CCG 2–1 and the council 2–0',
    },
    {
      title: 'a joint item the council’s members reject, though the board as a whole is for it',
      ctx: context(JOINT),
      votes: { 11: 'for', 12: 'for', 13: 'for', 21: 'for', 22: 'against', 23: 'against' },
      carried: false,
      byPartner: [
        [3, 0, 0],
        [1, 2, 0],
      ],
      refused: [],
      reason: 'Not carried: the council 1–2',
    },
    {
      title: 'a tie within one partner loses the joint item',
      ctx: context(JOINT, [23]),
      votes: { 11: 'for', 12: 'for', 21: 'for', 22: 'against' },
      carried: false,
      byPartner: [
        [2, 0, 0],
        [1, 1, 0],
      ],
      refused: [],
      reason: 'Not carried: the council 1–1',
    },
    {
      title: 'an item on the CCG’s functions: only CCG members vote, council votes are refused',
      ctx: context(CCG_ONLY),
      votes: { 11: 'for', 12: 'against', 13: 'for', 21: 'against', 22: 'against' },
      carried: true,
      byPartner: [[2, 1, 0]],
      refused: [21, 22],
      reason: 'Carried by the CCG 2–1',
    },
    {
      title: 'a conflicted member who left the room: their vote is refused and the item is inquorate',
      ctx: context(JOINT, [12, 23], { 22: 'left-room' }),
      votes: { 11: 'for', 13: 'for', 21: 'for', 22: 'for' },
      carried: false,
      byPartner: [
        [2, 0, 0],
        [1, 0, 0],
      ],
      refused: [22],
      reason:
        'Not quorate for this item (3 voting members present; 4 needed in all; 1 from the council; 2 needed): no decision could be taken',
    },
    {
      title: 'a member who did not vote for a conflict still counts for quorum, but not in the vote',
      ctx: context(JOINT, [], { 13: 'did-not-vote' }),
      votes: { 11: 'for', 12: 'against', 13: 'for', 21: 'for', 22: 'for', 23: 'for' },
      carried: false,
      byPartner: [
        [1, 1, 0],
        [3, 0, 0],
      ],
      refused: [13],
      reason: 'Not carried: the CCG 1–1',
    },
    {
      title: 'a named substitute votes in the member’s seat',
      ctx: context(JOINT, [], {}, { 12: 'Deputy D' }),
      votes: { 11: 'for', 12: 'for', 13: 'against', 21: 'for', 22: 'for' },
      carried: true,
      byPartner: [
        [2, 1, 0],
        [2, 0, 0],
      ],
      refused: [],
      reason: 'Carried by the CCG 2–1 and the council 2–0',
    },
  ];
  for (const c of cases)
    it(`${c.carried ? 'carries' : 'does not carry'} ${c.title}`, () => {
      const outcome = itemOutcome(c.ctx, votes(c.votes));
      expect(outcome.carried).toBe(c.carried);
      expect(outcome.result.byPartner.map((p) => [p.for, p.against, p.abstain])).toEqual(c.byPartner);
      expect(outcome.refusals.map((r) => r.membershipId)).toEqual(c.refused);
      expect(outcome.reason).toBe(c.reason);
    });
});

describe('why a member may not vote', () => {
  const cases: [string, ItemContext, number, string | null][] = [
    ['a member present on a joint item', context(JOINT), 11, null],
    [
      'a member who sent apologies',
      context(JOINT, [11]),
      11,
      'Member 11 sent apologies and was not at the meeting',
    ],
    [
      'a member who left the room',
      context(JOINT, [], { 21: 'left-room' }),
      21,
      'Member 21 left the room for a declared interest',
    ],
    [
      'a member who did not vote',
      context(JOINT, [], { 21: 'did-not-vote' }),
      21,
      'Member 21 declared an interest and did not vote',
    ],
    ['a member with a dispensation', context(JOINT, [], { 21: 'dispensation' }), 21, null],
    ['the non-voting adviser', context(JOINT), 30, 'Member 30 holds a non-voting seat'],
    [
      'a council member on a CCG item',
      context(CCG_ONLY),
      22,
      'Member 22 sits for the council, and the item concerns the functions of the CCG only',
    ],
    [
      'someone not on the board',
      context(JOINT),
      99,
      'is not a member of the board on the day of the meeting',
    ],
  ];
  for (const [title, ctx, id, reason] of cases)
    it(title, () => {
      expect(whyMayNotVote(ctx, id)).toBe(reason);
    });

  it('agrees with quorum.ts on who may vote, whatever the attendance and conflicts', () => {
    const actions: (ConflictAction | undefined)[] = [
      undefined,
      'noted',
      'did-not-vote',
      'left-room',
      'dispensation',
    ];
    for (const concern of [JOINT, CCG_ONLY, { kind: 'one', organisationId: COUNCIL } as ItemConcern])
      for (let mask = 0; mask < 32; mask++) {
        const away = seats.map(([id]) => id).filter((_, i) => (mask >> (i % 5)) & 1);
        const conflicts: Record<number, ConflictAction> = {};
        seats.forEach(([id], i) => {
          const a = actions[(i + mask) % actions.length];
          if (a) conflicts[id] = a;
        });
        const ctx = context(concern, away, conflicts);
        const outcome = itemOutcome(ctx, new Map());
        const eligible = new Set(outcome.voters.map((s) => s.membershipId));
        for (const [id] of seats) expect(whyMayNotVote(ctx, id) === null).toBe(eligible.has(id));
      }
  });
});

describe('reading an item', () => {
  it('takes the strongest action when a member declares twice', () => {
    expect(
      conflictsOf([
        { membershipId: 1, action: 'noted' },
        { membershipId: 1, action: 'left-room' },
        { membershipId: 1, action: 'did-not-vote' },
        { membershipId: 2, action: 'dispensation' },
      ]),
    ).toEqual(
      new Map([
        [1, 'left-room'],
        [2, 'dispensation'],
      ]),
    );
  });
  it('reads whose functions an item concerns', () => {
    expect(concernOf({ functions: 'all', organisationIds: [] })).toEqual({ kind: 'all' });
    expect(concernOf({ functions: 'one', organisationIds: [7] })).toEqual({ kind: 'one', organisationId: 7 });
    expect(concernOf({ functions: 'several', organisationIds: [7, 8] })).toEqual({
      kind: 'several',
      organisationIds: [7, 8],
    });
  });
});
