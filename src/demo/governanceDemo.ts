/**
 * The demonstration joint board: Southampton's Joint Commissioning Board of 2017 (seeds 000 and 001): three CCG
 * governing body members nominated by the CCG chair and three cabinet members of the council, the chair rotating
 * between the partners, meeting monthly in public from April 2018, its decisions examined by the council's health
 * overview and scrutiny committee. The seeds name no members, so each is shown by the post they hold; the posts
 * beyond "Cabinet Member for Health and Adult Social Care" (seed 003), the quorum, the meeting day and venue, the
 * thresholds and the agenda items are illustrative. A year of meetings is scheduled, each agenda published on its
 * deadline day through the real publication check; the decisions taken are recorded by governanceDecisionsDemo.ts.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { pence } from '../kernel/money.js';
import { agendaDeadline } from '../governance/meetings/index.js';
import {
  createAgendaItem,
  createMeeting,
  listMeetings,
  setMeetingStatus,
} from '../governance/meetings/index.js';
import { publishAgenda } from '../governance/meetings/index.js';
import { BOARD_KINDS, type AgendaItemInput } from '../governance/boards/index.js';
import { monthlyMeetingDates } from '../governance/meetings/index.js';
import { createBoard, setKeyDecisionThreshold } from '../governance/boards/index.js';
import { createMembership } from '../governance/boards/index.js';

const actor = systemActor('demo loader');
const AUTHOR = 'Stephanie Ramsey'; // report author of both Cabinet decisions in the seeds

/** The decision the board took on an item (illustrative text; see governanceDecisionsDemo.ts). */
export interface DemoDecision {
  decision: string;
  reasons: string;
  alternatives: string;
}

export type DemoItem = Partial<AgendaItemInput> &
  Pick<AgendaItemInput, 'title' | 'kind'> & { partner?: 'ccg' | 'council'; decided?: DemoDecision };

const PROCEDURAL: DemoItem[] = [
  { title: 'Apologies and changes in membership', kind: 'procedural' },
  {
    title: 'Declarations of interest',
    kind: 'procedural',
    summary: 'Members declare any interest in the items on this agenda.',
  },
];

const minutesOf = (date: string): DemoItem => ({
  title: `Minutes of the meeting of ${date}`,
  kind: 'procedural',
});

/**
 * A year of agendas, April 2018 to March 2019 (illustrative, built around the seeds' scope of the board: social
 * care, mental health, elements of public health, community services and the Better Care Fund). The August
 * meeting is cancelled (`null`): the board's summer recess.
 */
export const AGENDAS: (DemoItem[] | null)[] = [
  [
    ...PROCEDURAL,
    {
      title: 'Terms of reference of the Joint Commissioning Board',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary:
        'To adopt the terms of reference approved by the Council’s Cabinet on 18 July 2017 and by the CCG ' +
        'governing body: executive functions within agreed budgets, delegated to members acting at Board meetings.',
      decided: {
        decision:
          '(i) To adopt the terms of reference of the Joint Commissioning Board as approved by the Council’s ' +
          'Cabinet on 18 July 2017 and the CCG governing body.\n(ii) To meet monthly in public, the chair rotating ' +
          'between the partners at each meeting.',
        reasons:
          'The Board cannot exercise the executive functions delegated to it until it has adopted the terms of ' +
          'reference that both partners approved.',
        alternatives:
          'The partners considered eight governance options in 2017; the Council’s Cabinet decision of 18 July ' +
          '2017 records those rejected and why.',
      },
    },
    {
      title: 'Better Care Fund and section 75 pooled budget 2018-19',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary:
        'To agree the pooled budget of at least £105m under the section 75 agreement, covering social care, ' +
        'mental health, elements of public health and community services.',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(105_600_000_00),
      decided: {
        decision:
          '(i) To agree the 2018-19 pooled budget of £105.6m under the section 75 agreement, hosted by the ' +
          'Council.\n(ii) To agree the Better Care Fund schemes and each partner’s contribution as set out in ' +
          'the report.',
        reasons:
          'A pooled budget lets the partners commission social care, mental health, public health and community ' +
          'services as one system, and the Better Care Fund requires a section 75 agreement.',
        alternatives:
          'Aligned budgets only: rejected because they leave two sets of decisions on one pathway. A smaller ' +
          'pool of the Better Care Fund minimum only: rejected as it would not meet the partners’ shared ambition.',
      },
    },
    {
      title: 'Integrated commissioning: savings achieved in 2016-17',
      kind: 'information',
      reportAuthor: AUTHOR,
      summary:
        'Combined savings of £6.4m: adult social care £2.4m, public health £1m and the CCG’s budget £3m.',
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('12 April 2018'),
    {
      title: 'Community nursing and podiatry: contract extension',
      kind: 'decision',
      partner: 'ccg',
      reportAuthor: 'Senior commissioner, community services (illustrative)',
      summary: 'To extend the community nursing and podiatry contract for adults by one year.',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(18_480_000_00),
      decided: {
        decision:
          'To extend the adult community nursing and podiatry contract by one year, to 31 March 2020, at an ' +
          'annual value of £18.48m.',
        reasons:
          'The extension option in the contract allows time to commission these services with rehabilitation ' +
          'and reablement as one pathway.',
        alternatives: 'To retender now: rejected because it would cut across the pathway review.',
      },
    },
    {
      title: 'Home care framework: award of contracts',
      kind: 'decision',
      partner: 'council',
      reportAuthor: 'Senior commissioner, home care (illustrative)',
      summary:
        'Evaluation of the tenders received, with each bidder’s prices and quality scores (illustrative).',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(12_000_000_00),
      exempt: true,
      exemptParagraph: 3,
      publicInterestReason:
        'The bidders’ prices are commercially confidential while the framework is let; publishing them would ' +
        'prejudice the Council’s ability to secure best value.',
      decided: {
        decision:
          'To award places on the home care framework to the six highest-scoring bidders at the prices in the ' +
          'confidential appendix.',
        reasons:
          'The bidders offered the best combination of quality and price under the published criteria.',
        alternatives:
          'To extend the current framework: rejected as it does not meet the new quality standards.',
      },
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('10 May 2018'),
    {
      title: 'Rehabilitation, reablement and hospital discharge: one pathway',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary:
        'To commission rehabilitation, reablement and discharge services as one pathway across the city.',
      keyDecision: true,
      keyTests: ['wards'],
      wardsAffected: 16,
      decided: {
        decision:
          'To commission rehabilitation, reablement and hospital discharge services as one pathway across the ' +
          'city from April 2019, and to begin the procurement.',
        reasons: 'One pathway reduces handoffs, delayed discharges and duplicate assessments.',
        alternatives: 'Separate contracts for each service: rejected, since handoffs are where delays arise.',
      },
    },
    {
      title: 'Integrated services for children with complex health needs',
      kind: 'discussion',
      reportAuthor: AUTHOR,
      summary: 'Options for bringing these services into the Board’s scope.',
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('14 June 2018'),
    {
      title: 'Pooled budget monitoring: month 3',
      kind: 'information',
      reportAuthor: 'Finance lead, integrated commissioning (illustrative)',
      summary: 'Budget, actual to date and forecast outturn for each scheme of the pooled fund.',
    },
    {
      title: 'Carers’ support services: joint commissioning',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary: 'To commission carers’ assessments and support from one provider for both partners.',
      decided: {
        decision:
          'To commission carers’ assessments and support as one service for both partners from April 2019.',
        reasons: 'Carers now meet two assessment processes; one service is simpler and cheaper to run.',
        alternatives: 'To keep two services: rejected for the duplication it leaves.',
      },
    },
  ],
  null,
  [
    ...PROCEDURAL,
    minutesOf('12 July 2018'),
    {
      title: 'Better Care Fund quarterly return: quarter 1',
      kind: 'information',
      reportAuthor: 'Finance lead, integrated commissioning (illustrative)',
      summary: 'The quarter 1 return to NHS England, as signed off under delegation.',
    },
    {
      title: 'Mental health recovery and wellbeing services',
      kind: 'decision',
      reportAuthor: 'Senior commissioner, mental health (illustrative)',
      summary: 'To recommission community mental health recovery services with housing support.',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(4_200_000_00),
      decided: {
        decision:
          'To recommission community mental health recovery and wellbeing services, with housing support, for ' +
          'three years from April 2019 at up to £4.2m a year.',
        reasons:
          'The current contracts end in March 2019 and the review found unmet need for housing support.',
        alternatives: 'To extend the current contracts: rejected, as they do not include housing support.',
      },
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('13 September 2018'),
    {
      title: 'Winter pressures: adult social care grant',
      kind: 'decision',
      partner: 'council',
      reportAuthor: 'Service lead, adult social care (illustrative)',
      summary: 'To spend the winter pressures grant on home care capacity and reablement.',
      decided: {
        decision:
          'To spend the 2018-19 winter pressures grant on extra home care capacity and reablement to support ' +
          'discharge from hospital.',
        reasons: 'The grant is for reducing pressure on the NHS over winter through adult social care.',
        alternatives: 'Residential short-term beds: rejected as they lengthen stays outside the home.',
      },
    },
    {
      title: 'Pooled budget monitoring: month 6',
      kind: 'information',
      reportAuthor: 'Finance lead, integrated commissioning (illustrative)',
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('11 October 2018'),
    {
      title: 'Sexual health services: procurement strategy',
      kind: 'decision',
      partner: 'council',
      reportAuthor: 'Consultant in public health (illustrative)',
      summary: 'To procure integrated sexual health services with a neighbouring council.',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(2_900_000_00),
      decided: {
        decision: 'To procure integrated sexual health services jointly with the neighbouring council.',
        reasons: 'A joint procurement gives a larger contract and open access across the two areas.',
        alternatives: 'To procure alone: rejected on cost.',
      },
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('8 November 2018'),
    {
      title: 'Rehabilitation and reablement pathway: award of contract',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary: 'Evaluation of the bids received for the one pathway, with prices (illustrative).',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(9_600_000_00),
      exempt: true,
      exemptParagraph: 3,
      publicInterestReason:
        'The bidders’ prices and the evaluation are commercially confidential until the standstill period ends.',
      titlePublished: true,
      decided: {
        decision:
          'To award the rehabilitation and reablement pathway contract to the highest-scoring bidder.',
        reasons: 'The bid offered the best combination of quality and price under the published criteria.',
        alternatives: 'Not to award and to retender: rejected, the bids met the requirement.',
      },
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('13 December 2018'),
    {
      title: 'Better Care Fund quarterly return: quarter 3',
      kind: 'information',
      reportAuthor: 'Finance lead, integrated commissioning (illustrative)',
    },
    {
      title: 'Primary care: extended access hubs',
      kind: 'decision',
      partner: 'ccg',
      reportAuthor: 'Head of primary care (illustrative)',
      summary: 'To continue evening and weekend GP access from three hubs.',
      decided: {
        decision: 'To continue evening and weekend GP access from three hubs in 2019-20.',
        reasons: 'Use of the hubs has grown each quarter and the national requirement continues.',
        alternatives: 'Access from every practice: rejected as not affordable.',
      },
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('10 January 2019'),
    {
      title: 'Section 75 agreement and pooled budget 2019-20',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary: 'To agree the variation to the section 75 agreement and the pooled budget for 2019-20.',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(108_200_000_00),
      decided: {
        decision:
          'To agree the 2019-20 pooled budget of £108.2m and the variation to the section 75 agreement adding ' +
          'children’s community health services.',
        reasons:
          'Bringing these services into the pool lets the Board commission them with children’s social care.',
        alternatives:
          'To keep them outside the pool as an aligned budget: rejected after the October discussion.',
      },
    },
  ],
  [
    ...PROCEDURAL,
    minutesOf('14 February 2019'),
    {
      title: 'Joint commissioning priorities 2019-20',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary:
        'Priorities drawn from the health and wellbeing strategy and the joint strategic needs assessment.',
      decided: {
        decision: 'To adopt the joint commissioning priorities for 2019-20 set out in the report.',
        reasons: 'They follow the health and wellbeing strategy and the joint strategic needs assessment.',
        alternatives: 'None: the Board must set priorities for the year.',
      },
    },
    {
      title: 'Pooled budget monitoring: month 10',
      kind: 'information',
      reportAuthor: 'Finance lead, integrated commissioning (illustrative)',
    },
  ],
];

const blankItem: AgendaItemInput = {
  title: '',
  kind: 'procedural',
  reportAuthor: '',
  summary: '',
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

/** Loads the board, its members and a year of meetings from April 2018: eleven held, on agendas published on
 * their deadline days, and the August meeting cancelled. */
export async function loadGovernanceDemo(db: Db, partnershipId: number, ccgId: number, councilId: number) {
  const boardId = await transaction(db, async (trx) => {
    const id = await createBoard(trx, actor, partnershipId, {
      name: 'Joint Commissioning Board',
      kind: 'joint_commissioning_board',
      legalBasis: BOARD_KINDS.joint_commissioning_board.legalBasis,
      description:
        'Joint board of NHS Southampton City CCG and Southampton City Council with executive powers over their ' +
        'integrated commissioning and the section 75 pooled budget (Better Care Fund). It meets monthly in public ' +
        'from April 2018; its decisions are examined by the Council’s health overview and scrutiny committee. ' +
        'Quorum, meeting day and venue are illustrative.',
      rotation: 'each_meeting',
      rotationStartsOn: isoDate('2018-04-01'),
      municipalYearStartMonth: 5,
      turns: [councilId, ccgId].map((organisationId) => ({ organisationId, startsOn: null })),
      quorumTotal: 4,
      quorumPerPartner: 2,
      illustrative: true,
    });
    const members: [string, number, 'chair' | 'member', string, string][] = [
      [
        'Cabinet Member for Health and Adult Social Care',
        councilId,
        'chair',
        'Leader of the Council',
        'Cabinet Member for Communities',
      ],
      ['Cabinet Member for Children’s Social Care', councilId, 'member', 'Leader of the Council', ''],
      ['Cabinet Member for Finance', councilId, 'member', 'Leader of the Council', ''],
      [
        'CCG governing body clinical member',
        ccgId,
        'chair',
        'CCG chair',
        'CCG governing body GP member (deputy)',
      ],
      ['CCG governing body lay member', ccgId, 'member', 'CCG chair', ''],
      ['CCG governing body registered nurse member', ccgId, 'member', 'CCG chair', ''],
    ];
    for (const [post, organisationId, role, nominatedBy, substitute] of members)
      await createMembership(trx, actor, partnershipId, id, {
        personName: post,
        organisationId,
        postHeld: post,
        role,
        voting: true,
        termFrom: isoDate('2018-04-01'),
        termTo: null,
        nominatedBy,
        substitutes: substitute ? [{ name: substitute, postHeld: substitute }] : [],
        illustrative: true,
      });
    await setKeyDecisionThreshold(trx, actor, partnershipId, councilId, pence(500_000_00));
    await setKeyDecisionThreshold(trx, actor, partnershipId, ccgId, pence(1_000_000_00));
    // Monthly on the second Thursday from April 2018 (the day is illustrative).
    for (const { date } of monthlyMeetingDates({ fromMonth: '2018-04', months: 12, weekday: 4, week: 2 }))
      await createMeeting(trx, actor, partnershipId, id, {
        meetsOn: date,
        startsAt: '14:00',
        venue: 'Civic Centre, Southampton',
        onlineLink: '',
        illustrative: true,
      });
    return id;
  });

  const meetings = await listMeetings(db, partnershipId, { boardId });
  for (const [index, agenda] of AGENDAS.entries()) {
    const meeting = meetings[index];
    if (!meeting) break;
    if (agenda === null) {
      await transaction(db, (trx) =>
        setMeetingStatus(trx, actor, partnershipId, meeting.id, 'cancelled', 'Summer recess: no business'),
      );
      continue;
    }
    await transaction(db, async (trx) => {
      for (const item of agenda) {
        const { partner, decided: _decided, ...fields } = item;
        await createAgendaItem(trx, actor, partnershipId, meeting.id, {
          ...blankItem,
          ...fields,
          functions: partner ? 'one' : 'all',
          organisationIds: partner === 'ccg' ? [ccgId] : partner === 'council' ? [councilId] : [],
          late: false,
          illustrative: true,
        });
      }
    });
    const publishOn = agendaDeadline(meeting.meetsOn).date;
    const published = await publishAgenda(db, actor, {
      partnershipId,
      meetingId: meeting.id,
      publishOn,
      urgency: null,
      publishedAt: new Date(`${publishOn}T16:00:00Z`),
    });
    if (!published.ok)
      throw new Error(`Demo agenda for ${meeting.meets_on} refused: ${JSON.stringify(published.error)}`);
    await transaction(db, (trx) => setMeetingStatus(trx, actor, partnershipId, meeting.id, 'held'));
  }
  return boardId;
}
