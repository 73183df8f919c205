/**
 * The demo as the public meets it (issue 4, "Done when"): the Southampton board's year on the public site, its
 * decisions with their effective dates, the seed Cabinet decisions, and feeds that a calendar library parses and
 * an XML validator accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { SyntaxValidator } from 'fast-xml-validator';
import { startApp } from '../../test/support/fixtures.js';
import { listBoards } from '../governance/boards/index.js';
import { getPartnershipBySlug } from '../partnerships/index.js';
import { loadDemo } from './loadDemo.js';

describe('the demo on the public site', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let base: string;
  let boards: Awaited<ReturnType<typeof listBoards>>;
  beforeAll(async () => {
    t = await startApp();
    await loadDemo(t.db);
    const p = (await getPartnershipBySlug(t.db, 'southampton'))!;
    base = `/public/partnerships/${p.slug}`;
    boards = await listBoards(t.db, p.id);
  });
  afterAll(() => t.close());

  const board = (name: string) => boards.find((b) => b.name === name)!;
  const decisionLinks = (html: string) => [...html.matchAll(/decisions\/(\d+)"/g)].map((m) => m[1]!);

  it('gives the joint board’s year as a calendar that parses: eleven meetings and the cancelled August one', async () => {
    const res = await t.agent().get(`${base}/boards/${board('Joint Commissioning Board').id}/meetings.ics`);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(res.body) as unknown[]).getAllSubcomponents('vevent');
    expect(events).toHaveLength(12);
    const cancelled = events.filter((e) => e.getFirstPropertyValue('status') === 'CANCELLED');
    expect(cancelled.map((e) => new ICAL.Event(e).startDate.toJSDate().toISOString())).toEqual([
      '2018-08-09T13:00:00.000Z', // 14:00 in London, in British Summer Time
    ]);
  });

  it('gives a well-formed Atom feed with every published decision of the partnership', async () => {
    const res = await t.agent().get(`${base}/decisions.atom`);
    expect(SyntaxValidator.validate(res.body)).toBe(true);
    // the board's thirteen, the chair's one under delegation, and the Cabinet's two
    expect(res.body.match(/<entry>/g)?.length).toBeGreaterThanOrEqual(15);
  });

  it('shows the seed Cabinet decisions with the effective dates the seeds give', async () => {
    const list = await t.agent().get(`${base}/decisions?board=${board('Cabinet').id}`);
    const ids = decisionLinks(list.body);
    expect(new Set(ids).size).toBe(2);
    const pages = await Promise.all([...new Set(ids)].map((id) => t.agent().get(`${base}/decisions/${id}`)));
    const text = pages.map((p) => p.body).join('\n');
    expect(text).toContain('Implementation of an Integrated Commissioning Unit');
    expect(text).toContain('23 October 2013');
    expect(text).toContain('Shared Commissioning between Southampton City Council');
    expect(text).toContain('27 July 2017');
    expect(text).toContain('Recommendations approved');
  });

  it('shows the joint board’s decisions, one called in and reconsidered, and an exempt one without its text', async () => {
    const list = await t.agent().get(`${base}/decisions?board=${board('Joint Commissioning Board').id}`);
    const ids = [...new Set(decisionLinks(list.body))];
    expect(ids.length).toBeGreaterThanOrEqual(13);
    const pages = await Promise.all(ids.map((id) => t.agent().get(`${base}/decisions/${id}`)));
    for (const page of pages) expect(page.statusCode).toBe(200);
    const bodies = pages.map((p) => p.body).join('\n');
    expect(bodies).toContain('Called in by');
    expect(bodies).toContain('Exempt: paragraph 3 of Schedule 12A');
    expect(bodies).not.toContain('six highest-scoring bidders');
  });
});
