/**
 * Atom (RFC 4287) written by hand: a feed with its id, title, updated, author and rel="self" link, and one entry per
 * item with id, title, updated, an alternate link and a plain-text summary. Every text is XML-escaped, and the
 * characters XML 1.0 forbids are dropped, so the feed is always well-formed. Pure: no I/O.
 */

/** Text for XML content or an attribute value. */
export function xmlEscape(value: string): string {
  return (
    value
      // XML 1.0 allows tab, line feed, carriage return and everything from space up, but not the other controls
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A tag URI (RFC 4151): tag:authority,date:specific. */
export const tagUri = (authority: string, date: string, specific: string) =>
  `tag:${authority},${date}:${specific}`;

export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  published?: Date | undefined;
  href: string;
  summary: string;
  categories?: readonly string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: Date;
  selfHref: string;
  alternateHref: string;
  author: string;
  entries: readonly AtomEntry[];
}

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function writeAtom(feed: AtomFeed): string {
  const e = xmlEscape;
  const entries = feed.entries.map((entry) =>
    [
      '  <entry>',
      `    <id>${e(entry.id)}</id>`,
      `    <title type="text">${e(entry.title)}</title>`,
      `    <updated>${rfc3339(entry.updated)}</updated>`,
      ...(entry.published ? [`    <published>${rfc3339(entry.published)}</published>`] : []),
      `    <link rel="alternate" type="text/html" href="${e(entry.href)}"/>`,
      ...(entry.categories ?? []).map((c) => `    <category term="${e(c)}"/>`),
      `    <summary type="text">${e(entry.summary)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${e(feed.id)}</id>`,
    `  <title type="text">${e(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${e(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${rfc3339(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feed.selfHref)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(feed.alternateHref)}"/>`,
    `  <author><name>${e(feed.author)}</name></author>`,
    '  <generator>Concordat</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
