import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decideItem,
  eligibleVoters,
  evaluateQuorum,
  inTheRoom,
  type AttendanceLine,
  type ConflictAction,
  type ItemConcern,
  type Presence,
  type Seat,
  type Vote,
} from './quorum.js';

// A board of three CCG members (organisation 1) and three cabinet members (organisation 2), as in Southampton's
// joint commissioning board, with a non-voting officer adviser from the council.
const CCG = 1;
const COUNCIL = 2;
const PARTNERS = [CCG, COUNCIL];
const name = (id: number) => (id === CCG ? 'the CCG' : 'the council');
const seat = (membershipId: number, organisationId: number, voting = true): Seat => ({
  membershipId,
  name: `Member ${membershipId}`,
  organisationId,
  voting,
});
const BOARD = [
  seat(11, CCG),
  seat(12, CCG),
  seat(13, CCG),
  seat(21, COUNCIL),
  seat(22, COUNCIL),
  seat(23, COUNCIL),
  seat(30, COUNCIL, false),
];
const RULE = { minimumTotal: 4, minimumPerPartner: 2 };

const here: Presence = { kind: 'present' };
const away: Presence = { kind: 'apologies' };
function attendance(present: number[], substitutes: Record<number, string> = {}): AttendanceLine[] {
  return BOARD.map((s) => ({
    seat: s,
    presence: substitutes[s.membershipId]
      ? { kind: 'substitute', substituteName: substitutes[s.membershipId]! }
      : present.includes(s.membershipId)
        ? here
        : away,
  }));
}

describe('quorum: a minimum in total and from each partner', () => {
  const cases: [
    string,
    number[],
    Record<number, string>,
    Record<number, ConflictAction>,
    boolean,
    string[],
  ][] = [
    ['all six voting members present', [11, 12, 13, 21, 22, 23], {}, {}, true, []],
    ['two from each partner make four', [11, 12, 21, 22], {}, {}, true, []],
    [
      'five present but only one from the council',
      [11, 12, 13, 21, 30],
      {},
      {},
      false,
      ['1 from the council; 2 needed'],
    ],
    [
      'the non-voting adviser does not count',
      [11, 12, 21, 30],
      {},
      {},
      false,
      ['3 voting members present; 4 needed in all', '1 from the council; 2 needed'],
    ],
    [
      'three present in all',
      [11, 21, 22],
      {},
      {},
      false,
      ['3 voting members present; 4 needed in all', '1 from the CCG; 2 needed'],
    ],
    [
      'a named substitute stands in for an absent CCG member',
      [11, 21, 22],
      { 12: 'Substitute S' },
      {},
      true,
      [],
    ],
    [
      'a member who left the room for a conflict does not count',
      [11, 12, 21, 22],
      {},
      { 22: 'left-room' },
      false,
      ['3 voting members present; 4 needed in all', '1 from the council; 2 needed'],
    ],
    [
      'a member who stayed but did not vote still counts',
      [11, 12, 21, 22],
      {},
      { 22: 'did-not-vote' },
      true,
      [],
    ],
  ];
  for (const [title, present, subs, conflicts, quorate, shortfalls] of cases) {
    it(`${quorate ? 'is quorate' : 'is not quorate'} when ${title}`, () => {
      const room = inTheRoom(
        attendance(present, subs),
        new Map(Object.entries(conflicts).map(([k, v]) => [Number(k), v])),
      );
      const verdict = evaluateQuorum(RULE, PARTNERS, room, name);
      expect(verdict.quorate).toBe(quorate);
      expect(verdict.shortfalls).toEqual(shortfalls);
    });
  }

  it('names the substitute in the seat of the member they stand in for', () => {
    const room = inTheRoom(attendance([11], { 12: 'Dr A. Deputy' }));
    expect(room.map((s) => s.name)).toEqual(['Member 11', 'Dr A. Deputy (substitute for Member 12)']);
    expect(room[1]).toMatchObject({ membershipId: 12, organisationId: CCG, voting: true });
  });
});

describe('who may vote on an item, and whether it is carried', () => {
  const everyone = inTheRoom(attendance([11, 12, 13, 21, 22, 23, 30]));
  const ids = (seats: Seat[]) => seats.map((s) => s.membershipId);

  it('lets only the council’s voting members vote on an item about the council’s functions', () => {
    const concern: ItemConcern = { kind: 'one', organisationId: COUNCIL };
    expect(ids(eligibleVoters(concern, PARTNERS, everyone))).toEqual([21, 22, 23]);
  });

  it('lets every voting member vote on a joint item, except one who did not vote for a conflict', () => {
    const voters = eligibleVoters({ kind: 'all' }, PARTNERS, everyone, new Map([[13, 'did-not-vote']]));
    expect(ids(voters)).toEqual([11, 12, 21, 22, 23]);
  });

  it('lets a member with a dispensation vote', () => {
    expect(
      ids(eligibleVoters({ kind: 'all' }, PARTNERS, everyone, new Map([[13, 'dispensation']]))),
    ).toContain(13);
  });

  const votes = (pairs: [number, Vote][]) => new Map(pairs);
  const table: [string, ItemConcern, [number, Vote][], boolean, string][] = [
    [
      'a joint item both partners carry',
      { kind: 'all' },
      [
        [11, 'for'],
        [12, 'for'],
        [13, 'against'],
        [21, 'for'],
        [22, 'for'],
        [23, 'for'],
      ],
      true,
      'Carried by the CCG 2–1 and the council 3–0',
    ],
    [
      'a joint item the council’s members reject, though six of the board’s votes are four to two for',
      { kind: 'all' },
      [
        [11, 'for'],
        [12, 'for'],
        [13, 'for'],
        [21, 'for'],
        [22, 'against'],
        [23, 'against'],
      ],
      false,
      'Not carried: the council 1–2',
    ],
    [
      'a joint item with a tie among the CCG’s members',
      { kind: 'all' },
      [
        [11, 'for'],
        [12, 'against'],
        [13, 'abstain'],
        [21, 'for'],
        [22, 'for'],
        [23, 'for'],
      ],
      false,
      'Not carried: the CCG 1–1',
    ],
    [
      'an item on the CCG’s functions, carried by its own members',
      { kind: 'one', organisationId: CCG },
      [
        [11, 'for'],
        [12, 'for'],
        [13, 'against'],
      ],
      true,
      'Carried by the CCG 2–1',
    ],
  ];
  for (const [title, concern, cast, carried, reason] of table) {
    it(`${carried ? 'carries' : 'does not carry'} ${title}`, () => {
      const voters = eligibleVoters(concern, PARTNERS, everyone);
      const result = decideItem(concern, PARTNERS, voters, votes(cast), name);
      expect(result.carried).toBe(carried);
      expect(result.reason).toBe(reason);
    });
  }

  it('refuses the votes of council members on an item about the CCG’s functions', () => {
    const concern: ItemConcern = { kind: 'one', organisationId: CCG };
    const result = decideItem(
      concern,
      PARTNERS,
      eligibleVoters(concern, PARTNERS, everyone),
      votes([
        [11, 'for'],
        [21, 'against'],
        [22, 'against'],
      ]),
      name,
    );
    expect(result).toMatchObject({ carried: true, refused: [21, 22] });
  });
});

describe('quorum and voting for any attendance (property)', () => {
  const line = fc.record({
    organisationId: fc.constantFrom(CCG, COUNCIL),
    voting: fc.boolean(),
    presence: fc.constantFrom<Presence['kind']>('present', 'substitute', 'apologies', 'absent'),
    conflict: fc.constantFrom<ConflictAction | 'none'>(
      'none',
      'noted',
      'did-not-vote',
      'left-room',
      'dispensation',
    ),
  });

  it('is quorate exactly when the voting members in the room meet the total and every partner’s minimum', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        (lines, total, each) => {
          const attendance: AttendanceLine[] = lines.map((l, i) => ({
            seat: seat(i + 1, l.organisationId, l.voting),
            presence:
              l.presence === 'substitute'
                ? { kind: 'substitute', substituteName: `S${i}` }
                : { kind: l.presence },
          }));
          const conflicts = new Map(
            lines.flatMap((l, i) => (l.conflict === 'none' ? [] : [[i + 1, l.conflict] as const])),
          );
          const counted = lines.filter(
            (l) =>
              l.voting &&
              (l.presence === 'present' || l.presence === 'substitute') &&
              l.conflict !== 'left-room',
          );
          const verdict = evaluateQuorum(
            { minimumTotal: total, minimumPerPartner: each },
            PARTNERS,
            inTheRoom(attendance, conflicts),
          );
          const perPartnerMet = PARTNERS.every(
            (p) => counted.filter((l) => l.organisationId === p).length >= each,
          );
          expect(verdict.quorate).toBe(counted.length >= total && perPartnerMet);
        },
      ),
    );
  });

  it('never carries a joint item that any partner’s members voted down', () => {
    const everyone = inTheRoom(attendance([11, 12, 13, 21, 22, 23]));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Vote>('for', 'against', 'abstain'), { minLength: 6, maxLength: 6 }),
        (cast) => {
          const votes = new Map(everyone.map((s, i) => [s.membershipId, cast[i]!]));
          const result = decideItem(
            { kind: 'all' },
            PARTNERS,
            eligibleVoters({ kind: 'all' }, PARTNERS, everyone),
            votes,
          );
          for (const p of result.byPartner) if (p.against >= p.for) expect(result.carried).toBe(false);
          expect(result.carried).toBe(result.byPartner.every((p) => p.for > p.against));
        },
      ),
    );
  });
});
