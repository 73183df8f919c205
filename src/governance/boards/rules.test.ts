import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import {
  BOARD_KINDS,
  chairProblems,
  publicAgendaItem,
  validateAgendaItem,
  validateMembership,
  type AgendaItemInput,
  type MembershipInput,
} from './rules.js';

const CCG = 1;
const COUNCIL = 2;
const PARTNERS = new Set([CCG, COUNCIL]);
const d = isoDate;

describe('board kinds', () => {
  it('gives every kind its legal basis', () => {
    expect(Object.keys(BOARD_KINDS)).toHaveLength(8);
    for (const kind of Object.values(BOARD_KINDS)) expect(kind.legalBasis.length).toBeGreaterThan(20);
  });

  it('says a health and wellbeing board cannot exercise executive powers, as Southampton found in 2017', () => {
    expect(BOARD_KINDS.health_and_wellbeing_board.legalBasis).toContain('cannot exercise executive powers');
  });
});

describe('memberships', () => {
  const member: MembershipInput = {
    personName: 'Cabinet Member for Health and Adult Social Care',
    organisationId: COUNCIL,
    postHeld: 'Cabinet Member for Health and Adult Social Care',
    role: 'member',
    voting: true,
    termFrom: d('2018-04-01'),
    termTo: null,
    nominatedBy: 'Leader of the Council',
    substitutes: [],
  };
  const table: [string, Partial<MembershipInput>, Record<string, string>][] = [
    ['a member nominated by a partner', {}, {}],
    [
      'a member nominated by a body outside the partnership',
      { organisationId: 9 },
      { organisationId: 'Select the partner organisation that nominated this member' },
    ],
    [
      'a term that ends before it starts',
      { termTo: d('2018-03-31') },
      { termTo: 'The end of the term must be the same as or after its start' },
    ],
    [
      'a member named as their own substitute',
      { substitutes: [{ name: member.personName, postHeld: '' }] },
      { substitutes: 'A member cannot be their own substitute' },
    ],
  ];
  for (const [what, change, problems] of table) {
    it(`checks ${what}`, () =>
      expect(validateMembership({ ...member, ...change }, PARTNERS)).toEqual(problems));
  }

  const chairs = [
    { id: 1, role: 'chair' as const, organisationId: CCG, termFrom: d('2018-04-01'), termTo: null },
  ];
  it('allows one chair per partner when the chair rotates', () => {
    expect(
      chairProblems(
        chairs,
        { role: 'chair', organisationId: COUNCIL, termFrom: d('2018-04-01'), termTo: null },
        true,
      ),
    ).toBeNull();
    expect(
      chairProblems(
        chairs,
        { role: 'chair', organisationId: CCG, termFrom: d('2019-04-01'), termTo: null },
        true,
      ),
    ).toMatch(/already has a member who takes the chair/);
  });
  it('allows one chair in all when it does not, unless their terms do not overlap', () => {
    expect(
      chairProblems(
        chairs,
        { role: 'chair', organisationId: COUNCIL, termFrom: d('2018-04-01'), termTo: null },
        false,
      ),
    ).toMatch(/already has a chair/);
    const ended = [{ ...chairs[0]!, termTo: d('2019-03-31') }];
    expect(
      chairProblems(
        ended,
        { role: 'chair', organisationId: COUNCIL, termFrom: d('2019-04-01'), termTo: null },
        false,
      ),
    ).toBeNull();
  });
});

describe('agenda items', () => {
  const item: AgendaItemInput = {
    title: 'Better Care Fund plan 2018-19',
    kind: 'decision',
    reportAuthor: 'Stephanie Ramsey',
    summary: 'The plan for the pooled fund.',
    functions: 'all',
    organisationIds: [],
    keyDecision: false,
    keyTests: [],
    spendPence: null,
    wardsAffected: null,
    exempt: false,
    exemptParagraph: null,
    publicInterestReason: '',
    titlePublished: true,
    urgencyReason: '',
    urgencyAgreedBy: '',
  };
  const context = {
    partnerIds: PARTNERS,
    thresholdsPence: new Map([
      [COUNCIL, pence(500_000_00)],
      [CCG, pence(1_000_000_00)],
    ]),
    late: false,
  };
  const table: [string, Partial<AgendaItemInput>, boolean, Record<string, string>][] = [
    ['a joint item for decision', {}, false, {}],
    [
      'an item on one partner’s functions that names no partner',
      { functions: 'one' },
      false,
      { organisationIds: 'Select the one partner whose functions the item concerns' },
    ],
    [
      'an item on several partners’ functions that names one',
      { functions: 'several', organisationIds: [CCG] },
      false,
      { organisationIds: 'Select two or more partners whose functions the item concerns' },
    ],
    [
      'a key decision that gives no reason',
      { keyDecision: true },
      false,
      { keyTests: 'Select why the decision is key: spending over the threshold, or two or more wards' },
    ],
    [
      'a key decision on spending of £600,000 on the council’s functions (threshold £500,000)',
      {
        keyDecision: true,
        keyTests: ['spend'],
        functions: 'one',
        organisationIds: [COUNCIL],
        spendPence: pence(600_000_00),
      },
      false,
      {},
    ],
    [
      'a key decision on spending of £600,000 on the CCG’s functions (threshold £1,000,000)',
      {
        keyDecision: true,
        keyTests: ['spend'],
        functions: 'one',
        organisationIds: [CCG],
        spendPence: pence(600_000_00),
      },
      false,
      {
        spendPence:
          'The spending or savings must reach the key decision threshold of £1,000,000 to make the decision key on that test',
      },
    ],
    [
      'a key decision affecting one ward',
      { keyDecision: true, keyTests: ['wards'], wardsAffected: 1 },
      false,
      { wardsAffected: 'Enter the number of wards affected: two or more make a decision key' },
    ],
    [
      'an exempt item without its paragraph or public interest reason',
      { exempt: true },
      false,
      {
        exemptParagraph: 'Select the paragraph of Schedule 12A that makes the item exempt',
        publicInterestReason:
          'Enter why the public interest in keeping the information exempt outweighs the interest in disclosing it',
      },
    ],
    [
      'an exempt item under paragraph 3 with its reason',
      { exempt: true, exemptParagraph: 3, publicInterestReason: 'Tender prices' },
      false,
      {},
    ],
    [
      'a late item without the chair’s reason of urgency',
      {},
      true,
      {
        urgencyReason:
          'The agenda deadline has passed: enter the reason the chair gave for taking this item as urgent',
        urgencyAgreedBy: 'Enter the name of the chair who agreed the item is urgent',
      },
    ],
    [
      'a late item with the chair’s reason of urgency',
      { urgencyReason: 'Grant deadline', urgencyAgreedBy: 'Chair' },
      true,
      {},
    ],
  ];
  for (const [what, change, late, problems] of table) {
    it(`checks ${what}`, () =>
      expect(validateAgendaItem({ ...item, ...change }, { ...context, late })).toEqual(problems));
  }

  it('shows the public nothing of an exempt item but its number, paragraph and (where allowed) its title', () => {
    const exempt = {
      number: 4,
      title: 'Home care framework: contract award',
      kind: 'decision' as const,
      summary: 'Bidder X priced at £4.1m',
      reportAuthor: 'Officer',
      keyDecision: true,
      exempt: true,
      exemptParagraph: 3,
      titlePublished: true,
      urgencyReason: null,
    };
    expect(publicAgendaItem(exempt)).toEqual({
      number: 4,
      title: 'Home care framework: contract award',
      kind: 'decision',
      exempt: true,
      exemptNotice: 'Exempt: paragraph 3 of Schedule 12A to the Local Government Act 1972',
      summary: null,
      reportAuthor: null,
      keyDecision: true,
      urgencyReason: null,
    });
    expect(publicAgendaItem({ ...exempt, titlePublished: false }).title).toBe('Exempt item');
    expect(publicAgendaItem({ ...exempt, exempt: false }).summary).toBe('Bidder X priced at £4.1m');
  });
});

describe('the public face of an exempt item (property)', () => {
  it('carries none of an exempt item’s text but its title, when the title may be published', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.string(),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (title, summary, author, paragraph, titlePublished) => {
          const shown = publicAgendaItem({
            number: 1,
            title,
            kind: 'decision',
            summary,
            reportAuthor: author,
            keyDecision: false,
            exempt: true,
            exemptParagraph: paragraph,
            titlePublished,
            urgencyReason: 'secret urgency',
          });
          expect(shown.summary).toBeNull();
          expect(shown.reportAuthor).toBeNull();
          expect(shown.urgencyReason).toBeNull();
          expect(shown.title).toBe(titlePublished ? title : 'Exempt item');
          expect(shown.exemptNotice).toBe(
            `Exempt: paragraph ${paragraph} of Schedule 12A to the Local Government Act 1972`,
          );
        },
      ),
    );
  });
});
