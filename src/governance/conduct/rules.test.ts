import { describe, expect, it } from 'vitest';
import { isoDate as d } from '../../kernel/dates.js';
import {
  attendanceRefusal,
  attendanceStatistics,
  minuteSkeleton,
  readAttendance,
  type StatsMeeting,
} from './rules.js';

describe('attendance statistics for a year, April to March', () => {
  const members = [
    { id: 1, name: 'Cabinet member', organisationId: 2, termFrom: d('2018-04-01'), termTo: null },
    { id: 2, name: 'Lay member', organisationId: 1, termFrom: d('2018-04-01'), termTo: d('2018-06-30') },
    { id: 3, name: 'Later member', organisationId: 1, termFrom: d('2019-05-01'), termTo: null },
  ];
  const meetings: StatsMeeting[] = [
    { id: 10, meetsOn: d('2018-03-08'), status: 'held' }, // the year before
    { id: 11, meetsOn: d('2018-04-12'), status: 'held' },
    { id: 12, meetsOn: d('2018-05-10'), status: 'held' },
    { id: 13, meetsOn: d('2018-06-14'), status: 'cancelled' },
    { id: 14, meetsOn: d('2018-07-12'), status: 'held' },
    { id: 15, meetsOn: d('2019-03-14'), status: 'held' },
    { id: 16, meetsOn: d('2019-04-11'), status: 'agenda_published' }, // not held: next year anyway
  ];
  const attendance = [
    { meetingId: 10, membershipId: 1, presence: 'absent' as const },
    { meetingId: 11, membershipId: 1, presence: 'present' as const },
    { meetingId: 12, membershipId: 1, presence: 'substitute' as const },
    { meetingId: 14, membershipId: 1, presence: 'apologies' as const },
    { meetingId: 15, membershipId: 1, presence: 'present' as const },
    { meetingId: 11, membershipId: 2, presence: 'present' as const },
    { meetingId: 12, membershipId: 2, presence: 'absent' as const },
  ];
  it('counts the held meetings of the year, leaving out cancelled ones and those outside a member’s term', () => {
    const stats = attendanceStatistics(2018, members, meetings, attendance);
    expect(
      stats.map((s) => [s.name, s.expected, s.attended, s.substitute, s.apologies, s.absent, s.percentage]),
    ).toEqual([
      ['Cabinet member', 4, 2, 1, 1, 0, 50],
      ['Lay member', 2, 1, 0, 0, 1, 50],
    ]);
  });
  it('says so when nothing was expected of a member', () => {
    const stats = attendanceStatistics(2019, members, meetings, attendance);
    expect(stats.map((s) => [s.name, s.expected, s.percentage])).toEqual([
      ['Cabinet member', 0, null],
      ['Later member', 0, null],
    ]);
  });
  it('counts a held meeting with no attendance line as not recorded', () => {
    const [first] = attendanceStatistics(2018, members.slice(0, 1), meetings, []);
    expect([first?.expected, first?.notRecorded, first?.percentage]).toEqual([4, 4, 0]);
  });
});

describe('the attendance form', () => {
  const members = [
    { id: 1, person_name: 'Chair A', substitutes: [{ name: 'Deputy A' }] },
    { id: 2, person_name: 'Member B', substitutes: [] },
  ];
  it('reads a substitute by position among the named substitutes', () => {
    expect(readAttendance(members, { 'presence-1': 'substitute-0', 'presence-2': 'apologies' })).toEqual({
      ok: true,
      value: [
        { membershipId: 1, presence: 'substitute', substituteName: 'Deputy A' },
        { membershipId: 2, presence: 'apologies', substituteName: '' },
      ],
    });
  });
  it('names each member left without an answer, and refuses a substitute not named', () => {
    expect(readAttendance(members, { 'presence-2': 'substitute-0' })).toEqual({
      ok: false,
      problems: {
        'presence-1': 'Select whether Chair A was present, sent apologies, was absent or sent a substitute',
        'presence-2': 'Select one of Member B’s named substitutes',
      },
    });
  });
});

describe('the skeleton of a minute', () => {
  it('sets out declarations, the motion, the votes, the result and the decision', () => {
    expect(
      minuteSkeleton({
        kind: 'decision',
        declarations: [
          { who: 'Member A', interest: 'Director of Acme Care', action: 'left-room', dispensation: '' },
        ],
        motion: { text: 'To award the contract.', mover: 'Chair A', seconder: 'Chair B' },
        votes: [
          { who: 'Chair A', vote: 'for' },
          { who: 'Chair B', vote: 'for' },
          { who: 'Member B', vote: 'abstain' },
        ],
        outcome: 'Carried by the council 1–0 and the CCG 1–0',
        quorumShortfall: null,
        decision: 'To award the contract to Brightcare.',
      }),
    ).toBe(
      [
        'Member A declared an interest: Director of Acme Care. They left the room while the item was considered.',
        'Motion: To award the contract. Moved by Chair A, seconded by Chair B.',
        'Recorded votes. For: Chair A, Chair B. Against: none. Abstained: Member B.',
        'Carried by the council 1–0 and the CCG 1–0.',
        'RESOLVED: To award the contract to Brightcare.',
      ].join('\n\n'),
    );
  });
});

describe('when attendance may be recorded', () => {
  const long = (x: string) => x;
  const cases: [string, { meetsOn: ReturnType<typeof d>; status: StatsMeeting['status'] }, string | null][] =
    [
      [
        'a past meeting whose agenda was published',
        { meetsOn: d('2026-10-08'), status: 'agenda_published' },
        null,
      ],
      ['a meeting already held (a correction)', { meetsOn: d('2026-10-08'), status: 'held' }, null],
      ['a meeting on its own day', { meetsOn: d('2026-11-23'), status: 'agenda_published' }, null],
      [
        'a meeting still to come',
        { meetsOn: d('2026-12-10'), status: 'agenda_published' },
        'Attendance can be recorded from the day of the meeting, 2026-12-10',
      ],
      [
        'a meeting whose agenda was never published',
        { meetsOn: d('2026-10-08'), status: 'scheduled' },
        'The agenda of this meeting was never published, so it cannot have been held: publish the agenda first',
      ],
      [
        'a cancelled meeting',
        { meetsOn: d('2026-10-08'), status: 'cancelled' },
        'The meeting was cancelled, so no attendance can be recorded',
      ],
    ];
  for (const [title, meeting, refusal] of cases)
    it(`${refusal ? 'refuses' : 'allows'} ${title}`, () => {
      expect(attendanceRefusal(meeting, d('2026-11-23'), long)).toBe(refusal);
    });
});
