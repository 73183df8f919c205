import { describe, expect, it } from 'vitest';
import { readBoardForm, readMembershipForm } from './schema.js';
import { readScheduleForm } from '../meetings/index.js';
import { readAgendaItemForm } from '../meetings/index.js';

const PARTNERS = [
  { id: 1, name: 'NHS Southampton City CCG', short_name: 'Southampton CCG' },
  { id: 2, name: 'Southampton City Council', short_name: null },
];
const board = {
  name: 'Joint Commissioning Board',
  kind: 'joint_commissioning_board',
  quorumTotal: '4',
  quorumPerPartner: '2',
};

describe('the board form', () => {
  it('reads a fixed schedule of turns, one a line, by partner name or short name', () => {
    const read = readBoardForm(
      {
        ...board,
        rotation: 'schedule',
        chairSchedule: '2019-05-01 Southampton CCG\r\n\r\n2018-05-01 southampton city council',
      },
      PARTNERS,
    );
    expect(read.ok && read.value.turns).toEqual([
      { organisationId: 2, startsOn: '2018-05-01' },
      { organisationId: 1, startsOn: '2019-05-01' },
    ]);
  });

  const problems: [string, Record<string, string>, Record<string, string>][] = [
    [
      'a turn naming someone who is not a partner',
      { rotation: 'schedule', chairSchedule: '2018-05-01 NHS England' },
      { chairSchedule: 'Line 1: “NHS England” is not one of the partners' },
    ],
    [
      'a turn without a date',
      { rotation: 'schedule', chairSchedule: 'from May Southampton CCG' },
      { chairSchedule: 'Line 1: start each line with a date like 2018-04-01, then the partner' },
    ],
    [
      'a rotation without its start',
      { rotation: 'municipal_year', firstChair: '1' },
      { rotationStartsOn: 'Enter the date the rotation starts' },
    ],
    [
      'a quorum from each partner above the total',
      { rotation: 'fixed', quorumPerPartner: '5' },
      { quorumPerPartner: 'The quorum from each partner cannot be more than the quorum in total' },
    ],
    [
      'a quorum that is not a whole number',
      { rotation: 'fixed', quorumTotal: 'four' },
      { quorumTotal: 'Enter the quorum in total as a whole number' },
    ],
  ];
  for (const [what, change, expected] of problems) {
    it(`names the field for ${what}`, () =>
      expect(readBoardForm({ ...board, ...change }, PARTNERS)).toEqual({ ok: false, problems: expected }));
  }
});

describe('the membership form', () => {
  it('reads named substitutes, one a line, with the post after the first comma', () => {
    const read = readMembershipForm({
      personName: 'Cabinet Member for Health',
      organisationId: '2',
      role: 'member',
      voting: 'no',
      'termFrom-day': '1',
      'termFrom-month': '4',
      'termFrom-year': '2018',
      substitutes: 'Cllr A. Deputy, Cabinet Member for Communities, deputy\n\nCllr B',
    });
    expect(read.ok && read.value).toMatchObject({
      voting: false,
      termFrom: '2018-04-01',
      termTo: null,
      substitutes: [
        { name: 'Cllr A. Deputy', postHeld: 'Cabinet Member for Communities, deputy' },
        { name: 'Cllr B', postHeld: '' },
      ],
    });
  });

  it('needs the start of the term', () => {
    const read = readMembershipForm({ personName: 'X', organisationId: '2', role: 'member', voting: 'yes' });
    expect(read).toEqual({ ok: false, problems: { termFrom: 'Enter the start of the term' } });
  });
});

describe('the schedule and agenda item forms', () => {
  it('reads the last Friday of each month at 9:30, padded to 09:30', () => {
    const read = readScheduleForm({
      fromMonth: '2018-04',
      months: '12',
      week: 'last',
      weekday: '5',
      startsAt: '9:30',
      venue: 'Civic Centre',
    });
    expect(read.ok && read.value).toEqual({
      pattern: { fromMonth: '2018-04', months: 12, weekday: 5, week: 'last' },
      place: { startsAt: '09:30', venue: 'Civic Centre', onlineLink: '' },
    });
  });

  it('wants a venue or an online link', () => {
    expect(
      readScheduleForm({ fromMonth: '2018-04', months: '1', week: '1', weekday: '1', startsAt: '14:00' }),
    ).toEqual({ ok: false, problems: { venue: 'Enter the venue, or an online link, or both' } });
  });

  it('reads spending in pounds and drops the exempt fields of an item that is not exempt', () => {
    const read = readAgendaItemForm({
      title: 'Plan',
      kind: 'decision',
      functions: 'all',
      organisationIds: ['1'],
      keyDecision: 'yes',
      keyTests: ['spend', 'wards'],
      spendPence: '£650,000',
      wardsAffected: '3',
      exempt: 'no',
      exemptParagraph: '3',
      publicInterestReason: 'x',
      titlePublished: '',
    });
    expect(read.ok && read.value).toMatchObject({
      organisationIds: [],
      keyTests: ['spend', 'wards'],
      spendPence: 65_000_000,
      wardsAffected: 3,
      exemptParagraph: null,
      publicInterestReason: '',
    });
  });
});
