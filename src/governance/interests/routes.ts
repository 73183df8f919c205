/**
 * A board's registers of interests: the officers' page of every member's entries and gifts, entering and changing
 * an interest, and the review by a democratic services officer that lets it reach the public register
 * (DOMAIN.md §6). Details of a sensitive interest are shown only to those who keep the register.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { dateInputValues, hasProblems, formBody } from '../../kernel/forms.js';
import { todayInLondon } from '../../kernel/dates.js';
import {
  INTEREST_CATEGORIES,
  INTEREST_REGIMES,
  categoryOf,
  isCurrentOn,
  isDisclosablePecuniary,
  validateInterest,
} from './rules.js';
import {
  createInterest,
  getInterest,
  listInterests,
  membersWithRegime,
  reviewInterest,
  updateInterest,
  type InterestEntry,
  type MemberWithRegime,
} from './store.js';
import { readInterestForm } from './schema.js';
import { GIFT_KINDS, GIFT_SOURCES, giftAdvice, mustRegister, registrationLimit } from './giftRules.js';
import { listGifts } from './giftStore.js';
import { boardCrumbs, loadBoard, notFound, type BoardParams } from '../meetings/index.js';

type LoadedBoard = NonNullable<Awaited<ReturnType<typeof loadBoard>>>;
type MemberParams = BoardParams & { membershipId: string };
type EntryParams = BoardParams & { interestId: string };

export const registerUrl = (l: LoadedBoard) =>
  `/partnerships/${l.partnership.id}/boards/${l.board.id}/interests`;

/** The member a URL names, on this board. */
export async function loadMember(db: Db, l: LoadedBoard, raw: string): Promise<MemberWithRegime | undefined> {
  const id = idParam(raw);
  return (await membersWithRegime(db, l.partnership.id, l.board.id)).find((m) => m.membershipId === id);
}

const interestValues = (e: InterestEntry) => ({
  category: e.category,
  description: e.description,
  counterparty: e.counterparty,
  sensitive: e.sensitive ? 'yes' : 'no',
  ...dateInputValues('fromOn', e.fromOn),
  ...dateInputValues('toOn', e.toOn),
});

export const interestRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/interests',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board } = loaded;
      const can = canIn(req, partnership.id);
      const today = todayInLondon();
      const entries = await listInterests(db, partnership.id, board.id);
      const gifts = await listGifts(db, partnership.id, board.id);
      const members = (await membersWithRegime(db, partnership.id, board.id)).map((m) => ({
        ...m,
        regimeLabel: m.regime ? INTEREST_REGIMES[m.regime].label : 'No register applies',
        entries: entries
          .filter((e) => e.membershipId === m.membershipId)
          .map((e) => ({
            ...e,
            categoryLabel: categoryOf(e.regime, e.category)?.label ?? e.category,
            dpi: isDisclosablePecuniary(e.regime, e.category),
            current: isCurrentOn(e, today),
            // s32: the details of a sensitive interest are for those who keep the register
            hidden: e.sensitive && !can('governance:edit'),
          })),
        gifts: gifts
          .filter((g) => g.membershipId === m.membershipId)
          .map((g) => ({
            ...g,
            mustRegister: mustRegister(g),
            limit: registrationLimit(g.regime, g.kind, g.source),
            advice: giftAdvice(g),
          })),
      }));
      return reply.view('governance/interests/views/interests.njk', {
        pageTitle: `Registers of interests: ${board.name}`,
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(partnership, board),
        partnership,
        board,
        members,
        regimes: INTEREST_REGIMES,
        giftKinds: GIFT_KINDS,
        giftSources: GIFT_SOURCES,
        today,
        can,
      });
    },
  );

  const showForm = (
    reply: FastifyReply,
    loaded: LoadedBoard,
    member: MemberWithRegime,
    data: Record<string, unknown>,
  ) =>
    reply.view('governance/interests/views/interestForm.njk', {
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: 'Interests', href: registerUrl(loaded) },
      ],
      ...loaded,
      member,
      regime: member.regime ? INTEREST_REGIMES[member.regime] : null,
      categories: member.regime ? INTEREST_CATEGORIES[member.regime] : [],
      ...data,
    });

  async function save(
    req: FastifyRequest<{ Params: BoardParams }>,
    reply: FastifyReply,
    loaded: LoadedBoard,
    member: MemberWithRegime,
    before: InterestEntry | undefined,
    action: string,
    pageTitle: string,
  ) {
    const body = formBody(req.body);
    const parsed = readInterestForm(body, member.membershipId);
    const problems = parsed.ok ? validateInterest(parsed.value, member.regime) : parsed.problems;
    if (!parsed.ok || hasProblems(problems) || member.regime === null)
      return showForm(reply.code(400), loaded, member, {
        pageTitle,
        action,
        values: body,
        ...withProblems(problems, ['fromOn', 'toOn']),
      });
    const regime = member.regime;
    const actor = actorFor(req.principal);
    await transaction(db, (trx) =>
      before
        ? updateInterest(trx, actor, loaded.partnership.id, before, { ...parsed.value, regime })
        : createInterest(trx, actor, loaded.partnership.id, { ...parsed.value, regime }).then(
            () => undefined,
          ),
    );
    req.session.flash = before
      ? `Interest changed: ${member.name}. It is a draft until reviewed.`
      : `Interest entered for ${member.name}. It is a draft until reviewed.`;
    return reply.redirect(`${registerUrl(loaded)}#member-${String(member.membershipId)}`, 303);
  }

  app.get<{ Params: MemberParams }>(
    '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/interests/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const member = await loadMember(db, loaded, req.params.membershipId);
      if (!member) return notFound(reply);
      return showForm(reply, loaded, member, {
        pageTitle: `Enter an interest of ${member.name}`,
        action: `/partnerships/${loaded.partnership.id}/boards/${loaded.board.id}/members/${member.membershipId}/interests`,
        values: { sensitive: 'no' },
      });
    },
  );

  app.post<{ Params: MemberParams }>(
    '/partnerships/:partnershipId/boards/:boardId/members/:membershipId/interests',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const member = await loadMember(db, loaded, req.params.membershipId);
      if (!member) return notFound(reply);
      return save(req, reply, loaded, member, undefined, req.url, `Enter an interest of ${member.name}`);
    },
  );

  async function loadEntry(req: FastifyRequest<{ Params: EntryParams }>, reply: FastifyReply) {
    const loaded = await loadBoard(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.interestId);
    const entry = id === null ? undefined : await getInterest(db, loaded.partnership.id, id);
    const member = entry ? await loadMember(db, loaded, String(entry.membershipId)) : undefined;
    if (!entry || !member) return notFound(reply);
    return { loaded, entry, member };
  }

  const entryUrl = (l: LoadedBoard, e: InterestEntry) => `${registerUrl(l)}/${String(e.id)}`;

  app.get<{ Params: EntryParams }>(
    '/partnerships/:partnershipId/boards/:boardId/interests/:interestId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const found = await loadEntry(req, reply);
      if (!found) return reply;
      const { loaded, entry, member } = found;
      return showForm(reply, loaded, member, {
        pageTitle: `Change an interest of ${member.name}`,
        action: `${entryUrl(loaded, entry)}/edit`,
        values: interestValues(entry),
        wasReviewed: entry.status === 'reviewed',
      });
    },
  );

  app.post<{ Params: EntryParams }>(
    '/partnerships/:partnershipId/boards/:boardId/interests/:interestId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const found = await loadEntry(req, reply);
      if (!found) return reply;
      const { loaded, entry, member } = found;
      return save(req, reply, loaded, member, entry, req.url, `Change an interest of ${member.name}`);
    },
  );

  app.post<{ Params: EntryParams }>(
    '/partnerships/:partnershipId/boards/:boardId/interests/:interestId/review',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const found = await loadEntry(req, reply);
      if (!found) return reply;
      const { loaded, entry, member } = found;
      const principal = req.principal;
      if (entry.status === 'draft' && principal)
        await transaction(db, (trx) =>
          reviewInterest(trx, actorFor(principal), loaded.partnership.id, entry, {
            userId: principal.userId,
            name: principal.name,
          }),
        );
      req.session.flash = entry.sensitive
        ? `Interest of ${member.name} reviewed: the public register says only that a sensitive interest is withheld`
        : `Interest of ${member.name} reviewed: it is on the public register while current`;
      return reply.redirect(`${registerUrl(loaded)}#member-${String(member.membershipId)}`, 303);
    },
  );
};
