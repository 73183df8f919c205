import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { tagUri, writeAtom, xmlEscape } from './atom.js';

describe('Atom', () => {
  it('escapes XML and drops the characters XML forbids', () => {
    expect(xmlEscape(`<a href="x">Tom & Jerry's</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });

  it('writes a well-formed feed with the required elements', () => {
    const xml = writeAtom({
      id: tagUri('example.test', '2026-01-01', 'partnership/1/decisions'),
      title: 'Decisions of <Southampton> & partners',
      updated: new Date('2027-06-11T10:00:00Z'),
      selfHref: 'https://example.test/feed.atom?a=1&b=2',
      alternateHref: 'https://example.test/decisions',
      author: 'Southampton',
      entries: [
        {
          id: tagUri('example.test', '2026-01-01', 'partnership/1/decision/7'),
          title: 'Care homes: fees "uplift"',
          updated: new Date('2027-06-11T10:00:00Z'),
          href: 'https://example.test/decisions/7',
          summary: 'To raise fees by 3% & review <in> 2028\u000b',
        },
      ],
    });
    expect(SyntaxValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      feed: Record<string, unknown> & { entry: Record<string, unknown> };
    };
    expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(doc.feed.id).toBe('tag:example.test,2026-01-01:partnership/1/decisions');
    expect(doc.feed.updated).toBe('2027-06-11T10:00:00Z');
    expect(doc.feed.entry.summary).toMatchObject({ '#text': 'To raise fees by 3% & review <in> 2028' });
  });
});
