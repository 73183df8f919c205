/** The roles a user can hold in a partnership (DESIGN.md, "The users and their jobs"). */
export const ROLES = {
  administrator: 'Administrator',
  finance_officer: 'Finance officer',
  commissioning_officer: 'Commissioning officer',
  democratic_services_officer: 'Democratic services officer',
  board_member: 'Board member',
  scrutiny_member: 'Scrutiny member',
} as const;
export type Role = keyof typeof ROLES;
export const isRole = (value: string): value is Role => Object.hasOwn(ROLES, value);
