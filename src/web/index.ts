/** The public face of web: the only file that other folders import. */
export { applicationCss } from './assets.js';
export { buildServer } from './server.js';
