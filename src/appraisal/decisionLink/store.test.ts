import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { sql } from 'kysely';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makePublishedDecision,
} from '../../../test/support/fixtures.js';
import { analyseStage, smaaMatrix } from '../analysis/index.js';
import { createAppraisalFromPlan, type AppraisalPlan } from '../appraisals/index.js';
import { addCriterion, recordScore, setWeights } from '../criteria/index.js';
import {
  AppraisalRequestError,
  appraisalOfDecision,
  linkAppraisalToDecision,
  setStageCriteria,
} from './store.js';
import { pointsScale } from '../criteria/index.js';
import { AppraisalFrozenError } from '../criteria/index.js';
import {
  addOption,
  addStage,
  freezeAppraisal,
  loadAppraisalRecord,
  setOptionStage,
} from '../appraisals/index.js';

const actor = systemActor('test');

// Stage 1 has its own tree; stage 2 has none, and is given a subset of stage 1's.
const plan = (title: string): AppraisalPlan => ({
  title,
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
        { key: 'outcomes', name: 'Outcomes', weightBp: 4000 },
        {
          key: 'efficiency',
          name: 'Efficiency',
          weightBp: 3500,
          children: [
            { key: 'saving', name: 'Saving', weightBp: 5000 },
            { key: 'ease', name: 'Ease of delivery', weightBp: 5000 },
          ],
        },
        { key: 'legal', name: 'Legal compliance', weightBp: 2500 },
      ],
      scores: [
        {
          assessor: 'Assessor A',
          byOption: {
            nothing: { outcomes: 0, saving: 0, ease: 10, legal: 10 },
            host: { outcomes: 6, saving: 4, ease: 6, legal: 8 },
            board: { outcomes: 9, saving: 6, ease: 4, legal: 6 },
          },
        },
      ],
      decisions: {
        nothing: { status: 'rejected', reason: 'Does not deliver the benefits of integration' },
        host: { status: 'carried_forward' },
        board: { status: 'carried_forward' },
      },
    },
    {
      name: 'Shortlist',
      criteria: [],
      decisions: {
        host: { status: 'rejected', reason: 'Harder to deliver than a joint board' },
        board: { status: 'preferred' },
      },
    },
  ],
});

describe('a stage using a subset of criteria, and an appraisal linked to its decision', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let a: Awaited<ReturnType<typeof createAppraisalFromPlan>>;
  let decisionId: number;
  let otherDecisionId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const orgA = await makeOrganisation(t.db);
    const orgB = await makeOrganisation(t.db);
    pid = await makePartnership(t.db, [orgA, orgB]);
    a = await transaction(t.db, (trx) =>
      createAppraisalFromPlan(trx, actor, pid, plan('Governance options')),
    );
    const g1 = await makeBoardWithMeeting(t.db, pid, orgA, orgB);
    decisionId = await makePublishedDecision(t.db, pid, g1.meetingId, g1.itemId);
    const g2 = await makeBoardWithMeeting(t.db, pid, orgA, orgB);
    otherDecisionId = await makePublishedDecision(t.db, pid, g2.meetingId, g2.itemId);
  });
  afterAll(() => t.dispose());

  const id = (key: string) => a.criterionIds.get(key)!;
  const shortlist = () => a.stageIds[1]!;

  it('scores the shortlist on the chosen criteria only, with the weights renormalised, checked by hand', async () => {
    await transaction(t.db, (trx) =>
      setStageCriteria(trx, actor, pid, a.appraisalId, shortlist(), [id('outcomes'), id('ease')]),
    );
    const r = (await loadAppraisalRecord(t.db, pid, a.appraisalId))!;
    const analysis = analyseStage({ ...r, stage: r.stages[1]!, combination: r.appraisal.combination });
    expect(analysis.sourceStageId).toBe(a.stageIds[0]);
    expect(analysis.weightProblems).toEqual([]);
    // Outcomes 4000 and Efficiency 3500 (Ease alone beneath it): 8/15 and 7/15.
    // Board: 100 × (8/15 × .9 + 7/15 × .4) = 100 × 10/15 = 66.67; Host: 100 × (8/15 × .6 + 7/15 × .6) = 60.
    expect(analysis.options.map((o) => o.name)).toEqual([
      'Hosted joint commissioning',
      'Joint commissioning board',
    ]);
    expect(analysis.results!.ranked.map((o) => [o.name, Number(o.total.toFixed(9))])).toEqual([
      ['Joint commissioning board', Number(((100 * 10) / 15).toFixed(9))],
      ['Hosted joint commissioning', 60],
    ]);
    // Board first while .9t + .4(1 − t) ≥ .6: .5t ≥ .2, that is t ≥ 2/5 of the top level.
    const outcomes = analysis.sensitivity!.weights.find((w) => w.name === 'Outcomes')!;
    expect(outcomes.lower).toBeCloseTo(2 / 5, 12);
    expect(outcomes.upper).toBe(1);
    // SMAA draws around the same renormalised weights
    expect([...smaaMatrix(analysis).weights]).toEqual([8 / 15, 7 / 15]);
  });

  it('audits the choice of criteria with before and after', async () => {
    await transaction(t.db, (trx) =>
      setStageCriteria(trx, actor, pid, a.appraisalId, shortlist(), [
        id('outcomes'),
        id('ease'),
        id('legal'),
      ]),
    );
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'appraisal_stage_criteria')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      [
        'create',
        { criteria: [] },
        { sourceStageId: a.stageIds[0], criteria: ['Outcomes', 'Ease of delivery'] },
      ],
      [
        'update',
        { criteria: ['Outcomes', 'Ease of delivery'] },
        { sourceStageId: a.stageIds[0], criteria: ['Outcomes', 'Ease of delivery', 'Legal compliance'] },
      ],
    ]);
  });

  it('refuses a group, criteria of two stages, and own criteria beside a subset, saving nothing', async () => {
    const refused = (ids: number[], stage = shortlist()) =>
      transaction(t.db, (trx) => setStageCriteria(trx, actor, pid, a.appraisalId, stage, ids));
    await expect(refused([id('efficiency')])).rejects.toThrow(
      '“Efficiency” is a group: choose the scored criteria beneath it, and the group comes with them',
    );
    await expect(refused([id('outcomes')], a.stageIds[0])).rejects.toThrow(
      /has criteria of its own: a stage uses its own criteria or a subset of another stage’s, not both/,
    );
    await expect(refused([id('outcomes')], a.stageIds[0])).rejects.toBeInstanceOf(AppraisalRequestError);
    await expect(
      transaction(t.db, (trx) =>
        addCriterion(trx, actor, pid, a.appraisalId, {
          stageId: shortlist(),
          parentId: null,
          name: 'Extra',
          description: '',
          weightBp: 10_000,
          scale: pointsScale(0, 10),
        }),
      ),
    ).rejects.toThrow(/uses a subset of another stage’s criteria/);
    const r = (await loadAppraisalRecord(t.db, pid, a.appraisalId))!;
    expect(r.subsets.map((s) => s.criterionId).sort()).toEqual(
      [id('outcomes'), id('ease'), id('legal')].sort(),
    );
    expect(r.criteria.filter((c) => c.stageId === shortlist())).toEqual([]);
  });

  it('links the appraisal to its decision, freezes it, audits the link, and gives the decision its alternatives', async () => {
    await transaction(t.db, (trx) => linkAppraisalToDecision(trx, actor, pid, a.appraisalId, decisionId));
    const r = (await loadAppraisalRecord(t.db, pid, a.appraisalId))!;
    expect(r.appraisal.status).toBe('frozen');
    expect(r.decisionId).toBe(decisionId);
    expect(r.appraisal.decision_reference).toMatch(
      /, 15 October 2013, item 1: Apologies and changes in membership$/,
    );
    const drawn = (await appraisalOfDecision(t.db, pid, decisionId))!;
    expect(drawn.title).toBe('Governance options');
    expect(drawn.alternatives.text).toContain(
      'Stage 1, Long list: 3 options were considered; the option rejected at this stage was:\n   - Do nothing: Does not deliver the benefits of integration.',
    );
    expect(drawn.alternatives.text).toContain(
      'Stage 2, Shortlist: 2 options were considered; the option rejected at this stage was:\n   - Hosted joint commissioning: Harder to deliver than a joint board.',
    );
    expect(await appraisalOfDecision(t.db, pid, otherDecisionId)).toBeNull();
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_type', '=', 'appraisal_decision')
      .executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ status: 'draft', decisionReference: null });
    expect(audit.after).toMatchObject({ decisionId, status: 'frozen' });
  });

  it('refuses every weight, score, option, stage and criteria change once linked, saying it is frozen', async () => {
    const frozen = /Appraisal \d+ is frozen: the board has decided, so it cannot change/;
    const attempts: [string, () => Promise<unknown>][] = [
      [
        'weight',
        () =>
          transaction(t.db, (trx) =>
            setWeights(trx, actor, pid, a.appraisalId, a.stageIds[0]!, [
              { criterionId: id('outcomes'), weightBp: 5000 },
              { criterionId: id('legal'), weightBp: 1500 },
            ]),
          ),
      ],
      [
        'score',
        () =>
          transaction(t.db, (trx) =>
            recordScore(trx, actor, pid, a.appraisalId, {
              optionId: a.optionIds.get('board')!,
              criterionId: id('outcomes'),
              score: 1,
              rationale: '',
              evidenceUrl: '',
              assessor: 'Late assessor',
              assessorUserId: null,
            }),
          ),
      ],
      [
        'option',
        () =>
          transaction(t.db, (trx) =>
            addOption(trx, actor, pid, a.appraisalId, { name: 'Late idea', description: '' }),
          ),
      ],
      [
        'stage',
        () =>
          transaction(t.db, (trx) =>
            addStage(trx, actor, pid, a.appraisalId, { name: 'Third look', description: '' }),
          ),
      ],
      [
        'status',
        () =>
          transaction(t.db, (trx) =>
            setOptionStage(trx, actor, pid, a.appraisalId, {
              stageId: shortlist(),
              optionId: a.optionIds.get('host')!,
              status: 'preferred',
              reason: '',
            }),
          ),
      ],
      [
        'subset',
        () =>
          transaction(t.db, (trx) =>
            setStageCriteria(trx, actor, pid, a.appraisalId, shortlist(), [id('outcomes')]),
          ),
      ],
    ];
    for (const [what, attempt] of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(AppraisalFrozenError);
      expect((error as Error).message, what).toMatch(frozen);
    }
    const r = (await loadAppraisalRecord(t.db, pid, a.appraisalId))!;
    expect(r.options).toHaveLength(3);
    expect(r.stages).toHaveLength(2);
    expect(r.criteria.find((c) => c.id === id('outcomes'))!.weightBp).toBe(4000);
    expect(r.scores.some((s) => s.assessor === 'Late assessor')).toBe(false);
    expect(r.subsets).toHaveLength(3);
    // and the database refuses it too
    await expect(
      sql`delete from appraisal_stage_criteria where appraisal_id = ${a.appraisalId}`.execute(t.db),
    ).rejects.toThrow(/frozen/);
    await expect(
      sql`delete from appraisal_decisions where appraisal_id = ${a.appraisalId}`.execute(t.db),
    ).rejects.toThrow(/cannot change/);
  });

  it('links one appraisal to one decision: neither a second decision nor a second appraisal', async () => {
    await expect(
      transaction(t.db, (trx) => linkAppraisalToDecision(trx, actor, pid, a.appraisalId, otherDecisionId)),
    ).rejects.toBeInstanceOf(AppraisalFrozenError);
    const second = await transaction(t.db, (trx) =>
      createAppraisalFromPlan(trx, actor, pid, plan('Second look')),
    );
    await expect(
      transaction(t.db, (trx) => linkAppraisalToDecision(trx, actor, pid, second.appraisalId, decisionId)),
    ).rejects.toThrow(/already rests on another appraisal: a decision has one appraisal/);
    const r = (await loadAppraisalRecord(t.db, pid, second.appraisalId))!;
    expect([r.appraisal.status, r.decisionId]).toEqual(['draft', null]);
  });

  it('links an appraisal frozen earlier under a written reference, keeping it as it was', async () => {
    const earlier = await transaction(t.db, (trx) =>
      createAppraisalFromPlan(trx, actor, pid, plan('Frozen before the decision was recorded')),
    );
    await transaction(t.db, (trx) =>
      freezeAppraisal(trx, actor, pid, earlier.appraisalId, 'Cabinet 18 July 2017'),
    );
    await transaction(t.db, (trx) =>
      linkAppraisalToDecision(trx, actor, pid, earlier.appraisalId, otherDecisionId),
    );
    const r = (await loadAppraisalRecord(t.db, pid, earlier.appraisalId))!;
    expect([r.appraisal.status, r.appraisal.decision_reference, r.decisionId]).toEqual([
      'frozen',
      'Cabinet 18 July 2017',
      otherDecisionId,
    ]);
  });
});
