/**
 * Through the pages: a stage chooses a subset of another stage's criteria; the appraisal is offered to prefill a
 * decision's alternatives, linked to the decision (which freezes it), shown on the decision's internal and public
 * pages, and printed as the board report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { createAgendaItem } from '../../governance/meetings/index.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makePublishedDecision,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { createAppraisalFromPlan } from '../appraisals/index.js';

type App = Awaited<ReturnType<typeof startApp>>;
const actor = systemActor('test');

describe('subsets of criteria, the decision link and the board report, through the pages', steps, () => {
  let t: App;
  let officer: Agent;
  let clerk: Agent;
  let pid: number;
  let base: string;
  let created: Awaited<ReturnType<typeof createAppraisalFromPlan>>;
  let decisionId: number;
  let slug: string;
  let newDecisionUrl: string;

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db);
    const b = await makeOrganisation(t.db);
    pid = await makePartnership(t.db, [a, b]);
    await makeUser(t.db, 'officer@test.example', [[pid, 'commissioning_officer']]);
    await makeUser(t.db, 'clerk@test.example', [[pid, 'democratic_services_officer']]);
    officer = await t.signedIn('officer@test.example');
    clerk = await t.signedIn('clerk@test.example');
    created = await transaction(t.db, (trx) =>
      createAppraisalFromPlan(trx, actor, pid, {
        title: 'Governance options',
        proposal: '',
        decisionReference: null,
        options: [
          { key: 'nothing', name: 'Do nothing' },
          { key: 'host', name: 'Hosted joint commissioning' },
          { key: 'board', name: 'Joint commissioning board' },
        ],
        stages: [
          {
            name: 'Long list',
            criteria: [
              { key: 'outcomes', name: 'Outcomes', weightBp: 6000 },
              { key: 'ease', name: 'Ease of delivery', weightBp: 3000 },
              { key: 'legal', name: 'Legal compliance', weightBp: 1000 },
            ],
            scores: [
              {
                assessor: 'Officer',
                byOption: {
                  nothing: { outcomes: 0, ease: 10, legal: 10 },
                  host: { outcomes: 6, ease: 6, legal: 8 },
                  board: { outcomes: 9, ease: 4, legal: 6 },
                },
              },
            ],
            decisions: { nothing: { status: 'rejected', reason: 'Does not deliver the benefits' } },
          },
          { name: 'Finance', criteria: [{ key: 'cost', name: 'Cost', weightBp: 10_000 }] },
          {
            name: 'Shortlist',
            criteria: [],
            decisions: {
              host: { status: 'rejected', reason: 'Less integration than a joint board' },
              board: { status: 'preferred' },
            },
          },
        ],
      }),
    );
    base = `/partnerships/${pid}/appraisals/${created.appraisalId}`;
    const g = await makeBoardWithMeeting(t.db, pid, a, b);
    decisionId = await makePublishedDecision(t.db, pid, g.meetingId, g.itemId);
    const open = await transaction(t.db, (trx) =>
      createAgendaItem(trx, actor, pid, g.meetingId, {
        title: 'Shared commissioning',
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
    );
    newDecisionUrl = `/partnerships/${pid}/meetings/${g.meetingId}/items/${open}/decision/new`;
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
  });
  afterAll(() => t.close());

  const shortlist = () => created.stageIds[2]!;
  const criterion = (key: string) => String(created.criterionIds.get(key));

  it('refuses criteria from two stages, keeping the boxes ticked, and saves nothing', async () => {
    const form = await officer.get(`${base}/stages/${shortlist()}/subset`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Criteria of stage 1: Long list');
    const res = await officer.post(`${base}/stages/${shortlist()}/subset`, {
      criteria: [criterion('outcomes'), criterion('cost')],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Choose the criteria of one stage only: a subset comes from one stage');
    expect(res.body).toMatch(new RegExp(`value="${criterion('outcomes')}"\\s+checked`));
    expect(res.body).toMatch(new RegExp(`value="${criterion('cost')}"\\s+checked`));
    const none = await officer.post(`${base}/stages/${shortlist()}/subset`, {});
    expect(none.body).toContain('Select the criteria that apply at this stage');
    expect(await t.db.selectFrom('appraisal_stage_criteria').selectAll().execute()).toEqual([]);
  });

  it('uses the chosen criteria at the stage, renormalised, and says how', async () => {
    const res = await officer.post(`${base}/stages/${shortlist()}/subset`, {
      criteria: [criterion('outcomes'), criterion('ease')],
    });
    expect(res.statusCode).toBe(303);
    const page = await officer.get(`${base}?stage=${shortlist()}`);
    expect(page.body).toContain('This stage uses a subset of the criteria of');
    expect(page.body).toContain('divided by the total weight of the chosen criteria at that level');
    // 60 and 30 of 90: 66.67 % and 33.33 %. Board 66.67 × .9 + 33.33 × .4 = 73.33; host 66.67 × .6 + 33.33 × .6 = 60
    expect(page.body).toContain('66.67 % <span class="govuk-body-s">(set as 60 %)</span>');
    expect(page.body).toMatch(/Joint commissioning board[\s\S]*?<strong>73.3<\/strong>/);
    expect(page.body).toMatch(/Hosted joint commissioning[\s\S]*?<strong>60.0<\/strong>/);
    expect(page.body).not.toContain('Legal compliance (');
    // who scored each cell, and when
    expect(page.body).toMatch(/class="govuk-body-s app-scored-by">By Officer, \d{1,2} \w+ \d{4}/);
    const add = await officer.get(`${base}/stages/${shortlist()}/criteria/new`);
    expect(add.statusCode).toBe(409);
  });

  it('offers the appraisal to fill in a decision’s alternatives', async () => {
    const form = await clerk.get(newDecisionUrl);
    expect(form.body).toContain(`href="?appraisal=${created.appraisalId}#alternatives"`);
    const filled = await clerk.get(`${newDecisionUrl}?appraisal=${created.appraisalId}`);
    const textarea = /<textarea[^>]*name="alternatives"[^>]*>([\s\S]*?)<\/textarea>/.exec(filled.body)?.[1];
    expect(textarea).toContain('Do nothing: Does not deliver the benefits.');
    expect(textarea).toContain('Stage 3, Shortlist');
    expect(textarea).toContain('Hosted joint commissioning: Less integration than a joint board.');
  });

  it('links the appraisal to a decision from the list, which freezes it', async () => {
    const page = await officer.get(base);
    expect(page.body).toContain(`href="${base}/decision"`);
    const form = await officer.get(`${base}/decision`);
    expect(form.body).toContain('15 October 2013, item 1: Apologies and changes in membership');
    const empty = await officer.post(`${base}/decision`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Select the decision the appraisal informed');
    const linked = await officer.post(`${base}/decision`, { decisionId: String(decisionId) });
    expect(linked.statusCode).toBe(303);
    const after = await officer.get(base);
    expect(after.body).toContain(`href="/partnerships/${pid}/decisions/${decisionId}"`);
    expect(after.body).toContain('Frozen');
  });

  it('refuses every change to the linked appraisal, saving nothing', async () => {
    const tries = [
      officer.post(`${base}/options`, { name: 'Late idea', description: '' }),
      officer.post(`${base}/stages`, { name: 'Another look', description: '' }),
      officer.post(`${base}/stages/${created.stageIds[0]}/weights`, {
        method: 'percent',
        [`w-${criterion('outcomes')}`]: '50',
        [`w-${criterion('ease')}`]: '40',
        [`w-${criterion('legal')}`]: '10',
      }),
      officer.post(`${base}/stages/${created.stageIds[0]}/scores?option=${created.optionIds.get('board')}`, {
        assessor: 'Officer',
        [`s-${criterion('outcomes')}`]: '1',
      }),
      officer.post(`${base}/stages/${shortlist()}/subset`, { criteria: [criterion('outcomes')] }),
      officer.post(`${base}/decision`, { decisionId: String(decisionId) }),
    ];
    for (const res of await Promise.all(tries)) {
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('This appraisal is frozen');
    }
    const weights = await t.db
      .selectFrom('appraisal_criteria')
      .select('weight_bp')
      .where('id', '=', created.criterionIds.get('outcomes')!)
      .executeTakeFirstOrThrow();
    expect(weights.weight_bp).toBe(6000);
    expect(await t.db.selectFrom('appraisal_scores').selectAll().execute()).toHaveLength(9);
  });

  it('shows the alternatives drawn from the appraisal on the decision’s internal and public pages', async () => {
    const internal = await clerk.get(`/partnerships/${pid}/decisions/${decisionId}`);
    const section = /<div class="govuk-inset-text" id="appraisal-alternatives">([\s\S]*?)<\/div>/.exec(
      internal.body,
    )?.[1];
    expect(section).toContain('Stage 1, Long list: 3 options were considered');
    expect(section).toContain('Do nothing: Does not deliver the benefits.');
    expect(section).toContain('Hosted joint commissioning: Less integration than a joint board.');
    expect(internal.body).toContain(`href="${base}/report"`);
    const pub = await t.agent().get(`/public/partnerships/${slug}/decisions/${decisionId}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('id="appraisal-alternatives"');
    expect(pub.body).toContain('Hosted joint commissioning: Less integration than a joint board.');
    expect(pub.body).not.toContain(base);
  });

  it('prints the board report: options and rejections, results, sensitivity, SMAA and the alternatives', async () => {
    const page = await officer.get(`${base}?samples=1000&seed=7`);
    expect(page.body).toContain(
      `href="${base}/report?samples=1000&amp;seed=7&amp;mode=simplex&amp;spread=10"`,
    );
    const res = await officer.get(`${base}/report?samples=1000&seed=7`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="govuk-template__body app-print-report"');
    expect(res.body.match(/class="app-report-section"/g)).toHaveLength(5);
    const options = /<table[^>]*id="report-options"[\s\S]*?<\/table>/.exec(res.body)?.[0];
    expect(options).toContain('Does not deliver the benefits');
    expect(res.body.match(/app-report-results/g)).toHaveLength(3);
    expect(res.body).toContain('aria-labelledby="tornado-title"');
    expect(res.body).toContain('app-report-sensitivity');
    expect(res.body).toContain('app-report-smaa');
    expect(res.body).toContain('1000 sets of weights drawn');
    expect(res.body).toContain('(seed 7;');
    expect(res.body).toMatch(/id="report-decision">[^<]*15 October 2013/);
    expect(res.body).toContain('Hosted joint commissioning: Less integration than a joint board.');
  });
});
