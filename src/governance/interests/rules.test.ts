import { describe, expect, it } from 'vitest';
import { isoDate } from '../../kernel/dates.js';
import {
  INTEREST_CATEGORIES,
  isCurrentOn,
  likelyConflicts,
  normaliseName,
  publicInterests,
  regimeFor,
  validateInterest,
  type RegisteredInterest,
} from './rules.js';
import { giftAdvice, mustRegister, registrationLimit, type GiftOffer } from './giftRules.js';

const d = isoDate;

describe('the regime follows the nominating organisation', () => {
  it.each([
    ['local_authority', 'localism'],
    ['ccg', 'nhs'],
    ['icb', 'nhs'],
    ['nhs_trust', 'nhs'],
    ['nhs_england', 'nhs'],
    ['other', null],
  ] as const)('a member nominated by a %s is under %s', (kind, regime) => {
    expect(regimeFor(kind)).toBe(regime);
  });

  it('lists the seven disclosable pecuniary interests of SI 2012/1464 and the four NHS types', () => {
    expect(INTEREST_CATEGORIES.localism.filter((c) => c.key.startsWith('dpi_')).map((c) => c.label)).toEqual([
      'Employment, office, trade, profession or vocation',
      'Sponsorship',
      'Contracts',
      'Land',
      'Licences',
      'Corporate tenancies',
      'Securities',
    ]);
    expect(INTEREST_CATEGORIES.nhs.map((c) => c.key)).toEqual([
      'financial',
      'non_financial_professional',
      'non_financial_personal',
      'indirect',
    ]);
  });

  it('refuses a category of the other regime, and a member no register applies to', () => {
    const base = {
      membershipId: 1,
      category: 'financial',
      description: 'Director',
      counterparty: '',
      fromOn: d('2018-04-01'),
      toOn: null,
      sensitive: false,
    };
    expect(validateInterest(base, 'nhs')).toEqual({});
    expect(validateInterest(base, 'localism').category).toContain('Select a category of councillors’');
    expect(validateInterest(base, null).membershipId).toContain('neither a council nor an NHS body');
    expect(validateInterest({ ...base, toOn: d('2018-03-31') }, 'nhs').toOn).toContain('on or after');
  });
});

describe('matching provider names', () => {
  it.each([
    ['Solent NHS Trust', 'solent nhs trust', true],
    ['Solent NHS Trust', 'The Solent N.H.S. Trust', true],
    ['Solent NHS Trust', '  SOLENT   NHS   TRUST  ', true],
    ['St Mary’s Care Homes Limited', "St. Mary's Care Homes Ltd", true],
    ['Age UK Southampton', 'Age UK – Southampton', true],
    ['Brightcare & Co', 'Brightcare and Co', true],
    ['Café Réablement', 'Cafe Reablement', true],
    ['Solent NHS Trust', 'Southern Health NHS Foundation Trust', false],
    ['Solent NHS Trust', 'Solent NHS Trust Community', false],
  ])('“%s” against “%s”: match %s', (a, b, same) => {
    expect(normaliseName(a) === normaliseName(b)).toBe(same);
  });
});

describe('current interests', () => {
  it.each([
    ['2018-04-01', null, '2018-06-14', true],
    ['2018-07-01', null, '2018-06-14', false],
    ['2017-01-01', '2018-06-14', '2018-06-14', true],
    ['2017-01-01', '2018-06-13', '2018-06-14', false],
  ])('held from %s to %s is current on %s: %s', (from, to, on, current) => {
    expect(isCurrentOn({ fromOn: d(from), toOn: to === null ? null : d(to) }, d(on))).toBe(current);
  });
});

const interest = (over: Partial<RegisteredInterest>): RegisteredInterest => ({
  id: 1,
  membershipId: 10,
  regime: 'nhs',
  category: 'financial',
  description: 'Non-executive director',
  counterparty: 'Solent NHS Trust',
  fromOn: d('2017-01-01'),
  toOn: null,
  sensitive: false,
  status: 'reviewed',
  ...over,
});

describe('likely conflicts', () => {
  const members = [
    { membershipId: 10, name: 'CCG lay member', termFrom: d('2018-04-01'), termTo: null },
    { membershipId: 20, name: 'Cabinet Member for Finance', termFrom: d('2018-04-01'), termTo: null },
    { membershipId: 30, name: 'Former member', termFrom: d('2017-04-01'), termTo: d('2018-03-31') },
  ];
  const items = [
    { itemId: 100, number: 4, title: 'Community services contract', providers: ['solent nhs trust'] },
    { itemId: 101, number: 3, title: 'Care homes', providers: ['Brightcare Ltd', 'Solent NHS Trust'] },
    { itemId: 102, number: 5, title: 'Minutes', providers: [] },
  ];
  const on = d('2018-06-14');

  it('flags each item naming a provider in which a serving member holds a current interest', () => {
    const flags = likelyConflicts(items, members, [interest({})], on);
    expect(flags.map((f) => [f.itemNumber, f.memberName, f.provider, f.categoryLabel])).toEqual([
      [3, 'CCG lay member', 'Solent NHS Trust', 'Financial interest'],
      [4, 'CCG lay member', 'solent nhs trust', 'Financial interest'],
    ]);
  });

  it.each([
    ['an interest that ended before the meeting', interest({ toOn: d('2018-05-31') }), 0],
    ['an interest that begins after the meeting', interest({ fromOn: d('2018-07-01') }), 0],
    ['an interest naming no organisation', interest({ counterparty: '' }), 0],
    ['an interest in another provider', interest({ counterparty: 'Southern Health' }), 0],
    ['a member whose term has ended', interest({ membershipId: 30 }), 0],
    ['a draft entry, flagged as awaiting review', interest({ status: 'draft' }), 2],
    [
      'a councillor’s contract, flagged as a DPI',
      interest({
        membershipId: 20,
        regime: 'localism',
        category: 'dpi_contracts',
        counterparty: 'Brightcare Limited',
      }),
      1,
    ],
  ])('%s', (_what, i, count) => {
    const flags = likelyConflicts(items, members, [i], on);
    expect(flags).toHaveLength(count);
    if (i.status === 'draft') expect(flags.every((f) => !f.reviewed)).toBe(true);
    if (i.regime === 'localism') expect(flags[0]?.disclosablePecuniary).toBe(true);
  });
});

describe('the public register', () => {
  const today = d('2018-06-14');
  it('shows reviewed current entries, withholds a sensitive one’s details, and leaves out drafts and ended ones', () => {
    const shown = publicInterests(
      [
        interest({ id: 1 }),
        interest({ id: 2, sensitive: true, description: 'Home address', counterparty: 'Secret Ltd' }),
        interest({ id: 3, status: 'draft', description: 'Draft entry' }),
        interest({ id: 4, toOn: d('2018-01-01'), description: 'Ended entry' }),
      ],
      today,
    );
    expect(shown).toEqual([
      {
        kind: 'shown',
        membershipId: 10,
        categoryLabel: 'Financial interest',
        disclosablePecuniary: false,
        description: 'Non-executive director',
        counterparty: 'Solent NHS Trust',
        fromOn: '2017-01-01',
        toOn: null,
      },
      { kind: 'withheld', membershipId: 10 },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/Home address|Secret Ltd|Draft entry|Ended entry/);
  });
});

describe('gifts and hospitality', () => {
  const offer = (over: Partial<GiftOffer>): GiftOffer => ({
    regime: 'nhs',
    kind: 'gift',
    source: 'supplier',
    valuePence: 0,
    accepted: false,
    ...over,
  });
  it.each([
    ['a councillor’s gift of £49.99', offer({ regime: 'localism', valuePence: 49_99 }), false],
    ['a councillor’s gift of £50, refused', offer({ regime: 'localism', valuePence: 50_00 }), true],
    [
      'a councillor’s hospitality of £50',
      offer({ regime: 'localism', kind: 'hospitality', valuePence: 50_00 }),
      true,
    ],
    ['a supplier’s pen worth £5.99', offer({ valuePence: 5_99 }), false],
    ['a supplier’s gift of £6', offer({ valuePence: 6_00 }), true],
    ['a patient’s gift of £50', offer({ source: 'patient', valuePence: 50_00 }), false],
    ['a patient’s gift of £50.01', offer({ source: 'patient', valuePence: 50_01 }), true],
    ['hospitality of £25', offer({ kind: 'hospitality', valuePence: 25_00 }), false],
    ['hospitality of £25.01', offer({ kind: 'hospitality', valuePence: 25_01 }), true],
  ])('%s must be registered: %s', (_what, g, must) => {
    expect(mustRegister(g)).toBe(must);
  });

  it('says why, citing its source', () => {
    expect(registrationLimit('localism', 'gift', 'other')).toMatchObject({ words: 'at least £50' });
    expect(registrationLimit('nhs', 'hospitality', 'supplier').source).toContain(
      'Managing conflicts of interest',
    );
  });

  it('advises declining a supplier’s gift of £6 or more that was accepted', () => {
    expect(giftAdvice(offer({ valuePence: 20_00, accepted: true }))).toContain('should be declined');
    expect(giftAdvice(offer({ valuePence: 20_00, accepted: false }))).toBeNull();
    expect(giftAdvice(offer({ regime: 'localism', valuePence: 20_00, accepted: true }))).toBeNull();
  });
});
