/** Memberships of a board: who sits on it, nominated by which partner, in what role, with which substitutes. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { dateInputValues, hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import { chairProblems, MEMBER_ROLES, validateMembership } from './rules.js';
import { readMembershipForm } from './schema.js';
import { createMembership, listMemberships, updateMembership, type Membership } from './membershipStore.js';
import { boardCrumbs, loadBoard, notFound, type BoardParams } from '../meetings/index.js';

type MembershipParams = BoardParams & { membershipId: string };
const DATE_FIELDS = ['termFrom', 'termTo'];

const membershipValues = (m: Membership) => ({
  personName: m.person_name,
  organisationId: String(m.organisation_id),
  postHeld: m.post_held,
  nominatedBy: m.nominated_by,
  role: m.role,
  voting: m.voting ? 'yes' : 'no',
  substitutes: m.substitutes.map((s) => (s.postHeld ? `${s.name}, ${s.postHeld}` : s.name)).join('\n'),
  ...dateInputValues('termFrom', m.term_from),
  ...dateInputValues('termTo', m.term_to),
});

export const membershipRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('governance/boards/views/membershipForm.njk', {
      navSection: 'partnerships',
      roles: MEMBER_ROLES,
      ...data,
    });

  /** The form checked whole: its fields, then the partnership's partners, then one chair (per partner, if rotating). */
  async function check(
    body: FormBody,
    loaded: NonNullable<Awaited<ReturnType<typeof loadBoard>>>,
    exceptId?: number,
  ) {
    const parsed = readMembershipForm(body);
    if (!parsed.ok) return { problems: parsed.problems, value: null };
    const problems = validateMembership(parsed.value, new Set(loaded.partners.map((p) => p.id)));
    const others = (await listMemberships(db, loaded.partnership.id, loaded.board.id)).map((m) => ({
      id: m.id,
      role: m.role,
      organisationId: m.organisation_id,
      termFrom: m.termFrom,
      termTo: m.termTo,
    }));
    const chair = chairProblems(
      others,
      { ...parsed.value, id: exceptId },
      loaded.board.chair_rotation !== 'fixed',
    );
    if (chair) problems.role = chair;
    return { problems, value: parsed.value };
  }

  app.get<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/memberships/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board } = loaded;
      return showForm(reply, {
        pageTitle: `Add a member to ${board.name}`,
        breadcrumbs: boardCrumbs(partnership, board),
        ...loaded,
        action: `/partnerships/${partnership.id}/boards/${board.id}/memberships`,
        values: { role: 'member', voting: 'yes' },
      });
    },
  );

  app.post<{ Params: BoardParams }>(
    '/partnerships/:partnershipId/boards/:boardId/memberships',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const { partnership, board } = loaded;
      const body = formBody(req.body);
      const { problems, value } = await check(body, loaded);
      if (!value || hasProblems(problems))
        return showForm(reply.code(400), {
          pageTitle: `Add a member to ${board.name}`,
          breadcrumbs: boardCrumbs(partnership, board),
          ...loaded,
          action: `/partnerships/${partnership.id}/boards/${board.id}/memberships`,
          values: body,
          ...withProblems(problems, DATE_FIELDS),
        });
      await transaction(db, (trx) =>
        createMembership(trx, actorFor(req.principal), partnership.id, board.id, value),
      );
      req.session.flash = `${value.personName} added to ${board.name}`;
      return reply.redirect(`/partnerships/${partnership.id}/boards/${board.id}#members`, 303);
    },
  );

  async function loadMembership(
    req: { params: MembershipParams },
    loaded: NonNullable<Awaited<ReturnType<typeof loadBoard>>>,
  ) {
    const id = idParam(req.params.membershipId);
    return (await listMemberships(db, loaded.partnership.id, loaded.board.id)).find((m) => m.id === id);
  }

  app.get<{ Params: MembershipParams }>(
    '/partnerships/:partnershipId/boards/:boardId/memberships/:membershipId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const membership = await loadMembership(req, loaded);
      if (!membership) return notFound(reply);
      const { partnership, board } = loaded;
      return showForm(reply, {
        pageTitle: `Change ${membership.person_name}`,
        breadcrumbs: boardCrumbs(partnership, board),
        ...loaded,
        action: `/partnerships/${partnership.id}/boards/${board.id}/memberships/${membership.id}/edit`,
        values: membershipValues(membership),
      });
    },
  );

  app.post<{ Params: MembershipParams }>(
    '/partnerships/:partnershipId/boards/:boardId/memberships/:membershipId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadBoard(db, req, reply);
      if (!loaded) return reply;
      const membership = await loadMembership(req, loaded);
      if (!membership) return notFound(reply);
      const { partnership, board } = loaded;
      const body = formBody(req.body);
      const action = `/partnerships/${partnership.id}/boards/${board.id}/memberships/${membership.id}/edit`;
      const { problems, value } = await check(body, loaded, membership.id);
      if (!value || hasProblems(problems))
        return showForm(reply.code(400), {
          pageTitle: `Change ${membership.person_name}`,
          breadcrumbs: boardCrumbs(partnership, board),
          ...loaded,
          action,
          values: body,
          ...withProblems(problems, DATE_FIELDS),
        });
      await transaction(db, (trx) =>
        updateMembership(trx, actorFor(req.principal), partnership.id, membership, value),
      );
      req.session.flash = `${value.personName} saved`;
      return reply.redirect(`/partnerships/${partnership.id}/boards/${board.id}#members`, 303);
    },
  );
};
