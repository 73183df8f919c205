/**
 * Decisions: recording the decision taken on an agenda item (SI 2012/2089 reg 12), the decision page with its
 * call-in state and the days counted, publishing it (which starts the call-in clock), and a scrutiny member's
 * request to call it in while the window is open (DOMAIN.md §5).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { field, readDateInput, type FormBody, formBody, type Parsed } from '../../kernel/forms.js';
import { readCallInRequestForm, readPublishForm } from './schema.js';
import { formatLongDate, isoDate, todayInLondon, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import {
  CALL_IN_APPLIES,
  DECISION_STATUSES,
  validateDecision,
  type CallInApplies,
  type DecisionStatus,
} from './rules.js';
import {
  KeyDecisionBlocked,
  decisionsOfMeeting,
  getDecision,
  publishDecision,
  recordCallInRequest,
  recordDecision,
} from './store.js';
import { getMeeting, listAgendaItems } from '../meetings/index.js';
import { keyDecisionNoticeFor } from '../forwardPlan/index.js';
import { getBoard } from '../boards/index.js';
import { loadBankHolidayChanges } from '../dates/index.js';
import {
  loadCallIn,
  partnerConstitution,
  partnerConstitutions,
  recordDecisionTerms,
} from '../callIn/index.js';
import { mayAskForCallIn } from '../callIn/index.js';
import { CALL_IN_RULES } from './rules.js';
import { callInTermsFor } from '../boards/index.js';
import { boardCrumbs, loadMeeting, notFound, type MeetingParams } from '../meetings/index.js';
import {
  appraisalOfDecision,
  appraisalSummary,
  unlinkedAppraisals,
} from '../../appraisal/decisionLink/index.js';
import { declarationsForDecision, meetingConduct } from '../conduct/index.js';

type ItemParams = MeetingParams & { itemId: string };
type DecisionParams = PartnershipParams & { decisionId: string };

/** The call-in rules a decision may be counted under: the named periods after publication. */

export const decisionRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  async function loadItem(req: FastifyRequest<{ Params: ItemParams }>, reply: FastifyReply) {
    const loaded = await loadMeeting(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.itemId);
    const item = (await listAgendaItems(db, loaded.partnership.id, loaded.meeting.id)).find(
      (i) => i.id === id,
    );
    const taken =
      item && (await decisionsOfMeeting(db, loaded.partnership.id, loaded.meeting.id)).has(item.id);
    if (!item || item.kind !== 'decision' || taken) return notFound(reply);
    return { ...loaded, item };
  }

  const showForm = (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadItem>>>,
    data: {
      values: FormBody;
      problems?: FieldProblems;
      keyNotice?: string;
      appraisals?: { id: number; title: string }[];
    },
  ) =>
    reply.view('governance/decisions/views/decisionForm.njk', {
      // a key decision: whether its notice (SI 2012/2089 regs 9 to 11) allows it on the meeting day
      keyNotice: data.keyNotice,
      appraisals: data.appraisals ?? [],
      pageTitle: `Record the decision on item ${loaded.item.number}`,
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        {
          text: formatLongDate(loaded.meeting.meets_on),
          href: `/partnerships/${loaded.partnership.id}/meetings/${loaded.meeting.id}`,
        },
      ],
      ...loaded,
      action: `/partnerships/${loaded.partnership.id}/meetings/${loaded.meeting.id}/items/${loaded.item.id}/decision`,
      callInChoices: CALL_IN_APPLIES,
      statusChoices: DECISION_STATUSES,
      rules: CALL_IN_RULES,
      // the deciding partner's constitution sets the call-in terms (callIn.ts, constitution.ts)
      decidingItems: [
        { value: '', text: 'Choose the terms below instead' },
        ...loaded.partners.map((p) => ({
          value: String(p.id),
          text: p.name,
          selected: String(data.values.decidingOrganisationId ?? '') === String(p.id),
        })),
      ],
      values: data.values,
      ...(data.problems ? withProblems(data.problems, ['decidedOn']) : {}),
    });

  app.get<{ Params: ItemParams; Querystring: { appraisal?: string } }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/decision/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadItem(req, reply);
      if (!loaded) return reply;
      const [y, m, d] = loaded.meeting.meets_on.split('-');
      // The declarations made on the item at the meeting, and a carried motion, start the record (reg 12).
      const conduct = (await meetingConduct(db, loaded.board, loaded.meeting, loaded.partners)).items.find(
        (i) => i.item.id === loaded.item.id,
      );
      // the deciding partner by default: the item's one partner, else the council (whose decisions call-in covers)
      const constitutions = await partnerConstitutions(db, loaded.partnership.id);
      const itemPartners = await db
        .selectFrom('agenda_item_partners')
        .select('organisation_id')
        .where('partnership_id', '=', loaded.partnership.id)
        .where('agenda_item_id', '=', loaded.item.id)
        .execute();
      const deciding =
        (itemPartners.length === 1
          ? constitutions.find((c) => c.organisation.id === itemPartners[0]?.organisation_id)
          : undefined) ?? constitutions.find((c) => c.organisation.kind === 'local_authority');
      const notice = loaded.item.key_decision
        ? await keyDecisionNoticeFor(
            db,
            loaded.partnership.id,
            { agendaItemId: loaded.item.id },
            isoDate(loaded.meeting.meets_on),
          )
        : null;
      // the alternatives may be drawn from an option appraisal (issue 5): offered as links that prefill the field
      const appraisals = await unlinkedAppraisals(db, loaded.partnership.id);
      const chosen = appraisals.find((a) => String(a.id) === req.query.appraisal);
      const drawn = chosen ? await appraisalSummary(db, loaded.partnership.id, chosen.id) : null;
      return showForm(reply, loaded, {
        keyNotice: notice ? (notice.allowed ? notice.explanation : notice.message) : undefined,
        appraisals,
        values: {
          decidingOrganisationId: deciding ? String(deciding.organisation.id) : '',
          ...(drawn ? { alternatives: drawn.alternatives.text } : {}),
          ...(conduct ? declarationsForDecision(conduct.declarations) : {}),
          ...(conduct?.motion && conduct.outcome.carried ? { decision: conduct.motion.motion } : {}),
          'decidedOn-day': String(Number(d)),
          'decidedOn-month': String(Number(m)),
          'decidedOn-year': y,
          callIn: 'subject',
          callInRule: 'call-in',
          status: 'recommendations_approved',
        },
      });
    },
  );

  app.post<{ Params: ItemParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/decision',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadItem(req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const date = readDateInput(body, 'decidedOn', 'the date of the decision', true);
      const text = (name: string) => field(body, name);
      const record = {
        decision: text('decision'),
        decidedOn: date.value ?? '',
        reasons: text('reasons'),
        alternatives: text('alternatives'),
        interestsDeclared: text('interestsDeclared'),
        dispensations: text('dispensations'),
        callIn: text('callIn'),
        urgencyAgreedBy: text('urgencyAgreedBy'),
        callInRule: text('callInRule'),
        // the form's radios start at "recommendations approved"; a post without the field means the same
        status: text('status') || 'recommendations_approved',
      };
      // Chosen a deciding partner: its constitution's settings give the call-in terms, except an urgent exemption.
      const decidingId =
        text('decidingOrganisationId') === '' ? null : idParam(text('decidingOrganisationId'));
      const deciding =
        decidingId === null ? undefined : await partnerConstitution(db, loaded.partnership.id, decidingId);
      const terms = deciding
        ? callInTermsFor(deciding.constitution, {
            urgent: record.callIn === 'urgent',
            agreedBy: record.urgencyAgreedBy,
          })
        : null;
      if (terms && !(record.callIn === 'urgent' && !record.urgencyAgreedBy.trim())) {
        record.callIn = terms.callIn;
        record.callInRule = terms.rule.name;
      }
      const problems = validateDecision(record);
      if (text('decidingOrganisationId') !== '' && !deciding)
        problems.decidingOrganisationId = 'Choose one of the partners';
      if (date.problem) problems.decidedOn = date.problem;
      if (Object.keys(problems).length === 0 && loaded.item.key_decision) {
        const notice = await keyDecisionNoticeFor(
          db,
          loaded.partnership.id,
          { agendaItemId: loaded.item.id },
          isoDate(record.decidedOn),
        );
        if (!notice.allowed) problems.decidedOn = notice.message;
      }
      if (Object.keys(problems).length > 0)
        return showForm(reply.code(400), loaded, { values: body, problems });
      const id = await transaction(db, async (trx) => {
        const decisionId = await recordDecision(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          { meetingId: loaded.meeting.id, agendaItemId: loaded.item.id },
          {
            ...record,
            decidedOn: isoDate(record.decidedOn),
            callIn: record.callIn as CallInApplies,
            status: record.status as DecisionStatus,
          },
        );
        if (terms && deciding)
          await recordDecisionTerms(
            trx,
            actorFor(req.principal),
            loaded.partnership.id,
            decisionId,
            deciding.organisation.id,
            terms,
          );
        return decisionId;
      }).catch((e: unknown) => {
        if (e instanceof KeyDecisionBlocked) return e;
        throw e;
      });
      if (id instanceof KeyDecisionBlocked)
        return showForm(reply.code(400), loaded, { values: body, problems: { decidedOn: id.message } });
      req.session.flash = `Decision recorded on item ${loaded.item.number}`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/decisions/${id}`, 303);
    },
  );

  async function loadDecision(req: FastifyRequest<{ Params: DecisionParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.decisionId);
    const decision = id === null ? undefined : await getDecision(db, loaded.partnership.id, id);
    // a decision under delegation (migration 0014) has no meeting or item, but names its board
    const meeting =
      decision?.meeting_id != null ? await getMeeting(db, loaded.partnership.id, decision.meeting_id) : null;
    const boardId = meeting ? meeting.board_id : decision?.board_id;
    const board = boardId != null ? await getBoard(db, loaded.partnership.id, boardId) : undefined;
    if (!decision || meeting === undefined || !board) return notFound(reply);
    const item = meeting
      ? (await listAgendaItems(db, loaded.partnership.id, meeting.id)).find(
          (i) => i.id === decision.agenda_item_id,
        )
      : null;
    if (item === undefined) return notFound(reply);
    const callIn = await loadCallIn(db, decision, todayInLondon(), await loadBankHolidayChanges(db));
    const { requests, status } = callIn;
    const state = status.state;
    const appraisal = await appraisalOfDecision(db, loaded.partnership.id, decision.id);
    return { ...loaded, decision, meeting, board, item, requests, state, callIn, appraisal };
  }

  const showDecision = (
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadDecision>>>,
    data: { values?: FormBody; problems?: FieldProblems } = {},
  ) =>
    reply.view('governance/decisions/views/decision.njk', {
      pageTitle: loaded.item
        ? `Decision on item ${loaded.item.number}: ${loaded.item.title}`
        : `Decision: ${loaded.decision.subject}`,
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        ...(loaded.meeting
          ? [
              {
                text: formatLongDate(loaded.meeting.meets_on),
                href: `/partnerships/${loaded.partnership.id}/meetings/${loaded.meeting.id}`,
              },
            ]
          : []),
      ],
      ...loaded,
      callInChoices: CALL_IN_APPLIES,
      statusChoices: DECISION_STATUSES,
      stateText: loaded.callIn.status.text,
      progress: loaded.callIn.status.progress,
      terms: loaded.callIn.terms,
      mayCallIn:
        mayAskForCallIn(loaded.callIn.status, todayInLondon()) &&
        !loaded.requests.some((r) => req.principal && r.memberName === actorFor(req.principal).label),
      today: todayInLondon(),
      values: data.values ?? {},
      ...(data.problems ? withProblems(data.problems, ['publishedOn']) : {}),
      can: canIn(req, loaded.partnership.id),
    });

  app.get<{ Params: DecisionParams }>(
    '/partnerships/:partnershipId/decisions/:decisionId',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadDecision(req, reply);
      return loaded ? showDecision(req, reply, loaded) : reply;
    },
  );

  app.post<{ Params: DecisionParams }>(
    '/partnerships/:partnershipId/decisions/:decisionId/publish',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadDecision(req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const parsed: Parsed<{ publishedOn: IsoDate }> =
        loaded.decision.publishedOn !== null
          ? { ok: false, problems: { publishedOn: 'The decision is already published' } }
          : readPublishForm(body, loaded.decision.decided_on, todayInLondon());
      if (!parsed.ok)
        return showDecision(req, reply.code(400), loaded, { values: body, problems: parsed.problems });
      const { publishedOn } = parsed.value;
      await transaction(db, (trx) =>
        publishDecision(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          loaded.decision.id,
          isoDate(publishedOn),
          new Date(),
        ),
      );
      req.session.flash = 'Decision published';
      return reply.redirect(`/partnerships/${loaded.partnership.id}/decisions/${loaded.decision.id}`, 303);
    },
  );

  app.post<{ Params: DecisionParams }>(
    '/partnerships/:partnershipId/decisions/:decisionId/call-in',
    { config: { action: 'decision:call-in' } },
    async (req, reply) => {
      const loaded = await loadDecision(req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const asked = loaded.requests.some((r) => r.memberName === actorFor(req.principal).label);
      const refusal = !mayAskForCallIn(loaded.callIn.status, todayInLondon())
        ? `A call-in can no longer be requested: ${loaded.callIn.status.text}`
        : asked
          ? 'You have already asked for this decision to be called in'
          : undefined;
      const parsed = refusal ? undefined : readCallInRequestForm(body);
      if (!parsed?.ok)
        return showDecision(req, reply.code(400), loaded, {
          values: body,
          problems: parsed?.problems ?? { grounds: refusal ?? '' },
        });
      const { grounds } = parsed.value;
      await transaction(db, (trx) =>
        recordCallInRequest(trx, actorFor(req.principal), loaded.partnership.id, loaded.decision.id, {
          memberName: actorFor(req.principal).label,
          grounds,
          requestedOn: todayInLondon(),
        }),
      );
      req.session.flash = 'Call-in requested';
      return reply.redirect(`/partnerships/${loaded.partnership.id}/decisions/${loaded.decision.id}`, 303);
    },
  );
};
