/** The public face of commissioning/projects: the only file that other folders import. */
export type { StrategyKey } from './priorities.js';
export { createPriority, measureChoices } from './prioritiesStore.js';
export { STAGE_ORDER, STAGES } from './rules.js';
export type { FundingArrangement, Stage } from './rules.js';
export { createProject, getProject, listProjects, projectsDashboardTile } from './store.js';
export type { ProjectTables } from './tables.js';
