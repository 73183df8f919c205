/** Users, their roles and their sessions. */
import type { Executor } from '../db/connection.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { hashPassword, passwordMatches } from './passwords.js';
import type { Principal } from './policy.js';
import type { Role } from './roles.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  isSystemAdmin?: boolean;
}

/** Creates a user with a hashed password, audited without the hash. */
export async function createUser(trx: Executor, actor: Actor, u: NewUser): Promise<number> {
  const email = u.email.trim().toLowerCase();
  const row = await trx
    .insertInto('users')
    .values({
      email,
      name: u.name.trim(),
      password_hash: await hashPassword(u.password),
      is_system_admin: u.isSystemAdmin ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'user',
    entityId: row.id,
    partnershipId: null,
    after: { email, name: u.name.trim(), isSystemAdmin: u.isSystemAdmin ?? false },
  });
  return row.id;
}

export async function findUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** The user whose email and password these are, or null (the same answer for a wrong email and a wrong password). */
export async function checkCredentials(
  db: Executor,
  email: string,
  password: string,
): Promise<number | null> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled) return null;
  return (await passwordMatches(user.password_hash, password)) ? user.id : null;
}

/** Loads a signed-in user with their roles, or null when the user is gone or disabled. */
export async function loadPrincipal(db: Executor, userId: number): Promise<Principal | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled) return null;
  const rows = await db
    .selectFrom('user_roles')
    .select(['partnership_id', 'role', 'organisation_id'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  const roles = new Map<number, Set<Role>>();
  const organisations = new Map<number, number>();
  for (const r of rows) {
    const set = roles.get(r.partnership_id) ?? new Set<Role>();
    set.add(r.role);
    roles.set(r.partnership_id, set);
    // a finance officer's organisation decides whether they keep a pooled fund (ledger/funds/fundAccess.ts)
    if (r.organisation_id !== null && (r.role === 'finance_officer' || !organisations.has(r.partnership_id)))
      organisations.set(r.partnership_id, r.organisation_id);
  }
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    isSystemAdmin: user.is_system_admin,
    roles,
    organisations,
  };
}

/**
 * Gives a user a role in a partnership, working for `organisationId` (a partner) when given. Giving a role held
 * already records the organisation if it differs, and is otherwise a no-op.
 */
export async function grantRole(
  trx: Executor,
  actor: Actor,
  userId: number,
  partnershipId: number,
  role: Role,
  organisationId: number | null = null,
): Promise<void> {
  const before = await trx
    .selectFrom('user_roles')
    .select('organisation_id')
    .where('user_id', '=', userId)
    .where('partnership_id', '=', partnershipId)
    .where('role', '=', role)
    .executeTakeFirst();
  if (before && before.organisation_id === organisationId) return;
  if (before) {
    await trx
      .updateTable('user_roles')
      .set({ organisation_id: organisationId })
      .where('user_id', '=', userId)
      .where('partnership_id', '=', partnershipId)
      .where('role', '=', role)
      .execute();
  } else {
    await trx
      .insertInto('user_roles')
      .values({ user_id: userId, partnership_id: partnershipId, role, organisation_id: organisationId })
      .execute();
  }
  await recordAuditEvent(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'user_role',
    entityId: `${userId}:${role}`,
    partnershipId,
    ...(before ? { before: { userId, role, organisationId: before.organisation_id } } : {}),
    after: { userId, role, organisationId },
  });
}

/** Takes a role away. */
export async function revokeRole(
  trx: Executor,
  actor: Actor,
  userId: number,
  partnershipId: number,
  role: Role,
): Promise<void> {
  const deleted = await trx
    .deleteFrom('user_roles')
    .where('user_id', '=', userId)
    .where('partnership_id', '=', partnershipId)
    .where('role', '=', role)
    .returning('role')
    .executeTakeFirst();
  if (deleted) {
    await recordAuditEvent(trx, actor, {
      action: 'delete',
      entityType: 'user_role',
      entityId: `${userId}:${role}`,
      partnershipId,
      before: { userId, role },
    });
  }
}

export async function listUsers(db: Executor) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'is_system_admin', 'disabled'])
    .orderBy('name')
    .execute();
}

export async function rolesOfUser(db: Executor, userId: number) {
  return db
    .selectFrom('user_roles')
    .innerJoin('partnerships', 'partnerships.id', 'user_roles.partnership_id')
    .leftJoin('organisations', 'organisations.id', 'user_roles.organisation_id')
    .select([
      'user_roles.partnership_id',
      'partnerships.name as partnershipName',
      'user_roles.role',
      'user_roles.organisation_id',
      'organisations.name as organisationName',
    ])
    .where('user_roles.user_id', '=', userId)
    .orderBy('partnerships.name')
    .orderBy('user_roles.role')
    .execute();
}

/** The audit actor for a request's principal. */
export function actorFor(principal: Principal | null): Actor {
  return principal ? { userId: principal.userId, label: principal.name } : { userId: null, label: 'public' };
}
