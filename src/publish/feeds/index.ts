/** The public face of publish/feeds: the only file that other folders import. */
export { boardCalendarLink, boardCalendarPath, decisionsFeedLink } from './feedLinks.js';
export { londonWallTimeToUtc } from './ical.js';
