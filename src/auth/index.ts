/** The public face of auth: the only file that other folders import. */
export { authorize, canIn, visiblePartnershipIds } from './policy.js';
export type { Action, Principal } from './policy.js';
export type { Role } from './roles.js';
export { DatabaseSessionStore } from './sessionStore.js';
export { actorFor, checkCredentials, createUser, grantRole, loadPrincipal } from './store.js';
export type { AuthTables } from './tables.js';
