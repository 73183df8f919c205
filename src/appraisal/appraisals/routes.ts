/** The appraisals of a partnership: the list, a new appraisal, the appraisal page with its results, freezing. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { field, hasProblems, formBody } from '../../kernel/forms.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { withProblems } from '../../http/request.js';
import { alternativesConsidered } from '../analysis/index.js';
import { appraisalWorkbook } from '../analysis/index.js';
import { readAppraisalForm, readSmaaQuery } from './schema.js';
import { stageView } from '../analysis/index.js';
import { createAppraisal, freezeAppraisal, listAppraisals } from './store.js';
import { listDecisionsForLinking } from '../decisionLink/index.js';
import {
  appraisalCrumbs,
  loadAppraisal,
  refuseIfFrozen,
  type AppraisalParams,
  type LoadedAppraisal,
} from './appraisalOfRequest.js';
import type { FieldProblems } from '../../kernel/result.js';

const STATUS_LABELS = {
  carried_forward: 'Carried forward',
  rejected: 'Rejected',
  preferred: 'Preferred',
} as const;

export const appraisalPageRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/appraisals',
    { config: { action: 'appraisal:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return reply.view('appraisal/appraisals/views/list.njk', {
        pageTitle: `Option appraisals of ${loaded.partnership.name}`,
        navSection: 'partnerships',
        breadcrumbs: appraisalCrumbs(loaded.partnership).slice(0, 2),
        partnership: loaded.partnership,
        appraisals: await listAppraisals(db, loaded.partnership.id),
        can: canIn(req, loaded.partnership.id),
      });
    },
  );

  const showForm = (
    reply: FastifyReply,
    partnership: { id: number; name: string },
    extra: Record<string, unknown>,
  ) =>
    reply.view('appraisal/appraisals/views/appraisalForm.njk', {
      pageTitle: 'Start an option appraisal',
      navSection: 'partnerships',
      breadcrumbs: appraisalCrumbs(partnership),
      partnership,
      values: { combination: 'mean' },
      ...extra,
    });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/appraisals/new',
    { config: { action: 'appraisal:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showForm(reply, loaded.partnership, {});
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/appraisals',
    { config: { action: 'appraisal:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const { problems, fields } = readAppraisalForm(body);
      if (hasProblems(problems))
        return showForm(reply.code(400), loaded.partnership, { values: body, ...withProblems(problems) });
      const id = await transaction(db, (trx) =>
        createAppraisal(trx, actorFor(req.principal), loaded.partnership.id, fields),
      );
      req.session.flash = `Started the appraisal “${fields.title}”`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/appraisals/${id}`, 303);
    },
  );

  /** The appraisal page; `freezeProblems` re-renders it with the freeze form's error summary. */
  const showAppraisal = async (
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedAppraisal,
    query: Record<string, string | undefined>,
    freezeProblems: FieldProblems = {},
  ) => {
    const { record, partnership } = loaded;
    const linkedDecision =
      record.decisionId === null
        ? null
        : ((await listDecisionsForLinking(db, partnership.id)).find((d) => d.id === record.decisionId) ??
          null);
    const stageId = Number(query.stage ?? record.stages[0]?.id ?? 0);
    const smaa = readSmaaQuery(query);
    const view = stageView(record, stageId, hasProblems(smaa.problems) ? null : smaa.query);
    const optionRows = record.options.map((o) => ({
      ...o,
      runningNow: view?.options.some((x) => x.id === o.id) ?? false,
      statuses: record.stages.map((s) => {
        const d = record.decisions.find((x) => x.optionId === o.id && x.stageId === s.id);
        return d ? { label: STATUS_LABELS[d.status], status: d.status, reason: d.reason } : null;
      }),
    }));
    return reply.view('appraisal/appraisals/views/show.njk', {
      pageTitle: record.appraisal.title,
      navSection: 'partnerships',
      breadcrumbs: appraisalCrumbs(partnership),
      partnership,
      appraisal: record.appraisal,
      href: loaded.href,
      stages: record.stages,
      optionRows,
      view,
      smaaQuery: smaa.query,
      ...withProblems({ ...smaa.problems, ...freezeProblems }),
      alternatives: alternativesConsidered(record.stages, record.options, record.decisions),
      editable: record.appraisal.status === 'draft' && canIn(req, partnership.id)('appraisal:edit'),
      linkedDecision,
      mayLink: record.decisionId === null && canIn(req, partnership.id)('appraisal:edit'),
      can: canIn(req, partnership.id),
    });
  };

  app.get<{ Params: AppraisalParams; Querystring: Record<string, string | undefined> }>(
    '/partnerships/:partnershipId/appraisals/:appraisalId',
    { config: { action: 'appraisal:view' } },
    async (req, reply) => {
      const loaded = await loadAppraisal(db, req, reply);
      if (!loaded) return reply;
      return showAppraisal(req, reply, loaded, req.query);
    },
  );

  app.get<{ Params: AppraisalParams }>(
    '/partnerships/:partnershipId/appraisals/:appraisalId/appraisal.xlsx',
    { config: { action: 'appraisal:view' } },
    async (req, reply) => {
      const loaded = await loadAppraisal(db, req, reply);
      if (!loaded) return reply;
      const body = await appraisalWorkbook(loaded.record);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="appraisal-${loaded.record.appraisal.id}.xlsx"`)
        .send(body);
    },
  );

  app.post<{ Params: AppraisalParams }>(
    '/partnerships/:partnershipId/appraisals/:appraisalId/freeze',
    { config: { action: 'appraisal:edit' } },
    async (req, reply) => {
      const loaded = await loadAppraisal(db, req, reply);
      if (!loaded) return reply;
      if (await refuseIfFrozen(loaded, reply)) return reply;
      const reference = field(formBody(req.body), 'decisionReference');
      if (reference === '')
        return showAppraisal(
          req,
          reply.code(400),
          loaded,
          {},
          {
            decisionReference:
              'Enter the reference of the decision the appraisal informed, like Cabinet 18 July 2017',
          },
        );
      await transaction(db, (trx) =>
        freezeAppraisal(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          loaded.record.appraisal.id,
          reference,
        ),
      );
      req.session.flash = `Froze the appraisal as the record of decision ${reference}`;
      return reply.redirect(loaded.href, 303);
    },
  );
};
