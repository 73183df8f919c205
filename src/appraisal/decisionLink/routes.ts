/**
 * Choosing which of another stage's criteria apply at a stage, linking the appraisal to the governance decision
 * it informed (which freezes it), and the printable board report.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { field, fields, hasProblems, formBody } from '../../kernel/forms.js';
import type { FieldProblems } from '../../kernel/result.js';
import { withProblems } from '../../http/request.js';
import { alternativesConsidered } from '../analysis/index.js';
import { stageTree } from '../analysis/index.js';
import {
  AppraisalRequestError,
  linkAppraisalToDecision,
  listDecisionsForLinking,
  setStageCriteria,
  subsetChoices,
} from './store.js';
import { readSmaaQuery } from '../appraisals/index.js';
import { stageView } from '../analysis/index.js';
import {
  appraisalCrumbs,
  loadAppraisal,
  loadStage,
  refuseIfFrozen,
  type AppraisalParams,
  type LoadedAppraisal,
  type StageParams,
} from '../appraisals/index.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadStage>>>;
const STAGE = '/partnerships/:partnershipId/appraisals/:appraisalId/stages/:stageId';
const APPRAISAL = '/partnerships/:partnershipId/appraisals/:appraisalId';
const edit = { config: { action: 'appraisal:edit' as const } };

const STATUS_LABELS = {
  carried_forward: 'Carried forward',
  rejected: 'Rejected',
  preferred: 'Preferred',
} as const;

export const decisionLinkRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showSubset = (reply: FastifyReply, loaded: Loaded, values: { criteria: string[] }, problems = {}) => {
    const own = loaded.record.criteria.some((c) => c.stageId === loaded.stage.id);
    return reply.view('appraisal/analysis/views/subsetForm.njk', {
      pageTitle: `Criteria that apply: ${loaded.stage.name}`,
      navSection: 'partnerships',
      breadcrumbs: appraisalCrumbs(loaded.partnership, loaded.record.appraisal),
      partnership: loaded.partnership,
      appraisal: loaded.record.appraisal,
      stage: loaded.stage,
      action: `${loaded.href}/stages/${loaded.stage.id}/subset`,
      back: loaded.stageHref,
      hasOwn: own,
      usesSubset: loaded.record.subsets.some((s) => s.stageId === loaded.stage.id),
      choices: subsetChoices(loaded.record, loaded.stage.id).map(({ stage, leaves }) => ({
        stage,
        items: leaves.map((l) => ({
          value: String(l.id),
          text: l.path.join(' › '),
          checked: values.criteria.includes(String(l.id)),
        })),
      })),
      ...withProblems(problems),
    });
  };

  app.get<{ Params: StageParams }>(`${STAGE}/subset`, edit, async (req, reply) => {
    const loaded = await loadStage(db, req, reply);
    if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
    const chosen = loaded.record.subsets
      .filter((s) => s.stageId === loaded.stage.id)
      .map((s) => String(s.criterionId));
    return showSubset(reply, loaded, { criteria: chosen });
  });

  app.post<{ Params: StageParams }>(`${STAGE}/subset`, edit, async (req, reply) => {
    const loaded = await loadStage(db, req, reply);
    if (!loaded || (await refuseIfFrozen(loaded, reply))) return reply;
    const body = formBody(req.body);
    const own = field(body, 'own') === 'yes';
    const chosen = own ? [] : fields(body, 'criteria');
    const problems: FieldProblems = {};
    const ids = chosen.map(Number);
    if (!own && chosen.length === 0) problems.criteria = 'Select the criteria that apply at this stage';
    else if (ids.some((id) => !Number.isInteger(id)))
      problems.criteria = 'Select criteria from the lists on this page';
    if (!hasProblems(problems)) {
      try {
        await transaction(db, (trx) =>
          setStageCriteria(
            trx,
            actorFor(req.principal),
            loaded.partnership.id,
            loaded.record.appraisal.id,
            loaded.stage.id,
            ids,
          ),
        );
      } catch (e) {
        if (!(e instanceof AppraisalRequestError)) throw e;
        problems.criteria = e.message;
      }
    }
    if (hasProblems(problems)) return showSubset(reply.code(400), loaded, { criteria: chosen }, problems);
    req.session.flash = own
      ? 'This stage now takes criteria of its own'
      : `This stage now uses ${ids.length} ${ids.length === 1 ? 'criterion' : 'criteria'} of another stage, with their weights renormalised`;
    return reply.redirect(`${loaded.stageHref}#criteria`, 303);
  });

  const showLink = (
    reply: FastifyReply,
    loaded: LoadedAppraisal,
    decisions: Awaited<ReturnType<typeof listDecisionsForLinking>>,
    values: { decisionId: string },
    problems: FieldProblems = {},
  ) =>
    reply.view('appraisal/decisionLink/views/linkForm.njk', {
      pageTitle: 'Link the appraisal to the board’s decision',
      navSection: 'partnerships',
      breadcrumbs: appraisalCrumbs(loaded.partnership, loaded.record.appraisal),
      partnership: loaded.partnership,
      appraisal: loaded.record.appraisal,
      href: loaded.href,
      action: `${loaded.href}/decision`,
      items: decisions.map((d) => ({
        value: String(d.id),
        text: d.label,
        hint: {
          text:
            d.linked_appraisal_id === null ? d.decision : `Already rests on another appraisal. ${d.decision}`,
        },
        disabled: d.linked_appraisal_id !== null,
        checked: values.decisionId === String(d.id),
      })),
      alternatives: alternativesConsidered(
        loaded.record.stages,
        loaded.record.options,
        loaded.record.decisions,
      ),
      ...withProblems(problems),
    });

  app.get<{ Params: AppraisalParams }>(`${APPRAISAL}/decision`, edit, async (req, reply) => {
    const loaded = await loadAppraisal(db, req, reply);
    if (!loaded) return reply;
    if (loaded.record.decisionId !== null) return refuseIfFrozen(loaded, reply).then(() => reply);
    return showLink(reply, loaded, await listDecisionsForLinking(db, loaded.partnership.id), {
      decisionId: '',
    });
  });

  app.post<{ Params: AppraisalParams }>(`${APPRAISAL}/decision`, edit, async (req, reply) => {
    const loaded = await loadAppraisal(db, req, reply);
    if (!loaded) return reply;
    if (loaded.record.decisionId !== null) return refuseIfFrozen(loaded, reply).then(() => reply);
    const decisions = await listDecisionsForLinking(db, loaded.partnership.id);
    const raw = field(formBody(req.body), 'decisionId');
    const decision = decisions.find((d) => String(d.id) === raw);
    const problems: FieldProblems = {};
    if (!decision) problems.decisionId = 'Select the decision the appraisal informed';
    else {
      try {
        await transaction(db, (trx) =>
          linkAppraisalToDecision(
            trx,
            actorFor(req.principal),
            loaded.partnership.id,
            loaded.record.appraisal.id,
            decision.id,
          ),
        );
      } catch (e) {
        if (!(e instanceof AppraisalRequestError)) throw e;
        problems.decisionId = e.message;
      }
    }
    if (hasProblems(problems))
      return showLink(reply.code(400), loaded, decisions, { decisionId: raw }, problems);
    req.session.flash = `Linked to the decision (${decision?.label ?? ''}): the appraisal is frozen as its record`;
    return reply.redirect(loaded.href, 303);
  });

  app.get<{ Params: AppraisalParams; Querystring: Record<string, string | undefined> }>(
    `${APPRAISAL}/report`,
    { config: { action: 'appraisal:view' } },
    async (req, reply) => {
      const loaded = await loadAppraisal(db, req, reply);
      if (!loaded) return reply;
      const { record } = loaded;
      const smaa = readSmaaQuery(req.query);
      const query = hasProblems(smaa.problems) ? readSmaaQuery({}).query : smaa.query;
      const stages = record.stages.map((s) => {
        const view = stageView(record, s.id, query);
        const tree = stageTree({ stage: s, criteria: record.criteria, subsets: record.subsets });
        return { view, sourceStageId: tree.sourceStageId };
      });
      const decision =
        record.decisionId === null
          ? null
          : ((await listDecisionsForLinking(db, loaded.partnership.id)).find(
              (d) => d.id === record.decisionId,
            ) ?? null);
      return reply.view('appraisal/analysis/views/report.njk', {
        pageTitle: `Option appraisal for the board: ${record.appraisal.title}`,
        navSection: 'partnerships',
        breadcrumbs: appraisalCrumbs(loaded.partnership, record.appraisal),
        partnership: loaded.partnership,
        appraisal: record.appraisal,
        href: loaded.href,
        decision,
        stages: record.stages,
        stageViews: stages.map((s) => s.view).filter((v) => v !== null),
        smaaQuery: query,
        optionRows: record.options.map((o) => ({
          ...o,
          statuses: record.stages.map((s) => {
            const d = record.decisions.find((x) => x.optionId === o.id && x.stageId === s.id);
            return d ? { label: STATUS_LABELS[d.status], status: d.status, reason: d.reason } : null;
          }),
        })),
        alternatives: alternativesConsidered(record.stages, record.options, record.decisions),
      });
    },
  );
};
