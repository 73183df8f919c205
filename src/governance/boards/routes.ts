/** Boards: the list, a board's page (members by partner, quorum, the chair of each meeting), and its form. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { dateInputValues, hasProblems, formBody } from '../../kernel/forms.js';
import { todayInLondon } from '../../kernel/dates.js';
import {
  DEFAULT_KEY_DECISION_THRESHOLD_PENCE,
  BOARD_KINDS,
  MEETING_STATUSES,
  MEMBER_ROLES,
} from './rules.js';
import { CHAIR_ROTATIONS } from './chairRotation.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { withProblems } from '../../http/request.js';
import { readBoardForm } from './schema.js';
import {
  boardNameTaken,
  createBoard,
  keyDecisionThresholds,
  listBoards,
  updateBoard,
  type Board,
} from './store.js';
import { listMeetings } from '../meetings/index.js';
import { listMemberships } from './membershipStore.js';
import { chairsOfBoard, describeQuorum, describeRotation, membersByPartner } from '../meetings/index.js';
import { boardCrumbs, loadBoard, type BoardParams } from '../meetings/index.js';

const DATE_FIELDS = ['rotationStartsOn'];

const boardValues = (b: Board, partners: readonly { id: number; name: string }[]) => ({
  name: b.name,
  kind: b.kind,
  legalBasis: b.legal_basis === BOARD_KINDS[b.kind].legalBasis ? '' : b.legal_basis,
  description: b.description,
  rotation: b.chair_rotation,
  quorumTotal: String(b.quorum_total),
  quorumPerPartner: String(b.quorum_per_partner),
  firstChair: String(b.turns[0]?.organisationId ?? ''),
  chairSchedule: b.turns
    .filter((t) => t.startsOn)
    .map((t) => `${t.startsOn ?? ''} ${partners.find((p) => p.id === t.organisationId)?.name ?? ''}`)
    .join('\n'),
  ...dateInputValues('rotationStartsOn', b.rotation_starts_on),
});

export const boardRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/boards',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const boards = await listBoards(db, partnership.id);
      const today = todayInLondon();
      const rows = await Promise.all(
        boards.map(async (b) => ({
          ...b,
          members: (await listMemberships(db, partnership.id, b.id)).filter(
            (m) => m.term_from <= today && (m.term_to === null || m.term_to >= today),
          ).length,
          next: (await listMeetings(db, partnership.id, { boardId: b.id, from: today })).find(
            (m) => m.status !== 'cancelled',
          ),
        })),
      );
      return reply.view('governance/boards/views/boards.njk', {
        pageTitle: `Boards of ${partnership.name}`,
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(partnership).slice(0, 2),
        partnership,
        boards: rows,
        kinds: BOARD_KINDS,
        quorum: describeQuorum,
        can: canIn(req, partnership.id),
      });
    },
  );

  const showForm = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('governance/boards/views/boardForm.njk', {
      navSection: 'partnerships',
      kinds: BOARD_KINDS,
      rotations: CHAIR_ROTATIONS,
      ...data,
    });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/boards/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showForm(reply, {
        pageTitle: 'Set up a board',
        breadcrumbs: boardCrumbs(loaded.partnership),
        ...loaded,
        action: `/partnerships/${loaded.partnership.id}/boards`,
        values: { rotation: 'fixed', quorumPerPartner: '0' },
      });
    },
  );

  async function save(
    req: { body: unknown },
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadPartnership>>>,
    title: string,
    action: string,
    exceptId?: number,
  ) {
    const body = formBody(req.body);
    const parsed = readBoardForm(body, loaded.partners);
    const problems = parsed.ok ? {} : parsed.problems;
    if (parsed.ok && (await boardNameTaken(db, loaded.partnership.id, parsed.value.name, exceptId)))
      problems.name = `The partnership already has a board called ${parsed.value.name}`;
    if (!parsed.ok || hasProblems(problems)) {
      await showForm(reply.code(400), {
        pageTitle: title,
        breadcrumbs: boardCrumbs(loaded.partnership),
        ...loaded,
        action,
        values: body,
        ...withProblems(problems, DATE_FIELDS),
      });
      return null;
    }
    return parsed.value;
  }

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/boards',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const value = await save(
        req,
        reply,
        loaded,
        'Set up a board',
        `/partnerships/${partnership.id}/boards`,
      );
      if (!value) return reply;
      const id = await transaction(db, (trx) =>
        createBoard(trx, actorFor(req.principal), partnership.id, value),
      );
      req.session.flash = `${value.name} set up`;
      return reply.redirect(`/partnerships/${partnership.id}/boards/${id}`, 303);
    },
  );

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners, board } = loaded;
      const today = todayInLondon();
      const memberships = await listMemberships(db, partnership.id, board.id);
      const chairs = await chairsOfBoard(db, board);
      const thresholds = await keyDecisionThresholds(db, partnership.id);
      const meetings = (await listMeetings(db, partnership.id, { boardId: board.id })).map((m) => ({
        ...m,
        chair: chairs.get(m.id),
      }));
      return reply.view('governance/boards/views/board.njk', {
        pageTitle: board.name,
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(partnership),
        partnership,
        board,
        kind: BOARD_KINDS[board.kind],
        quorum: describeQuorum(board),
        rotation: describeRotation(board, partners),
        groups: membersByPartner(memberships, partners),
        today,
        thresholds: partners.map((p) => ({
          name: p.name,
          pence: thresholds.get(p.id) ?? DEFAULT_KEY_DECISION_THRESHOLD_PENCE,
          recorded: thresholds.has(p.id),
        })),
        coming: meetings.filter((m) => m.meets_on >= today),
        past: meetings.filter((m) => m.meets_on < today).reverse(),
        roles: MEMBER_ROLES,
        statuses: MEETING_STATUSES,
        can: canIn(req, partnership.id),
      });
    },
  );

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board, partners } = loaded;
      return showForm(reply, {
        pageTitle: `Change ${board.name}`,
        breadcrumbs: boardCrumbs(partnership, board),
        ...loaded,
        action: `/partnerships/${partnership.id}/boards/${board.id}/edit`,
        values: boardValues(board, partners),
      });
    },
  );

  app.post<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board } = loaded;
      const action = `/partnerships/${partnership.id}/boards/${board.id}/edit`;
      const value = await save(req, reply, loaded, `Change ${board.name}`, action, board.id);
      if (!value) return reply;
      await transaction(db, (trx) =>
        updateBoard(trx, actorFor(req.principal), partnership.id, board.id, value),
      );
      req.session.flash = `${value.name} saved`;
      return reply.redirect(`/partnerships/${partnership.id}/boards/${board.id}`, 303);
    },
  );
};
