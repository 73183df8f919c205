/**
 * Democratic services set a partner's constitution settings and record decisions under them; two scrutiny members
 * are needed to call a decision in, so one is not enough for a valid call-in; a system administrator alone keeps
 * the bank holiday changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { todayInLondon } from '../../kernel/dates.js';
import { createAgendaItem } from '../meetings/index.js';

describe('call-in and constitution pages', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let first: Agent;
  let second: Agent;
  let admin: Agent;
  let base: string;
  let meetingId: number;
  let council: number;
  let ccg: number;
  const items: number[] = [];
  const today = todayInLondon();
  const [y, m, d] = today.split('-') as [string, string, string];

  beforeAll(async () => {
    t = await startApp();
    council = await makeOrganisation(t.db, {
      name: 'Route City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    ccg = await makeOrganisation(t.db, { name: 'NHS Route City CCG', kind: 'ccg' });
    const pid = await makePartnership(t.db, [council, ccg]);
    base = `/partnerships/${pid}`;
    ({ meetingId } = await makeBoardWithMeeting(t.db, pid, council, ccg, today));
    for (const title of ['Community equipment', 'Discharge to assess'])
      items.push(
        await transaction(t.db, (trx) =>
          createAgendaItem(trx, systemActor('test'), pid, meetingId, {
            title,
            kind: 'decision',
            reportAuthor: '',
            summary: '',
            functions: 'all',
            organisationIds: [],
            keyDecision: false,
            keyTests: [],
            spendPence: null,
            wardsAffected: null,
            exempt: false,
            exemptParagraph: null,
            publicInterestReason: '',
            titlePublished: true,
            urgencyReason: '',
            urgencyAgreedBy: '',
            late: false,
          }),
        ),
      );
    await makeUser(t.db, 'democratic@route.example', [[pid, 'democratic_services_officer']]);
    await makeUser(t.db, 'first@route.example', [[pid, 'scrutiny_member']]);
    await makeUser(t.db, 'second@route.example', [[pid, 'scrutiny_member']]);
    await makeUser(t.db, 'root@route.example', [], true);
    officer = await t.signedIn('democratic@route.example');
    first = await t.signedIn('first@route.example');
    second = await t.signedIn('second@route.example');
    admin = await t.signedIn('root@route.example');
  });
  afterAll(() => t.close());

  const settings = {
    threshold: '500000',
    subjectToCallIn: 'yes',
    callInRule: 'call-in',
    callInDays: '',
    callInCounting: '',
    membersRequired: '2',
  };
  const record = (deciding: number) => ({
    decision: 'To buy the equipment',
    'decidedOn-day': String(Number(d)),
    'decidedOn-month': String(Number(m)),
    'decidedOn-year': y,
    reasons: 'It is needed',
    alternatives: 'None',
    decidingOrganisationId: String(deciding),
    callIn: 'subject',
    callInRule: 'call-in',
  });

  it("saves a partner's settings, refusing a bad number of members with the input kept", async () => {
    const bad = await officer.post(`${base}/constitution/${council}`, { ...settings, membersRequired: '0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the number of members needed to call a decision in, from 1 to 20');
    expect(bad.body).toContain('value="500000"');
    expect((await officer.post(`${base}/constitution/${council}`, settings)).statusCode).toBe(303);
    const page = await officer.get(`${base}/constitution`);
    expect(page.body).toContain('£500,000.00');
    expect(page.body).toContain('defaults, not yet recorded'); // the CCG
    expect((await first.post(`${base}/constitution/${council}`, settings)).statusCode).toBe(403);
  });

  it("takes the call-in terms from the deciding partner: the CCG's decision is not subject to call-in", async () => {
    const res = await officer.post(`${base}/meetings/${meetingId}/items/${items[1]}/decision`, record(ccg));
    expect(res.statusCode).toBe(303);
    const page = await officer.get(res.headers.location as string);
    expect(page.body).toContain('Not subject to call-in: an NHS decision');
  });

  it('needs two members for a valid call-in, and lets only democratic services record it', async () => {
    const res = await officer.post(
      `${base}/meetings/${meetingId}/items/${items[0]}/decision`,
      record(council),
    );
    const url = res.headers.location as string;
    expect(
      (
        await officer.post(`${url}/publish`, {
          'publishedOn-day': d,
          'publishedOn-month': m,
          'publishedOn-year': y,
        })
      ).statusCode,
    ).toBe(303);
    expect((await first.post(`${url}/call-in`, { grounds: 'Not costed' })).statusCode).toBe(303);
    const again = await first.post(`${url}/call-in`, { grounds: 'Still not costed' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('You have already asked for this decision to be called in');

    const step = { kind: 'validity', valid: 'yes', 'on-day': d, 'on-month': m, 'on-year': y };
    const refused = await officer.post(`${url}/call-in/steps`, step);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'The call-in is not valid: 1 eligible member asked in time with grounds (first); the constitution requires 2 members',
    );
    expect((await second.post(`${url}/call-in`, { grounds: 'No consultation' })).statusCode).toBe(303);
    expect((await second.post(`${url}/call-in/steps`, step)).statusCode).toBe(403);
    expect((await officer.post(`${url}/call-in/steps`, step)).statusCode).toBe(303);
    const page = await officer.get(`${url}/call-in`);
    expect(page.body).toContain(`found valid on`);
    expect(page.body).toContain('Record: The scrutiny meeting that will consider it');
    const outOfOrder = await officer.post(`${url}/call-in/steps`, {
      kind: 'reconsidered',
      result: 'confirmed',
      'on-day': d,
      'on-month': m,
      'on-year': y,
    });
    expect(outOfOrder.statusCode).toBe(400);
    expect(outOfOrder.body).toContain(
      'The next step to record is the scrutiny-meeting, not the reconsidered',
    );
    const steps = await t.db.selectFrom('call_in_steps').select(['kind', 'valid']).execute();
    expect(steps).toEqual([{ kind: 'validity', valid: true }]);
  });

  it('lets only a system administrator add a bank holiday change, and checks it', async () => {
    expect((await officer.get('/admin/bank-holidays')).statusCode).toBe(403);
    const moved = await admin.post('/admin/bank-holidays', {
      kind: 'moved',
      'date-day': '4',
      'date-month': '5',
      'date-year': '2027',
      'replaces-day': '5',
      'replaces-month': '5',
      'replaces-year': '2027',
      name: 'Early May bank holiday (moved)',
      proclamation: 'Royal Proclamation (test)',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.body).toContain('Wed 5 May 2027 is not a bank holiday, so it cannot be moved');
    expect(moved.body).toContain('value="Early May bank holiday (moved)"');
    expect(await t.db.selectFrom('bank_holiday_changes').select('id').execute()).toEqual([]);
  });
});
