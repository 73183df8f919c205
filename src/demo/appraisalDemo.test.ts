import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { alternativesConsidered } from '../appraisal/analysis/index.js';
import { analyseStage } from '../appraisal/analysis/index.js';
import { rankLabel } from '../appraisal/analysis/index.js';
import { listAppraisals, loadAppraisalRecord } from '../appraisal/appraisals/index.js';
import { appraisalOfDecision } from '../appraisal/decisionLink/index.js';
import { makeBoardWithMeeting, makePublishedDecision } from '../../test/support/fixtures.js';
import { linkAppraisalDemoToDecisions, loadAppraisalDemo, SOUTHAMPTON_2017 } from './appraisalDemo.js';

describe('the Southampton appraisals in the demo', () => {
  let t: TestDatabase;
  let pid: number;
  let orgs: [number, number];
  let ids: Awaited<ReturnType<typeof loadAppraisalDemo>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    orgs = [await makeOrganisation(t.db), await makeOrganisation(t.db)];
    pid = await makePartnership(t.db, orgs);
    ids = await loadAppraisalDemo(t.db, pid);
  });
  afterAll(() => t.dispose());

  const load = async (title: RegExp) => {
    const a = (await listAppraisals(t.db, pid)).find((x) => title.test(x.title))!;
    return (await loadAppraisalRecord(t.db, pid, a.id))!;
  };
  const stageResults = (r: NonNullable<Awaited<ReturnType<typeof loadAppraisalRecord>>>, i: number) =>
    analyseStage({ ...r, stage: r.stages[i]!, combination: r.appraisal.combination });

  it('scores eight options in 2017, and the four rejected at the first stage rank last', async () => {
    const r = await load(/2017/);
    expect(r.options).toHaveLength(8);
    const first = stageResults(r, 0);
    expect(first.weightProblems).toEqual([]);
    const bottom = first
      .results!.ranked.slice(4)
      .map((o) => o.name)
      .sort();
    expect(bottom).toEqual(
      [
        'Do nothing',
        'Continue current arrangements',
        'Reverse current arrangements',
        'Joint commissioning by a Combined Authority',
      ].sort(),
    );
  });

  it('shortlists four in 2017 and ranks the joint commissioning board first', async () => {
    const r = await load(/2017/);
    const second = stageResults(r, 1);
    expect(second.options).toHaveLength(4);
    const top = second.results!.ranked[0]!;
    expect([top.name, rankLabel(top)]).toEqual(['A Joint Commissioning Board with executive powers', '1']);
    // Governance means: the board (7 + 8)/2 = 7.5, the Regulation 10 committee (9 + 10)/2 = 9.5. Varying the
    // governance weight t with strategy and finance rescaled: board .75t + .59(1 − t)/.65, committee
    // .95t + .26(1 − t)/.65; they meet at t = .33/.46 = 71.74 %, above which the committee is first.
    const governance = second.sensitivity!.weights.find((w) => w.name === 'Governance')!;
    expect(governance.upper).toBeCloseTo(0.33 / 0.46, 9);
    expect(governance.upperTakers.map((o) => o.name)).toEqual([
      'A Regulation 10 committee under a section 75 agreement',
    ]);
  });

  it('lists all seven rejected options, with their stages and the seed’s reasons, and is frozen', async () => {
    const r = await load(/2017/);
    const alt = alternativesConsidered(r.stages, r.options, r.decisions);
    expect(alt.paragraphs[1]!.items).toHaveLength(4);
    expect(alt.paragraphs[2]!.items).toHaveLength(3);
    expect(alt.text).toContain('cannot legally exercise Executive powers');
    expect(alt.text).toContain('not areas where budgets are aligned rather than formally pooled');
    expect(alt.text).toContain(`The preferred option was ${SOUTHAMPTON_2017.options[7]!.name}.`);
    expect(r.appraisal.status).toBe('frozen');
  });

  it('chooses the integrated commissioning unit in 2013, valuing its £90,800 a year cost', async () => {
    const r = await load(/2013/);
    expect(r.options).toHaveLength(5);
    const second = stageResults(r, 1);
    expect(second.results!.ranked[0]!.name).toBe('An integrated commissioning unit');
    expect(alternativesConsidered(r.stages, r.options, r.decisions).text).toContain('no TUPE implications');
  });

  it('links both appraisals to the Cabinet decisions, whose alternatives then come from them', async () => {
    const decision = async () => {
      const g = await makeBoardWithMeeting(t.db, pid, orgs[0], orgs[1]);
      return makePublishedDecision(t.db, pid, g.meetingId, g.itemId);
    };
    const october2013 = await decision();
    const july2017 = await decision();
    await linkAppraisalDemoToDecisions(t.db, pid, { october2013, july2017 });
    const a2017 = (await appraisalOfDecision(t.db, pid, july2017))!;
    expect(a2017.id).toBe(ids.governanceOptions2017);
    expect(a2017.alternatives.text).toContain(
      'Commissioning overseen by the Health and Wellbeing Board: The Health and Wellbeing Board is a sub-committee of Council',
    );
    const a2013 = (await appraisalOfDecision(t.db, pid, october2013))!;
    expect(a2013.id).toBe(ids.integratedCommissioning2013);
    expect(a2013.alternatives.text).toContain('No change to current aligned commissioning: Would maintain');
  });
});
