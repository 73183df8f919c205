/**
 * The forward plan of a board (SI 2012/2089 reg 9): adding and publishing the notice of a key decision, the
 * 28 clear days counted for each entry, recording a general exception (reg 10) or special urgency (reg 11) with
 * its notices; and decisions by an individual member acting under delegation (reg 13), recorded here and then
 * published on the decision page like any other (DOMAIN.md §5).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { field, readDateInput, type FormBody, formBody, type Parsed } from '../../kernel/forms.js';
import { readEntryPublishForm, readExceptionForm } from './schema.js';
import { formatLongDate, isoDate, todayInLondon, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import {
  EXCEPTION_ROUTES,
  OTHER_DOCUMENTS_DEFAULT,
  URGENCY_AGREED_BY_ROLES,
  exceptionNotice,
  forwardPlanNotice,
  validateForwardPlanEntry,
  type ExceptionRoute,
  type UrgencyAgreedByRole,
} from './rules.js';
import {
  createForwardPlanEntry,
  getForwardPlanEntry,
  keyDecisionNoticeFor,
  keyItemsWithoutEntry,
  listExceptions,
  listForwardPlanEntries,
  publishForwardPlanEntry,
  recordException,
} from './store.js';
import { KeyDecisionBlocked, listDelegatedDecisions, recordDelegatedDecision } from '../decisions/index.js';
import {
  CALL_IN_APPLIES,
  DECISION_STATUSES,
  validateDecision,
  type CallInApplies,
  type DecisionStatus,
} from '../decisions/index.js';
import { validateDelegation } from '../decisions/index.js';
import { listMemberships } from '../boards/index.js';
import { getBoard } from '../boards/index.js';
import { EXEMPT_PARAGRAPHS, MEMBER_ROLES } from '../boards/index.js';
import { CALL_IN_RULES } from '../decisions/index.js';
import { boardCrumbs, loadBoard, notFound, type BoardParams } from '../meetings/index.js';

type EntryParams = PartnershipParams & { entryId: string };
type ExceptionParams = EntryParams & { route: string };

const isRoute = (r: string): r is ExceptionRoute => Object.hasOwn(EXCEPTION_ROUTES, r);

/** The decision maker as the notice names it: the board with its members listed (reg 9(1)(b)). */
const bodyWithMembers = (boardName: string, members: readonly { person_name: string }[]) =>
  members.length === 0 ? boardName : `${boardName}: ${members.map((m) => m.person_name).join(', ')}`;

export const forwardPlanRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const planUrl = (pid: number, boardId: number) => `/partnerships/${pid}/boards/${boardId}/forward-plan`;

  // ---- the board's forward plan and its delegated decisions ----

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/forward-plan',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board } = loaded;
      const entries = await listForwardPlanEntries(db, partnership.id, { boardId: board.id });
      const rows = await Promise.all(
        entries.map(async (e) => {
          const notice = await keyDecisionNoticeFor(
            db,
            partnership.id,
            { forwardPlanEntryId: e.id },
            isoDate(e.decision_from),
          );
          return { ...e, notice };
        }),
      );
      return reply.view('governance/forwardPlan/views/forwardPlan.njk', {
        pageTitle: `Forward plan: ${board.name}`,
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(partnership, board),
        partnership,
        board,
        entries: rows,
        delegated: await listDelegatedDecisions(db, partnership.id, { boardId: board.id }),
        can: canIn(req, partnership.id),
      });
    },
  );

  // ---- adding an entry ----

  const showEntryForm = async (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadBoard>>>,
    data: { values: FormBody; problems?: FieldProblems },
  ) =>
    reply.view('governance/forwardPlan/views/forwardPlanEntryForm.njk', {
      pageTitle: 'Add a key decision to the forward plan',
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: 'Forward plan', href: planUrl(loaded.partnership.id, loaded.board.id) },
      ],
      ...loaded,
      action: planUrl(loaded.partnership.id, loaded.board.id),
      items: await keyItemsWithoutEntry(db, loaded.partnership.id, loaded.board.id),
      paragraphs: EXEMPT_PARAGRAPHS,
      values: data.values,
      ...(data.problems
        ? withProblems(data.problems, ['decisionFrom', 'decisionTo', 'firstPublishedOn'])
        : {}),
    });

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/forward-plan/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const members = await listMemberships(db, loaded.partnership.id, loaded.board.id);
      return showEntryForm(reply, loaded, {
        values: {
          decisionMaker: bodyWithMembers(loaded.board.name, members),
          otherDocuments: OTHER_DOCUMENTS_DEFAULT,
          private: 'no',
        },
      });
    },
  );

  app.post<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/forward-plan',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const from = readDateInput(body, 'decisionFrom', 'the date of the decision', true);
      const to = readDateInput(body, 'decisionTo', 'the last day of the period');
      const published = readDateInput(body, 'firstPublishedOn', 'the date it was first published');
      const paragraph = Number(field(body, 'exemptParagraph'));
      const input = {
        matter: field(body, 'matter'),
        summary: field(body, 'summary'),
        decisionMaker: field(body, 'decisionMaker'),
        decisionFrom: from.value ?? '',
        decisionTo: to.value ?? from.value ?? '',
        documents: field(body, 'documents'),
        documentsFrom: field(body, 'documentsFrom'),
        otherDocuments: field(body, 'otherDocuments'),
        private: field(body, 'private') === 'yes',
        exemptParagraph: field(body, 'exemptParagraph') ? paragraph : null,
        privateReason: field(body, 'privateReason'),
      };
      const problems = validateForwardPlanEntry(input);
      if (from.problem) problems.decisionFrom = from.problem;
      if (to.problem) problems.decisionTo = to.problem;
      if (published.problem) problems.firstPublishedOn = published.problem;
      else if (published.value !== null && published.value > todayInLondon())
        problems.firstPublishedOn = 'The date it was first published must be today or in the past';
      if (field(body, 'private') !== 'yes' && field(body, 'private') !== 'no')
        problems.private = 'Select whether the matter will be taken in private';
      const itemId = field(body, 'agendaItemId');
      const item = itemId
        ? (await keyItemsWithoutEntry(db, loaded.partnership.id, loaded.board.id)).find(
            (i) => String(i.id) === itemId,
          )
        : undefined;
      if (itemId && !item) problems.agendaItemId = 'Select a key decision item of this board, or none';
      if (Object.keys(problems).length > 0)
        return showEntryForm(reply.code(400), loaded, { values: body, problems });
      const actor = actorFor(req.principal);
      const id = await transaction(db, async (trx) => {
        const entryId = await createForwardPlanEntry(
          trx,
          actor,
          loaded.partnership.id,
          loaded.board.id,
          { ...input, decisionFrom: isoDate(input.decisionFrom), decisionTo: isoDate(input.decisionTo) },
          item ? { meetingId: item.meeting_id, agendaItemId: item.id } : null,
        );
        if (published.value !== null)
          await publishForwardPlanEntry(
            trx,
            actor,
            loaded.partnership.id,
            entryId,
            isoDate(published.value),
            new Date(),
          );
        return entryId;
      });
      req.session.flash = `${input.matter} added to the forward plan`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/forward-plan/${id}`, 303);
    },
  );

  // ---- one entry: its notice, publication and exceptions ----

  async function loadEntry(req: FastifyRequest<{ Params: EntryParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.entryId);
    const entry = id === null ? undefined : await getForwardPlanEntry(db, loaded.partnership.id, id);
    const board = entry ? await getBoard(db, loaded.partnership.id, entry.board_id) : undefined;
    if (!entry || !board) return notFound(reply);
    const exceptions = await listExceptions(db, loaded.partnership.id, entry.id);
    return { ...loaded, entry, board, exceptions };
  }

  const showEntry = (
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadEntry>>>,
    data: { values?: FormBody; problems?: FieldProblems } = {},
  ) => {
    const decisionOn = isoDate(loaded.entry.decision_from);
    const plan = forwardPlanNotice(loaded.entry.firstPublishedOn, decisionOn);
    return reply.view('governance/forwardPlan/views/forwardPlanEntry.njk', {
      pageTitle: loaded.entry.matter,
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: 'Forward plan', href: planUrl(loaded.partnership.id, loaded.board.id) },
      ],
      ...loaded,
      plan,
      exceptionRows: loaded.exceptions.map((x) => ({ ...x, check: exceptionNotice(x, decisionOn) })),
      routes: EXCEPTION_ROUTES,
      roles: URGENCY_AGREED_BY_ROLES,
      paragraphs: EXEMPT_PARAGRAPHS,
      today: todayInLondon(),
      values: data.values ?? {},
      ...(data.problems ? withProblems(data.problems, ['firstPublishedOn']) : {}),
      can: canIn(req, loaded.partnership.id),
    });
  };

  app.get<{ Params: EntryParams }>(
    '/partnerships/:partnershipId/forward-plan/:entryId',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadEntry(req, reply);
      return loaded ? showEntry(req, reply, loaded) : reply;
    },
  );

  app.post<{ Params: EntryParams }>(
    '/partnerships/:partnershipId/forward-plan/:entryId/publish',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadEntry(req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const parsed: Parsed<{ firstPublishedOn: IsoDate }> =
        loaded.entry.firstPublishedOn !== null
          ? { ok: false, problems: { firstPublishedOn: 'The entry is already published' } }
          : readEntryPublishForm(body, todayInLondon());
      if (!parsed.ok)
        return showEntry(req, reply.code(400), loaded, { values: body, problems: parsed.problems });
      const on = parsed.value.firstPublishedOn;
      await transaction(db, (trx) =>
        publishForwardPlanEntry(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          loaded.entry.id,
          on,
          new Date(),
        ),
      );
      req.session.flash = 'Forward plan entry published';
      return reply.redirect(`/partnerships/${loaded.partnership.id}/forward-plan/${loaded.entry.id}`, 303);
    },
  );

  const showExceptionForm = (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadEntry>>>,
    route: ExceptionRoute,
    data: { values: FormBody; problems?: FieldProblems },
  ) =>
    reply.view('governance/forwardPlan/views/exceptionForm.njk', {
      pageTitle: `Record ${route === 'general-exception' ? 'a general exception' : 'special urgency'}`,
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: 'Forward plan', href: planUrl(loaded.partnership.id, loaded.board.id) },
        {
          text: loaded.entry.matter,
          href: `/partnerships/${loaded.partnership.id}/forward-plan/${loaded.entry.id}`,
        },
      ],
      ...loaded,
      route,
      routeLabel: EXCEPTION_ROUTES[route],
      roles: URGENCY_AGREED_BY_ROLES,
      action: `/partnerships/${loaded.partnership.id}/forward-plan/${loaded.entry.id}/${route}`,
      values: data.values,
      ...(data.problems
        ? withProblems(data.problems, ['noticePublishedOn', 'scrutinyChairInformedOn', 'agreedOn'])
        : {}),
    });

  app.get<{ Params: ExceptionParams }>(
    '/partnerships/:partnershipId/forward-plan/:entryId/:route/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadEntry(req, reply);
      if (!loaded) return reply;
      if (!isRoute(req.params.route)) return notFound(reply);
      return showExceptionForm(reply, loaded, req.params.route, { values: {} });
    },
  );

  app.post<{ Params: ExceptionParams }>(
    '/partnerships/:partnershipId/forward-plan/:entryId/:route',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadEntry(req, reply);
      if (!loaded) return reply;
      const route = req.params.route;
      if (!isRoute(route)) return notFound(reply);
      const body = formBody(req.body);
      const parsed = readExceptionForm(body, route, todayInLondon());
      if (!parsed.ok)
        return showExceptionForm(reply.code(400), loaded, route, { values: body, problems: parsed.problems });
      const x = parsed.value;
      await transaction(db, (trx) =>
        recordException(trx, actorFor(req.principal), loaded.partnership.id, loaded.entry.id, {
          ...x,
          noticePublishedOn: x.noticePublishedOn,
          agreedByRole: x.agreedByRole as UrgencyAgreedByRole | null,
        }),
      );
      req.session.flash = `${route === 'general-exception' ? 'General exception' : 'Special urgency'} recorded`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/forward-plan/${loaded.entry.id}`, 303);
    },
  );

  // ---- decisions by an individual member acting under delegation ----

  const showDelegatedForm = async (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadBoard>>>,
    data: { values: FormBody; problems?: FieldProblems },
  ) =>
    reply.view('governance/decisions/views/delegatedDecisionForm.njk', {
      pageTitle: 'Record a decision taken under delegation',
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: 'Forward plan', href: planUrl(loaded.partnership.id, loaded.board.id) },
      ],
      ...loaded,
      action: `/partnerships/${loaded.partnership.id}/boards/${loaded.board.id}/delegated-decisions`,
      members: await listMemberships(db, loaded.partnership.id, loaded.board.id),
      roles: MEMBER_ROLES,
      entries: await listForwardPlanEntries(db, loaded.partnership.id, { boardId: loaded.board.id }),
      callInChoices: CALL_IN_APPLIES,
      statusChoices: DECISION_STATUSES,
      rules: CALL_IN_RULES,
      values: data.values,
      ...(data.problems ? withProblems(data.problems, ['decidedOn']) : {}),
    });

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/delegated-decisions/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      return showDelegatedForm(reply, loaded, {
        values: {
          callIn: 'subject',
          callInRule: 'call-in',
          keyDecision: 'no',
          status: 'recommendations_approved',
        },
      });
    },
  );

  app.post<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/delegated-decisions',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board } = loaded;
      const body = formBody(req.body);
      const members = await listMemberships(db, partnership.id, board.id);
      const entries = await listForwardPlanEntries(db, partnership.id, { boardId: board.id });
      const delegation = {
        subject: field(body, 'subject'),
        membershipId: field(body, 'membershipId'),
        delegatedTo: field(body, 'delegatedTo'),
        delegationAuthority: field(body, 'delegationAuthority'),
        keyDecision: field(body, 'keyDecision'),
        forwardPlanEntryId: field(body, 'forwardPlanEntryId'),
      };
      const date = readDateInput(body, 'decidedOn', 'the date of the decision', true);
      const record = {
        decision: field(body, 'decision'),
        decidedOn: date.value ?? '',
        reasons: field(body, 'reasons'),
        alternatives: field(body, 'alternatives'),
        interestsDeclared: field(body, 'interestsDeclared'),
        dispensations: field(body, 'dispensations'),
        callIn: field(body, 'callIn'),
        urgencyAgreedBy: field(body, 'urgencyAgreedBy'),
        callInRule: field(body, 'callInRule'),
        status: field(body, 'status') || 'recommendations_approved',
      };
      const problems = {
        ...validateDelegation(
          delegation,
          new Set(members.map((m) => String(m.id))),
          new Set(entries.map((e) => String(e.id))),
        ),
        ...validateDecision(record),
      };
      if (date.problem) problems.decidedOn = date.problem;
      const member = members.find((m) => String(m.id) === delegation.membershipId);
      const entryId = delegation.forwardPlanEntryId ? Number(delegation.forwardPlanEntryId) : null;
      const key = delegation.keyDecision === 'yes';
      if (Object.keys(problems).length === 0 && key) {
        const notice = await keyDecisionNoticeFor(
          db,
          partnership.id,
          { forwardPlanEntryId: entryId },
          isoDate(record.decidedOn),
        );
        if (!notice.allowed) problems.decidedOn = notice.message;
      }
      if (Object.keys(problems).length > 0)
        return showDelegatedForm(reply.code(400), loaded, { values: body, problems });
      const decidedOn: IsoDate = isoDate(record.decidedOn);
      const id = await transaction(db, (trx) =>
        recordDelegatedDecision(
          trx,
          actorFor(req.principal),
          partnership.id,
          {
            boardId: board.id,
            subject: delegation.subject,
            membershipId: member?.id ?? null,
            delegatedTo: member
              ? `${member.person_name}${member.post_held && member.post_held !== member.person_name ? `, ${member.post_held}` : ''}`
              : delegation.delegatedTo,
            delegationAuthority: delegation.delegationAuthority,
            keyDecision: key,
            forwardPlanEntryId: entryId,
          },
          {
            ...record,
            decidedOn,
            callIn: record.callIn as CallInApplies,
            status: record.status as DecisionStatus,
          },
        ),
      ).catch((e: unknown) => {
        if (e instanceof KeyDecisionBlocked) return e;
        throw e;
      });
      if (id instanceof KeyDecisionBlocked)
        return showDelegatedForm(reply.code(400), loaded, {
          values: body,
          problems: { decidedOn: id.message },
        });
      req.session.flash = `Decision recorded: ${delegation.subject} (${formatLongDate(decidedOn)})`;
      return reply.redirect(`/partnerships/${partnership.id}/decisions/${id}`, 303);
    },
  );
};
