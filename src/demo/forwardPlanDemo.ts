/**
 * The demonstration forward plan of Southampton's Joint Commissioning Board (see governanceDemo.ts): a notice for
 * each key decision of the year, first published in good time, except the community nursing
 * contract extension, which went ahead under a general exception (SI 2012/2089 reg 10) after the provider's late
 * notice; the home care framework is to be taken in private (Schedule 12A paragraph 3). And one decision taken by
 * the chair under delegation, with no meeting. All dates, names of scrutiny chairs and delegations are
 * illustrative: the seeds name none. Built through the same store functions as the pages.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { OTHER_DOCUMENTS_DEFAULT, type KeyDecisionException } from '../governance/forwardPlan/index.js';
import {
  createForwardPlanEntry,
  keyItemsWithoutEntry,
  publishForwardPlanEntry,
  recordException,
} from '../governance/forwardPlan/index.js';
import { publishDecision, recordDelegatedDecision } from '../governance/decisions/index.js';
import { listMemberships } from '../governance/boards/index.js';
import { listBoards } from '../governance/boards/index.js';

const actor = systemActor('demo loader');
const SCRUTINY_CHAIR = 'Chair of the Health Overview and Scrutiny Panel (illustrative)';
const DOCUMENTS_FROM =
  'Democratic Services, Civic Centre, Southampton SO14 7LY, and on the Council’s website with the agenda';

/** When each key decision's entry was first published, and any exception (by agenda item title). */
const PLAN: Record<
  string,
  { firstPublished: string; documents: string; exception?: KeyDecisionException; privateReason?: string }
> = {
  'Better Care Fund and section 75 pooled budget 2018-19': {
    firstPublished: '2018-03-01',
    documents: 'Report of the Service Director, Adults, Housing and Communities; draft section 75 agreement',
  },
  'Community nursing and podiatry: contract extension': {
    firstPublished: '2018-04-19', // 20 clear days before 10 May 2018: too few without the exception
    documents: 'Report of the Senior commissioner, community services',
    exception: {
      route: 'general-exception',
      reasons:
        'The provider gave notice on 16 April 2018 that it could not continue beyond June without a decision on ' +
        'the extension; a decision in June would leave patients without a service.',
      noticePublishedOn: isoDate('2018-05-03'),
      scrutinyChairInformed: SCRUTINY_CHAIR,
      scrutinyChairInformedOn: isoDate('2018-05-03'),
      agreedBy: '',
      agreedByRole: null,
      agreedOn: null,
    },
  },
  'Home care framework: award of contracts': {
    firstPublished: '2018-04-05',
    documents: 'Report of the Senior commissioner, home care, with the evaluation of tenders (exempt)',
    privateReason:
      'The report sets out the bidders’ prices, which are commercially confidential while the framework is let.',
  },
  'Rehabilitation, reablement and hospital discharge: one pathway': {
    firstPublished: '2018-05-10',
    documents: 'Report of the Service Director, Adults, Housing and Communities; consultation findings',
  },
  'Mental health recovery and wellbeing services': {
    firstPublished: '2018-07-12',
    documents: 'Report of the Senior commissioner, mental health; needs review',
  },
  'Sexual health services: procurement strategy': {
    firstPublished: '2018-09-13',
    documents: 'Report of the Consultant in public health',
  },
  'Rehabilitation and reablement pathway: award of contract': {
    firstPublished: '2018-10-11',
    documents:
      'Report of the Service Director, Adults, Housing and Communities, with the evaluation (exempt)',
    privateReason:
      'The report sets out the bidders’ prices and evaluation, commercially confidential until award.',
  },
  'Section 75 agreement and pooled budget 2019-20': {
    firstPublished: '2018-12-13',
    documents: 'Report of the Service Director, Adults, Housing and Communities; draft variation agreement',
  },
};

/** Loads the forward plan entries of the board's key decisions and one delegated decision. */
export async function loadForwardPlanDemo(db: Db, partnershipId: number): Promise<void> {
  const board = (await listBoards(db, partnershipId)).find((b) => b.name === 'Joint Commissioning Board');
  if (!board) throw new Error('The demo Joint Commissioning Board is not loaded');
  const boardId = board.id;
  const members = await listMemberships(db, partnershipId, boardId);
  const decisionMaker = `${board.name}: ${members.map((m) => m.person_name).join(', ')}`;
  const items = await keyItemsWithoutEntry(db, partnershipId, boardId);
  await transaction(db, async (trx) => {
    for (const item of items) {
      const plan = PLAN[item.title];
      if (!plan) continue;
      const entryId = await createForwardPlanEntry(
        trx,
        actor,
        partnershipId,
        boardId,
        {
          matter: item.title,
          summary: plan.privateReason ? '' : `To be decided at the Board’s meeting of ${item.meets_on}.`,
          decisionMaker,
          decisionFrom: isoDate(item.meets_on),
          decisionTo: isoDate(item.meets_on),
          documents: plan.documents,
          documentsFrom: DOCUMENTS_FROM,
          otherDocuments: OTHER_DOCUMENTS_DEFAULT,
          private: plan.privateReason !== undefined,
          exemptParagraph: plan.privateReason ? 3 : null,
          privateReason: plan.privateReason ?? '',
        },
        { meetingId: item.meeting_id, agendaItemId: item.id },
      );
      await publishForwardPlanEntry(
        trx,
        actor,
        partnershipId,
        entryId,
        isoDate(plan.firstPublished),
        new Date(`${plan.firstPublished}T09:00:00Z`),
      );
      if (plan.exception) await recordException(trx, actor, partnershipId, entryId, plan.exception);
    }
  });

  // The chair (the Cabinet Member for Health and Adult Social Care) signs off the quarterly return under the
  // Board's delegation, with no meeting: a council executive decision, subject to call-in.
  const chair = members.find((m) => m.person_name === 'Cabinet Member for Health and Adult Social Care');
  await transaction(db, async (trx) => {
    const id = await recordDelegatedDecision(
      trx,
      actor,
      partnershipId,
      {
        boardId,
        subject: 'Better Care Fund 2018-19: quarter 1 return to NHS England',
        membershipId: chair?.id ?? null,
        delegatedTo: 'Cabinet Member for Health and Adult Social Care',
        delegationAuthority:
          'Terms of reference of the Joint Commissioning Board: national returns delegated to the chair ' +
          '(illustrative)',
        keyDecision: false,
        forwardPlanEntryId: null,
      },
      {
        decision:
          'To approve the Better Care Fund quarter 1 return for 2018-19 for submission to NHS England.',
        decidedOn: isoDate('2018-07-19'),
        reasons:
          'The return reports the pooled budget’s spending and metrics as the national conditions require.',
        alternatives: 'Not to submit: rejected, submission is a condition of the Better Care Fund.',
        interestsDeclared: '',
        dispensations: '',
        callIn: 'subject',
        urgencyAgreedBy: '',
        callInRule: 'call-in',
      },
    );
    await publishDecision(
      trx,
      actor,
      partnershipId,
      id,
      isoDate('2018-07-19'),
      new Date('2018-07-19T16:00:00Z'),
    );
  });
}
