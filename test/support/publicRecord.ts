/**
 * Factories for the public record's tests: agenda items with their decisions, recorded and published through the
 * same store functions that the officers' pages use.
 */
import type { Db, Executor } from '../../src/db/connection.js';
import { transaction } from '../../src/db/connection.js';
import { systemActor } from '../../src/audit/index.js';
import { createAgendaItem } from '../../src/governance/meetings/index.js';
import { publishDecision, recordDecision } from '../../src/governance/decisions/index.js';
import { addDays, isoDate } from '../../src/kernel/dates.js';
import { createForwardPlanEntry, publishForwardPlanEntry } from '../../src/governance/forwardPlan/index.js';
import { OTHER_DOCUMENTS_DEFAULT } from '../../src/governance/forwardPlan/index.js';
import type { AgendaItemInput } from '../../src/governance/boards/index.js';
import type { CallInApplies } from '../../src/governance/decisions/index.js';

const actor = systemActor('public record fixture');

export const ITEM: AgendaItemInput = {
  title: 'An item',
  kind: 'decision',
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

export interface DecidedItem {
  item?: Partial<AgendaItemInput>;
  decision?: string;
  reasons?: string;
  alternatives?: string;
  decidedOn?: string;
  /** null: recorded but not published. */
  publishedOn?: string | null;
  callIn?: CallInApplies;
}

/** An agenda item added to the meeting, with a decision recorded on it and (unless told not to) published. */
export async function addDecidedItem(
  trx: Executor,
  partnershipId: number,
  meetingId: number,
  d: DecidedItem,
): Promise<{ itemId: number; decisionId: number }> {
  const item = { ...ITEM, ...d.item };
  if (item.keyDecision && item.keyTests.length === 0) item.keyTests = ['spend'];
  const itemId = await createAgendaItem(trx, actor, partnershipId, meetingId, { ...item, late: false });
  const decidedOn = isoDate(d.decidedOn ?? '2027-06-10');
  // a key decision needs its notice in the forward plan, published 28 clear days before (SI 2012/2089 reg 9)
  if (item.keyDecision) {
    const { board_id } = await trx
      .selectFrom('meetings')
      .select('board_id')
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    const entryId = await createForwardPlanEntry(
      trx,
      actor,
      partnershipId,
      board_id,
      {
        matter: `Key decision, item ${itemId}`,
        summary: '',
        decisionMaker: 'The board',
        decisionFrom: addDays(decidedOn, -7),
        decisionTo: addDays(decidedOn, 7),
        documents: 'The report',
        documentsFrom: 'Democratic services',
        otherDocuments: OTHER_DOCUMENTS_DEFAULT,
        private: item.exempt,
        exemptParagraph: item.exempt ? item.exemptParagraph : null,
        privateReason: item.exempt ? 'Exempt information' : '',
      },
      { meetingId, agendaItemId: itemId },
    );
    const noticeOn = addDays(decidedOn, -60);
    await publishForwardPlanEntry(
      trx,
      actor,
      partnershipId,
      entryId,
      noticeOn,
      new Date(`${noticeOn}T09:00:00Z`),
    );
  }
  const decisionId = await recordDecision(
    trx,
    actor,
    partnershipId,
    { meetingId, agendaItemId: itemId },
    {
      decision: d.decision ?? 'To approve the recommendations',
      decidedOn,
      reasons: d.reasons ?? 'The report makes the case',
      alternatives: d.alternatives ?? 'None',
      interestsDeclared: '',
      dispensations: '',
      callIn: d.callIn ?? 'subject',
      urgencyAgreedBy: d.callIn === 'urgent' ? 'Chair of scrutiny' : '',
      callInRule: 'call-in',
    },
  );
  const publishedOn = d.publishedOn === undefined ? decidedOn : d.publishedOn;
  if (publishedOn !== null)
    await publishDecision(
      trx,
      actor,
      partnershipId,
      decisionId,
      isoDate(publishedOn),
      new Date(`${publishedOn}T12:00:00Z`),
    );
  return { itemId, decisionId };
}

export const addDecidedItems = (db: Db, partnershipId: number, meetingId: number, items: DecidedItem[]) =>
  transaction(db, async (trx) => {
    const out = [];
    for (const d of items) out.push(await addDecidedItem(trx, partnershipId, meetingId, d));
    return out;
  });
