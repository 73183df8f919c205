/**
 * The public page of a published decision: the record of SI 2012/2089 reg 12, its call-in state and the date it
 * takes effect with the days counted. Of a decision on an exempt item (Schedule 12A) the public see only the item's
 * number, its paragraph, its title where the officer allowed it, and the dates: none of the record's text.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db, Executor } from '../../db/connection.js';
import { formatLongDate, todayInLondon } from '../../kernel/dates.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { idParam } from '../../http/request.js';
import { CALL_IN_APPLIES, DECISION_STATUSES } from '../../governance/decisions/index.js';
import { decisionsOfMeeting, getDecision, type Decision } from '../../governance/decisions/index.js';
import { describeCallInProgress } from '../../governance/callIn/index.js';
import { loadCallIn } from '../../governance/callIn/index.js';
import { loadBankHolidayChanges } from '../../governance/dates/index.js';
import { getMeeting, listAgendaItems, type AgendaItem } from '../../governance/meetings/index.js';
import { getBoard } from '../../governance/boards/index.js';
import { decisionsFeedLink } from '../feeds/index.js';
import { appraisalOfDecision } from '../../appraisal/decisionLink/index.js';

const notFound = (reply: FastifyReply) =>
  reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });

const publicTitle = (item: AgendaItem) => (!item.exempt || item.title_published ? item.title : 'Exempt item');

/** What the public may read of a decision: the whole record, or for an exempt item none of its text. */
export function publicDecisionRecord(decision: Decision, item: AgendaItem) {
  const common = {
    itemNumber: item.number,
    title: publicTitle(item),
    keyDecision: item.key_decision,
    decidedOn: decision.decided_on,
    publishedOn: decision.published_on,
    callIn: CALL_IN_APPLIES[decision.call_in],
    status: DECISION_STATUSES[decision.status],
  };
  if (item.exempt)
    return {
      ...common,
      exempt: true as const,
      exemptNotice: `Exempt: paragraph ${item.exempt_paragraph ?? '?'} of Schedule 12A to the Local Government Act 1972`,
    };
  return {
    ...common,
    exempt: false as const,
    decision: decision.decision,
    reasons: decision.reasons,
    alternatives: decision.alternatives,
    interestsDeclared: decision.interests_declared,
    dispensations: decision.dispensations,
    urgencyAgreedBy: decision.urgency_agreed_by,
  };
}

/** What the public read of a decision taken under delegation (reg 13): the whole record, with who took it. */
export function publicDelegatedDecisionRecord(decision: Decision) {
  return {
    itemNumber: null,
    title: decision.subject,
    keyDecision: decision.key_decision,
    decidedOn: decision.decided_on,
    publishedOn: decision.published_on,
    callIn: CALL_IN_APPLIES[decision.call_in],
    status: DECISION_STATUSES[decision.status],
    exempt: false as const,
    decisionMaker: decision.delegated_to,
    delegationAuthority: decision.delegation_authority,
    decision: decision.decision,
    reasons: decision.reasons,
    alternatives: decision.alternatives,
    interestsDeclared: decision.interests_declared,
    dispensations: decision.dispensations,
    urgencyAgreedBy: decision.urgency_agreed_by,
  };
}

/** The published decisions of a meeting, for links from its public page. */
export async function publishedDecisionLinks(db: Executor, partnershipId: number, meetingId: number) {
  const items = await listAgendaItems(db, partnershipId, meetingId);
  const decisions = await decisionsOfMeeting(db, partnershipId, meetingId);
  return items.flatMap((item) => {
    const d = decisions.get(item.id);
    return d && d.published_on ? [{ id: d.id, itemNumber: item.number, title: publicTitle(item) }] : [];
  });
}

export const publicDecisionRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string; decisionId: string } }>(
    '/public/partnerships/:slug/decisions/:decisionId',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.decisionId);
      const decision = partnership && id !== null ? await getDecision(db, partnership.id, id) : undefined;
      // an unpublished decision is not yet public
      if (!partnership || !decision || decision.publishedOn === null) return notFound(reply);
      if (decision.meeting_id === null) {
        // taken under delegation: no meeting or agenda item, the board named on the decision
        const board =
          decision.board_id === null ? undefined : await getBoard(db, partnership.id, decision.board_id);
        if (!board) return notFound(reply);
        const { status } = await loadCallIn(db, decision, todayInLondon(), await loadBankHolidayChanges(db));
        const { state, progress } = status;
        const record = publicDelegatedDecisionRecord(decision);
        return reply.view('publish/meetings/views/decision.njk', {
          pageTitle: `Decision: ${record.title}`,
          navSection: 'public',
          breadcrumbs: [
            { text: 'Partnerships', href: '/public/partnerships' },
            { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
            { text: board.name, href: `/public/partnerships/${partnership.slug}/boards/${board.id}` },
          ],
          partnership,
          board,
          meetsOn: null,
          record,
          stateText: progress ? describeCallInProgress(progress, false) : status.text,
          explanation: progress
            ? (progress.effective?.explanation ?? null)
            : state.kind === 'window-open' || state.kind === 'effective'
              ? state.effective.explanation
              : null,
          amendedDecision: progress?.amendedDecision ?? null,
        });
      }
      const meeting = await getMeeting(db, partnership.id, decision.meeting_id);
      const board = meeting ? await getBoard(db, partnership.id, meeting.board_id) : undefined;
      const item = meeting
        ? (await listAgendaItems(db, partnership.id, meeting.id)).find(
            (i) => i.id === decision.agenda_item_id,
          )
        : undefined;
      if (!meeting || !board || !item) return notFound(reply);
      const { status } = await loadCallIn(db, decision, todayInLondon(), await loadBankHolidayChanges(db));
      const { state, progress } = status;
      const record = publicDecisionRecord(decision, item);
      // the alternatives drawn from the option appraisal the decision rests on (issue 5); none for an exempt item
      const appraisal = record.exempt ? null : await appraisalOfDecision(db, partnership.id, decision.id);
      return reply.view('publish/meetings/views/decision.njk', {
        pageTitle: `Decision: ${record.title}`,
        navSection: 'public',
        breadcrumbs: [
          { text: 'Partnerships', href: '/public/partnerships' },
          { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
          { text: board.name, href: `/public/partnerships/${partnership.slug}/boards/${board.id}` },
          {
            text: formatLongDate(meeting.meets_on),
            href: `/public/partnerships/${partnership.slug}/meetings/${meeting.id}`,
          },
        ],
        feedLinks: [decisionsFeedLink(partnership)],
        partnership,
        board,
        meetsOn: meeting.meets_on,
        record,
        appraisalAlternatives: appraisal ? appraisal.alternatives : null,
        noticeHref: record.exempt
          ? null
          : `/public/partnerships/${partnership.slug}/decisions/${decision.id}/notice.pdf`,
        // the dates and explanation only: a call-in's grounds or an officer's reasons may quote the exempt report
        stateText: progress ? describeCallInProgress(progress, false) : status.text,
        explanation: progress
          ? (progress.effective?.explanation ?? null)
          : state.kind === 'window-open' || state.kind === 'effective'
            ? state.effective.explanation
            : null,
        amendedDecision: item.exempt ? null : (progress?.amendedDecision ?? null),
      });
    },
  );
};
