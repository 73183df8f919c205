/** The public face of ledger/monitoring: the only file that other folders import. */
export { niceStep } from './chart.js';
export { DEFAULT_RAG_BP, METHOD_LABELS, ragFor } from './figures.js';
export type { Cell, Figures, Rag } from './figures.js';
export { recordForecast } from './forecastStore.js';
export { getPublished, listPublished, publishReport } from './publication.js';
export { partnershipYearView } from './rollups.js';
export type { PartnershipYearView, Reconciliation } from './rollups.js';
export { monitoringCells, monitoringReport } from './rules.js';
export { listImports, loadMonitoring, loadMonitoringFacts, loadMonitoringReport } from './store.js';
export { attributeToStreams } from './streams.js';
export type { MonitoringTables } from './tables.js';
export { MONTHS, readReportQuery, XLSX_TYPE } from './view.js';
export { POUNDS_FORMAT } from './workbook.js';
export { addTable, FIGURE_COLUMNS, figureCells, figureTotals, pounds } from './workbookTables.js';
