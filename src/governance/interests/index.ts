/** The public face of governance/interests: the only file that other folders import. */
export { GIFT_KINDS, mustRegister } from './giftRules.js';
export { createGift, getGift, listGifts, reviewGift } from './giftStore.js';
export type { GiftInput } from './giftStore.js';
export { INTEREST_REGIMES, likelyConflicts, normaliseName, publicInterests } from './rules.js';
export type { InterestInput, LikelyConflict } from './rules.js';
export { readItemProviders } from './schema.js';
export { createInterest, getInterest, listInterests, membersWithRegime, reviewInterest } from './store.js';
export type { InterestsTables } from './tables.js';
