/**
 * The conduct of a meeting, for the democratic services officer: recording attendance (which marks the meeting
 * held), declarations of interest per item with the action taken, the motion and recorded votes on an item with
 * its quorum and result per partner, the minutes (drafted from the record, edited, approved at the next meeting)
 * and each member's attendance over the year (DOMAIN.md §5-§7).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { field, type FormBody, formBody } from '../../kernel/forms.js';
import { financialYearLabel, formatLongDate, todayInLondon } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { readDeclarationForm } from './schema.js';
import { attendanceRefusal, CONFLICT_ACTIONS, PRESENCE_KINDS, readAttendance, VOTES } from './rules.js';
import {
  addDeclaration,
  approveMinutes,
  draftMinutes,
  getMinutes,
  listAttendance,
  recordAttendance,
  recordMotion,
  removeDeclaration,
  saveMinutes,
} from './store.js';
import { boardAttendance, meetingConduct, minutesSkeleton, nextMeetingOf } from './summary.js';
import { listMeetings } from '../meetings/index.js';
import { listMemberships } from '../boards/index.js';
import type { Vote } from '../boards/index.js';
import { MEETING_STATUSES, MEMBER_ROLES, serves } from '../boards/index.js';
import {
  boardCrumbs,
  loadBoard,
  loadMeeting,
  notFound,
  type BoardParams,
  type MeetingParams,
} from '../meetings/index.js';

type ItemParams = MeetingParams & { itemId: string };
type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

const meetingCrumbs = (loaded: LoadedMeeting) => [
  ...boardCrumbs(loaded.partnership, loaded.board),
  {
    text: formatLongDate(loaded.meeting.meets_on),
    href: `/partnerships/${loaded.partnership.id}/meetings/${loaded.meeting.id}`,
  },
];

const isVote = (s: string): s is Vote => Object.hasOwn(VOTES, s);

export const conductRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const meetingUrl = (l: LoadedMeeting) => `/partnerships/${l.partnership.id}/meetings/${l.meeting.id}`;

  // ---- Attendance -------------------------------------------------------------------------------------------

  async function showAttendance(
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedMeeting,
    data: { values?: FormBody; problems?: FieldProblems } = {},
  ) {
    const { partnership, board, meeting, partners } = loaded;
    const members = (await listMemberships(db, partnership.id, board.id)).filter((m) =>
      serves(m, meeting.meetsOn),
    );
    const recorded = await listAttendance(db, partnership.id, meeting.id);
    const values: FormBody =
      data.values ??
      Object.fromEntries(
        recorded.map((r) => {
          const m = members.find((x) => x.id === r.membership_id);
          const sub = m?.substitutes.findIndex((s) => s.name === r.substitute_name) ?? -1;
          return [
            `presence-${r.membership_id}`,
            r.presence === 'substitute' ? `substitute-${sub}` : r.presence,
          ];
        }),
      );
    return reply.view('governance/conduct/views/attendanceForm.njk', {
      pageTitle: `Attendance at the meeting on ${formatLongDate(meeting.meets_on)}`,
      navSection: 'partnerships',
      breadcrumbs: meetingCrumbs(loaded),
      ...loaded,
      refusal: attendanceRefusal(meeting, todayInLondon(), formatLongDate),
      groups: partners.map((p) => ({
        partner: p,
        members: members.filter((m) => m.organisation_id === p.id),
      })),
      recorded: recorded.length > 0,
      presences: PRESENCE_KINDS,
      roles: MEMBER_ROLES,
      values,
      ...(data.problems ? withProblems(data.problems) : {}),
      can: canIn(req, partnership.id),
    });
  }

  app.get<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/attendance',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      return loaded ? showAttendance(req, reply, loaded) : reply;
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/attendance',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board, meeting } = loaded;
      const body = formBody(req.body);
      const refusal = attendanceRefusal(meeting, todayInLondon(), formatLongDate);
      if (refusal)
        return showAttendance(req, reply.code(400), loaded, { values: body, problems: { form: refusal } });
      const members = (await listMemberships(db, partnership.id, board.id)).filter((m) =>
        serves(m, meeting.meetsOn),
      );
      const parsed = readAttendance(members, body);
      if (!parsed.ok)
        return showAttendance(req, reply.code(400), loaded, { values: body, problems: parsed.problems });
      await transaction(db, (trx) =>
        recordAttendance(trx, actorFor(req.principal), partnership.id, meeting, parsed.value),
      );
      req.session.flash =
        meeting.status === 'agenda_published'
          ? 'Attendance recorded; the meeting is marked as held'
          : 'Attendance recorded';
      return reply.redirect(`${meetingUrl(loaded)}#conduct`, 303);
    },
  );

  // ---- An item: declarations, motion, votes ------------------------------------------------------------------

  async function loadItem(req: FastifyRequest<{ Params: ItemParams }>, reply: FastifyReply) {
    const loaded = await loadMeeting(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.itemId);
    const conduct = await meetingConduct(db, loaded.board, loaded.meeting, loaded.partners);
    const item = conduct.items.find((i) => i.item.id === id);
    if (!item) return notFound(reply);
    return { ...loaded, conduct, item };
  }
  type LoadedItem = NonNullable<Awaited<ReturnType<typeof loadItem>>>;

  const itemUrl = (l: LoadedItem) => `${meetingUrl(l)}/items/${l.item.item.id}/conduct`;

  const showItem = (
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedItem,
    data: { values?: FormBody; problems?: FieldProblems; form?: 'declaration' | 'motion' } = {},
  ) => {
    const { item } = loaded;
    const motionValues: FormBody = item.motion
      ? {
          motion: item.motion.motion,
          mover: String(item.motion.moverId),
          seconder: String(item.motion.seconderId),
          ...Object.fromEntries(item.motion.voteList.map((v) => [`vote-${v.membershipId}`, v.vote])),
        }
      : {};
    return reply.view('governance/conduct/views/itemConduct.njk', {
      pageTitle: `Item ${item.item.number}: declarations, quorum and votes`,
      navSection: 'partnerships',
      breadcrumbs: meetingCrumbs(loaded),
      ...loaded,
      action: itemUrl(loaded),
      actions: CONFLICT_ACTIONS,
      votes: VOTES,
      declarationValues: data.form === 'declaration' ? (data.values ?? {}) : {},
      motionValues: data.form === 'motion' ? (data.values ?? {}) : motionValues,
      form: data.form,
      ...(data.problems ? withProblems(data.problems) : {}),
      can: canIn(req, loaded.partnership.id),
    });
  };

  app.get<{ Params: ItemParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/conduct',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadItem(req, reply);
      return loaded ? showItem(req, reply, loaded) : reply;
    },
  );

  app.post<{ Params: ItemParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/declarations',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadItem(req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const parsed = readDeclarationForm(body, {
        attendanceRecorded: loaded.conduct.recorded,
        seated: loaded.item.seated.map((s) => s.membershipId),
      });
      if (!parsed.ok)
        return showItem(req, reply.code(400), loaded, {
          values: body,
          problems: parsed.problems,
          form: 'declaration',
        });
      await transaction(db, (trx) =>
        addDeclaration(trx, actorFor(req.principal), loaded.partnership.id, loaded.meeting.id, {
          agendaItemId: loaded.item.item.id,
          ...parsed.value,
        }),
      );
      req.session.flash = 'Declaration recorded';
      return reply.redirect(itemUrl(loaded), 303);
    },
  );

  app.post<{ Params: ItemParams & { declarationId: string } }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/declarations/:declarationId/remove',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadItem(req, reply);
      if (!loaded) return reply;
      const id = idParam(req.params.declarationId);
      if (id === null || !loaded.item.declarations.some((d) => d.id === id)) return notFound(reply);
      await transaction(db, (trx) =>
        removeDeclaration(trx, actorFor(req.principal), loaded.partnership.id, loaded.meeting.id, id),
      );
      req.session.flash = 'Declaration withdrawn';
      return reply.redirect(itemUrl(loaded), 303);
    },
  );

  app.post<{ Params: ItemParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/motion',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadItem(req, reply);
      if (!loaded) return reply;
      const { item, conduct } = loaded;
      const body = formBody(req.body);
      const mover = Number(field(body, 'mover'));
      const seconder = Number(field(body, 'seconder'));
      const problems: FieldProblems = {};
      if (!conduct.recorded)
        problems.form = 'Record the attendance first: motions are moved by those present';
      const inRoom = (id: number) => item.outcome.room.some((s) => s.membershipId === id);
      if (!field(body, 'motion')) problems.motion = 'Enter the motion put to the vote';
      if (!inRoom(mover)) problems.mover = 'Select the mover from the members in the room for this item';
      if (!inRoom(seconder))
        problems.seconder = 'Select the seconder from the members in the room for this item';
      else if (mover === seconder) problems.seconder = 'The seconder must be someone other than the mover';
      const votes = new Map<number, Vote>();
      for (const s of item.seated) {
        const v = field(body, `vote-${s.membershipId}`);
        if (v === '') continue;
        if (!isVote(v)) problems[`vote-${s.membershipId}`] = `Select how ${s.name} voted`;
        else if (s.mayNotVote) problems[`vote-${s.membershipId}`] = `Vote refused: ${s.mayNotVote}`;
        else votes.set(s.membershipId, v);
      }
      for (const key of Object.keys(body))
        if (
          /^vote-\d+$/.test(key) &&
          field(body, key) !== '' &&
          !item.seated.some((s) => `vote-${s.membershipId}` === key)
        )
          problems.form =
            'A vote was given for someone who was not at the meeting: only those present may vote';
      if (Object.keys(problems).length > 0)
        return showItem(req, reply.code(400), loaded, { values: body, problems, form: 'motion' });
      await transaction(db, (trx) =>
        recordMotion(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          { meetingId: loaded.meeting.id, agendaItemId: item.item.id },
          { motion: field(body, 'motion'), moverId: mover, seconderId: seconder, votes },
        ),
      );
      req.session.flash = 'Motion and votes recorded';
      return reply.redirect(`${itemUrl(loaded)}#result`, 303);
    },
  );

  // ---- Minutes -----------------------------------------------------------------------------------------------

  async function showMinutes(
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedMeeting,
    data: { values?: FormBody; problems?: FieldProblems } = {},
  ) {
    const { partnership, board, meeting, partners } = loaded;
    const conduct = await meetingConduct(db, board, meeting, partners);
    const minutes = await getMinutes(db, partnership.id, meeting.id);
    const next = await nextMeetingOf(db, board, meeting);
    const approvedAt =
      minutes?.approved_at_meeting_id != null
        ? (await listMeetings(db, partnership.id, { boardId: board.id })).find(
            (m) => m.id === minutes.approved_at_meeting_id,
          )
        : undefined;
    return reply.view('governance/conduct/views/minutes.njk', {
      pageTitle: `Minutes of the meeting on ${formatLongDate(meeting.meets_on)}`,
      navSection: 'partnerships',
      breadcrumbs: meetingCrumbs(loaded),
      ...loaded,
      conduct,
      minutes,
      texts: minutes ? Object.fromEntries(minutes.texts) : {},
      next,
      approvedAt,
      presences: PRESENCE_KINDS,
      statuses: MEETING_STATUSES,
      values:
        data.values ??
        (minutes ? Object.fromEntries([...minutes.texts].map(([k, v]) => [`text-${k}`, v])) : {}),
      ...(data.problems ? withProblems(data.problems) : {}),
      can: canIn(req, partnership.id),
    });
  }

  app.get<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/minutes',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      return loaded ? showMinutes(req, reply, loaded) : reply;
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/minutes/draft',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board, meeting, partners } = loaded;
      if (meeting.status !== 'held')
        return showMinutes(req, reply.code(400), loaded, {
          problems: { form: 'Minutes are drafted once the meeting is held: record its attendance first' },
        });
      if (await getMinutes(db, partnership.id, meeting.id))
        return showMinutes(req, reply.code(400), loaded, {
          problems: { form: 'The minutes are already drafted' },
        });
      const conduct = await meetingConduct(db, board, meeting, partners);
      await transaction(db, (trx) =>
        draftMinutes(trx, actorFor(req.principal), partnership.id, meeting.id, minutesSkeleton(conduct)),
      );
      req.session.flash = 'Draft minutes generated from the record of the meeting';
      return reply.redirect(`${meetingUrl(loaded)}/minutes`, 303);
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/minutes',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board, meeting, partners } = loaded;
      const minutes = await getMinutes(db, partnership.id, meeting.id);
      if (!minutes) return notFound(reply);
      const body = formBody(req.body);
      const conduct = await meetingConduct(db, board, meeting, partners);
      const texts = new Map(conduct.items.map((i) => [i.item.id, field(body, `text-${i.item.id}`)]));
      const saved = await transaction(db, (trx) =>
        saveMinutes(trx, actorFor(req.principal), partnership.id, minutes, texts),
      );
      if (!saved)
        return showMinutes(req, reply.code(400), loaded, {
          values: body,
          problems: { form: 'These minutes are approved and can no longer be changed' },
        });
      req.session.flash = 'Draft minutes saved';
      return reply.redirect(`${meetingUrl(loaded)}/minutes`, 303);
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/minutes/approve',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board, meeting } = loaded;
      const minutes = await getMinutes(db, partnership.id, meeting.id);
      const next = await nextMeetingOf(db, board, meeting);
      let problem: string | null = null;
      if (!minutes) problem = 'Draft the minutes before they can be approved';
      else if (minutes.approved_at_meeting_id !== null) problem = 'These minutes are already approved';
      else if (!next)
        problem = 'Minutes are approved at the next meeting of the board, and none is scheduled';
      else if (next.status !== 'held')
        problem = `Minutes are approved at the next meeting, on ${formatLongDate(next.meets_on)}, once it is held: record its attendance first`;
      if (problem || !minutes || !next)
        return showMinutes(req, reply.code(400), loaded, { problems: { form: problem ?? 'Cannot approve' } });
      await transaction(db, (trx) =>
        approveMinutes(trx, actorFor(req.principal), partnership.id, minutes.id, {
          meetingId: next.id,
          on: next.meetsOn,
          when: new Date(),
        }),
      );
      req.session.flash = `Minutes approved at the meeting on ${formatLongDate(next.meets_on)}`;
      return reply.redirect(`${meetingUrl(loaded)}/minutes`, 303);
    },
  );

  // ---- Attendance over the year ------------------------------------------------------------------------------

  app.get<{ Params: BoardParams; Querystring: { year?: string } }>(
    '/partnerships/:partnershipId/boards/:boardId/attendance',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board, partners } = loaded;
      const stats = await boardAttendance(db, partnership.id, board.id, req.query.year);
      return reply.view('governance/conduct/views/attendanceStats.njk', {
        pageTitle: `Attendance at ${board.name}, ${financialYearLabel(stats.year)}`,
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(partnership, board),
        ...loaded,
        ...stats,
        partnerName: Object.fromEntries(partners.map((p) => [p.id, p.name])),
        base: `/partnerships/${partnership.id}/boards/${board.id}/attendance`,
      });
    },
  );
};
