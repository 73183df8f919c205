/**
 * Meetings: the partnership's calendar, a meeting's page (agenda, deadline and its explanation, the publish
 * button), adding one meeting or a monthly run of them, publishing the agenda, and marking a meeting held or
 * cancelled.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { withProblems } from '../../http/request.js';
import { field, hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import { formatLongDate, todayInLondon } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { agendaDeadline, isLate } from './agendaPublication.js';
import { loadBankHolidayChanges } from '../dates/index.js';
import { chairsOfBoard, describeQuorum, quorumWithEveryone, seatsOn, votersFor } from './boardSummary.js';
import { decidedBy, listMemberships } from '../boards/index.js';
import { createMeeting, listAgendaItems, listMeetings, setMeetingStatus } from './store.js';
import { publishAgenda } from './publishAgenda.js';
import { decisionsOfMeeting } from '../decisions/index.js';
import { papersByItem } from '../papers/index.js';
import { conflictsAtMeeting } from '../conduct/index.js';
import { meetingConduct } from '../conduct/index.js';
import { getMinutes } from '../conduct/index.js';
import { PRESENCE_KINDS } from '../conduct/index.js';
import {
  AGENDA_ITEM_KINDS,
  EXEMPT_PARAGRAPHS,
  ITEM_FUNCTIONS,
  KEY_DECISION_TESTS,
  MEETING_STATUSES,
} from '../boards/index.js';
import { monthlyMeetingDates } from './schedule.js';
import { readMeetingForm, readScheduleForm, SCHEDULE_CHOICES } from './schema.js';
import {
  boardCrumbs,
  loadBoard,
  loadMeeting,
  type BoardParams,
  type MeetingParams,
} from './recordOfRequest.js';

type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

export async function renderMeeting(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  loaded: LoadedMeeting,
  extra: { values?: FormBody; problems?: FieldProblems } = {},
) {
  const { partnership, partners, board, meeting } = loaded;
  const today = todayInLondon();
  const deadline = agendaDeadline(meeting.meetsOn, undefined, await loadBankHolidayChanges(db));
  const items = await listAgendaItems(db, partnership.id, meeting.id);
  const chair = (await chairsOfBoard(db, board)).get(meeting.id);
  const seats = seatsOn(await listMemberships(db, partnership.id, board.id), meeting.meetsOn);
  return reply.view('governance/meetings/views/meeting.njk', {
    pageTitle: `${board.name}, ${formatLongDate(meeting.meets_on)}`,
    navSection: 'partnerships',
    breadcrumbs: boardCrumbs(partnership, board),
    partnership,
    board,
    meeting,
    chair,
    quorum: describeQuorum(board),
    deadline,
    today,
    lateNow: isLate(today, deadline.date),
    quorumCheck: quorumWithEveryone(board, partners, seats),
    items: items.map((i) => ({
      ...i,
      decidedBy: decidedBy(i, partners),
      voters: i.kind === 'decision' ? votersFor(i, partners, seats).map((s) => s.name) : [],
    })),
    kinds: AGENDA_ITEM_KINDS,
    functions: ITEM_FUNCTIONS,
    keyTests: KEY_DECISION_TESTS,
    paragraphs: EXEMPT_PARAGRAPHS,
    statuses: MEETING_STATUSES,
    values: extra.values ?? {},
    ...(extra.problems ? withProblems(extra.problems) : {}),
    can: canIn(req, partnership.id),
    decisions: await decisionsOfMeeting(db, partnership.id, meeting.id),
    papers: await papersByItem(db, partnership.id, meeting.id),
    interestsCheck: await conflictsAtMeeting(db, partnership.id, meeting),
    ...(await conductView(db, loaded)),
  });
}

/** The meeting's conduct for its page: attendance, quorum, and each item's quorum and result by item id. */
async function conductView(db: Db, loaded: LoadedMeeting) {
  const conduct = await meetingConduct(db, loaded.board, loaded.meeting, loaded.partners);
  return {
    conduct,
    itemConduct: Object.fromEntries(conduct.items.map((i) => [i.item.id, i])),
    minutes: await getMinutes(db, loaded.partnership.id, loaded.meeting.id),
    presences: PRESENCE_KINDS,
  };
}

export const meetingRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/meetings',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      return reply.view('governance/meetings/views/meetings.njk', {
        pageTitle: `Meetings of ${partnership.name}`,
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(partnership),
        partnership,
        meetings: await listMeetings(db, partnership.id),
        statuses: MEETING_STATUSES,
      });
    },
  );

  const showMeetingForm = (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadBoard>>>,
    data: Record<string, unknown>,
  ) =>
    reply.view('governance/meetings/views/meetingForm.njk', {
      navSection: 'partnerships',
      pageTitle: `Add a meeting of ${loaded.board.name}`,
      breadcrumbs: boardCrumbs(loaded.partnership, loaded.board),
      ...loaded,
      action: `/partnerships/${loaded.partnership.id}/boards/${loaded.board.id}/meetings`,
      ...data,
    });

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/meetings/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      return showMeetingForm(reply, loaded, { values: { startsAt: '14:00' } });
    },
  );

  app.post<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/meetings',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const parsed = readMeetingForm(body);
      if (!parsed.ok)
        return showMeetingForm(reply.code(400), loaded, {
          values: body,
          ...withProblems(parsed.problems, ['meetsOn']),
        });
      const { partnership, board } = loaded;
      const id = await transaction(db, (trx) =>
        createMeeting(trx, actorFor(req.principal), partnership.id, board.id, parsed.value),
      );
      req.session.flash = 'Meeting added';
      return reply.redirect(`/partnerships/${partnership.id}/meetings/${id}`, 303);
    },
  );

  const showScheduleForm = (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadBoard>>>,
    data: Record<string, unknown>,
  ) =>
    reply.view('governance/meetings/views/scheduleForm.njk', {
      navSection: 'partnerships',
      pageTitle: `Schedule monthly meetings of ${loaded.board.name}`,
      breadcrumbs: boardCrumbs(loaded.partnership, loaded.board),
      ...loaded,
      choices: SCHEDULE_CHOICES,
      ...data,
    });

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/schedule',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      return showScheduleForm(reply, loaded, { values: { months: '12', startsAt: '14:00' } });
    },
  );

  app.post<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/schedule',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const parsed = readScheduleForm(body);
      if (!parsed.ok)
        return showScheduleForm(reply.code(400), loaded, { values: body, ...withProblems(parsed.problems) });
      const { partnership, board } = loaded;
      const taken = new Set(
        (await listMeetings(db, partnership.id, { boardId: board.id })).map((m) => m.meets_on),
      );
      const dates = monthlyMeetingDates(parsed.value.pattern).filter((d) => !taken.has(d.date));
      await transaction(db, async (trx) => {
        for (const d of dates)
          await createMeeting(trx, actorFor(req.principal), partnership.id, board.id, {
            meetsOn: d.date,
            ...parsed.value.place,
          });
      });
      const moved = dates.filter((d) => d.note).map((d) => `${d.date} (${d.note ?? ''})`);
      req.session.flash = `${dates.length} meeting${dates.length === 1 ? '' : 's'} scheduled${moved.length > 0 ? `; ${moved.join('; ')}` : ''}`;
      return reply.redirect(`/partnerships/${partnership.id}/boards/${board.id}#meetings`, 303);
    },
  );

  app.get<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      return renderMeeting(db, req, reply, loaded);
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/publish',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const reason = field(body, 'urgencyReason');
      const agreedBy = field(body, 'urgencyAgreedBy');
      const result = await publishAgenda(db, actorFor(req.principal), {
        partnershipId: loaded.partnership.id,
        meetingId: loaded.meeting.id,
        publishOn: todayInLondon(),
        urgency: reason || agreedBy ? { reason, agreedBy } : null,
      });
      if (!result.ok)
        return renderMeeting(db, req, reply.code(400), loaded, { values: body, problems: result.error });
      req.session.flash = result.value.late
        ? 'Agenda published late, with the chair’s reason of urgency'
        : 'Agenda published';
      return reply.redirect(`/partnerships/${loaded.partnership.id}/meetings/${loaded.meeting.id}`, 303);
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/status',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const { meeting, partnership } = loaded;
      const body = formBody(req.body);
      const status = field(body, 'status');
      const reason = field(body, 'cancelledReason');
      const problems: FieldProblems = {};
      if (status !== 'held' && status !== 'cancelled')
        problems.status = 'Select whether the meeting was held or is cancelled';
      else if (status === 'held' && meeting.status !== 'agenda_published')
        problems.status = 'Only a meeting whose agenda was published can be marked as held';
      else if (status === 'held' && meeting.meets_on > todayInLondon())
        problems.status = 'A meeting cannot be marked as held before its date';
      else if (status === 'cancelled' && meeting.status === 'held')
        problems.status = 'A meeting that was held cannot be cancelled';
      else if (status === 'cancelled' && reason === '')
        problems.cancelledReason = 'Enter why the meeting is cancelled';
      if (hasProblems(problems) || (status !== 'held' && status !== 'cancelled'))
        return renderMeeting(db, req, reply.code(400), loaded, { values: body, problems });
      await transaction(db, (trx) =>
        setMeetingStatus(trx, actorFor(req.principal), partnership.id, meeting.id, status, reason),
      );
      req.session.flash = status === 'held' ? 'Meeting marked as held' : 'Meeting cancelled';
      return reply.redirect(`/partnerships/${partnership.id}/meetings/${meeting.id}`, 303);
    },
  );
};
