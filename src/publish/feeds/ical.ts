/**
 * iCalendar (RFC 5545) written by hand: content lines end in CRLF, lines longer than 75 octets are folded (a CRLF
 * followed by one space) without splitting a UTF-8 character, and TEXT values escape backslash, semicolon, comma
 * and line breaks (§3.1, §3.3.11). Times are written in UTC (form #2 of §3.3.5), converted from the wall-clock time
 * in Europe/London at which a meeting starts, so that calendars show the right hour in both GMT and BST.
 * Pure: no I/O.
 */
import type { IsoDate } from '../../kernel/dates.js';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A TEXT value escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A content line folded to at most 75 octets a line (RFC 5545 §3.1): each continuation starts with one space,
 * which counts in its 75. A multibyte character is never split across lines.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** A UTC DATE-TIME: 20260315T140000Z. */
export function utcDateTime(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Europe/London is ahead of UTC at an instant, in milliseconds (0 in GMT, one hour in BST). */
function londonOffsetMs(instant: number): number {
  const p = Object.fromEntries(londonParts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - instant;
}

/** The instant at which the clocks in Europe/London show `time` (HH:MM) on `date`. */
export function londonWallTimeToUtc(date: IsoDate, time: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const first = wall - londonOffsetMs(wall);
  // near a change of the clocks the offset at the guess may differ from the offset at the answer
  return new Date(wall - londonOffsetMs(first));
}

export interface CalendarEvent {
  uid: string;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  url: string;
  description: string;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
}

export interface Calendar {
  prodId: string;
  name: string;
  description?: string;
  events: readonly CalendarEvent[];
}

/** The calendar as an iCalendar object: CRLF line endings, folded lines, escaped text. */
export function writeCalendar(cal: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    ...(cal.description ? [`X-WR-CALDESC:${escapeText(cal.description)}`] : []),
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcDateTime(e.stamp)}`,
      `DTSTART:${utcDateTime(e.start)}`,
      `DTEND:${utcDateTime(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      `URL:${e.url}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.status}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
