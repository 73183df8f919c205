import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { isoDate } from '../../kernel/dates.js';
import { escapeText, foldLine, londonWallTimeToUtc, utcDateTime, writeCalendar } from './ical.js';

describe('London wall-clock time to UTC', () => {
  it.each([
    ['2027-01-14', '14:00', '2027-01-14T14:00:00.000Z'], // GMT
    ['2027-06-10', '14:00', '2027-06-10T13:00:00.000Z'], // BST
    ['2027-03-28', '10:00', '2027-03-28T09:00:00.000Z'], // the clocks went forward at 01:00 that morning
    ['2027-03-27', '23:30', '2027-03-27T23:30:00.000Z'], // the evening before, still GMT
    ['2027-10-31', '10:00', '2027-10-31T10:00:00.000Z'], // the clocks went back at 02:00 that morning
    ['2027-10-30', '18:00', '2027-10-30T17:00:00.000Z'], // the evening before, still BST
  ])('%s at %s is %s', (date, time, utc) => {
    expect(londonWallTimeToUtc(isoDate(date), time).toISOString()).toBe(utc);
  });
});

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b; c, d\r\ne\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('folds a long line at 75 octets without splitting a multibyte character', () => {
    const line = `DESCRIPTION:${'Café ’£€ '.repeat(30)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(3);
    for (const [i, l] of physical.entries()) {
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(' ')).toBe(true);
      // each physical line is whole UTF-8: no replacement character when decoded alone
      expect(Buffer.from(l, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    }
    expect(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('leaves a line of 75 octets whole', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
    expect(foldLine(`${line}Y`)).toBe(`${line}\r\n Y`);
  });

  it('writes UTC date-times', () => {
    expect(utcDateTime(new Date('2027-06-10T13:00:00.000Z'))).toBe('20270610T130000Z');
  });
});

describe('a calendar', () => {
  const text = writeCalendar({
    prodId: '-//Concordat//Test//EN',
    name: 'Joint board meetings',
    events: [
      {
        uid: 'meeting-1@test',
        stamp: new Date('2027-05-01T09:00:00Z'),
        start: londonWallTimeToUtc(isoDate('2027-06-10'), '14:00'),
        end: londonWallTimeToUtc(isoDate('2027-06-10'), '16:00'),
        summary: 'Joint board; special, open',
        location: 'Civic Centre, Room 1',
        url: 'https://example.test/public/m/1',
        description: `Agenda:\n1. ${'Über-long café title with £ and € signs; '.repeat(5)}`,
        status: 'CONFIRMED',
      },
    ],
  });

  it('ends every line with CRLF and folds long lines', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const l of text.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('parses in ical.js with the text unescaped and unfolded', () => {
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Joint board meetings');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-06-10T13:00:00.000Z');
    expect(event.summary).toBe('Joint board; special, open');
    expect(event.location).toBe('Civic Centre, Room 1');
    expect(event.description).toBe(`Agenda:\n1. ${'Über-long café title with £ and € signs; '.repeat(5)}`);
  });
});
