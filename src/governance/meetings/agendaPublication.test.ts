import { describe, expect, it } from 'vitest';
import { isoDate } from '../../kernel/dates.js';
import { agendaDeadline, checkAgendaPublication, type PublicationRequest } from './agendaPublication.js';

const d = isoDate;
const request = (over: Partial<PublicationRequest>): PublicationRequest => ({
  meetsOn: d('2018-04-12'),
  status: 'scheduled',
  publishOn: d('2018-04-04'),
  urgency: null,
  items: [{ number: 1, urgencyReason: null }],
  ...over,
});

describe('the agenda deadline: 5 clear working days before the meeting (SI 2012/2089 reg 6)', () => {
  it('is Wed 4 Apr 2018 for a meeting on Thu 12 Apr 2018, with the days counted', () => {
    expect(agendaDeadline(d('2018-04-12'))).toMatchObject({
      date: '2018-04-04',
      explanation:
        'publish by Wed 4 Apr 2018; 5 clear working days: 5, 6, 9, 10, 11 Apr; meeting Thu 12 Apr 2018',
    });
  });

  it('passes over Good Friday and Easter Monday', () => {
    expect(agendaDeadline(d('2018-04-05'))).toMatchObject({
      date: '2018-03-26',
      explanation:
        'publish by Mon 26 Mar 2018; 5 clear working days: 27, 28, 29 Mar, 3, 4 Apr; bank holidays not counted: ' +
        'Fri 30 Mar 2018 (Good Friday), Mon 2 Apr 2018 (Easter Monday); meeting Thu 5 Apr 2018',
    });
  });
});

describe('publishing an agenda', () => {
  it('allows publication on the deadline day', () => {
    expect(checkAgendaPublication(request({}))).toMatchObject({ ok: true, value: { late: false } });
  });

  it('refuses publication a day late without a reason of urgency from the chair', () => {
    const result = checkAgendaPublication(request({ publishOn: d('2018-04-05') }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.urgencyReason).toMatch(
        /^The deadline was Wed 4 Apr 2018 \(publish by Wed 4 Apr 2018;/,
      );
      expect(result.error.urgencyAgreedBy).toBe(
        'Enter the name of the chair who agreed that the agenda is urgent',
      );
    }
  });

  it('allows late publication with the chair’s recorded reason of urgency', () => {
    const urgency = {
      reason: 'The contract must be awarded before the provider’s notice expires',
      agreedBy: 'Cllr Chair',
    };
    expect(checkAgendaPublication(request({ publishOn: d('2018-04-05'), urgency }))).toMatchObject({
      ok: true,
      value: { late: true },
    });
  });

  it('allows late publication when every item carries its own reason of urgency', () => {
    const items = [{ number: 1, urgencyReason: 'Grant conditions arrived on 3 April' }];
    expect(checkAgendaPublication(request({ publishOn: d('2018-04-06'), items })).ok).toBe(true);
  });

  it('still refuses when only some of the items carry a reason', () => {
    const items = [
      { number: 1, urgencyReason: 'Urgent' },
      { number: 2, urgencyReason: null },
    ];
    expect(checkAgendaPublication(request({ publishOn: d('2018-04-06'), items })).ok).toBe(false);
  });

  const refusals: [string, Partial<PublicationRequest>, string][] = [
    ['an agenda with no items', { items: [] }, 'Add at least one item before publishing the agenda'],
    [
      'a cancelled meeting',
      { status: 'cancelled' },
      'The agenda cannot be published: the meeting is cancelled',
    ],
    [
      'an agenda already published',
      { status: 'agenda_published' },
      'The agenda cannot be published: the meeting is agenda published',
    ],
    [
      'a meeting that has taken place',
      { publishOn: d('2018-04-13') },
      'The meeting on Thu 12 Apr 2018 has already taken place',
    ],
  ];
  for (const [what, over, message] of refusals) {
    it(`refuses ${what}`, () => {
      expect(checkAgendaPublication(request(over))).toEqual({ ok: false, error: { form: message } });
    });
  }
});
