import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import {
  chairsForMeetings,
  municipalYearOf,
  type ChairCandidate,
  type ChairRotation,
  type MeetingForRotation,
} from './chairRotation.js';

const CCG = 1;
const COUNCIL = 2;
const d = isoDate;
const meeting = (id: number, meetsOn: string, cancelled = false): MeetingForRotation => ({
  id,
  meetsOn: d(meetsOn),
  startsAt: '14:00',
  cancelled,
});
const chair = (
  membershipId: number,
  organisationId: number,
  termFrom = '2018-01-01',
  termTo: string | null = null,
): ChairCandidate => ({
  membershipId,
  name: organisationId === CCG ? `CCG chair ${membershipId}` : `Council chair ${membershipId}`,
  organisationId,
  termFrom: d(termFrom),
  termTo: termTo === null ? null : d(termTo),
});
const CHAIRS = [chair(1, CCG), chair(2, COUNCIL)];
const MONTHLY = ['2018-04-12', '2018-05-10', '2018-06-14', '2018-07-12', '2018-08-09'].map((date, i) =>
  meeting(i + 1, date),
);
const partnersIn = (rotation: ChairRotation, meetings = MONTHLY, chairs = CHAIRS) =>
  chairsForMeetings(rotation, meetings, chairs).map((c) => c.organisationId);

describe('who chairs each meeting', () => {
  const table: [string, ChairRotation, (number | null)[]][] = [
    [
      'alternates meeting by meeting, the council first',
      { kind: 'each_meeting', order: [COUNCIL, CCG], startsOn: d('2018-04-01') },
      [COUNCIL, CCG, COUNCIL, CCG, COUNCIL],
    ],
    [
      'changes each municipal year (from May)',
      { kind: 'municipal_year', order: [CCG, COUNCIL], startsOn: d('2018-04-01'), yearStartMonth: 5 },
      [CCG, COUNCIL, COUNCIL, COUNCIL, COUNCIL],
    ],
    [
      'follows a fixed schedule of dated turns',
      {
        kind: 'schedule',
        turns: [
          { from: d('2018-04-01'), organisationId: CCG },
          { from: d('2018-07-01'), organisationId: COUNCIL },
        ],
      },
      [CCG, CCG, CCG, COUNCIL, COUNCIL],
    ],
  ];
  for (const [title, rotation, expected] of table) {
    it(title, () => expect(partnersIn(rotation)).toEqual(expected));
  }

  it('gives a cancelled meeting no chair and lets the next meeting take its turn', () => {
    const meetings = MONTHLY.map((m) => (m.id === 2 ? { ...m, cancelled: true } : m));
    const chairs = chairsForMeetings(
      { kind: 'each_meeting', order: [COUNCIL, CCG], startsOn: d('2018-04-01') },
      meetings,
      CHAIRS,
    );
    expect(chairs.map((c) => c.chair?.name ?? null)).toEqual([
      'Council chair 2',
      null,
      'CCG chair 1',
      'Council chair 2',
      'CCG chair 1',
    ]);
    expect(chairs[1]?.explanation).toBe('cancelled: takes no turn');
  });

  it('orders meetings by date whatever order they are given in', () => {
    const rotation: ChairRotation = {
      kind: 'each_meeting',
      order: [CCG, COUNCIL],
      startsOn: d('2018-04-01'),
    };
    const result = chairsForMeetings(rotation, [...MONTHLY].reverse(), CHAIRS);
    expect(result.map((c) => c.meetingId)).toEqual([1, 2, 3, 4, 5]);
    expect(result.map((c) => c.organisationId)).toEqual([CCG, COUNCIL, CCG, COUNCIL, CCG]);
  });

  it('says so when the partner whose turn it is has no chair serving on the day', () => {
    const chairs = [chair(1, CCG, '2018-01-01', '2018-05-31'), chair(2, COUNCIL)];
    const result = chairsForMeetings(
      { kind: 'schedule', turns: [{ from: d('2018-01-01'), organisationId: CCG }] },
      MONTHLY.slice(1, 3),
      chairs,
    );
    expect(result.map((c) => c.chair?.membershipId ?? null)).toEqual([1, null]);
    expect(result[1]?.explanation).toBe('the schedule’s turn from 2018-01-01; no chair serving on the day');
  });

  it('gives the board’s one chair every meeting when the chair does not rotate', () => {
    const result = chairsForMeetings({ kind: 'fixed' }, MONTHLY, [chair(2, COUNCIL)]);
    expect(new Set(result.map((c) => c.chair?.membershipId))).toEqual(new Set([2]));
  });

  it('names municipal years from May', () => {
    const cases: [IsoDate, number][] = [
      [d('2018-04-30'), 2017],
      [d('2018-05-01'), 2018],
      [d('2019-03-31'), 2018],
    ];
    for (const [date, year] of cases) expect(municipalYearOf(date)).toBe(year);
  });
});

describe('a rotation meeting by meeting (property)', () => {
  it('gives consecutive meetings that go ahead to different partners, whichever are cancelled', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 24 }), (cancelled) => {
        const meetings = cancelled.map((c, i) =>
          meeting(
            i + 1,
            `2018-${String((i % 12) + 1).padStart(2, '0')}-${String(Math.floor(i / 12) + 10)}`,
            c,
          ),
        );
        const held = chairsForMeetings(
          { kind: 'each_meeting', order: [COUNCIL, CCG], startsOn: d('2018-01-01') },
          meetings,
          CHAIRS,
        ).filter((c) => c.explanation !== 'cancelled: takes no turn');
        held.forEach((c, i) => expect(c.organisationId).toBe(i % 2 === 0 ? COUNCIL : CCG));
      }),
    );
  });
});
