import type { ColumnType, Generated } from 'kysely';
import type { Role } from './roles.js';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  is_system_admin: Generated<boolean>;
  disabled: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface UserRolesTable {
  user_id: number;
  partnership_id: number;
  role: Role;
  /** The partner organisation the user works for in this role (0004), if recorded. */
  organisation_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface SessionsTable {
  sid: string;
  data: ColumnType<unknown, string, string>;
  expires_at: Date;
}

export interface AuthTables {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
}
