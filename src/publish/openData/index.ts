/** The public face of publish/openData: the only file that other folders import. */
export { openDataFiles } from './openData.js';
