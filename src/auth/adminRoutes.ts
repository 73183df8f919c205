/** Users and their roles per partnership, for system administrators. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { transaction, type Db } from '../db/connection.js';
import { field, hasProblems, errorSummary, formBody, parseForm } from '../kernel/forms.js';
import { listPartnerships, partnersOf } from '../partnerships/index.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';
import { ROLES, isRole } from './roles.js';
import {
  actorFor,
  createUser,
  findUserByEmail,
  grantRole,
  listUsers,
  revokeRole,
  rolesOfUser,
} from './store.js';

const newUserSchema = z.object({
  name: z.string().trim().min(1, 'Enter the person’s name').max(200),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.org' })),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters long`)
    .max(200),
});

type UserParams = { userId: string };

export const userAdminRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const crumbs = [{ text: 'Users', href: '/admin/users' }];

  app.get('/admin/users', { config: { action: 'users:manage' } }, async (_req, reply) =>
    reply.view('auth/views/users.njk', {
      pageTitle: 'Users',
      navSection: 'users',
      users: await listUsers(db),
    }),
  );

  app.get('/admin/users/new', { config: { action: 'users:manage' } }, async (_req, reply) =>
    reply.view('auth/views/userForm.njk', {
      pageTitle: 'Add a user',
      navSection: 'users',
      breadcrumbs: crumbs,
      values: {},
    }),
  );

  app.post('/admin/users', { config: { action: 'users:manage' } }, async (req, reply) => {
    const body = formBody(req.body);
    const parsed = parseForm(newUserSchema, req.body);
    const problems = parsed.ok ? {} : { ...parsed.problems };
    if (parsed.ok && (await findUserByEmail(db, parsed.value.email)))
      problems.email = `${parsed.value.email} already has an account`;
    if (!parsed.ok || hasProblems(problems)) {
      return reply.code(400).view('auth/views/userForm.njk', {
        pageTitle: 'Add a user',
        navSection: 'users',
        breadcrumbs: crumbs,
        values: { name: field(body, 'name'), email: field(body, 'email') },
        errors: problems,
        errorList: errorSummary(problems),
      });
    }
    const id = await transaction(db, (trx) => createUser(trx, actorFor(req.principal), parsed.value));
    req.session.flash = `Account created for ${parsed.value.name}`;
    return reply.redirect(`/admin/users/${id}`, 303);
  });

  const userPage = async (userId: number) => {
    const user = (await listUsers(db)).find((u) => u.id === userId);
    if (!user) return null;
    const partnerships = await listPartnerships(db, 'all');
    // the organisations a role may record: each partnership's partners (a user works for one of them)
    const members = new Map<number, Set<number>>();
    const organisations = new Map<number, string>();
    for (const p of partnerships) {
      const partners = await partnersOf(db, p.id);
      members.set(p.id, new Set(partners.map((o) => o.id)));
      for (const o of partners) organisations.set(o.id, o.name);
    }
    return {
      user,
      roles: await rolesOfUser(db, userId),
      partnerships,
      members,
      organisations: [...organisations]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      roleNames: ROLES,
    };
  };

  app.get<{ Params: UserParams }>(
    '/admin/users/:userId',
    { config: { action: 'users:manage' } },
    async (req, reply) => {
      const data = await userPage(Number(req.params.userId));
      if (!data) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return reply.view('auth/views/user.njk', {
        pageTitle: data.user.name,
        navSection: 'users',
        breadcrumbs: crumbs,
        values: {},
        ...data,
      });
    },
  );

  app.post<{ Params: UserParams }>(
    '/admin/users/:userId/roles',
    { config: { action: 'users:manage' } },
    async (req, reply) => {
      const userId = Number(req.params.userId);
      const data = await userPage(userId);
      if (!data) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const body = formBody(req.body);
      const partnershipId = Number(field(body, 'partnershipId'));
      const role = field(body, 'role');
      const remove = field(body, 'remove') === 'true';
      const organisationText = field(body, 'organisationId');
      const organisationId = organisationText === '' ? null : Number(organisationText);
      const problems: Record<string, string> = {};
      const partnership = data.partnerships.find((p) => p.id === partnershipId);
      if (!partnership) problems.partnershipId = 'Select a partnership';
      if (!isRole(role)) problems.role = 'Select a role';
      if (partnership && organisationId !== null && !data.members.get(partnershipId)?.has(organisationId))
        problems.organisationId = `Select an organisation that is a partner in ${partnership.name}, or none`;
      if (hasProblems(problems) || !isRole(role)) {
        return reply.code(400).view('auth/views/user.njk', {
          pageTitle: data.user.name,
          navSection: 'users',
          breadcrumbs: crumbs,
          values: body,
          errors: problems,
          errorList: errorSummary(problems),
          ...data,
        });
      }
      await transaction(db, (trx) =>
        remove
          ? revokeRole(trx, actorFor(req.principal), userId, partnershipId, role)
          : grantRole(trx, actorFor(req.principal), userId, partnershipId, role, organisationId),
      );
      req.session.flash = remove ? `Role ${ROLES[role]} removed` : `Role ${ROLES[role]} given`;
      return reply.redirect(`/admin/users/${userId}`, 303);
    },
  );
};
