import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { sql } from 'kysely';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { alternativesConsidered } from '../analysis/index.js';
import { analyseStage } from '../analysis/index.js';
import { createAppraisalFromPlan, type AppraisalPlan } from './createAppraisalFromPlan.js';
import { rankLabel } from '../analysis/index.js';
import { moneyScale } from '../criteria/index.js';
import { addOption, freezeAppraisal, loadAppraisalRecord } from './store.js';
import { AppraisalFrozenError } from '../criteria/index.js';
import { recordScore, setWeights } from '../criteria/index.js';

const actor = systemActor('test');

// Two stages; stage 1 has a group with a financial criterion scored in pounds by two assessors.
const plan: AppraisalPlan = {
  title: 'Governance options',
  proposal: 'Shared commissioning',
  decisionReference: null,
  options: [
    { key: 'nothing', name: 'Do nothing' },
    { key: 'host', name: 'Hosted joint commissioning' },
    { key: 'board', name: 'Joint commissioning board' },
  ],
  stages: [
    {
      name: 'long list',
      criteria: [
        { key: 'outcomes', name: 'Outcomes', weightBp: 6000 },
        {
          key: 'efficiency',
          name: 'Efficiency',
          weightBp: 4000,
          children: [
            { key: 'saving', name: 'Saving', weightBp: 5000, scale: moneyScale(0, 100_000_000) },
            { key: 'ease', name: 'Ease of delivery', weightBp: 5000 },
          ],
        },
      ],
      scores: [
        {
          assessor: 'Assessor A',
          byOption: {
            nothing: { outcomes: 0, saving: 0, ease: 10 },
            host: { outcomes: 6, saving: 40_000_000, ease: 6 },
            board: { outcomes: 8, saving: 60_000_000, ease: 4 },
          },
          rationale: { 'board/outcomes': 'Executive powers over the whole pool' },
        },
        { assessor: 'Assessor B', byOption: { board: { outcomes: 10 }, host: { outcomes: 4 } } },
      ],
      decisions: {
        nothing: { status: 'rejected', reason: 'Does not deliver the benefits of integration' },
        host: { status: 'carried_forward' },
        board: { status: 'carried_forward' },
      },
    },
    {
      name: 'shortlist',
      criteria: [{ key: 'governance', name: 'Governance', weightBp: 10_000 }],
      decisions: {
        host: { status: 'rejected', reason: 'Less integration than a joint board' },
        board: { status: 'preferred' },
      },
    },
  ],
};

describe('appraisals in the database', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let created: Awaited<ReturnType<typeof createAppraisalFromPlan>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    pid = await makePartnership(t.db, [await makeOrganisation(t.db), await makeOrganisation(t.db)]);
    created = await transaction(t.db, (trx) => createAppraisalFromPlan(trx, actor, pid, plan));
  });
  afterAll(() => t.dispose());

  const analyse = async (stageIndex = 0) => {
    const r = (await loadAppraisalRecord(t.db, pid, created.appraisalId))!;
    const stage = r.stages[stageIndex]!;
    return analyseStage({ ...r, stage, combination: r.appraisal.combination });
  };

  it('combines the assessors’ scores and weights them to totals checked by hand', async () => {
    const a = await analyse();
    // Outcomes 60 %, saving 20 %, ease 20 %. Outcomes are the mean of the assessors: board (8 + 10)/2 = 9,
    // host (6 + 4)/2 = 5. Saving £0–£1m: board £600,000 → .6, host £400,000 → .4.
    // Board: 60 × .9 + 20 × .6 + 20 × .4 = 54 + 12 + 8 = 74. Host: 30 + 8 + 12 = 50. Nothing: 0 + 0 + 20 = 20.
    expect(a.results!.ranked.map((o) => [o.name, rankLabel(o), Number(o.total.toFixed(6))])).toEqual([
      ['Joint commissioning board', '1', 74],
      ['Hosted joint commissioning', '2', 50],
      ['Do nothing', '3', 20],
    ]);
    const cell = a.combined.get(`${created.optionIds.get('board')}:${created.criterionIds.get('outcomes')}`)!;
    expect(cell).toMatchObject({ score: 9, assessors: 2, lowest: 8, highest: 10, range: 2 });
  });

  it('carries forward only the options not rejected at an earlier stage', async () => {
    const a = await analyse(1);
    expect(a.options.map((o) => o.name)).toEqual(['Hosted joint commissioning', 'Joint commissioning board']);
  });

  it('writes the alternatives text from the stored stages', async () => {
    const r = (await loadAppraisalRecord(t.db, pid, created.appraisalId))!;
    const alt = alternativesConsidered(r.stages, r.options, r.decisions);
    expect(alt.text).toContain('Do nothing: Does not deliver the benefits of integration.');
    expect(alt.text).toContain('Stage 2, shortlist');
    expect(alt.text).toContain('Hosted joint commissioning: Less integration than a joint board.');
  });

  it('audits each weight that changes, with before and after', async () => {
    const outcomes = created.criterionIds.get('outcomes')!;
    const efficiency = created.criterionIds.get('efficiency')!;
    const changed = await transaction(t.db, (trx) =>
      setWeights(trx, actor, pid, created.appraisalId, created.stageIds[0]!, [
        { criterionId: outcomes, weightBp: 5500 },
        { criterionId: efficiency, weightBp: 4500 },
        { criterionId: created.criterionIds.get('saving')!, weightBp: 5000 },
      ]),
    );
    expect(changed).toBe(2);
    const events = await t.db
      .selectFrom('audit_events')
      .select(['entity_id', 'before', 'after'])
      .where('entity_type', '=', 'appraisal_weight')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.entity_id, e.before, e.after])).toEqual([
      [String(outcomes), { name: 'Outcomes', weightBp: 6000 }, { name: 'Outcomes', weightBp: 5500 }],
      [String(efficiency), { name: 'Efficiency', weightBp: 4000 }, { name: 'Efficiency', weightBp: 4500 }],
    ]);
  });

  it('audits each score and keeps earlier scores as history', async () => {
    const cell = { optionId: created.optionIds.get('host')!, criterionId: created.criterionIds.get('ease')! };
    await transaction(t.db, (trx) =>
      recordScore(trx, actor, pid, created.appraisalId, {
        ...cell,
        score: 7,
        rationale: 'Rescored after the workshop',
        evidenceUrl: 'https://example.org/workshop-notes',
        assessor: 'Assessor A',
        assessorUserId: null,
      }),
    );
    const a = await analyse();
    expect(a.combined.get(`${cell.optionId}:${cell.criterionId}`)?.score).toBe(7);
    const r = (await loadAppraisalRecord(t.db, pid, created.appraisalId))!;
    expect(
      r.scores.filter((s) => s.option_id === cell.optionId && s.criterion_id === cell.criterionId),
    ).toHaveLength(2);
    const audited = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_type', '=', 'appraisal_score')
      .executeTakeFirstOrThrow();
    expect(audited.n).toBe(r.scores.length);
    await expect(sql`update appraisal_scores set score = 1`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('refuses every change once frozen, in the store and in the database', async () => {
    await transaction(t.db, (trx) => freezeAppraisal(trx, actor, pid, created.appraisalId, 'CAB 18/07/2017'));
    await expect(
      transaction(t.db, (trx) =>
        addOption(trx, actor, pid, created.appraisalId, { name: 'Late idea', description: '' }),
      ),
    ).rejects.toBeInstanceOf(AppraisalFrozenError);
    await expect(
      sql`update appraisal_criteria set weight_bp = 0 where appraisal_id = ${created.appraisalId}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/frozen/);
    await expect(
      sql`insert into appraisal_options (partnership_id, appraisal_id, name, position) values (${pid}, ${created.appraisalId}, 'Sneaked in', 99)`.execute(
        t.db,
      ),
    ).rejects.toThrow(/frozen/);
    await expect(
      sql`update appraisals set status = 'draft', frozen_at = null where id = ${created.appraisalId}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/frozen/);
    const r = (await loadAppraisalRecord(t.db, pid, created.appraisalId))!;
    expect(r.appraisal.status).toBe('frozen');
    expect(r.appraisal.decision_reference).toBe('CAB 18/07/2017');
  });
});
