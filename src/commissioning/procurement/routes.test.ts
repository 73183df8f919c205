import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import {
  startApp,
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makePublishedDecision,
  makeUser,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { historyOf } from '../../audit/index.js';
import { procurementsDashboardTile } from './store.js';
import { isoDate } from '../../kernel/dates.js';

type App = Awaited<ReturnType<typeof startApp>>;

async function count(t: App, table: 'procurements' | 'procurement_bids' | 'procurement_awards') {
  const r = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d ?? '', [`${name}-month`]: m ?? '', [`${name}-year`]: y ?? '' };
};

describe('procurement pages', steps, () => {
  let t: App;
  let officer: Agent;
  let board: Agent;
  let ccg: number;
  let council: number;
  let pid: number;
  let procurementId: number;
  let lotId: number;
  let allianceId: number;
  let leadId: number;
  let decisionId: number;

  const goodProcurement = () => ({
    reference: 'TC-2018-01',
    title: 'Health checks and psychological therapies',
    regime: 'pcr_2015',
    procedure: 'light_touch',
    ...date('publicationOn', '2018-02-05'),
    ...date('clarificationDeadlineOn', '2018-03-02'),
    ...date('submissionDeadlineOn', '2018-03-16'),
    ...date('evaluationEndOn', '2018-05-25'),
    ...date('awardDecisionOn', '2018-06-14'),
    ...date('standstillEndOn', '2018-06-25'),
    ...date('contractStartOn', '2018-10-01'),
    [`funding-${council}`]: '1,200,000.00',
    [`funding-${ccg}`]: '1800000',
  });

  beforeAll(async () => {
    t = await startApp();
    ccg = await makeOrganisation(t.db, { name: 'NHS Test City CCG', kind: 'ccg' });
    council = await makeOrganisation(t.db, {
      name: 'Test City Council',
      kind: 'local_authority',
      laTier: 'unitary',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    const g = await makeBoardWithMeeting(t.db, pid, ccg, council);
    decisionId = await makePublishedDecision(t.db, pid, g.meetingId, g.itemId);
    await makeUser(t.db, 'commissioning@test.example', [[pid, 'commissioning_officer']]);
    await makeUser(t.db, 'board@test.example', [[pid, 'board_member']]);
    officer = await t.signedIn('commissioning@test.example');
    board = await t.signedIn('board@test.example');
  });
  afterAll(() => t.close());

  it('refuses a timetable out of order and a standstill shorter than the law allows, saving nothing', async () => {
    const res = await officer.post(`/partnerships/${pid}/procurements`, {
      ...goodProcurement(),
      ...date('clarificationDeadlineOn', '2018-02-01'),
      ...date('standstillEndOn', '2018-06-20'),
      title: 'Kept title',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Clarification deadline must be after publication (5 February 2018)');
    expect(res.body).toContain('href="#clarificationDeadlineOn-day"');
    expect(res.body).toContain('Standstill must not end before 25 June 2018');
    expect(res.body).toContain('value="Kept title"');
    expect(await count(t, 'procurements')).toBe(0);
  });

  it('adds a procurement with its value split by partner, audited', async () => {
    const res = await officer.post(`/partnerships/${pid}/procurements`, goodProcurement());
    expect(res.statusCode).toBe(303);
    procurementId = Number(/\/procurements\/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
    const page = await officer.get(`/partnerships/${pid}/procurements/${procurementId}`);
    expect(page.statusCode).toBe(200);
    const funding =
      /<table class="govuk-table" id="funding-table">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
    expect(funding).toContain('£1,200,000.00');
    expect(funding).toContain('40%');
    expect(funding).toContain('£3,000,000.00');
    expect(page.body).toContain('the standstill can end no earlier than 25 June 2018');
    expect((await historyOf(t.db, 'procurement', procurementId)).map((h) => h.action)).toEqual(['create']);
    const dup = await officer.post(`/partnerships/${pid}/procurements`, goodProcurement());
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('There is already a procurement with the reference TC-2018-01');
  });

  it('adds a lot with weights that must total 100%', async () => {
    const base = `/partnerships/${pid}/procurements/${procurementId}`;
    const bad = await officer.post(`${base}/lots`, {
      title: 'Whole service',
      scoreScaleMax: '5',
      priceScoring: 'lowest_price_ratio',
      'weight-quality': '60',
      'weight-price': '30',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The weights add up to 90%; they must add up to 100%');
    const res = await officer.post(`${base}/lots`, {
      title: 'Whole service',
      scoreScaleMax: '5',
      priceScoring: 'lowest_price_ratio',
      'weight-quality': '60',
      'weight-price': '30',
      'weight-social_value': '10',
    });
    expect(res.statusCode).toBe(303);
    const row = await t.db.selectFrom('procurement_lots').select('id').executeTakeFirstOrThrow();
    lotId = row.id;
  });

  it('refuses an alliance whose shares do not add up to 100%, keeping what was typed', async () => {
    const base = `/partnerships/${pid}/procurements/${procurementId}`;
    const res = await officer.post(`${base}/bids`, {
      lotId: String(lotId),
      bidderName: 'Test City Wellbeing Alliance',
      price: '2,900,000',
      structure: 'alliance',
      'member-1-name': 'Mind in Test City',
      'member-1-share': '60',
      'member-1-charity': '1110000',
      'member-2-name': 'Test City Community Health CIC',
      'member-2-share': '30',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'The alliance members’ shares add up to 90%; they must add up to exactly 100%',
    );
    expect(res.body).toContain('value="Test City Community Health CIC"');
    expect(await count(t, 'procurement_bids')).toBe(0);
  });

  it('adds an alliance bid and a lead-provider bid with subcontractors', async () => {
    const base = `/partnerships/${pid}/procurements/${procurementId}`;
    const a = await officer.post(`${base}/bids`, {
      lotId: String(lotId),
      bidderName: 'Test City Wellbeing Alliance',
      price: '2,900,000',
      structure: 'alliance',
      'member-1-name': 'Mind in Test City',
      'member-1-share': '60',
      'member-2-name': 'Test City Community Health CIC',
      'member-2-share': '40',
      // fields of the other structures, shown together without JavaScript, are ignored
      'lead-name': 'Ignored Ltd',
    });
    expect(a.statusCode).toBe(303);
    const l = await officer.post(`${base}/bids`, {
      lotId: String(lotId),
      bidderName: 'Big Health Ltd',
      price: '2,500,000',
      structure: 'lead_with_subcontractors',
      'lead-name': 'Big Health Ltd',
      'lead-companiesHouse': '01234567',
      'sub-1-name': 'Small Talk Therapies',
      'sub-1-share': '15',
      'sub-2-name': 'Health Checks on Wheels',
      'sub-2-share': '12.5',
    });
    expect(l.statusCode).toBe(303);
    const bids = await t.db
      .selectFrom('procurement_bids')
      .select(['id', 'bidder_name'])
      .orderBy('id')
      .execute();
    allianceId = bids[0]?.id ?? 0;
    leadId = bids[1]?.id ?? 0;
    const page = await officer.get(base);
    const lead =
      new RegExp(`<table class="govuk-table" id="bid-${leadId}">([\\s\\S]*?)</table>`).exec(page.body)?.[1] ??
      '';
    expect(lead).toContain('a lead provider with named subcontractors');
    expect(lead).toMatch(
      /Big Health Ltd<\/th>\s*<td class="govuk-table__cell">Lead provider<\/td>\s*<td[^>]*>72.5%/,
    );
    expect(lead).toMatch(
      /Small Talk Therapies<\/th>\s*<td class="govuk-table__cell">Subcontractor<\/td>\s*<td[^>]*>15%/,
    );
    expect(lead).toContain('01234567');
    const alliance =
      new RegExp(`<table class="govuk-table" id="bid-${allianceId}">([\\s\\S]*?)</table>`).exec(
        page.body,
      )?.[1] ?? '';
    expect(alliance).toMatch(
      /Mind in Test City<\/th>\s*<td class="govuk-table__cell">Alliance member<\/td>\s*<td[^>]*>60%/,
    );
    expect(page.body).not.toContain('Ignored Ltd');
  });

  it('records scores on the lot’s scale, weights and ranks them', async () => {
    const base = `/partnerships/${pid}/procurements/${procurementId}`;
    const crit = await t.db
      .selectFrom('procurement_criteria')
      .select(['id', 'category'])
      .orderBy('position')
      .execute();
    const quality = crit.find((c) => c.category === 'quality')?.id;
    const social = crit.find((c) => c.category === 'social_value')?.id;
    const bad = await officer.post(`${base}/bids/${allianceId}/scores`, { [`score-${quality}`]: '6' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Quality: The score must be a whole number from 0 to 5');
    for (const [bid, q, s] of [
      [allianceId, '5', '4'],
      [leadId, '3', '5'],
    ] as const) {
      const r = await officer.post(`${base}/bids/${bid}/scores`, {
        [`score-${quality}`]: q,
        [`score-${social}`]: s,
      });
      expect(r.statusCode).toBe(303);
    }
    const page = await officer.get(base);
    // alliance: 60 × 5/5 + 30 × (2.5m ÷ 2.9m × 5 = 4.31)/5 + 10 × 4/5 = 60 + 25.86 + 8 = 93.86
    const a = new RegExp(`id="evaluation-bid-${allianceId}">([\\s\\S]*?)</tr>`).exec(page.body)?.[1] ?? '';
    expect(a).toContain('93.86');
    expect(a).toMatch(/>1<\/td>/);
    // lead: 60 × 3/5 + 30 + 10 = 76.00
    const l = new RegExp(`id="evaluation-bid-${leadId}">([\\s\\S]*?)</tr>`).exec(page.body)?.[1] ?? '';
    expect(l).toContain('76.00');
    expect(l).toMatch(/>2<\/td>/);
  });

  it('hides bids and scores from board members until the lot is awarded', async () => {
    const page = await board.get(`/partnerships/${pid}/procurements/${procurementId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 bids received');
    expect(page.body).not.toContain('Small Talk Therapies');
    expect(page.body).not.toContain('93.86');
    expect((await board.get(`/partnerships/${pid}/procurements/new`)).statusCode).toBe(403);
  });

  it('records the award with its decision; the board then sees the bids', async () => {
    const base = `/partnerships/${pid}/procurements/${procurementId}`;
    const bad = await officer.post(`${base}/awards`, {
      lotId: String(lotId),
      bidId: String(allianceId),
      ...date('awardedOn', '2018-06-14'),
      ...date('standstillEndOn', '2018-06-18'),
      decisionId: String(decisionId),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The standstill must not end before 25 June 2018');
    expect(await count(t, 'procurement_awards')).toBe(0);
    const res = await officer.post(`${base}/awards`, {
      lotId: String(lotId),
      bidId: String(allianceId),
      ...date('awardedOn', '2018-06-14'),
      value: '2,900,000',
      decisionId: String(decisionId),
    });
    expect(res.statusCode).toBe(303);
    const page = await board.get(base);
    const award = /id="award-1"([\s\S]*?)<\/dl>/.exec(page.body)?.[1] ?? '';
    expect(award).toContain('Test City Wellbeing Alliance');
    expect(award).toContain('25 June 2018'); // the earliest standstill end, filled in
    expect(award).toContain(`/partnerships/${pid}/decisions/${decisionId}`);
    expect(award).toContain('To approve the plan');
    expect(page.body).toContain('Small Talk Therapies');
    expect(page.body).toMatch(/id="status">Awarded</);
    const again = await officer.post(`${base}/awards`, {
      lotId: String(lotId),
      bidId: String(leadId),
      ...date('awardedOn', '2018-06-14'),
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Lot 1 is already awarded');
    expect((await historyOf(t.db, 'procurement', procurementId)).length).toBe(7);
  });

  it('lists the procurement and gives the dashboard tile', async () => {
    const list = await board.get(`/partnerships/${pid}/procurements`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('TC-2018-01');
    expect(list.body).toContain('£3,000,000.00');
    expect(list.body).toContain('Awarded');
    const tile = await procurementsDashboardTile(t.db, pid, isoDate('2018-03-03'));
    expect(tile).toEqual({
      inFlight: 1,
      items: [
        {
          id: procurementId,
          reference: 'TC-2018-01',
          title: 'Health checks and psychological therapies',
          status: 'published',
          nextDate: '2018-03-16',
          nextDateLabel: 'Submission deadline',
          path: `/partnerships/${pid}/procurements/${procurementId}`,
        },
      ],
      path: `/partnerships/${pid}/procurements`,
    });
    expect((await procurementsDashboardTile(t.db, pid, isoDate('2018-07-01'))).inFlight).toBe(0);
  });
});
