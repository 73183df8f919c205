/**
 * A democratic services officer records the decision taken on an agenda item and publishes it; a scrutiny member
 * calls it in while the window is open, and is refused once the window has closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
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

describe('decision pages', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let scrutiny: Agent;
  let base: string;
  let meetingId: number;
  let slug: string;
  const items: number[] = [];

  beforeAll(async () => {
    t = await startApp();
    const council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const pid = await makePartnership(t.db, [council, ccg]);
    base = `/partnerships/${pid}`;
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    ({ meetingId } = await makeBoardWithMeeting(t.db, pid, council, ccg, '2013-10-15'));
    for (const [title, exempt] of [
      ['Better Care Fund plan', false],
      ['Home care contract award', true],
    ] as const)
      items.push(
        await transaction(t.db, (trx) =>
          createAgendaItem(trx, systemActor('test'), pid, meetingId, {
            title,
            kind: 'decision',
            reportAuthor: '',
            summary: exempt ? 'Tender prices of the three bidders' : '',
            functions: 'all',
            organisationIds: [],
            keyDecision: false,
            keyTests: [],
            spendPence: null,
            wardsAffected: null,
            exempt,
            exemptParagraph: exempt ? 3 : null,
            publicInterestReason: exempt ? 'Commercial prejudice' : '',
            titlePublished: true,
            urgencyReason: '',
            urgencyAgreedBy: '',
            late: false,
          }),
        ),
      );
    await makeUser(t.db, 'democratic@test.example', [[pid, 'democratic_services_officer']]);
    await makeUser(t.db, 'scrutiny@test.example', [[pid, 'scrutiny_member']]);
    officer = await t.signedIn('democratic@test.example');
    scrutiny = await t.signedIn('scrutiny@test.example');
  });
  afterAll(() => t.close());

  const record = {
    decision: 'To approve the Better Care Fund plan',
    'decidedOn-day': '15',
    'decidedOn-month': '10',
    'decidedOn-year': '2013',
    reasons: 'The plan meets the national conditions',
    alternatives: 'Not to approve: rejected, the fund would be withheld',
    interestsDeclared: '',
    dispensations: '',
    callIn: 'subject',
    callInRule: 'call-in',
  };
  const publishOn = (iso: string) => ({
    'publishedOn-day': iso.slice(8),
    'publishedOn-month': iso.slice(5, 7),
    'publishedOn-year': iso.slice(0, 4),
  });

  it('offers "Record the decision" on the meeting page and refuses a record without reasons, keeping the input', async () => {
    const page = await officer.get(`${base}/meetings/${meetingId}`);
    expect(page.body).toContain(`/items/${items[0]}/decision/new`);
    const res = await officer.post(`${base}/meetings/${meetingId}/items/${items[0]}/decision`, {
      ...record,
      reasons: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter the reasons for the decision');
    expect(res.body).toContain('To approve the Better Care Fund plan');
    expect(await t.db.selectFrom('decisions').select('id').execute()).toEqual([]);
  });

  it('records, publishes today and takes a call-in within the window', async () => {
    const res = await officer.post(`${base}/meetings/${meetingId}/items/${items[0]}/decision`, record);
    expect(res.statusCode).toBe(303);
    const url = res.headers.location as string;
    expect((await officer.get(url)).body).toContain('Not yet published');
    const today = todayInLondon();
    expect((await officer.post(`${url}/publish`, publishOn(today))).statusCode).toBe(303);
    const published = await scrutiny.get(url);
    expect(published.body).toContain('Call-in window open until');
    expect(published.body).toContain('Request a call-in');
    expect((await scrutiny.post(`${url}/call-in`, { grounds: '' })).body).toContain(
      'Enter the grounds for calling the decision in',
    );
    expect(
      (await scrutiny.post(`${url}/call-in`, { grounds: 'No consultation with patients' })).statusCode,
    ).toBe(303);
    const calledIn = await officer.get(url);
    expect(calledIn.body).toContain('Called in by');
    expect(calledIn.body).toContain('No consultation with patients');
    expect(await scrutiny.post(`${url}/call-in`, { grounds: 'Again' })).toHaveProperty('statusCode', 400);
  });

  it('refuses a call-in once the window has closed, and shows the effective date with the days counted', async () => {
    const nonsense = await officer.post(`${base}/meetings/${meetingId}/items/${items[1]}/decision`, {
      ...record,
      status: 'agreed in principle',
    });
    expect(nonsense.body).toContain('Select the decision’s status');
    const res = await officer.post(`${base}/meetings/${meetingId}/items/${items[1]}/decision`, {
      ...record,
      status: 'approved_with_amendments',
    });
    const url = res.headers.location as string;
    expect((await officer.post(`${url}/publish`, publishOn('2013-10-15'))).statusCode).toBe(303);
    const page = await officer.get(url);
    expect(page.body).toContain('Approved with amendments');
    expect(page.body).toContain('Effective from 23 October 2013');
    expect(page.body).toContain('5 clear working days: 16, 17, 18, 21, 22 Oct; effective Wed 23 Oct 2013');
    const refused = await scrutiny.post(`${url}/call-in`, { grounds: 'Too late' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('A call-in can no longer be requested: Effective from 23 October 2013');
    expect(await t.db.selectFrom('call_in_requests').select('grounds').execute()).toEqual([
      { grounds: 'No consultation with patients' },
    ]);
  });

  it('refuses a second publication', async () => {
    const [first] = await t.db.selectFrom('decisions').select('id').orderBy('id').execute();
    const res = await officer.post(`${base}/decisions/${first!.id}/publish`, publishOn('2013-10-16'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The decision is already published');
  });

  it('shows published decisions on the public site, with none of an exempt item’s record', async () => {
    const [open, exempt] = await t.db.selectFrom('decisions').select('id').orderBy('id').execute();
    const meetingPage = await t.agent().get(`/public/partnerships/${slug}/meetings/${meetingId}`);
    expect(meetingPage.body).toContain(`/public/partnerships/${slug}/decisions/${open!.id}`);
    expect(meetingPage.body).toContain(`/public/partnerships/${slug}/decisions/${exempt!.id}`);
    const openPage = await t.agent().get(`/public/partnerships/${slug}/decisions/${open!.id}`);
    expect(openPage.body).toContain('The plan meets the national conditions');
    expect(openPage.body).toContain('Called in by');
    expect(openPage.body).not.toContain('No consultation with patients');
    const exemptPage = await t.agent().get(`/public/partnerships/${slug}/decisions/${exempt!.id}`);
    expect(exemptPage.statusCode).toBe(200);
    expect(exemptPage.body).toContain('Exempt: paragraph 3 of Schedule 12A');
    expect(exemptPage.body).toContain('Effective from 23 October 2013');
    for (const text of [
      record.decision,
      record.reasons,
      record.alternatives,
      'Tender prices',
      'Commercial prejudice',
    ])
      expect(exemptPage.body).not.toContain(text);
  });
});
