/** Adding options and stages to an appraisal, and setting each option's status at a stage. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { hasProblems, formBody } from '../../kernel/forms.js';
import { withProblems } from '../../http/request.js';
import { optionsAtStage } from '../analysis/index.js';
import { readDecisionForm, readNamedForm } from './schema.js';
import { addOption, addStage, setOptionStage } from './store.js';
import {
  appraisalCrumbs,
  loadAppraisal,
  loadStage,
  refuseIfFrozen,
  type AppraisalParams,
  type LoadedAppraisal,
  type StageParams,
} from './appraisalOfRequest.js';

const WHAT = {
  options: {
    noun: 'option',
    title: 'Add an option',
    hint: 'For example, Do nothing; or A joint commissioning board with executive powers',
    add: addOption,
  },
  stages: {
    noun: 'stage',
    title: 'Add a stage',
    hint: 'For example, Long list against the weighted benefit criteria; or Shortlist: strategy, governance and finance',
    add: addStage,
  },
} as const;

export const optionRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  for (const [path, what] of Object.entries(WHAT)) {
    const show = (reply: FastifyReply, loaded: LoadedAppraisal, extra: Record<string, unknown>) =>
      reply.view('appraisal/appraisals/views/namedForm.njk', {
        pageTitle: what.title,
        navSection: 'partnerships',
        breadcrumbs: appraisalCrumbs(loaded.partnership, loaded.record.appraisal),
        partnership: loaded.partnership,
        appraisal: loaded.record.appraisal,
        action: `${loaded.href}/${path}`,
        noun: what.noun,
        hint: what.hint,
        values: {},
        ...extra,
      });

    app.get<{ Params: AppraisalParams }>(
      `/partnerships/:partnershipId/appraisals/:appraisalId/${path}/new`,
      { config: { action: 'appraisal:edit' } },
      async (req, reply) => {
        const loaded = await loadAppraisal(db, req, reply);
        if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
        return show(reply, loaded, {});
      },
    );

    app.post<{ Params: AppraisalParams }>(
      `/partnerships/:partnershipId/appraisals/:appraisalId/${path}`,
      { config: { action: 'appraisal:edit' } },
      async (req, reply) => {
        const loaded = await loadAppraisal(db, req, reply);
        if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
        const body = formBody(req.body);
        const { problems, fields } = readNamedForm(body, what.noun);
        const taken = (path === 'options' ? loaded.record.options : loaded.record.stages).some(
          (x) => x.name.toLowerCase() === fields.name.toLowerCase(),
        );
        if (taken) problems.name = `This appraisal already has a ${what.noun} called ${fields.name}`;
        if (hasProblems(problems))
          return show(reply.code(400), loaded, { values: body, ...withProblems(problems) });
        const id = await transaction(db, (trx) =>
          what.add(trx, actorFor(req.principal), loaded.partnership.id, loaded.record.appraisal.id, fields),
        );
        req.session.flash = `Added the ${what.noun} “${fields.name}”`;
        return reply.redirect(
          path === 'stages' ? `${loaded.href}?stage=${id}` : `${loaded.href}#options`,
          303,
        );
      },
    );
  }

  const showDecision = (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadStage>>>,
    extra: Record<string, unknown>,
  ) =>
    reply.view('appraisal/decisionLink/views/decisionForm.njk', {
      pageTitle: `Carry forward or reject an option: ${loaded.stage.name}`,
      navSection: 'partnerships',
      breadcrumbs: appraisalCrumbs(loaded.partnership, loaded.record.appraisal),
      partnership: loaded.partnership,
      appraisal: loaded.record.appraisal,
      stage: loaded.stage,
      action: `${loaded.href}/stages/${loaded.stage.id}/decisions`,
      options: optionsAtStage({ ...loaded.record, stage: loaded.stage }),
      values: {},
      ...extra,
    });

  app.get<{ Params: StageParams; Querystring: { option?: string } }>(
    '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/decisions/new',
    { config: { action: 'appraisal:edit' } },
    async (req, reply) => {
      const loaded = await loadStage(db, req, reply);
      if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
      const optionId = Number(req.query.option);
      const current = loaded.record.decisions.find(
        (d) => d.stageId === loaded.stage.id && d.optionId === optionId,
      );
      return showDecision(reply, loaded, {
        values: { optionId: String(optionId), status: current?.status ?? '', reason: current?.reason ?? '' },
      });
    },
  );

  app.post<{ Params: StageParams }>(
    '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId/decisions',
    { config: { action: 'appraisal:edit' } },
    async (req, reply) => {
      const loaded = await loadStage(db, req, reply);
      if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
      const body = formBody(req.body);
      const running = optionsAtStage({ ...loaded.record, stage: loaded.stage }).map((o) => o.id);
      const { problems, fields } = readDecisionForm(body, running);
      if (hasProblems(problems))
        return showDecision(reply.code(400), loaded, { values: body, ...withProblems(problems) });
      await transaction(db, (trx) =>
        setOptionStage(trx, actorFor(req.principal), loaded.partnership.id, loaded.record.appraisal.id, {
          stageId: loaded.stage.id,
          ...fields,
        }),
      );
      req.session.flash = 'Saved the option’s status at this stage';
      return reply.redirect(`${loaded.stageHref}#options`, 303);
    },
  );
};
