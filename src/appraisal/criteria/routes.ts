/** A stage's criteria and their weights, and the scores given to each option. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { hasProblems, formBody } from '../../kernel/forms.js';
import { toDecimalString } from '../../kernel/money.js';
import { withProblems } from '../../http/request.js';
import { optionsAtStage, stageTree } from '../analysis/index.js';
import { buildTree, eachNode, leafCriteria, levelName } from './rules.js';
import { describeScale } from './scales.js';
import { levelAnchor, readCriterionForm, readScoresForm, readWeightsForm } from '../appraisals/index.js';
import { addCriterion, recordScore, setWeights } from './store.js';
import { percentInput } from './weighting.js';
import { appraisalCrumbs, loadStage, refuseIfFrozen, type StageParams } from '../appraisals/index.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadStage>>>;
const URL = '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId';
const edit = { config: { action: 'appraisal:edit' as const } };

const treeOf = (loaded: Loaded) =>
  buildTree(loaded.record.criteria.filter((c) => c.stageId === loaded.stage.id));

/** The criteria scored at the stage: its own, or the subset it uses of another stage's. */
const scoredTreeOf = (loaded: Loaded) =>
  stageTree({ stage: loaded.stage, criteria: loaded.record.criteria, subsets: loaded.record.subsets }).tree;

/** A stage that uses a subset of another stage's criteria takes no criteria or weights of its own (409). */
async function refuseIfSubset(loaded: Loaded, reply: FastifyReply): Promise<boolean> {
  const source = stageTree({
    stage: loaded.stage,
    criteria: loaded.record.criteria,
    subsets: loaded.record.subsets,
  }).sourceStageId;
  if (source === null) return false;
  await reply.code(409).view('appraisal/analysis/views/subsetOnly.njk', {
    ...common(loaded, 'This stage uses a subset of another stage’s criteria'),
    source: loaded.record.stages.find((s) => s.id === source),
    href: loaded.href,
  });
  return true;
}

const common = (loaded: Loaded, title: string) => ({
  pageTitle: title,
  navSection: 'partnerships',
  breadcrumbs: appraisalCrumbs(loaded.partnership, loaded.record.appraisal),
  partnership: loaded.partnership,
  appraisal: loaded.record.appraisal,
  stage: loaded.stage,
  back: loaded.stageHref,
});

export const criteriaRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showCriterion = (reply: FastifyReply, loaded: Loaded, extra: Record<string, unknown>) =>
    reply.view('appraisal/criteria/views/criterionForm.njk', {
      ...common(loaded, `Add a criterion: ${loaded.stage.name}`),
      action: `${loaded.href}/stages/${loaded.stage.id}/criteria`,
      parents: eachNode(treeOf(loaded)).map(({ node, depth }) => ({
        id: node.id,
        name: `${'– '.repeat(depth)}${node.name}`,
      })),
      values: { scaleKind: 'points', min: '0', max: '10', direction: 'higher' },
      ...extra,
    });

  app.get<{ Params: StageParams }>(`${URL}/criteria/new`, edit, async (req, reply) => {
    const loaded = await loadStage(db, req, reply);
    if (!loaded || (await refuseIfFrozen(loaded, reply)) || (await refuseIfSubset(loaded, reply)))
      return reply;
    return showCriterion(reply, loaded, {});
  });

  app.post<{ Params: StageParams }>(`${URL}/criteria`, edit, async (req, reply) => {
    const loaded = await loadStage(db, req, reply);
    if (!loaded || (await refuseIfFrozen(loaded, reply)) || (await refuseIfSubset(loaded, reply)))
      return reply;
    const body = formBody(req.body);
    const ids = loaded.record.criteria.filter((c) => c.stageId === loaded.stage.id).map((c) => c.id);
    const { problems, fields } = readCriterionForm(body, ids);
    if (hasProblems(problems))
      return showCriterion(reply.code(400), loaded, { values: body, ...withProblems(problems) });
    await transaction(db, (trx) =>
      addCriterion(trx, actorFor(req.principal), loaded.partnership.id, loaded.record.appraisal.id, {
        stageId: loaded.stage.id,
        ...fields,
      }),
    );
    req.session.flash = `Added the criterion “${fields.name}”: check that the weights at its level total 100 %`;
    return reply.redirect(`${loaded.stageHref}#criteria`, 303);
  });

  const showWeights = (reply: FastifyReply, loaded: Loaded, extra: Record<string, unknown>) => {
    const tree = treeOf(loaded);
    const levels: { anchor: string; name: string; criteria: { id: number; name: string }[] }[] = [];
    const collect = (siblings: typeof tree, parent: (typeof tree)[number] | null) => {
      if (siblings.length === 0) return;
      levels.push({
        anchor: levelAnchor(parent?.id ?? null),
        name: `Weights ${parent ? levelName(parent) : 'at the top level'}`,
        criteria: siblings.map((c) => ({ id: c.id, name: c.name })),
      });
      for (const s of siblings) collect(s.children, s);
    };
    collect(tree, null);
    const values: Record<string, string> = { method: 'percent' };
    for (const { node } of eachNode(tree)) values[`w-${node.id}`] = percentInput(node.weightBp);
    return reply.view('appraisal/criteria/views/weightsForm.njk', {
      ...common(loaded, `Weights: ${loaded.stage.name}`),
      action: `${loaded.href}/stages/${loaded.stage.id}/weights`,
      levels,
      values,
      ...extra,
    });
  };

  app.get<{ Params: StageParams }>(`${URL}/weights`, edit, async (req, reply) => {
    const loaded = await loadStage(db, req, reply);
    if (!loaded || (await refuseIfFrozen(loaded, reply)) || (await refuseIfSubset(loaded, reply)))
      return reply;
    return showWeights(reply, loaded, {});
  });

  app.post<{ Params: StageParams }>(`${URL}/weights`, edit, async (req, reply) => {
    const loaded = await loadStage(db, req, reply);
    if (!loaded || (await refuseIfFrozen(loaded, reply)) || (await refuseIfSubset(loaded, reply)))
      return reply;
    const body = formBody(req.body);
    const { problems, weights } = readWeightsForm(body, treeOf(loaded));
    if (hasProblems(problems))
      return showWeights(reply.code(400), loaded, { values: body, ...withProblems(problems) });
    const changed = await transaction(db, (trx) =>
      setWeights(
        trx,
        actorFor(req.principal),
        loaded.partnership.id,
        loaded.record.appraisal.id,
        loaded.stage.id,
        weights,
      ),
    );
    req.session.flash = `Saved the weights (${changed} changed)`;
    return reply.redirect(`${loaded.stageHref}#criteria`, 303);
  });

  const showScores = (
    reply: FastifyReply,
    loaded: Loaded,
    optionId: number,
    extra: Record<string, unknown>,
  ) => {
    const option = optionsAtStage({ ...loaded.record, stage: loaded.stage }).find((o) => o.id === optionId);
    const leaves = leafCriteria(scoredTreeOf(loaded));
    return reply.view('appraisal/criteria/views/scoresForm.njk', {
      ...common(loaded, `Score ${option?.name ?? 'an option'}: ${loaded.stage.name}`),
      action: `${loaded.href}/stages/${loaded.stage.id}/scores?option=${optionId}`,
      option,
      leaves: leaves.map((l) => ({
        id: l.id,
        name: l.name,
        path: l.path.join(' › '),
        scale: l.scale ? describeScale(l.scale) : '',
        money: l.scale?.kind === 'money',
        levels: l.scale?.kind === 'points' ? l.scale.levels : [],
      })),
      values: {},
      ...extra,
    });
  };

  app.get<{ Params: StageParams; Querystring: { option?: string } }>(
    `${URL}/scores`,
    edit,
    async (req, reply) => {
      const loaded = await loadStage(db, req, reply);
      if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
      const optionId = Number(req.query.option);
      if (!optionsAtStage({ ...loaded.record, stage: loaded.stage }).some((o) => o.id === optionId))
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const assessor = req.principal?.name ?? '';
      const values: Record<string, string> = { assessor };
      for (const s of loaded.record.scores) {
        if (s.option_id !== optionId || s.assessor !== assessor) continue;
        const c = loaded.record.criteria.find((x) => x.id === s.criterion_id);
        values[`s-${s.criterion_id}`] =
          c?.scale?.kind === 'money' ? toDecimalString(s.score) : String(s.score);
        values[`r-${s.criterion_id}`] = s.rationale;
        values[`e-${s.criterion_id}`] = s.evidence_url;
      }
      return showScores(reply, loaded, optionId, { values });
    },
  );

  app.post<{ Params: StageParams; Querystring: { option?: string } }>(
    `${URL}/scores`,
    edit,
    async (req, reply) => {
      const loaded = await loadStage(db, req, reply);
      if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
      const optionId = Number(req.query.option);
      if (!optionsAtStage({ ...loaded.record, stage: loaded.stage }).some((o) => o.id === optionId))
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const body = formBody(req.body);
      const { problems, assessor, scores } = readScoresForm(body, leafCriteria(scoredTreeOf(loaded)));
      if (hasProblems(problems))
        return showScores(reply.code(400), loaded, optionId, { values: body, ...withProblems(problems) });
      await transaction(db, async (trx) => {
        for (const s of scores)
          await recordScore(trx, actorFor(req.principal), loaded.partnership.id, loaded.record.appraisal.id, {
            ...s,
            optionId,
            assessor,
            assessorUserId: req.principal?.userId ?? null,
          });
      });
      req.session.flash = `Saved ${scores.length} ${scores.length === 1 ? 'score' : 'scores'} by ${assessor}`;
      return reply.redirect(`${loaded.stageHref}#matrix`, 303);
    },
  );
};
