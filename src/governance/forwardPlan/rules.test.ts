import { describe, expect, it } from 'vitest';
import { isoDate as d } from '../../kernel/dates.js';
import {
  OTHER_DOCUMENTS_DEFAULT,
  forwardPlanNotice,
  keyDecisionNotice,
  publicForwardPlanEntry,
  validateException,
  validateForwardPlanEntry,
  type KeyDecisionException,
} from './rules.js';
import { customiseNoticeRules } from '../dates/index.js';

const DECISION = d('2024-10-02'); // Wed 2 Oct 2024
const generalException = (noticePublishedOn: string): KeyDecisionException => ({
  route: 'general-exception',
  reasons: 'The provider gave notice of closure on 20 September',
  noticePublishedOn: d(noticePublishedOn),
  scrutinyChairInformed: 'Cllr Scrutiny Chair',
  scrutinyChairInformedOn: d(noticePublishedOn),
  agreedBy: '',
  agreedByRole: null,
  agreedOn: null,
});
const specialUrgency: KeyDecisionException = {
  route: 'special-urgency',
  reasons: 'The care home closes on Friday; residents must be placed',
  noticePublishedOn: d('2024-10-01'),
  scrutinyChairInformed: '',
  scrutinyChairInformedOn: null,
  agreedBy: 'Cllr Scrutiny Chair',
  agreedByRole: 'scrutiny-chair',
  agreedOn: d('2024-10-01'),
};

describe('the 28 clear days of a key decision (SI 2012/2089 regs 9 to 11)', () => {
  // first published Tue 3 Sep gives 4 Sep to 1 Oct: 28 clear days; Wed 4 Sep gives 27
  it.each([
    ['27 clear days, nothing else', '2024-09-04', [], false, null],
    ['28 clear days', '2024-09-03', [], true, 'forward-plan'],
    [
      '27 clear days with a general exception 5 clear days before',
      '2024-09-04',
      [generalException('2024-09-26')],
      true,
      'general-exception',
    ],
    ['27 clear days with special urgency', '2024-09-04', [specialUrgency], true, 'special-urgency'],
    [
      '27 clear days with a general exception only 4 clear days before',
      '2024-09-04',
      [generalException('2024-09-27')],
      false,
      null,
    ],
  ] as const)('%s', (_label, published, exceptions, allowed, route) => {
    const notice = keyDecisionNotice({ firstPublishedOn: d(published) }, exceptions, DECISION);
    expect(notice.allowed).toBe(allowed);
    if (notice.allowed) expect(notice.route).toBe(route);
  });

  it('explains the 28 days counted', () => {
    const notice = keyDecisionNotice({ firstPublishedOn: d('2024-09-03') }, [], DECISION);
    expect(notice).toEqual({
      allowed: true,
      route: 'forward-plan',
      explanation:
        'first published Tue 3 Sep 2024; 28 clear days: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, ' +
        '19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30 Sep, 1 Oct; decision Wed 2 Oct 2024',
    });
  });

  it('says exactly which notice is short, and the dates, when it refuses', () => {
    const notice = keyDecisionNotice(
      { firstPublishedOn: d('2024-09-04') },
      [generalException('2024-09-27')],
      DECISION,
    );
    expect(notice.allowed).toBe(false);
    if (notice.allowed) return;
    expect(notice.reasons).toHaveLength(3);
    expect(notice.reasons[0]).toMatch(
      /^first published Wed 4 Sep 2024; 27 clear days: .*; decision Wed 2 Oct 2024; 27 clear days is fewer than 28: first publish by Tue 3 Sep 2024$/,
    );
    expect(notice.reasons[1]).toBe(
      'general exception: Cllr Scrutiny Chair (scrutiny chair) informed Fri 27 Sep 2024; notice published Fri 27 Sep 2024; ' +
        '4 clear days: 28, 29, 30 Sep, 1 Oct; decision Wed 2 Oct 2024; 4 clear days is fewer than 5: publish the notice by Thu 26 Sep 2024',
    );
    expect(notice.reasons[2]).toBe('no special urgency is recorded');
    expect(notice.message).toMatch(/^A key decision cannot be taken on Wed 2 Oct 2024 without notice/);
  });

  it('refuses a key decision that is not in the forward plan at all, naming the last day to publish', () => {
    const notice = keyDecisionNotice(null, [], DECISION);
    expect(notice.allowed).toBe(false);
    if (notice.allowed) return;
    expect(notice.reasons).toEqual([
      'it is not in the forward plan (for a decision on Wed 2 Oct 2024 an entry must be first published by Tue 3 Sep 2024)',
      'no general exception is recorded',
      'no special urgency is recorded',
    ]);
  });

  it('does not count special urgency agreed after the decision, or a notice published on the day', () => {
    expect(
      keyDecisionNotice(
        null,
        [{ ...specialUrgency, agreedOn: d('2024-10-03'), noticePublishedOn: d('2024-10-03') }],
        DECISION,
      ).allowed,
    ).toBe(false);
    expect(keyDecisionNotice(null, [generalException('2024-10-02')], DECISION).allowed).toBe(false);
    expect(forwardPlanNotice(d('2024-10-05'), DECISION).met).toBe(false);
    expect(forwardPlanNotice(null, DECISION).explanation).toBe(
      'forward plan entry not yet published; first publish by Tue 3 Sep 2024 for 28 clear days before the decision on Wed 2 Oct 2024',
    );
  });

  it('counts under a partner’s own rule', () => {
    const rules = customiseNoticeRules({ 'forward-plan': { days: 27 } });
    if (!rules.ok) throw new Error('rules');
    expect(keyDecisionNotice({ firstPublishedOn: d('2024-09-04') }, [], DECISION, rules.value).allowed).toBe(
      true,
    );
  });
});

describe('validating forward plan entries and exceptions', () => {
  const entry = {
    matter: 'Home care framework',
    summary: '',
    decisionMaker: 'Joint Commissioning Board',
    decisionFrom: '2024-10-02',
    decisionTo: '2024-10-02',
    documents: 'Report of the Director',
    documentsFrom: 'Democratic services, Civic Centre',
    otherDocuments: OTHER_DOCUMENTS_DEFAULT,
    private: false,
    exemptParagraph: null,
    privateReason: '',
  };
  it('accepts a complete entry and names each missing notice field', () => {
    expect(validateForwardPlanEntry(entry)).toEqual({});
    expect(
      Object.keys(validateForwardPlanEntry({ ...entry, matter: ' ', documents: '', decisionFrom: '' })),
    ).toEqual(['matter', 'decisionFrom', 'documents']);
    expect(validateForwardPlanEntry({ ...entry, decisionTo: '2024-10-01' })).toEqual({
      decisionTo: 'The last day of the period must be on or after the first',
    });
  });
  it('asks for the paragraph and the reason of a matter to be taken in private', () => {
    expect(validateForwardPlanEntry({ ...entry, private: true })).toEqual({
      exemptParagraph: 'Select the paragraph of Schedule 12A that makes the matter exempt',
      privateReason: 'Enter why the matter is to be taken in private (SI 2012/2089 reg 5)',
    });
  });
  it('asks for who was told, or who agreed, and when', () => {
    const today = d('2024-10-01');
    expect(
      Object.keys(validateException({ route: 'general-exception', noticePublishedOn: '2024-09-26' }, today)),
    ).toEqual(['reasons', 'scrutinyChairInformed', 'scrutinyChairInformedOn']);
    expect(
      validateException(
        {
          route: 'special-urgency',
          reasons: 'x',
          agreedBy: 'Chair',
          agreedByRole: 'council-chair',
          agreedOn: '2024-09-30',
          noticePublishedOn: '2024-09-29',
        },
        today,
      ),
    ).toEqual({
      noticePublishedOn: 'The notice of the reasons is published after the agreement, not before',
    });
    expect(
      validateException(
        {
          route: 'special-urgency',
          reasons: 'x',
          agreedBy: 'Chair',
          agreedByRole: 'council-chair',
          agreedOn: '2024-10-05',
          noticePublishedOn: '2024-10-01',
        },
        today,
      ),
    ).toEqual({
      agreedOn: 'Enter today or an earlier date',
    });
  });
});

describe('the public forward plan', () => {
  const row = {
    matter: 'Home care framework: award of contracts',
    summary: 'Bid prices of Acme Care',
    decision_maker: 'Joint Commissioning Board',
    decision_from: '2024-10-02',
    decision_to: '2024-10-02',
    documents: 'Tender evaluation of Acme Care',
    documents_from: 'Democratic services',
    other_documents: OTHER_DOCUMENTS_DEFAULT,
    private: true,
    exempt_paragraph: 3,
    private_reason: 'Commercially confidential prices',
    first_published_on: '2024-09-03',
  };
  it('shows of a matter to be taken in private only the reg 5 notice', () => {
    const shown = JSON.stringify(publicForwardPlanEntry(row));
    expect(shown).not.toContain('Acme Care');
    expect(shown).toContain('To be taken in private: paragraph 3 of Schedule 12A');
    expect(shown).toContain('Commercially confidential prices');
    expect(JSON.stringify(publicForwardPlanEntry({ ...row, private: false }))).toContain('Acme Care');
  });
});
