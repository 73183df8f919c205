/**
 * The registry of public surfaces is complete: every public route the server registers (action `public:view`) is
 * listed in publicSurfaces.ts, every route listed there is registered, and every address it makes for a
 * partnership answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  startApp,
} from '../../test/support/fixtures.js';
import { addDecidedItems } from '../../test/support/publicRecord.js';
import { PUBLIC_SURFACES, publicUrlsOf } from './publicSurfaces.js';
import { transaction } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { createPaper } from '../governance/papers/index.js';
import { publishAgenda } from '../governance/meetings/index.js';
import { setMeetingStatus } from '../governance/meetings/index.js';
import { isoDate } from '../kernel/dates.js';

describe('the registry of public surfaces', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let pid: number;

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db, { name: 'Council R' });
    const b = await makeOrganisation(t.db, { name: 'CCG R' });
    pid = await makePartnership(t.db, [a, b], 'Registry partnership');
    const made = await makeBoardWithMeeting(t.db, pid, a, b, '2027-06-10');
    await addDecidedItems(t.db, pid, made.meetingId, [{ decidedOn: '2017-07-18' }]);
    const actor = systemActor('test');
    await transaction(t.db, (trx) =>
      createPaper(
        trx,
        actor,
        pid,
        {
          meetingId: made.meetingId,
          agendaItemId: null,
          kind: 'background_paper',
          title: 'Background paper',
        },
        {
          filename: 'background.txt',
          contentType: 'text/plain; charset=utf-8',
          content: Buffer.from('Background\n'),
        },
      ),
    );
    const published = await publishAgenda(t.db, actor, {
      partnershipId: pid,
      meetingId: made.meetingId,
      publishOn: isoDate('2027-05-20'),
      urgency: null,
    });
    expect(published.ok).toBe(true);
    // held, so that its public record (attendance, votes, minutes) has an address too
    await transaction(t.db, (trx) => setMeetingStatus(trx, actor, pid, made.meetingId, 'held'));
  });
  afterAll(() => t.close());

  const publicRoutes = () =>
    t.app.routeTable
      .filter((r) => r.method === 'GET' && r.action === 'public:view')
      .map((r) => r.url)
      .sort();

  it('lists every public route the server registers, and no other', () => {
    const listed = PUBLIC_SURFACES.map((s) => s.route).sort();
    expect(new Set(listed).size).toBe(listed.length);
    // a route here but not in the registry: add it to PUBLIC_SURFACES in src/publish/publicSurfaces.ts
    expect(publicRoutes().filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((r) => !publicRoutes().includes(r))).toEqual([]);
  });

  it('every public route is under /public, but for the home, accessibility and sign-in pages', () => {
    expect(publicRoutes().filter((r) => !r.startsWith('/public/'))).toEqual([
      '/',
      '/accessibility',
      '/sign-in',
    ]);
  });

  it('makes addresses that each answer, without signing in, for every surface about a partnership', async () => {
    const urls = await publicUrlsOf(t.db, pid);
    const surfaces = new Set(urls.map((u) => u.surface.route));
    expect(surfaces.size).toBe(PUBLIC_SURFACES.length);
    const agent = t.agent();
    for (const { url } of urls) expect((await agent.get(url)).statusCode, url).toBe(200);
  });
});
