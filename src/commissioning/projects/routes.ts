/**
 * Commissioning projects: the list by stage of the commissioning cycle, a project with everything that governs
 * it (priority, services and schemes in scope, funding partners, appraisals, decisions, the savings it delivers
 * and its moves round the cycle), and the forms to add and change a project and move its stage.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { formBody, type FormBody } from '../../kernel/forms.js';
import { sumPence, toDecimalString } from '../../kernel/money.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { SERVICES, serviceByKey } from '../../partnerships/index.js';
import { listFunds } from '../../ledger/funds/index.js';
import { listSchemes } from '../../ledger/funds/index.js';
import { listAppraisals } from '../../appraisal/appraisals/index.js';
import { listDecisionsForLinking } from '../../appraisal/decisionLink/index.js';
import { FUNDING_ARRANGEMENTS, STAGES, STAGE_MOVES, STAGE_ORDER, type ProjectInput } from './rules.js';
import { readProjectForm, readStageMove } from './schema.js';
import {
  StageMoveRefused,
  createProject,
  getProject,
  listProjects,
  moveProjectStage,
  projectTitleTaken,
  stageHistory,
  updateProject,
  type Project,
} from './store.js';
import { listPriorities } from './prioritiesStore.js';
import { listSavingsLinesOfProject } from '../savings/index.js';

type ProjectParams = PartnershipParams & { projectId: string };
type Partner = { id: number; name: string };
type Partnership = { id: number; name: string };

const labels = { STAGES, FUNDING_ARRANGEMENTS };

export const projectRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const crumbs = (partnership: Partnership) =>
    breadcrumbsFor(partnership, { text: 'Projects', href: `/partnerships/${partnership.id}/projects` });

  /** What a project may be linked to in this partnership. */
  async function choicesOf(partnershipId: number) {
    const schemes = [];
    for (const fund of await listFunds(db, partnershipId))
      for (const s of await listSchemes(db, partnershipId, fund.id))
        schemes.push({
          id: s.id,
          fundId: fund.id,
          code: s.code,
          name: s.name,
          label: `${s.code} ${s.name} (${fund.name}, ${financialYearLabel(fund.financial_year)})`,
        });
    return {
      priorities: await listPriorities(db, partnershipId),
      schemes,
      appraisals: (await listAppraisals(db, partnershipId)).map((a) => ({ id: a.id, title: a.title })),
      decisions: (await listDecisionsForLinking(db, partnershipId)).map((d) => ({
        id: d.id,
        label: d.label,
      })),
      services: SERVICES.map((s) => ({ key: s.key, name: s.name, description: s.description })),
    };
  }

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/projects',
    { config: { action: 'projects:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const projects = await listProjects(db, partnership.id);
      const priorities = await listPriorities(db, partnership.id);
      const rows = projects.map((p) => ({
        ...p,
        priority: priorities.find((x) => x.id === p.priorityId) ?? null,
        lead: partners.find((x) => x.id === p.leadOrganisationId)?.name ?? '',
      }));
      return reply.view('commissioning/projects/views/projects.njk', {
        pageTitle: `Commissioning projects of ${partnership.name}`,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership, { text: 'Projects' }),
        partnership,
        byStage: STAGE_ORDER.map((stage) => ({
          stage,
          ...STAGES[stage],
          projects: rows.filter((p) => p.stage === stage),
        })),
        total: projects.length,
        labels,
        can: canIn(req, partnership.id),
      });
    },
  );

  const showForm = async (
    reply: FastifyReply,
    partnership: Partnership,
    partners: Partner[],
    data: { values: FormBody; project?: Project; problems?: Record<string, string> },
  ) =>
    reply.view('commissioning/projects/views/projectForm.njk', {
      pageTitle: data.project ? `Change ${data.project.title}` : 'Add a commissioning project',
      navSection: 'partnerships',
      breadcrumbs: crumbs(partnership),
      partnership,
      partners,
      project: data.project ?? null,
      choices: await choicesOf(partnership.id),
      labels,
      values: data.values,
      ...(data.problems ? withProblems(data.problems) : {}),
    });

  const valuesOf = (p: ProjectInput): FormBody => {
    const v: FormBody = {
      title: p.title,
      description: p.description,
      priorityId: p.priorityId === null ? '' : String(p.priorityId),
      leadOrganisationId: p.leadOrganisationId === null ? '' : String(p.leadOrganisationId),
      services: p.serviceKeys,
      schemes: p.schemeIds.map(String),
      appraisals: p.appraisalIds.map(String),
      decisions: p.decisionIds.map(String),
    };
    for (const f of p.funding) {
      v[`funding-${String(f.organisationId)}`] = f.arrangement;
      v[`amount-${String(f.organisationId)}`] = f.amountPence === null ? '' : toDecimalString(f.amountPence);
    }
    return v;
  };

  async function readForm(partnershipId: number, partners: Partner[], body: unknown, exceptId?: number) {
    const c = await choicesOf(partnershipId);
    const parsed = readProjectForm(body, {
      partnerIds: new Set(partners.map((p) => p.id)),
      priorityIds: new Set(c.priorities.map((p) => p.id)),
      schemeIds: new Set(c.schemes.map((s) => s.id)),
      appraisalIds: new Set(c.appraisals.map((a) => a.id)),
      decisionIds: new Set(c.decisions.map((d) => d.id)),
    });
    if (parsed.ok && (await projectTitleTaken(db, partnershipId, parsed.value.title, exceptId)))
      return {
        ok: false as const,
        problems: { title: 'The partnership already has a project with this title' },
      };
    return parsed;
  }

  app.get<{ Params: PartnershipParams; Querystring: { priority?: string } }>(
    '/partnerships/:partnershipId/projects/new',
    { config: { action: 'projects:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showForm(reply, loaded.partnership, loaded.partners, {
        values: { priorityId: idParam(req.query.priority) === null ? '' : (req.query.priority ?? '') },
      });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/projects',
    { config: { action: 'projects:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const parsed = await readForm(partnership.id, partners, req.body);
      if (!parsed.ok)
        return showForm(reply.code(400), partnership, partners, { values: body, problems: parsed.problems });
      const id = await transaction(db, (trx) =>
        createProject(trx, actorFor(req.principal), partnership.id, parsed.value),
      );
      req.session.flash = `Project added: ${parsed.value.title}`;
      return reply.redirect(`/partnerships/${partnership.id}/projects/${id}`, 303);
    },
  );

  async function loadProject(req: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.projectId);
    const project = id === null ? undefined : await getProject(db, loaded.partnership.id, id);
    if (!project) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    return { ...loaded, project };
  }

  async function showProject(
    req: FastifyRequest,
    reply: FastifyReply,
    found: { partnership: Partnership; partners: Partner[]; project: Project },
    form?: { values: FormBody; problems: Record<string, string> },
  ) {
    const { partnership, partners, project } = found;
    const c = await choicesOf(partnership.id);
    const partnerName = (id: number | null) => partners.find((p) => p.id === id)?.name ?? '';
    const savings = (await listSavingsLinesOfProject(db, partnership.id, project.id)).map((l) => ({
      ...l,
      partner: partnerName(l.organisationId),
      plannedPence: sumPence(l.months.map((m) => m.plannedPence)),
      achievedPence: sumPence(l.months.map((m) => m.achievedPence ?? 0)),
    }));
    const known = project.funding.filter((f) => f.amountPence !== null).map((f) => f.amountPence ?? 0);
    const can = canIn(req, partnership.id);
    return reply.view('commissioning/projects/views/project.njk', {
      pageTitle: project.title,
      navSection: 'partnerships',
      breadcrumbs: crumbs(partnership),
      partnership,
      project,
      stage: STAGES[project.stage],
      moves: STAGE_MOVES[project.stage].map((s) => ({ value: s, text: STAGES[s].label })),
      priority: c.priorities.find((p) => p.id === project.priorityId) ?? null,
      lead: partnerName(project.leadOrganisationId),
      services: project.serviceKeys.map((k) => serviceByKey(k)).filter((s) => s !== undefined),
      schemes: c.schemes.filter((s) => project.schemeIds.includes(s.id)),
      funding: project.funding.map((f) => ({ ...f, partner: partnerName(f.organisationId) })),
      fundingTotalPence: known.length > 0 ? sumPence(known) : null,
      appraisals: c.appraisals.filter((a) => project.appraisalIds.includes(a.id)),
      decisions: c.decisions.filter((d) => project.decisionIds.includes(d.id)),
      savings,
      savingsPlannedPence: sumPence(savings.map((s) => s.plannedPence)),
      savingsAchievedPence: sumPence(savings.map((s) => s.achievedPence)),
      stageHistory: (await stageHistory(db, partnership.id, project.id)).map((m) => ({
        ...m,
        from: m.fromStage ? STAGES[m.fromStage].label : null,
        to: STAGES[m.toStage].label,
      })),
      labels,
      values: form?.values ?? {},
      ...(form ? withProblems(form.problems) : {}),
      can,
      history: can('history:view')
        ? describeHistory(await historyOf(db, 'commissioning_project', project.id))
        : null,
    });
  }

  app.get<{ Params: ProjectParams }>(
    '/partnerships/:partnershipId/projects/:projectId',
    { config: { action: 'projects:view' } },
    async (req, reply) => {
      const found = await loadProject(req, reply);
      return found ? showProject(req, reply, found) : reply;
    },
  );

  app.get<{ Params: ProjectParams }>(
    '/partnerships/:partnershipId/projects/:projectId/edit',
    { config: { action: 'projects:edit' } },
    async (req, reply) => {
      const found = await loadProject(req, reply);
      if (!found) return reply;
      return showForm(reply, found.partnership, found.partners, {
        values: valuesOf(found.project),
        project: found.project,
      });
    },
  );

  app.post<{ Params: ProjectParams }>(
    '/partnerships/:partnershipId/projects/:projectId/edit',
    { config: { action: 'projects:edit' } },
    async (req, reply) => {
      const found = await loadProject(req, reply);
      if (!found) return reply;
      const { partnership, partners, project } = found;
      const body = formBody(req.body);
      const parsed = await readForm(partnership.id, partners, req.body, project.id);
      if (!parsed.ok)
        return showForm(reply.code(400), partnership, partners, {
          values: body,
          project,
          problems: parsed.problems,
        });
      await transaction(db, (trx) =>
        updateProject(trx, actorFor(req.principal), partnership.id, project.id, parsed.value),
      );
      req.session.flash = `Project changed: ${parsed.value.title}`;
      return reply.redirect(`/partnerships/${partnership.id}/projects/${project.id}`, 303);
    },
  );

  app.post<{ Params: ProjectParams }>(
    '/partnerships/:partnershipId/projects/:projectId/stage',
    { config: { action: 'projects:edit' } },
    async (req, reply) => {
      const found = await loadProject(req, reply);
      if (!found) return reply;
      const { partnership, project } = found;
      const body = formBody(req.body);
      const parsed = readStageMove(req.body, project.stage);
      if (!parsed.ok)
        return showProject(req, reply.code(400), found, { values: body, problems: parsed.problems });
      try {
        await transaction(db, (trx) =>
          moveProjectStage(
            trx,
            actorFor(req.principal),
            partnership.id,
            project.id,
            parsed.value.to,
            parsed.value.note,
          ),
        );
      } catch (e) {
        // another officer moved it first: show the page as it now stands, with the reason
        if (!(e instanceof StageMoveRefused)) throw e;
        const now = await getProject(db, partnership.id, project.id);
        return showProject(
          req,
          reply.code(409),
          { ...found, project: now ?? project },
          {
            values: body,
            problems: { stage: e.message },
          },
        );
      }
      req.session.flash = `Moved to ${STAGES[parsed.value.to].label}`;
      return reply.redirect(`/partnerships/${partnership.id}/projects/${project.id}`, 303);
    },
  );
};
