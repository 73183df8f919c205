/**
 * The decision notice: the written record of a published decision (SI 2012/2089 regs 12 and 13; DOMAIN.md §5,
 * "Record of decision") as a PDF to circulate or print, with the fields of the decision page: the decision maker,
 * the date, the decision, reasons, alternative options considered and rejected, interests declared and
 * dispensations, whether it is a key decision, its call-in status, publication date and the date it takes effect.
 * The public notice exists only for a published decision on an item that is not exempt (Schedule 12A); the
 * members' notice of an exempt decision is marked "Not for publication" on every page.
 */
import type { Executor } from '../../db/connection.js';
import { formatLongDate, todayInLondon } from '../../kernel/dates.js';
import { describeDocument, PdfWriter, stampHeader, stampPageNumbers } from '../../kernel/pdf.js';
import { partnersOf } from '../../partnerships/index.js';
import {
  callInState,
  describeCallInState,
  CALL_IN_APPLIES,
  DECISION_STATUSES,
  type CallInState,
} from './rules.js';
import { callInTermsOf, getDecision, listCallInRequests } from './store.js';
import { getMeeting, listAgendaItems } from '../meetings/index.js';
import { KEY_DECISION_TESTS } from '../boards/index.js';
import { getBoard } from '../boards/index.js';
import { decidedBy } from '../boards/index.js';
import type { PackAudience } from '../papers/index.js';

export interface DecisionNoticeFields {
  title: string;
  decisionMaker: string;
  status: string;
  meeting: string;
  decidedOn: string;
  decision: string;
  reasons: string;
  alternatives: string;
  interestsDeclared: string;
  dispensations: string;
  keyDecision: string;
  callIn: string;
  publishedOn: string;
  effectiveFrom: string;
  exemptParagraph: number | null;
}

/** The date a decision takes effect, in words, from its call-in state. */
export function effectiveFromText(state: CallInState, decidedOn: string): string {
  switch (state.kind) {
    case 'window-open':
      return `${formatLongDate(state.effective.date)}, unless called in`;
    case 'effective':
      return formatLongDate(state.effective.date);
    case 'called-in':
      return 'Not yet: called in, it takes effect only once scrutiny has considered it';
    case 'unpublished':
      return 'Not yet published';
    case 'not-subject':
      return `${formatLongDate(decidedOn)} (not subject to call-in)`;
  }
}

/** Draws the notice. */
export async function renderDecisionNotice(f: DecisionNoticeFields): Promise<Uint8Array> {
  const w = await PdfWriter.create();
  const exempt = f.exemptParagraph !== null;
  const mark = `NOT FOR PUBLICATION: exempt information under paragraph ${f.exemptParagraph ?? ''} of Schedule 12A to the Local Government Act 1972`;
  if (exempt) {
    stampHeader(w.page, w.bold, mark, 8);
    w.onPageStart((x) => stampHeader(x.page, x.bold, mark, 8));
  }
  w.text('Record of decision', { size: 12, after: 4 });
  w.heading(f.title, 18);
  w.field('Decision maker', f.decisionMaker);
  w.field('Meeting', f.meeting);
  w.field('Date of decision', formatLongDate(f.decidedOn));
  w.field('Decision', f.decision);
  w.field('Reasons for the decision', f.reasons);
  w.field('Alternative options considered and rejected', f.alternatives);
  w.field('Conflicts of interest declared', f.interestsDeclared || 'None');
  w.field('Dispensations', f.dispensations || 'None');
  w.field('Decision status', f.status);
  w.field('Key decision', f.keyDecision);
  w.field('Call-in', f.callIn);
  w.field('Publication date', formatLongDate(f.publishedOn));
  w.field('Effective from', f.effectiveFrom);
  w.space(8);
  w.text(
    'Published under the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, regulations 12 and 13.',
    { size: 8 },
  );
  describeDocument(w.doc, `Decision notice: ${f.title}`);
  await stampPageNumbers(w.doc, `Decision notice: ${f.title}`);
  return w.doc.save();
}

/**
 * Reads a decision for its notice: null when there is none, when it is not yet published, or (for the public) when
 * its item is exempt.
 */
export async function loadDecisionNotice(
  db: Executor,
  partnershipId: number,
  decisionId: number,
  audience: PackAudience,
): Promise<{ fields: DecisionNoticeFields; bytes: Uint8Array } | null> {
  const d = await getDecision(db, partnershipId, decisionId);
  if (!d || d.publishedOn === null) return null;
  const state = callInState(
    callInTermsOf(d),
    d.publishedOn,
    await listCallInRequests(db, partnershipId, d.id),
    todayInLondon(),
  );
  const common = {
    decidedOn: d.decided_on,
    decision: d.decision,
    reasons: d.reasons,
    alternatives: d.alternatives,
    interestsDeclared: d.interests_declared,
    dispensations: d.dispensations,
    callIn: `${CALL_IN_APPLIES[d.call_in]}${d.call_in === 'urgent' ? `, agreed by ${d.urgency_agreed_by}` : ''}. ${describeCallInState(state)}`,
    publishedOn: d.publishedOn,
    effectiveFrom: effectiveFromText(state, d.decided_on),
    status: DECISION_STATUSES[d.status],
  };
  if (d.meeting_id === null) {
    // taken by one member or officer acting under delegation, not at a meeting
    const fields: DecisionNoticeFields = {
      ...common,
      title: d.subject,
      decisionMaker: `${d.delegated_to}, acting under delegation: ${d.delegation_authority}`,
      meeting: 'Not taken at a meeting',
      keyDecision: d.key_decision ? 'Yes' : 'No',
      exemptParagraph: null,
    };
    return { fields, bytes: await renderDecisionNotice(fields) };
  }
  const meeting = await getMeeting(db, partnershipId, d.meeting_id);
  const board = meeting ? await getBoard(db, partnershipId, meeting.board_id) : undefined;
  const item = meeting
    ? (await listAgendaItems(db, partnershipId, meeting.id)).find((i) => i.id === d.agenda_item_id)
    : undefined;
  if (!meeting || !board || !item) return null;
  if (audience === 'public' && item.exempt) return null;
  const tests = [
    ...(item.key_on_spend ? [KEY_DECISION_TESTS.spend] : []),
    ...(item.key_on_wards ? [KEY_DECISION_TESTS.wards] : []),
  ];
  const fields: DecisionNoticeFields = {
    title: `Item ${item.number}: ${item.title}`,
    decisionMaker: `${board.name}: ${decidedBy(item, await partnersOf(db, partnershipId))}`,
    meeting: `${board.name}, ${formatLongDate(meeting.meets_on)}, ${meeting.starts_at}, ${meeting.venue || 'online'}`,
    ...common,
    keyDecision: item.key_decision ? `Yes: ${tests.join('; ')}` : 'No',
    exemptParagraph: item.exempt ? item.exempt_paragraph : null,
  };
  return { fields, bytes: await renderDecisionNotice(fields) };
}
