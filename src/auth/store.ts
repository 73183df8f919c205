/** Users, their roles and their sessions. */
import type { Executor } from '../db/connection.js';
import { recordAuditEvent, type Actor } from '../audit/store.js';
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
    .select(['partnership_id', 'role'])
    .where('user_id', '=', userId)
    .execute();
  const roles = new Map<number, Set<Role>>();
  for (const r of rows) {
    const set = roles.get(r.partnership_id) ?? new Set<Role>();
    set.add(r.role);
    roles.set(r.partnership_id, set);
  }
  return { userId: user.id, name: user.name, email: user.email, isSystemAdmin: user.is_system_admin, roles };
}

/** Gives a user a role in a partnership (no-op if they hold it already). */
export async function grantRole(
  trx: Executor,
  actor: Actor,
  userId: number,
  partnershipId: number,
  role: Role,
): Promise<void> {
  const inserted = await trx
    .insertInto('user_roles')
    .values({ user_id: userId, partnership_id: partnershipId, role })
    .onConflict((oc) => oc.doNothing())
    .returning('role')
    .executeTakeFirst();
  if (inserted) {
    await recordAuditEvent(trx, actor, {
      action: 'create',
      entityType: 'user_role',
      entityId: `${userId}:${role}`,
      partnershipId,
      after: { userId, role },
    });
  }
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
    .select(['user_roles.partnership_id', 'partnerships.name as partnershipName', 'user_roles.role'])
    .where('user_roles.user_id', '=', userId)
    .orderBy('partnerships.name')
    .orderBy('user_roles.role')
    .execute();
}

/** The audit actor for a request's principal. */
export function actorFor(principal: Principal | null): Actor {
  return principal ? { userId: principal.userId, label: principal.name } : { userId: null, label: 'public' };
}
