/**
 * The likely conflicts of interest at a meeting, on a page of their own: for each item, the providers it names and
 * the members with a current registered interest in one of them (DOMAIN.md §6). The chair decides at the meeting
 * what each member does; this page only tells them in advance.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { canIn } from '../../auth/index.js';
import { formatLongDate } from '../../kernel/dates.js';
import { conflictsAtMeeting } from './meetingConflicts.js';
import { listAgendaItems } from '../meetings/index.js';
import { boardCrumbs, loadMeeting, type MeetingParams } from '../meetings/index.js';

export const conflictRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/conflicts',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board, meeting } = loaded;
      const can = canIn(req, partnership.id);
      const { conflicts, providers } = await conflictsAtMeeting(db, partnership.id, meeting);
      const items = (await listAgendaItems(db, partnership.id, meeting.id)).map((i) => ({
        id: i.id,
        number: i.number,
        title: i.title,
        providers: providers.get(i.id) ?? [],
        conflicts: conflicts
          .filter((c) => c.itemId === i.id)
          // s32: the details of a sensitive interest are for those who keep the register
          .map((c) => ({ ...c, hidden: c.sensitive && !can('governance:edit') })),
      }));
      return reply.view('governance/conduct/views/conflicts.njk', {
        pageTitle: `Likely conflicts of interest: ${board.name}, ${formatLongDate(meeting.meets_on)}`,
        navSection: 'partnerships',
        breadcrumbs: [
          ...boardCrumbs(partnership, board),
          {
            text: formatLongDate(meeting.meets_on),
            href: `/partnerships/${partnership.id}/meetings/${meeting.id}`,
          },
        ],
        partnership,
        board,
        meeting,
        items,
        count: conflicts.length,
        can,
      });
    },
  );
};
