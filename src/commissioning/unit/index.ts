/** The public face of commissioning/unit: the only file that other folders import. */
export type { SharingBasis } from './rules.js';
export { createPost, loadUnitCosting, setUnitYear, unitDashboardTile } from './store.js';
