/** The public face of demo: the only file that other folders import. */
export { loadAppraisalDemo } from './appraisalDemo.js';
export { DEMO_PASSWORD, DEMO_USERS } from './data.js';
export { isEmpty, loadDemo } from './loadDemo.js';
export type { DemoSummary } from './loadDemo.js';
export { LUTON_PROCUREMENT_REFERENCE } from './procurementDemo.js';
