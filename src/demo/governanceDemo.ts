/**
 * The demonstration joint board: Southampton's Joint Commissioning Board of 2017 (seeds 000 and 001): three CCG
 * governing body members nominated by the CCG chair and three cabinet members of the council, the chair rotating
 * between the partners, meeting monthly in public from April 2018, its decisions examined by the council's health
 * overview and scrutiny committee. The seeds name no members, so each is shown by the post they hold; the posts
 * beyond "Cabinet Member for Health and Adult Social Care" (seed 003), the quorum, the meeting day and venue, the
 * thresholds and the agenda items are illustrative. A year of meetings is scheduled and the first three agendas
 * published on their deadline days through the real publication check.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/store.js';
import { isoDate } from '../kernel/dates.js';
import { pence } from '../kernel/money.js';
import { agendaDeadline } from '../governance/agendaPublication.js';
import {
  createAgendaItem,
  createMeeting,
  listMeetings,
  setMeetingStatus,
} from '../governance/meetingStore.js';
import { publishAgenda } from '../governance/publishAgenda.js';
import { BOARD_KINDS, type AgendaItemInput } from '../governance/rules.js';
import { monthlyMeetingDates } from '../governance/schedule.js';
import { createBoard, setKeyDecisionThreshold } from '../governance/store.js';
import { createMembership } from '../governance/membershipStore.js';

const actor = systemActor('demo loader');
const AUTHOR = 'Stephanie Ramsey'; // report author of both Cabinet decisions in the seeds

type DemoItem = Partial<AgendaItemInput> &
  Pick<AgendaItemInput, 'title' | 'kind'> & { partner?: 'ccg' | 'council' };

const PROCEDURAL: DemoItem[] = [
  { title: 'Apologies and changes in membership', kind: 'procedural' },
  {
    title: 'Declarations of interest',
    kind: 'procedural',
    summary: 'Members declare any interest in the items on this agenda.',
  },
];

/** The first three agendas (illustrative, built around the seeds' scope of the board). */
const AGENDAS: DemoItem[][] = [
  [
    ...PROCEDURAL,
    {
      title: 'Terms of reference of the Joint Commissioning Board',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary:
        'To adopt the terms of reference approved by the Council’s Cabinet on 18 July 2017 and by the CCG ' +
        'governing body: executive functions within agreed budgets, delegated to members acting at Board meetings.',
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
    { title: 'Minutes of the meeting of 12 April 2018', kind: 'procedural' },
    {
      title: 'Community nursing and podiatry: contract extension',
      kind: 'decision',
      partner: 'ccg',
      reportAuthor: 'Senior commissioner, community services (illustrative)',
      summary: 'To extend the community nursing and podiatry contract for adults by one year.',
      keyDecision: true,
      keyTests: ['spend'],
      spendPence: pence(18_480_000_00),
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
    },
  ],
  [
    ...PROCEDURAL,
    { title: 'Minutes of the meeting of 10 May 2018', kind: 'procedural' },
    {
      title: 'Rehabilitation, reablement and hospital discharge: one pathway',
      kind: 'decision',
      reportAuthor: AUTHOR,
      summary:
        'To commission rehabilitation, reablement and discharge services as one pathway across the city.',
      keyDecision: true,
      keyTests: ['wards'],
      wardsAffected: 16,
    },
    {
      title: 'Integrated services for children with complex health needs',
      kind: 'discussion',
      reportAuthor: AUTHOR,
      summary: 'Options for bringing these services into the Board’s scope.',
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

/** Loads the board, its members, a year of meetings from April 2018 and three published agendas. */
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
    await transaction(db, async (trx) => {
      for (const item of agenda) {
        const { partner, ...fields } = item;
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
    if (index < AGENDAS.length - 1)
      await transaction(db, (trx) => setMeetingStatus(trx, actor, partnershipId, meeting.id, 'held'));
  }
  return boardId;
}
