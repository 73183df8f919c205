/**
 * Call-in in the demo (DOMAIN.md §5): Southampton's partners' constitution settings, the council's health overview
 * and scrutiny panel, and one decision of the Joint Commissioning Board called in, referred back and reconsidered.
 * The seeds say only that the board's decisions are examined by the council's health overview and scrutiny
 * committee: the panel's members, the number of members needed to call in, the CCG's threshold, the decision
 * chosen and every date of its call-in are illustrative. The council's key decision threshold of £500,000 is one of
 * DOMAIN.md's examples, not Southampton's published figure (illustrative). Built through the pages' store functions.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { pence } from '../kernel/money.js';
import { callInTermsFor } from '../governance/boards/index.js';
import {
  partnerConstitution,
  recordCallInStep,
  recordDecisionTerms,
  savePartnerConstitution,
} from '../governance/callIn/index.js';
import { loadBankHolidayChanges } from '../governance/dates/index.js';
import {
  decisionsOfMeeting,
  getDecision,
  publishDecision,
  recordCallInRequest,
  recordDecision,
} from '../governance/decisions/index.js';
import { createMeeting, listAgendaItems, listMeetings } from '../governance/meetings/index.js';
import { createMembership } from '../governance/boards/index.js';
import { BOARD_KINDS } from '../governance/boards/index.js';
import { createBoard, listBoards } from '../governance/boards/index.js';

const actor = systemActor('demo loader');

/** The panel's members (illustrative). Sam Scrutiny is also the demo's scrutiny member user. */
export const DEMO_PANEL = ['Sam Scrutiny', 'Chair of the Health Overview and Scrutiny Panel', 'Panel member'];

export async function loadCallInDemo(db: Db, partnershipId: number, ccgId: number, councilId: number) {
  const { panelMeetingId } = await transaction(db, async (trx) => {
    await savePartnerConstitution(trx, actor, partnershipId, councilId, {
      keyDecisionThresholdPence: pence(500_000_00),
      subjectToCallIn: true,
      callInRule: 'call-in',
      callInDays: null,
      callInCounting: null,
      membersRequired: 2,
    });
    await savePartnerConstitution(trx, actor, partnershipId, ccgId, {
      keyDecisionThresholdPence: pence(1_000_000_00),
      subjectToCallIn: false,
      callInRule: 'call-in',
      callInDays: null,
      callInCounting: null,
      membersRequired: 2,
    });
    const panelId = await createBoard(trx, actor, partnershipId, {
      name: 'Health Overview and Scrutiny Panel',
      kind: 'overview_and_scrutiny_committee',
      legalBasis: BOARD_KINDS.overview_and_scrutiny_committee.legalBasis,
      description:
        'The council’s health overview and scrutiny panel, which examines the Joint Commissioning Board’s ' +
        'decisions and may call them in. Its members and meeting dates here are illustrative.',
      rotation: 'fixed',
      rotationStartsOn: null,
      municipalYearStartMonth: 5,
      turns: [],
      quorumTotal: 2,
      quorumPerPartner: 0,
      illustrative: true,
    });
    for (const [index, name] of DEMO_PANEL.entries())
      await createMembership(trx, actor, partnershipId, panelId, {
        personName: name,
        organisationId: councilId,
        postHeld: index === 1 ? 'Chair of the panel' : 'Councillor, member of the panel',
        role: index === 1 ? 'chair' : 'member',
        voting: true,
        termFrom: isoDate('2018-04-01'),
        termTo: null,
        nominatedBy: 'Council',
        substitutes: [],
        illustrative: true,
      });
    const meetingId = await createMeeting(trx, actor, partnershipId, panelId, {
      meetsOn: isoDate('2018-04-26'),
      startsAt: '18:00',
      venue: 'Civic Centre, Southampton',
      onlineLink: '',
      illustrative: true,
    });
    return { panelMeetingId: meetingId };
  });

  // The board's decision on its terms of reference at its first meeting (12 April 2018): the one the demo's year
  // recorded and published on Fri 13 April 2018 (governanceDecisionsDemo.ts), or recorded here when it has none.
  const board = (await listBoards(db, partnershipId)).find((b) => b.kind === 'joint_commissioning_board');
  const first = board ? (await listMeetings(db, partnershipId, { boardId: board.id }))[0] : undefined;
  const item = first
    ? (await listAgendaItems(db, partnershipId, first.id)).find((i) =>
        i.title.startsWith('Terms of reference'),
      )
    : undefined;
  if (!first || !item) return null;
  const target = { meetingId: first.id, itemId: item.id };
  const existing = (await decisionsOfMeeting(db, partnershipId, first.id)).get(item.id);
  if (existing && (existing.call_in !== 'subject' || existing.publishedOn !== '2018-04-13')) return null;

  const changes = await loadBankHolidayChanges(db);
  const decisionId = await transaction(db, async (trx) => {
    const council = await partnerConstitution(trx, partnershipId, councilId);
    if (!council) throw new Error('The demo council is not a partner');
    const terms = callInTermsFor(council.constitution, { urgent: false, agreedBy: '' });
    const id = existing
      ? existing.id
      : await recordDecision(
          trx,
          actor,
          partnershipId,
          { meetingId: target.meetingId, agendaItemId: target.itemId },
          {
            decision:
              'To adopt the terms of reference of the Joint Commissioning Board approved by the Council’s Cabinet on ' +
              '18 July 2017 and by the CCG governing body (illustrative wording).',
            decidedOn: isoDate('2018-04-12'),
            reasons:
              'The Board needs terms of reference to exercise the functions delegated to it (illustrative).',
            alternatives:
              'To defer adoption: rejected, as the Board could not take decisions meanwhile (illustrative).',
            interestsDeclared: '',
            dispensations: '',
            callIn: terms.callIn,
            urgencyAgreedBy: '',
            callInRule: terms.rule.name,
          },
        );
    if (!existing) {
      await recordDecisionTerms(trx, actor, partnershipId, id, councilId, terms);
      // published the next working day: 5 clear working days 16-20 April, effective Mon 23 April 2018 unless called in
      await publishDecision(
        trx,
        actor,
        partnershipId,
        id,
        isoDate('2018-04-13'),
        new Date('2018-04-13T12:00:00Z'),
      );
    }
    const ask = async (name: string, on: string, grounds: string) =>
      recordCallInRequest(trx, { userId: null, label: `demo: ${name}` }, partnershipId, id, {
        memberName: name,
        grounds,
        requestedOn: isoDate(on),
      });
    await ask(
      'Sam Scrutiny',
      '2018-04-17',
      'The terms of reference do not say how the Board will report to the panel on the pooled budget (illustrative).',
    );
    await ask(
      'Chair of the Health Overview and Scrutiny Panel',
      '2018-04-18',
      'Patients and carers were not consulted on the Board’s arrangements for public questions (illustrative).',
    );
    return id;
  });
  const decision = await getDecision(db, partnershipId, decisionId);
  if (!decision) throw new Error('The demo decision was not recorded');
  const today = isoDate('2018-05-10');
  const steps = [
    { kind: 'validity', on: isoDate('2018-04-19'), valid: true, reasons: '' },
    {
      kind: 'scrutiny-meeting',
      on: isoDate('2018-04-26'),
      meetingId: panelMeetingId,
      committee: 'Health Overview and Scrutiny Panel',
    },
    {
      kind: 'outcome',
      on: isoDate('2018-04-26'),
      outcome: 'referred-back',
      notes:
        'The panel asked the Board to add how it reports to the panel on the pooled budget (illustrative).',
    },
    {
      kind: 'reconsidered',
      on: today,
      result: 'amended',
      decisionText: `${decision.decision} Amended to add a report to the Health Overview and Scrutiny Panel on the pooled budget twice a year (illustrative).`,
    },
  ] as const;
  for (const step of steps) {
    const recorded = await recordCallInStep(db, actor, decision, step, today, changes);
    if (!recorded.ok)
      throw new Error(`Demo call-in step ${step.kind} refused: ${JSON.stringify(recorded.error)}`);
  }
  return decisionId;
}
