/**
 * The public record of a held meeting: who attended, whether it was quorate, the votes on each item that is not
 * exempt, and the minutes once approved at the next meeting; and each member's attendance over the year. An exempt
 * item shows only its number and that it was exempt (its title too where the officer allowed it): its
 * declarations, motion, votes and minute never reach these pages. Draft minutes are never public.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db } from '../../db/connection.js';
import { formatLongDate } from '../../kernel/dates.js';
import { getPartnershipBySlug, partnersOf } from '../../partnerships/index.js';
import { idParam } from '../../http/request.js';
import { CONFLICT_ACTIONS, PRESENCE_KINDS, VOTES } from '../../governance/conduct/index.js';
import { getMinutes } from '../../governance/conduct/index.js';
import {
  boardAttendance,
  meetingConduct,
  publicItemTitle,
  type MeetingConduct,
} from '../../governance/conduct/index.js';
import { getMeeting, listMeetings } from '../../governance/meetings/index.js';
import { getBoard } from '../../governance/boards/index.js';

type SlugParams = { slug: string };

const notFound = (reply: FastifyReply) =>
  reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });

const exemptNotice = (paragraph: number | null) =>
  `Exempt: paragraph ${paragraph ?? '?'} of Schedule 12A to the Local Government Act 1972`;

/** What the public may read of a meeting's conduct, item by item. */
export function publicConduct(conduct: MeetingConduct, partnerName: (id: number) => string) {
  return {
    attendance: conduct.attendance.map((a) => ({
      sitter: a.sitter,
      partner: a.partner,
      presence: PRESENCE_KINDS[a.presence],
    })),
    quorum: conduct.meetingQuorum.quorate
      ? `Quorate: ${conduct.meetingQuorum.total.present} voting members present`
      : `Not quorate: ${conduct.meetingQuorum.shortfalls.join('; ')}`,
    items: conduct.items.map(({ item, outcome, declarations, motion }) => {
      if (item.exempt)
        return {
          number: item.number,
          title: publicItemTitle(item),
          exempt: true as const,
          notice: exemptNotice(item.exempt_paragraph),
        };
      return {
        number: item.number,
        title: item.title,
        exempt: false as const,
        quorum: outcome.quorum.quorate
          ? `Quorate: ${outcome.quorum.total.present} voting members in the room`
          : `Not quorate: ${outcome.quorum.shortfalls.join('; ')}`,
        declarations: declarations.map((d) => ({
          who: d.who,
          interest: d.interest,
          action:
            CONFLICT_ACTIONS[d.action] +
            (d.action === 'dispensation'
              ? ` (${d.dispensation_reference}, granted by ${d.dispensation_granted_by})`
              : ''),
        })),
        motion: motion
          ? {
              text: motion.motion,
              mover: motion.mover,
              seconder: motion.seconder,
              votes: motion.voteList
                .filter((v) => !outcome.refusals.some((r) => r.membershipId === v.membershipId))
                .map((v) => ({ who: v.who, vote: VOTES[v.vote] })),
              byPartner: outcome.result.byPartner.map((p) => ({
                ...p,
                partner: partnerName(p.organisationId),
              })),
              carried: outcome.carried,
              result: outcome.reason,
            }
          : null,
      };
    }),
  };
}

export const publicConductRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: SlugParams & { meetingId: string } }>(
    '/public/partnerships/:slug/meetings/:meetingId/record',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.meetingId);
      const meeting = partnership && id !== null ? await getMeeting(db, partnership.id, id) : undefined;
      const board = partnership && meeting ? await getBoard(db, partnership.id, meeting.board_id) : undefined;
      if (!partnership || !meeting || !board || meeting.status !== 'held') return notFound(reply);
      const partners = await partnersOf(db, partnership.id);
      const partnerName = (pid: number) => partners.find((p) => p.id === pid)?.name ?? `organisation ${pid}`;
      const conduct = await meetingConduct(db, board, meeting, partners);
      const minutes = await getMinutes(db, partnership.id, meeting.id);
      // Only approved minutes are read into the page, and never the minute of an exempt item.
      const approved =
        minutes && minutes.approved_at_meeting_id !== null && minutes.approvedOn !== null ? minutes : null;
      const approvedAt = approved
        ? (await listMeetings(db, partnership.id, { boardId: board.id })).find(
            (m) => m.id === approved.approved_at_meeting_id,
          )
        : undefined;
      return reply.view('publish/meetings/views/meetingRecord.njk', {
        pageTitle: `Attendance, votes and minutes: ${board.name}, ${formatLongDate(meeting.meets_on)}`,
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
        partnership,
        board,
        meetsOn: meeting.meets_on,
        record: publicConduct(conduct, partnerName),
        recorded: conduct.recorded,
        minutes: approved
          ? {
              approvedOn: approved.approvedOn,
              approvedAtId: approvedAt?.id ?? null,
              items: conduct.items.map(({ item }) =>
                item.exempt
                  ? { number: item.number, title: publicItemTitle(item), exempt: true, paragraphs: [] }
                  : {
                      number: item.number,
                      title: item.title,
                      exempt: false,
                      paragraphs: (approved.texts.get(item.id) ?? '')
                        .split('\n\n')
                        .filter((p) => p.trim() !== ''),
                    },
              ),
            }
          : null,
        minutesDrafted: minutes !== undefined,
      });
    },
  );

  app.get<{ Params: SlugParams & { boardId: string }; Querystring: { year?: string } }>(
    '/public/partnerships/:slug/boards/:boardId/attendance',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.boardId);
      const board = partnership && id !== null ? await getBoard(db, partnership.id, id) : undefined;
      if (!partnership || !board) return notFound(reply);
      const partners = await partnersOf(db, partnership.id);
      const stats = await boardAttendance(db, partnership.id, board.id, req.query.year);
      return reply.view('governance/conduct/views/attendanceStats.njk', {
        pageTitle: `Attendance at ${board.name}, ${stats.yearLabel}`,
        navSection: 'public',
        breadcrumbs: [
          { text: 'Partnerships', href: '/public/partnerships' },
          { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
          { text: board.name, href: `/public/partnerships/${partnership.slug}/boards/${board.id}` },
        ],
        board,
        ...stats,
        partnerName: Object.fromEntries(partners.map((p) => [p.id, p.name])),
        base: `/public/partnerships/${partnership.slug}/boards/${board.id}/attendance`,
      });
    },
  );
};
