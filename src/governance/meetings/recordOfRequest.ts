/** What the governance routes share: finding the board, meeting or item a URL names within its partnership. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { idParam } from '../../http/request.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { getBoard, type Board } from '../boards/index.js';
import { getMeeting } from './store.js';

export type BoardParams = PartnershipParams & { boardId: string };
export type MeetingParams = PartnershipParams & { meetingId: string };

export async function notFound(reply: FastifyReply) {
  await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
  return null;
}

export async function loadBoard(db: Db, req: FastifyRequest<{ Params: BoardParams }>, reply: FastifyReply) {
  const loaded = await loadPartnership(db, req, reply);
  if (!loaded) return null;
  const id = idParam(req.params.boardId);
  const board = id === null ? undefined : await getBoard(db, loaded.partnership.id, id);
  if (!board) return notFound(reply);
  return { ...loaded, board };
}

export async function loadMeeting(
  db: Db,
  req: FastifyRequest<{ Params: MeetingParams }>,
  reply: FastifyReply,
) {
  const loaded = await loadPartnership(db, req, reply);
  if (!loaded) return null;
  const id = idParam(req.params.meetingId);
  const meeting = id === null ? undefined : await getMeeting(db, loaded.partnership.id, id);
  const board = meeting ? await getBoard(db, loaded.partnership.id, meeting.board_id) : undefined;
  if (!meeting || !board) return notFound(reply);
  return { ...loaded, meeting, board };
}

export const boardCrumbs = (
  partnership: { id: number; name: string },
  board?: Pick<Board, 'id' | 'name'>,
) => [
  { text: 'Partnerships', href: '/partnerships' },
  { text: partnership.name, href: `/partnerships/${partnership.id}` },
  { text: 'Boards', href: `/partnerships/${partnership.id}/boards` },
  ...(board ? [{ text: board.name, href: `/partnerships/${partnership.id}/boards/${board.id}` }] : []),
];

/** Select and radio items for the partners, marking the chosen ones. */
export const partnerItems = (partners: readonly { id: number; name: string }[], chosen: unknown) => {
  const set = new Set(([] as unknown[]).concat(chosen ?? []).map(String));
  return partners.map((p) => ({ value: String(p.id), text: p.name, checked: set.has(String(p.id)) }));
};
