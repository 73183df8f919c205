/**
 * The addresses of a partnership's feeds and exports, and the `<link rel="alternate">` entries that public pages put
 * in their head (web/views/layout.njk reads `feedLinks`) so that feed readers and calendars find them.
 */
export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

export const decisionsPath = (slug: string) => `/public/partnerships/${slug}/decisions`;
export const decisionsFeedPath = (slug: string) => `/public/partnerships/${slug}/decisions.atom`;
export const boardCalendarPath = (slug: string, boardId: number) =>
  `/public/partnerships/${slug}/boards/${boardId}/meetings.ics`;
export const openDataPath = (slug: string) => `/public/partnerships/${slug}/open-data`;

export const decisionsFeedLink = (p: { slug: string; name: string }): FeedLink => ({
  type: 'application/atom+xml',
  title: `Decisions of ${p.name} (Atom feed)`,
  href: decisionsFeedPath(p.slug),
});

export const boardCalendarLink = (slug: string, board: { id: number; name: string }): FeedLink => ({
  type: 'text/calendar',
  title: `Meetings of ${board.name} (iCalendar)`,
  href: boardCalendarPath(slug, board.id),
});
