/**
 * A democratic services officer keeps the board's registers: enters interests under each member's regime, records
 * gifts and hospitality, reviews them, and sees likely conflicts when an agenda item names a provider. The public
 * register shows only reviewed, current entries, and never a sensitive interest's details.
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

describe('registers of interests', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let pid: number;
  let made: Awaited<ReturnType<typeof makeBoardWithMeeting>>;
  let slug: string;
  let registerUrl: string;
  let publicUrl: string;
  let councilChair: number;
  let ccgChair: number;

  beforeAll(async () => {
    t = await startApp();
    const council = await makeOrganisation(t.db, {
      name: 'Southampton City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG', kind: 'ccg' });
    pid = await makePartnership(t.db, [council, ccg]);
    made = await makeBoardWithMeeting(t.db, pid, council, ccg, '2027-06-10');
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    const members = await t.db
      .selectFrom('board_memberships')
      .select(['id', 'person_name'])
      .where('board_id', '=', made.boardId)
      .execute();
    const idOf = (name: string) => members.find((m) => m.person_name === name)?.id ?? 0;
    councilChair = idOf('Chair A');
    ccgChair = idOf('Chair B');
    registerUrl = `/partnerships/${pid}/boards/${made.boardId}/interests`;
    publicUrl = `/public/partnerships/${slug}/boards/${made.boardId}/interests`;
    await makeUser(t.db, 'democratic@test.example', [[pid, 'democratic_services_officer']]);
    await makeUser(t.db, 'board@test.example', [[pid, 'board_member']]);
    officer = await t.signedIn('democratic@test.example');
  });
  afterAll(() => t.close());

  const memberUrl = (id: number) => `/partnerships/${pid}/boards/${made.boardId}/members/${id}`;
  const since = { 'fromOn-day': '1', 'fromOn-month': '4', 'fromOn-year': '2017' };
  const entries = () => t.db.selectFrom('interest_entries').selectAll().orderBy('id').execute();

  it('refuses an interest without its category, keeping what was typed and saving nothing', async () => {
    const res = await officer.post(`${memberUrl(ccgChair)}/interests`, {
      description: 'Non-executive director',
      counterparty: 'Solent NHS Trust',
      sensitive: 'no',
      ...since,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select the category of the interest');
    expect(res.body).toContain('href="#category"');
    expect(res.body).toContain('value="Solent NHS Trust"');
    expect(await entries()).toEqual([]);
  });

  it('offers the NHS categories to a CCG nominee and refuses them for a councillor', async () => {
    const form = await officer.get(`${memberUrl(ccgChair)}/interests/new`);
    expect(form.body).toContain('Non-financial professional interest');
    expect(form.body).not.toContain('Corporate tenancies');
    const councillor = await officer.get(`${memberUrl(councilChair)}/interests/new`);
    expect(councillor.body).toContain('Corporate tenancies');
    const res = await officer.post(`${memberUrl(councilChair)}/interests`, {
      category: 'financial',
      description: 'Shares',
      sensitive: 'no',
      ...since,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select a category of councillors’ interests');
    expect(await entries()).toEqual([]);
  });

  it('enters an NHS financial interest and a councillor’s sensitive land interest as drafts, audited', async () => {
    const a = await officer.post(`${memberUrl(ccgChair)}/interests`, {
      category: 'financial',
      description: 'Non-executive director',
      counterparty: 'Solent NHS Trust',
      sensitive: 'no',
      ...since,
    });
    expect(a.statusCode).toBe(303);
    const b = await officer.post(`${memberUrl(councilChair)}/interests`, {
      category: 'dpi_land',
      description: 'Home in Bitterne Park',
      counterparty: '',
      sensitive: 'yes',
      ...since,
    });
    expect(b.statusCode).toBe(303);
    const rows = await entries();
    expect(rows.map((r) => [r.regime, r.category, r.status, r.counterparty_key, r.sensitive])).toEqual([
      ['nhs', 'financial', 'draft', 'solent nhs trust', false],
      ['localism', 'dpi_land', 'draft', '', true],
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'interest_entry')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('keeps drafts off the public register', async () => {
    const page = await t.agent().get(publicUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Non-executive director');
    expect(page.body).not.toContain('withheld under section 32');
    expect(page.body).not.toContain('Home in Bitterne Park');
  });

  it('records who reviewed each entry; the public then see the one and only that the other is withheld', async () => {
    for (const row of await entries()) {
      const res = await officer.post(`${registerUrl}/${row.id}/review`, {});
      expect(res.statusCode).toBe(303);
    }
    const rows = await entries();
    expect(
      rows.every((r) => r.status === 'reviewed' && r.reviewed_by === 'democratic' && r.reviewed_at),
    ).toBe(true);
    const page = await t.agent().get(publicUrl);
    expect(page.body).toContain('Non-executive director');
    expect(page.body).toContain('Solent NHS Trust');
    expect(page.body).toContain(
      'The member has an interest whose details are withheld under section 32 of the Localism Act 2011',
    );
    expect(page.body).not.toContain('Home in Bitterne Park');
    expect(page.body).not.toContain('Land');
    const officerPage = await officer.get(registerUrl);
    expect(officerPage.body).toContain('Home in Bitterne Park');
    expect(officerPage.body).toContain('by democratic');
  });

  it('shows a board member the register without a sensitive interest’s details', async () => {
    const member = await t.signedIn('board@test.example');
    const page = await member.get(registerUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Non-executive director');
    expect(page.body).not.toContain('Home in Bitterne Park');
    expect((await member.post(`${registerUrl}/1/review`, {})).statusCode).toBe(403);
  });

  it('returns a changed entry to draft, off the public register until reviewed again', async () => {
    const [first] = await entries();
    const edit = await officer.get(`${registerUrl}/${first!.id}/edit`);
    expect(edit.body).toContain('value="Solent NHS Trust"');
    const res = await officer.post(`${registerUrl}/${first!.id}/edit`, {
      category: 'financial',
      description: 'Non-executive director and shareholder',
      counterparty: 'Solent NHS Trust',
      sensitive: 'no',
      ...since,
    });
    expect(res.statusCode).toBe(303);
    expect((await entries())[0]).toMatchObject({ status: 'draft', reviewed_by: '', reviewed_at: null });
    expect((await t.agent().get(publicUrl)).body).not.toContain('shareholder');
    await officer.post(`${registerUrl}/${first!.id}/review`, {});
    expect((await t.agent().get(publicUrl)).body).toContain('Non-executive director and shareholder');
  });

  it('records gifts and hospitality in pence, and publishes only reviewed ones at or above the limit', async () => {
    const offer = {
      kind: 'gift',
      source: 'supplier',
      description: 'Bottle of wine',
      offeredBy: 'Brightcare Ltd',
      accepted: 'yes',
      'offeredOn-day': '3',
      'offeredOn-month': '2',
      'offeredOn-year': '2027',
    };
    const bad = await officer.post(`${memberUrl(ccgChair)}/gifts`, { ...offer, valuePence: 'twenty' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#valuePence"');
    expect(bad.body).toContain('value="Brightcare Ltd"');
    expect(await t.db.selectFrom('gifts_hospitality').select('id').execute()).toEqual([]);
    await officer.post(`${memberUrl(ccgChair)}/gifts`, { ...offer, valuePence: '20.00' });
    await officer.post(`${memberUrl(ccgChair)}/gifts`, {
      ...offer,
      kind: 'hospitality',
      description: 'Working lunch',
      valuePence: '18.50',
    });
    const gifts = await t.db.selectFrom('gifts_hospitality').selectAll().orderBy('id').execute();
    expect(gifts.map((g) => [g.kind, g.value_pence, g.status])).toEqual([
      ['gift', 2000, 'draft'],
      ['hospitality', 1850, 'draft'],
    ]);
    const officerPage = await officer.get(registerUrl);
    expect(officerPage.body).toContain('should be declined unless promotional and under £6');
    expect((await t.agent().get(publicUrl)).body).not.toContain('Bottle of wine');
    for (const g of gifts)
      expect(
        (await officer.post(`/partnerships/${pid}/boards/${made.boardId}/gifts/${g.id}/review`, {}))
          .statusCode,
      ).toBe(303);
    const page = await t.agent().get(publicUrl);
    expect(page.body).toContain('Bottle of wine');
    expect(page.body).toContain('£20.00');
    // NHS guidance: hospitality is recorded over £25, so a lunch of £18.50 is not on the register
    expect(page.body).not.toContain('Working lunch');
  });

  it('flags a likely conflict when an agenda item names the provider, in other case and punctuation', async () => {
    const meetingUrl = `/partnerships/${pid}/meetings/${made.meetingId}`;
    const res = await officer.post(`${meetingUrl}/items`, {
      title: 'Community services contract extension',
      kind: 'decision',
      functions: 'all',
      keyDecision: 'no',
      exempt: 'no',
      titlePublished: 'yes',
      providers: 'The Solent N.H.S. Trust\nBrightcare Ltd',
    });
    expect(res.statusCode).toBe(303);
    const page = await officer.get(meetingUrl);
    expect(page.body).toContain('1 likely conflict');
    expect(page.body).toContain('Item 2, The Solent N.H.S. Trust: Chair B');
    const conflicts = await officer.get(`${meetingUrl}/conflicts`);
    expect(conflicts.statusCode).toBe(200);
    expect(conflicts.body).toContain('Chair B');
    expect(conflicts.body).toContain(
      'Financial interest: Non-executive director and shareholder (Solent NHS Trust)',
    );
    expect(conflicts.body).toContain('2. Community services contract extension');
    const items = await t.db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', made.meetingId)
      .orderBy('number')
      .execute();
    const edit = await officer.get(`${meetingUrl}/items/${items[1]!.id}/edit`);
    expect(edit.body).toContain('The Solent N.H.S. Trust\nBrightcare Ltd');
  });

  it('stops flagging once the interest has ended before the meeting', async () => {
    const [first] = await entries();
    await officer.post(`${registerUrl}/${first!.id}/edit`, {
      category: 'financial',
      description: 'Non-executive director and shareholder',
      counterparty: 'Solent NHS Trust',
      sensitive: 'no',
      ...since,
      'toOn-day': '31',
      'toOn-month': '3',
      'toOn-year': '2027',
    });
    const page = await officer.get(`/partnerships/${pid}/meetings/${made.meetingId}`);
    expect(page.body).toContain('None flagged');
    expect((await t.agent().get(publicUrl)).body).not.toContain('Non-executive director and shareholder');
  });
});
