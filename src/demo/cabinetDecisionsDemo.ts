/**
 * Southampton City Council's Cabinet and the two decisions in the seeds, reproduced field for field: the
 * Integrated Commissioning Unit (seed 003: 15 October 2013, key decision, effective 23 October 2013) and Shared
 * Commissioning, which set up the Joint Commissioning Board (seed 001: 18 July 2017, not key, effective 27 July
 * 2017). The seeds name no cabinet members, so each is shown by post (illustrative); the meeting time, venue and
 * the ward test that made the 2013 decision key are illustrative too. Each agenda is published on its deadline
 * day and each decision on the day it was taken, as the seeds' publication dates say.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate, type IsoDate } from '../kernel/dates.js';
import { agendaDeadline } from '../governance/meetings/index.js';
import { createAgendaItem, createMeeting, setMeetingStatus } from '../governance/meetings/index.js';
import { publishAgenda } from '../governance/meetings/index.js';
import { BOARD_KINDS, type AgendaItemInput } from '../governance/boards/index.js';
import { createBoard } from '../governance/boards/index.js';
import { createMembership } from '../governance/boards/index.js';
import { publishDecision, recordDecision } from '../governance/decisions/index.js';
import type { DecisionRecord } from '../governance/decisions/index.js';
import { OTHER_DOCUMENTS_DEFAULT } from '../governance/forwardPlan/index.js';
import { createForwardPlanEntry, publishForwardPlanEntry } from '../governance/forwardPlan/index.js';

const actor = systemActor('demo loader');
const AUTHOR = 'Stephanie Ramsey';

interface SeedDecision {
  meetsOn: IsoDate;
  /** A key decision's forward plan notice, first published 28 clear days before (illustrative date). */
  forwardPlanFrom?: IsoDate;
  item: Pick<AgendaItemInput, 'title' | 'summary' | 'keyDecision' | 'keyTests' | 'wardsAffected'>;
  record: Omit<DecisionRecord, 'decidedOn' | 'interestsDeclared' | 'dispensations' | 'urgencyAgreedBy'>;
}

/** Seed 003: Implementation of an Integrated Commissioning Unit (Cabinet, 15 October 2013). */
export const ICU_DECISION: SeedDecision = {
  meetsOn: isoDate('2013-10-15'),
  forwardPlanFrom: isoDate('2013-09-13'),
  item: {
    title:
      'Implementation of an Integrated Commissioning Unit between the Southampton City Council People ' +
      'Directorate and Southampton City Clinical Commissioning Group',
    summary: [
      'To consider the report of the Cabinet Member for Health and Adult Social Care seeking approval to proceed ' +
        'with the implementation of an Integrated Commissioning unit between the People Directorate and ' +
        'Southampton City Clinical Commissioning Group (CCG).',
      'The two organisations have identified commissioning priorities to work on jointly to improve outcomes for ' +
        'residents in a more cost effective way. The priorities are based on the Health and wellbeing Strategy ' +
        'and informed by the Joint Strategic Needs assessment and relevant national outcomes frameworks. There is ' +
        'a joint accountability structure to oversee achievement of the work , although final approval for ' +
        'decisions remains with Cabinet and the CCG governing Body',
      'The proposal is to develop a joint team with appropriately skilled staff who will deliver the shared ' +
        'strategy and achieve quality outcomes and savings through more focused, integrated work. Staff have been ' +
        'consulted on a proposed model. Staff will remain employed by their current employer, with their existing ' +
        'terms and conditions, but work as part of a combined unit.',
    ].join('\n\n'),
    keyDecision: true,
    keyTests: ['wards'],
    wardsAffected: 16,
  },
  record: {
    decision: [
      '(i)  To consider the consultation feedback on the establishment of an Integrated Commissioning Unit.',
      '(ii)  To approve the establishment of an Integrated Commissioning Unit.',
      '(iii)  To note that there will be an additional cost to the Council due to the establishment of the ' +
        'Integrated Commissioning Unit of £90,800 from 2014/15 onwards which will be addressed as part of the ' +
        'development of the budget.',
      '(iv)  To approve as a last resort a draw from the General Fund Revenue Budget contingency for the in year ' +
        'pressure in 2013/14 which cannot be managed within existing resources or from the savings to be ' +
        'delivered, as set out in paragraph 28.',
      '(v)  To delegate authority to the Head of Legal, HR and Democratic Services, following consultation with ' +
        'the Director of People, to agree and execute the Memorandum of Understanding.',
    ].join('\n\n'),
    reasons: [
      '1.  Redesigning and commissioning integrated services will improve quality and outcomes and result in more ' +
        'effective use of resources and cost avoidance and as a consequence release savings.',
      '2.  It has been identified that some investment will be required to attract the skill set needed into some ' +
        'of the more senior posts to ensure the leadership, experience and rigour necessary to achieve the change ' +
        'required at scale and pace.',
    ].join('\n\n'),
    alternatives: [
      '1.  A range of approaches were considered including no change to current aligned commissioning or a ' +
        'compromise that would have a shared strategy but continuing with separate commissioning functions. This ' +
        'was rejected as would maintain inconsistencies in commissioning leading to disjointed pathways and ' +
        'provision, duplications and inefficiencies and limited use of outcome based commissioning.',
      '2.   Alternative models were considered in developing an Integrated Unit including use of Section 75 ' +
        'agreements with pooled budget that either of the organisations could be the lead for or the development ' +
        'of a Joint Venture company. These would all have supported the benefits of integrated commissioning such ' +
        'as pooling  capabilities and purchasing power across the Council and CCG; realigning spend to outcomes ' +
        'required; influencing the market on a grander scale; commissioning more joined-up services so ' +
        'everything “works together and achieving value for money.',
      '3.  However the decision was taken to develop the model outlined in this document as this achieves the ' +
        'benefits of integrating commissioning whilst being less disruptive to staff as no TUPE implications, ' +
        'retaining accountability and governance for each organisation and allowing period to trial and evaluate ' +
        'the approach first.',
    ].join('\n\n'),
    callIn: 'subject',
    callInRule: 'call-in',
  },
};

/** Seed 001: Shared Commissioning between the Council and the CCG (Cabinet, 18 July 2017). */
export const SHARED_COMMISSIONING_DECISION: SeedDecision = {
  meetsOn: isoDate('2017-07-18'),
  item: {
    title:
      'Shared Commissioning between Southampton City Council and Southampton City Clinical Commissioning Group',
    summary: '',
    keyDecision: false,
    keyTests: [],
    wardsAffected: null,
  },
  record: {
    decision: [
      '(i)  To approve the establishment of a Joint Commissioning Board between the Council and Southampton City ' +
        'Clinical Commissioning Group to undertake Executive functions within the Boards proposed Terms of ' +
        'Reference.',
      '(ii)  To delegate authority to undertake joint commissioning functions that are executive functions within ' +
        'agreed budgets to individual members of the Board (Officers and Members as appropriate) acting at Board ' +
        'meetings within the procedures set out in the terms of reference.',
    ].join('\n\n'),
    reasons: [
      '1.  There is an opportunity to strengthen existing joint commissioning arrangements to achieve the level and ' +
        'pace of service change and integration needed to meet current and future challenges. This will enable ' +
        'both organisations to provide the seamless health and care which residents need and to meet quality and ' +
        'sustainability challenges. The current governance structures require changes for both organisations to ' +
        'be able to implement the necessary changes jointly and at pace.',
      '2.  National direction, such as Integration and Better Care Fund Policy Framework 2017, requires integration ' +
        'between health and care services. Success measures for such are being developed nationally and the Care ' +
        'Quality Commission has the remit to carry out targeted reviews.',
      '3.  Nationally there is an expectation that full integration of health and social care will be implemented ' +
        'by 2020. Southampton is ideally placed to increase the pace and depth of integrated commissioning, with ' +
        'its asset of co-terminosity between health and local government; its track record of delivering benefits ' +
        'through integration, its existing integrated commissioning functions and good working relationships. A ' +
        'shared ambition for change has been agreed between SCC Cabinet and the Clinical Commissioning Group (CCG) ' +
        'Governing Body: ‘Commissioning together for health and wellbeing will allow us to push further and ' +
        'faster towards our aim of completely transforming the delivery of health and care in Southampton so that ' +
        'it is better integrated, delivered as locally as possible, person centred and with an emphasis on ' +
        'prevention and intervening early to prevent escalation’.',
    ].join('\n\n'),
    alternatives: [
      '1.  Eight options were rigorously tested against a range of (weighted) financial and non-financial ' +
        'assessment criteria. They included:',
      'Resident and patient outcomes: increasing resident and patient benefits through maximising new ' +
        'commissioning possibilities',
      'System efficiency and sustainability :financial benefit through making savings for both organisations; ' +
        'effective decision making; ease of deliverability',
      'Accountability: democratic accountability; strategic alignment of priorities for both organisations; legal ' +
        'and regulatory compliance.',
      '2.  The options considered and rejected during this first stage were to:',
      'do nothing',
      'continue with or reverse current arrangements',
      'joint commissioning by a Combined Authority.',
      'These were rejected on the basis of an agreed scoring criteria which comprised ranking the weighted benefit ' +
        'criteria; through this process it was ascertained that these options did not deliver the same benefits ' +
        'as other options.',
      '3.  Four shortlisted options were analysed further to assess their benefits in terms of :',
      'Strategy (i.e. which option has the greatest potential to drive service innovation, provider integration ' +
        'and ultimately maximise benefits for citizens and patients)',
      'Governance (i.e. which option has the structures, powers and duties to maximise integration, whilst ' +
        'minimising complexity and the possibility of legal challenge)',
      'Financial (i.e. balance of pooled and aligned budgets for each option).',
      '4.  As a result of further assessment an additional three options were rejected at this stage:',
      'Joint commissioning hosted by either the CCG or Council',
      'Commissioning overseen by the Health and Wellbeing Board (H&WB). This was rejected as the Health and ' +
        'Wellbeing Board is a sub-committee of Council, not the Executive and as such cannot legally exercise ' +
        'Executive powers. The H&WB has statutory functions wider than the scope of shared commissioning as well ' +
        'as statutory membership which would impact on the balance of the proposed new board as the members have ' +
        'particular voting rights in law. The current H&WB advisory / scrutiny role could also be lost from the ' +
        'system.',
      'Establishing a Regulation 10 committee as allowed within a Section 75 agreement (an agreement made under ' +
        'section 75 of National Health Services Act 2006 between a local authority and an NHS body in England). ' +
        'This was rejected as it would limit decision making to pooled budget items only and not areas where ' +
        'budgets are aligned rather than formally pooled.',
    ].join('\n\n'),
    callIn: 'subject',
    // the seed's effective date (27/07/2017) counts the window from the notice issued the next working day
    callInRule: 'call-in-from-next-day-notice',
  },
};

const CABINET_POSTS: [post: string, role: 'chair' | 'vice_chair' | 'member'][] = [
  ['Leader of the Council', 'chair'],
  ['Deputy Leader and Cabinet Member for Finance', 'vice_chair'],
  ['Cabinet Member for Health and Adult Social Care', 'member'],
  ['Cabinet Member for Children’s Social Care', 'member'],
  ['Cabinet Member for Communities', 'member'],
  ['Cabinet Member for Housing and Sustainability', 'member'],
];

/** Loads the Cabinet, its two seed meetings, agendas and decisions; returns the decision ids (2013, 2017). */
export async function loadCabinetDecisionsDemo(
  db: Db,
  partnershipId: number,
  councilId: number,
): Promise<{ boardId: number; icu: number; sharedCommissioning: number }> {
  const boardId = await transaction(db, async (trx) => {
    const id = await createBoard(trx, actor, partnershipId, {
      name: 'Cabinet',
      kind: 'cabinet',
      legalBasis: BOARD_KINDS.cabinet.legalBasis,
      description:
        'Southampton City Council’s Cabinet, whose executive decisions of 15 October 2013 (the Integrated ' +
        'Commissioning Unit) and 18 July 2017 (the Joint Commissioning Board) set up the partnership. Members ' +
        'are shown by post (illustrative).',
      rotation: 'fixed',
      rotationStartsOn: null,
      municipalYearStartMonth: 5,
      turns: [],
      quorumTotal: 3,
      quorumPerPartner: 0,
      illustrative: true,
    });
    for (const [post, role] of CABINET_POSTS)
      await createMembership(trx, actor, partnershipId, id, {
        personName: post,
        organisationId: councilId,
        postHeld: post,
        role,
        voting: true,
        termFrom: isoDate('2013-05-01'),
        termTo: null,
        nominatedBy: 'Leader of the Council',
        substitutes: [],
        illustrative: true,
      });
    return id;
  });

  const ids: number[] = [];
  for (const seed of [ICU_DECISION, SHARED_COMMISSIONING_DECISION]) {
    const { meetingId, itemId } = await transaction(db, async (trx) => {
      const meetingId = await createMeeting(trx, actor, partnershipId, boardId, {
        meetsOn: seed.meetsOn,
        startsAt: '16:30',
        venue: 'Civic Centre, Southampton',
        onlineLink: '',
        illustrative: true,
      });
      const itemId = await createAgendaItem(trx, actor, partnershipId, meetingId, {
        ...seed.item,
        kind: 'decision',
        reportAuthor: AUTHOR,
        functions: 'one',
        organisationIds: [councilId],
        spendPence: null,
        exempt: false,
        exemptParagraph: null,
        publicInterestReason: '',
        titlePublished: true,
        urgencyReason: '',
        urgencyAgreedBy: '',
        late: false,
        illustrative: true,
      });
      if (seed.forwardPlanFrom) {
        const entryId = await createForwardPlanEntry(
          trx,
          actor,
          partnershipId,
          boardId,
          {
            matter: seed.item.title,
            summary: 'Approval to implement an Integrated Commissioning Unit with the CCG.',
            decisionMaker: 'Cabinet',
            decisionFrom: seed.meetsOn,
            decisionTo: seed.meetsOn,
            documents: 'Report of the Cabinet Member for Health and Adult Social Care',
            documentsFrom: 'Democratic Services, Civic Centre, Southampton',
            otherDocuments: OTHER_DOCUMENTS_DEFAULT,
            private: false,
            exemptParagraph: null,
            privateReason: '',
          },
          { meetingId, agendaItemId: itemId },
        );
        await publishForwardPlanEntry(
          trx,
          actor,
          partnershipId,
          entryId,
          seed.forwardPlanFrom,
          new Date(`${seed.forwardPlanFrom}T09:00:00Z`),
        );
      }
      return { meetingId, itemId };
    });
    const publishOn = agendaDeadline(seed.meetsOn).date;
    const published = await publishAgenda(db, actor, {
      partnershipId,
      meetingId,
      publishOn,
      urgency: null,
      publishedAt: new Date(`${publishOn}T16:00:00Z`),
    });
    if (!published.ok) throw new Error(`Demo Cabinet agenda refused: ${JSON.stringify(published.error)}`);
    ids.push(
      await transaction(db, async (trx) => {
        await setMeetingStatus(trx, actor, partnershipId, meetingId, 'held');
        const id = await recordDecision(
          trx,
          actor,
          partnershipId,
          { meetingId, agendaItemId: itemId },
          {
            ...seed.record,
            decidedOn: seed.meetsOn,
            interestsDeclared: '',
            dispensations: '',
            urgencyAgreedBy: '',
          },
        );
        await publishDecision(
          trx,
          actor,
          partnershipId,
          id,
          seed.meetsOn,
          new Date(`${seed.meetsOn}T18:00:00Z`),
        );
        return id;
      }),
    );
  }
  return { boardId, icu: ids[0] ?? 0, sharedCommissioning: ids[1] ?? 0 };
}
