/**
 * Gifts and hospitality offered to a board's members: recording an offer (accepted or declined, with its value in
 * pence), changing it, and the review that lets a registrable one reach the public register (DOMAIN.md §6).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { dateInputValues, formBody } from '../../kernel/forms.js';
import { toDecimalString } from '../../kernel/money.js';
import { INTEREST_REGIMES } from './rules.js';
import { GIFT_KINDS, GIFT_SOURCES, registrationLimit } from './giftRules.js';
import type { MemberWithRegime } from './store.js';
import { createGift, getGift, reviewGift, updateGift, type GiftEntry } from './giftStore.js';
import { readGiftForm } from './schema.js';
import { boardCrumbs, loadBoard, notFound, type BoardParams } from '../meetings/index.js';
import { loadMember, registerUrl } from './routes.js';

type LoadedBoard = NonNullable<Awaited<ReturnType<typeof loadBoard>>>;
type MemberParams = BoardParams & { membershipId: string };
type GiftParams = BoardParams & { giftId: string };

const giftValues = (g: GiftEntry) => ({
  kind: g.kind,
  source: g.source,
  description: g.description,
  offeredBy: g.offeredBy,
  valuePence: toDecimalString(g.valuePence),
  accepted: g.accepted ? 'yes' : 'no',
  ...dateInputValues('offeredOn', g.offeredOn),
});

export const giftRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = (
    reply: FastifyReply,
    loaded: LoadedBoard,
    member: MemberWithRegime,
    data: Record<string, unknown>,
  ) => {
    const regime = member.regime;
    return reply.view('governance/interests/views/giftForm.njk', {
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: 'Interests', href: registerUrl(loaded) },
      ],
      ...loaded,
      member,
      regime: regime ? INTEREST_REGIMES[regime] : null,
      kinds: GIFT_KINDS,
      sources: GIFT_SOURCES,
      limits: regime
        ? [
            { what: 'Gifts from suppliers or contractors', ...registrationLimit(regime, 'gift', 'supplier') },
            { what: 'Gifts from anyone else', ...registrationLimit(regime, 'gift', 'patient') },
            { what: 'Hospitality', ...registrationLimit(regime, 'hospitality', 'other') },
          ]
        : [],
      ...data,
    });
  };

  async function save(
    req: FastifyRequest<{ Params: BoardParams }>,
    reply: FastifyReply,
    loaded: LoadedBoard,
    member: MemberWithRegime,
    before: GiftEntry | undefined,
    pageTitle: string,
  ) {
    const body = formBody(req.body);
    const parsed = readGiftForm(body, member.membershipId);
    const regime = member.regime;
    if (!parsed.ok || regime === null)
      return showForm(reply.code(400), loaded, member, {
        pageTitle,
        action: req.url,
        values: body,
        ...withProblems(
          parsed.ok
            ? { kind: 'The member’s nominating organisation has no register of gifts here' }
            : parsed.problems,
          ['offeredOn'],
        ),
      });
    const actor = actorFor(req.principal);
    await transaction(db, (trx) =>
      before
        ? updateGift(trx, actor, loaded.partnership.id, before, { ...parsed.value, regime })
        : createGift(trx, actor, loaded.partnership.id, { ...parsed.value, regime }).then(() => undefined),
    );
    req.session.flash = `${GIFT_KINDS[parsed.value.kind]} recorded for ${member.name}. It is a draft until reviewed.`;
    return reply.redirect(`${registerUrl(loaded)}#gifts-${String(member.membershipId)}`, 303);
  }

  app.get<{ Params: MemberParams }>(
    '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/gifts/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const member = await loadMember(db, loaded, req.params.membershipId);
      if (!member) return notFound(reply);
      return showForm(reply, loaded, member, {
        pageTitle: `Record a gift or hospitality offered to ${member.name}`,
        action: `/partnerships/${loaded.partnership.id}/boards/${loaded.board.id}/members/${member.membershipId}/gifts`,
        values: {},
      });
    },
  );

  app.post<{ Params: MemberParams }>(
    '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/gifts',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const member = await loadMember(db, loaded, req.params.membershipId);
      if (!member) return notFound(reply);
      return save(
        req,
        reply,
        loaded,
        member,
        undefined,
        `Record a gift or hospitality offered to ${member.name}`,
      );
    },
  );

  async function loadGift(req: FastifyRequest<{ Params: GiftParams }>, reply: FastifyReply) {
    const loaded = await loadBoard(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.giftId);
    const gift = id === null ? undefined : await getGift(db, loaded.partnership.id, id);
    const member = gift ? await loadMember(db, loaded, String(gift.membershipId)) : undefined;
    if (!gift || !member) return notFound(reply);
    return { loaded, gift, member };
  }

  app.get<{ Params: GiftParams }>(
    '/partnerships/:partnershipId/boards/:boardId/gifts/:giftId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const found = await loadGift(req, reply);
      if (!found) return reply;
      const { loaded, gift, member } = found;
      return showForm(reply, loaded, member, {
        pageTitle: `Change a gift or hospitality offered to ${member.name}`,
        action: `/partnerships/${loaded.partnership.id}/boards/${loaded.board.id}/gifts/${gift.id}/edit`,
        values: giftValues(gift),
        wasReviewed: gift.status === 'reviewed',
      });
    },
  );

  app.post<{ Params: GiftParams }>(
    '/partnerships/:partnershipId/boards/:boardId/gifts/:giftId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const found = await loadGift(req, reply);
      if (!found) return reply;
      const { loaded, gift, member } = found;
      return save(req, reply, loaded, member, gift, `Change a gift or hospitality offered to ${member.name}`);
    },
  );

  app.post<{ Params: GiftParams }>(
    '/partnerships/:partnershipId/boards/:boardId/gifts/:giftId/review',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const found = await loadGift(req, reply);
      if (!found) return reply;
      const { loaded, gift, member } = found;
      const principal = req.principal;
      if (gift.status === 'draft' && principal)
        await transaction(db, (trx) =>
          reviewGift(trx, actorFor(principal), loaded.partnership.id, gift, {
            userId: principal.userId,
            name: principal.name,
          }),
        );
      req.session.flash = `${GIFT_KINDS[gift.kind]} offered to ${member.name} reviewed`;
      return reply.redirect(`${registerUrl(loaded)}#gifts-${String(member.membershipId)}`, 303);
    },
  );
};
