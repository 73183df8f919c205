/**
 * The other two demo partnerships' boards. Somerset (seed 002): a shadow joint health and care board of the CCG,
 * the County Council and NHS England, meeting in public and recommending to each partner's own decision makers
 * until the formal board exists. Luton (seed 004): an integrated commissioning committee accountable to both the
 * CCG governing body and the council's executive, with the health and wellbeing board giving strategic overview;
 * it agrees the joint procurement of health checks and psychological therapies. Members are shown by post; the
 * dates, quorums and items are illustrative.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { nextWorkingDay } from '../kernel/workingDays.js';
import { agendaDeadline } from '../governance/meetings/index.js';
import { createAgendaItem, createMeeting, setMeetingStatus } from '../governance/meetings/index.js';
import { publishAgenda } from '../governance/meetings/index.js';
import { BOARD_KINDS, type AgendaItemInput, type BoardKind } from '../governance/boards/index.js';
import type { ChairRotationKind } from '../governance/boards/index.js';
import { createBoard } from '../governance/boards/index.js';
import { createMembership } from '../governance/boards/index.js';
import { publishDecision, recordDecision } from '../governance/decisions/index.js';
import type { DemoItem } from './governanceDemo.js';
import { orgsOf } from './ledgerDemoSomersetLuton.js';

const actor = systemActor('demo loader');

interface DemoBoard {
  name: string;
  kind: BoardKind;
  description: string;
  rotation: ChairRotationKind;
  quorumTotal: number;
  quorumPerPartner: number;
  members: [post: string, partner: string, role: 'chair' | 'vice_chair' | 'member'][];
  meetings: { meetsOn: string; venue: string; items: DemoItem[] }[];
}

const SOMERSET: DemoBoard = {
  name: 'Shadow Joint Health and Care Board',
  kind: 'shadow_board',
  description:
    'Shadow board of Somerset CCG, Somerset County Council and NHS England while the business case for a joint ' +
    'health and care board with a significantly pooled budget is prepared. It meets in public and recommends; ' +
    'each partner decides under its own governance.',
  rotation: 'each_meeting',
  quorumTotal: 4,
  quorumPerPartner: 1,
  members: [
    ['CCG clinical chair', 'ccg', 'chair'],
    ['CCG accountable officer', 'ccg', 'member'],
    ['Cabinet Member for Adult Social Care', 'council', 'chair'],
    ['Cabinet Member for Children and Families', 'council', 'member'],
    ['Director of Public Health', 'council', 'member'],
    ['NHS England South West: Director of Commissioning', 'nhse', 'chair'],
  ],
  meetings: [
    {
      meetsOn: '2018-01-25',
      venue: 'County Hall, Taunton',
      items: [
        { title: 'Apologies and declarations of interest', kind: 'procedural' },
        {
          title: 'Business case for a joint health and care board',
          kind: 'discussion',
          summary:
            'Scope: all services in the CCG’s budget, NHS England’s specialised services and primary care, public ' +
            'health, and adult and children’s social care; a significantly pooled budget.',
        },
        {
          title: 'Services that cannot be pooled',
          kind: 'discussion',
          summary:
            'Surgery, radiotherapy, termination of pregnancy and invasive treatments cannot be placed in a pooled ' +
            'fund; options for lead commissioning by one partner outside the pool.',
        },
      ],
    },
    {
      meetsOn: '2018-02-22',
      venue: 'County Hall, Taunton',
      items: [
        { title: 'Apologies and declarations of interest', kind: 'procedural' },
        {
          title: 'Accountable body and VAT',
          kind: 'information',
          summary: 'Advice on whether the County Council as accountable body would bring VAT benefits.',
        },
        {
          title: 'Co-location and shared IT for the business unit',
          kind: 'discussion',
          summary: 'Reducing duplication in estate, travel and back office functions.',
        },
      ],
    },
    {
      meetsOn: '2018-03-22',
      venue: 'County Hall, Taunton',
      items: [
        { title: 'Apologies and declarations of interest', kind: 'procedural' },
        {
          title: 'Recommendation to the partners: pooled budget 2018-19',
          kind: 'discussion',
          summary:
            'The shadow board recommends the 2018-19 pooled and aligned budgets to the CCG governing body, the ' +
            'County Council’s Cabinet and NHS England, each of which decides.',
        },
      ],
    },
  ],
};

const LUTON: DemoBoard = {
  name: 'Integrated Commissioning Committee',
  kind: 'integrated_commissioning_committee',
  description:
    'Accountable to both the CCG governing body and the Council’s executive under the concordat of 2018 (not ' +
    'legally binding); the health and wellbeing board gives strategic overview. Budgets merge gradually from ' +
    '2018-19.',
  rotation: 'each_meeting',
  quorumTotal: 4,
  quorumPerPartner: 2,
  members: [
    ['CCG clinical chair', 'ccg', 'chair'],
    ['CCG chief officer', 'ccg', 'member'],
    ['CCG chief finance officer', 'ccg', 'member'],
    ['Portfolio Holder for Adult Social Care and Health', 'council', 'chair'],
    ['Portfolio Holder for Children’s Services', 'council', 'member'],
    ['Director of Public Health', 'council', 'member'],
  ],
  meetings: [
    {
      meetsOn: '2018-06-14',
      venue: 'Town Hall, Luton',
      items: [
        { title: 'Apologies and declarations of interest', kind: 'procedural' },
        {
          title: 'Joint health and wellbeing procurement: health checks and psychological therapies',
          kind: 'decision',
          summary:
            'One contract for NHS health checks (previously commissioned by the Council) and improving access to ' +
            'psychological therapies (previously commissioned by the CCG), open to alliances of providers and to ' +
            'a lead provider with subcontractors.',
          decided: {
            decision:
              'To procure health checks and psychological therapies as one contract, inviting bids from single ' +
              'providers, alliances of providers, and lead providers with named subcontractors.',
            reasons:
              'It is unlikely one provider can do the whole breadth of the contract; an alliance approach prepares ' +
              'providers for the accountable care system.',
            alternatives: 'Two separate procurements, as before: rejected, as they keep the pathways apart.',
          },
        },
        {
          title: 'Pooling urgent and emergency care support budgets 2018-19',
          kind: 'decision',
          summary: 'To pool the budgets used to support or provide urgent and emergency care this year.',
          decided: {
            decision: 'To pool the urgent and emergency care support budgets for the rest of 2018-19.',
            reasons: 'A gradual approach: pooling one area at a time as confidence grows.',
            alternatives: 'To wait for 2019-20: rejected, winter pressures start in the current year.',
          },
        },
      ],
    },
    {
      meetsOn: '2018-09-13',
      venue: 'Town Hall, Luton',
      items: [
        { title: 'Apologies and declarations of interest', kind: 'procedural' },
        { title: 'Minutes of the meeting of 14 June 2018', kind: 'procedural' },
        {
          title: 'Review of commissioning functions: budgets to merge in 2019-20',
          kind: 'discussion',
          summary:
            'Which of the school, social care and housing budgets could be pooled or co-commissioned next.',
        },
      ],
    },
  ],
};

const blank: Omit<AgendaItemInput, 'title' | 'kind'> = {
  reportAuthor: 'Head of integrated commissioning (illustrative)',
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

async function loadBoard(db: Db, pid: number, orgs: Record<string, number>, b: DemoBoard): Promise<number> {
  const org = (key: string) => {
    const id = orgs[key];
    if (id === undefined) throw new Error(`Demo board names an unknown partner: ${key}`);
    return id;
  };
  const firstMeeting = isoDate(b.meetings[0]?.meetsOn ?? '2018-04-01');
  const boardId = await transaction(db, async (trx) => {
    const id = await createBoard(trx, actor, pid, {
      name: b.name,
      kind: b.kind,
      legalBasis: BOARD_KINDS[b.kind].legalBasis,
      description: b.description,
      rotation: b.rotation,
      rotationStartsOn: firstMeeting,
      municipalYearStartMonth: 5,
      turns: [...new Set(b.members.map(([, partner]) => partner))].map((k) => ({
        organisationId: org(k),
        startsOn: null,
      })),
      quorumTotal: b.quorumTotal,
      quorumPerPartner: b.quorumPerPartner,
      illustrative: true,
    });
    for (const [post, partner, role] of b.members)
      await createMembership(trx, actor, pid, id, {
        personName: post,
        organisationId: org(partner),
        postHeld: post,
        role,
        voting: true,
        termFrom: isoDate('2017-12-01'),
        termTo: null,
        nominatedBy: partner === 'council' ? 'Leader of the Council' : 'Partner’s own governance',
        substitutes: [],
        illustrative: true,
      });
    return id;
  });
  for (const m of b.meetings) {
    const meetsOn = isoDate(m.meetsOn);
    const itemIds = await transaction(db, async (trx) => {
      const meetingId = await createMeeting(trx, actor, pid, boardId, {
        meetsOn,
        startsAt: '14:00',
        venue: m.venue,
        onlineLink: '',
        illustrative: true,
      });
      const ids: number[] = [];
      for (const { decided: _d, partner: _p, ...item } of m.items)
        ids.push(
          await createAgendaItem(trx, actor, pid, meetingId, {
            ...blank,
            ...item,
            late: false,
            illustrative: true,
          }),
        );
      return { meetingId, ids };
    });
    const publishOn = agendaDeadline(meetsOn).date;
    const published = await publishAgenda(db, actor, {
      partnershipId: pid,
      meetingId: itemIds.meetingId,
      publishOn,
      urgency: null,
      publishedAt: new Date(`${publishOn}T16:00:00Z`),
    });
    if (!published.ok)
      throw new Error(`Demo agenda for ${m.meetsOn} refused: ${JSON.stringify(published.error)}`);
    await transaction(db, async (trx) => {
      await setMeetingStatus(trx, actor, pid, itemIds.meetingId, 'held');
      for (const [i, item] of m.items.entries()) {
        if (!item.decided) continue;
        const id = await recordDecision(
          trx,
          actor,
          pid,
          { meetingId: itemIds.meetingId, agendaItemId: itemIds.ids[i] ?? 0 },
          {
            ...item.decided,
            decidedOn: meetsOn,
            interestsDeclared: '',
            dispensations: '',
            callIn: 'subject',
            urgencyAgreedBy: '',
            callInRule: 'call-in',
          },
        );
        const publishedOn = nextWorkingDay(meetsOn);
        await publishDecision(trx, actor, pid, id, publishedOn, new Date(`${publishedOn}T12:00:00Z`));
      }
    });
  }
  return boardId;
}

/** Loads Somerset's shadow board and Luton's integrated commissioning committee. */
export async function loadGovernanceDemoSomersetLuton(db: Db): Promise<{ somerset: number; luton: number }> {
  const somerset = await orgsOf(db, 'somerset', { ccg: '11X', council: 'E10000027', nhse: 'X24' });
  const luton = await orgsOf(db, 'luton', { ccg: '06P', council: 'E06000032' });
  return {
    somerset: await loadBoard(db, somerset.pid, somerset.orgs, SOMERSET),
    luton: await loadBoard(db, luton.pid, luton.orgs, LUTON),
  };
}
