import { describe, expect, it } from 'vitest';
import { STRATEGIES } from './priorities.js';
import { readPriorityForm } from './schema.js';

const partners = new Set([1, 2]);

describe('strategies', () => {
  it('lists the local strategies and national frameworks a priority can serve', () => {
    expect(Object.values(STRATEGIES).map((s) => s.label)).toEqual([
      'Joint health and wellbeing strategy',
      'Joint strategic needs assessment (JSNA)',
      'Better Care Fund plan',
      'Local plan (council or NHS commissioner)',
      'NHS Outcomes Framework',
      'Adult Social Care Outcomes Framework (ASCOF)',
      'Public Health Outcomes Framework (PHOF)',
    ]);
  });
});

describe('the priority form', () => {
  it('reads a priority with its strategies, owner and dates', () => {
    const r = readPriorityForm(
      {
        title: 'Prevention and early intervention',
        strategies: ['hwb_strategy', 'phof'],
        ownerName: 'Director of Quality and Integration',
        ownerOrganisationId: '2',
        status: 'active',
        'startsOn-day': '1',
        'startsOn-month': '4',
        'startsOn-year': '2014',
        'reviewOn-day': '31',
        'reviewOn-month': '3',
        'reviewOn-year': '2017',
        measures: '7',
      },
      partners,
      new Set([7]),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        title: 'Prevention and early intervention',
        description: '',
        strategies: ['hwb_strategy', 'phof'],
        ownerName: 'Director of Quality and Integration',
        ownerOrganisationId: 2,
        startsOn: '2014-04-01',
        reviewOn: '2017-03-31',
        status: 'active',
        measureIds: [7],
      },
    });
  });
  it('needs a title, a strategy, an owner and a status, and a review not before the start', () => {
    const r = readPriorityForm(
      {
        title: '',
        strategies: 'made_up',
        status: 'sleeping',
        'startsOn-day': '1',
        'startsOn-month': '4',
        'startsOn-year': '2015',
        'reviewOn-day': '1',
        'reviewOn-month': '4',
        'reviewOn-year': '2014',
      },
      partners,
    );
    expect(r).toEqual({
      ok: false,
      problems: {
        title: 'Enter the priority',
        strategies: 'Select strategies from the list',
        ownerName: 'Enter who owns the priority, or select their organisation',
        status: 'Select the status of the priority',
        reviewOn: 'The review date must be on or after the start date',
      },
    });
  });
  it('refuses an organisation that is not a partner', () => {
    const r = readPriorityForm(
      { title: 'T', strategies: 'jsna', ownerOrganisationId: '9', status: 'active' },
      partners,
    );
    expect(r.ok || r.problems).toEqual({ ownerOrganisationId: 'Select a partner of this partnership' });
  });
});
