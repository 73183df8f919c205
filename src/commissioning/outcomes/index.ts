/** The public face of commissioning/outcomes: the only file that other folders import. */
export { actualTargetChart, runChart } from './charts.js';
export { readOutcomeCsv } from './importValues.js';
export { catalogueEntry, parsePeriod, periodsBetween } from './rules.js';
export {
  addIntervention,
  createMeasure,
  listMeasures,
  measuresWithSeries,
  outcomesDashboardTile,
  saveImportedValues,
  setTargets,
} from './store.js';
export type { OutcomesTile } from './store.js';
export type { OutcomeTables } from './tables.js';
