/**
 * Joint commissioning priorities: the list, a priority with its strategies, outcome measures and the projects
 * under it, and the forms to add and change one.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { dateInputValues, type FormBody, formBody } from '../../kernel/forms.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { PRIORITY_STATUSES, STRATEGIES, type PriorityInput } from './priorities.js';
import { readPriorityForm } from './schema.js';
import { STAGES } from './rules.js';
import {
  createPriority,
  getPriority,
  listPriorities,
  measureChoices,
  priorityTitleTaken,
  updatePriority,
  type Priority,
} from './prioritiesStore.js';
import { listProjects } from './store.js';

type PriorityParams = PartnershipParams & { priorityId: string };
type Partner = { id: number; name: string };

const labels = { STRATEGIES, PRIORITY_STATUSES, STAGES };
const DATE_FIELDS = ['startsOn', 'reviewOn'];

const ownerOf = (p: Pick<PriorityInput, 'ownerName' | 'ownerOrganisationId'>, partners: Partner[]) =>
  [p.ownerName, partners.find((x) => x.id === p.ownerOrganisationId)?.name]
    .filter((x) => x !== undefined && x !== '')
    .join(', ');

export const priorityRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const crumbs = (partnership: { id: number; name: string }) =>
    breadcrumbsFor(partnership, { text: 'Priorities', href: `/partnerships/${partnership.id}/priorities` });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/priorities',
    { config: { action: 'priorities:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const projects = await listProjects(db, partnership.id);
      const priorities = (await listPriorities(db, partnership.id)).map((p) => ({
        ...p,
        owner: ownerOf(p, partners),
        projects: projects.filter((x) => x.priorityId === p.id).length,
      }));
      return reply.view('commissioning/projects/views/priorities.njk', {
        pageTitle: `Joint commissioning priorities of ${partnership.name}`,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership, { text: 'Priorities' }),
        partnership,
        priorities,
        labels,
        can: canIn(req, partnership.id),
      });
    },
  );

  const showForm = async (
    reply: FastifyReply,
    partnership: { id: number; name: string },
    partners: Partner[],
    data: { values: FormBody; priority?: Priority; problems?: Record<string, string> },
  ) =>
    reply.view('commissioning/projects/views/priorityForm.njk', {
      pageTitle: data.priority ? `Change ${data.priority.title}` : 'Add a priority',
      navSection: 'partnerships',
      breadcrumbs: crumbs(partnership),
      partnership,
      partners,
      priority: data.priority ?? null,
      measures: await measureChoices(db, partnership.id),
      labels,
      values: data.values,
      ...(data.problems ? withProblems(data.problems, DATE_FIELDS) : {}),
    });

  /** The form's values for a stored priority. */
  const valuesOf = (p: Priority): FormBody => ({
    title: p.title,
    description: p.description,
    strategies: p.strategies,
    ownerName: p.ownerName,
    ownerOrganisationId: p.ownerOrganisationId === null ? '' : String(p.ownerOrganisationId),
    status: p.status,
    measures: p.measureIds.map(String),
    ...dateInputValues('startsOn', p.startsOn),
    ...dateInputValues('reviewOn', p.reviewOn),
  });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/priorities/new',
    { config: { action: 'priorities:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showForm(reply, loaded.partnership, loaded.partners, { values: { status: 'active' } });
    },
  );

  /** Reads and checks the form; the problems, or the input. */
  async function readForm(partnershipId: number, partners: Partner[], body: unknown, exceptId?: number) {
    const measures = await measureChoices(db, partnershipId);
    const parsed = readPriorityForm(
      body,
      new Set(partners.map((p) => p.id)),
      new Set(measures.map((m) => m.id)),
    );
    if (parsed.ok && (await priorityTitleTaken(db, partnershipId, parsed.value.title, exceptId)))
      return {
        ok: false as const,
        problems: { title: 'The partnership already has a priority with this title' },
      };
    return parsed;
  }

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/priorities',
    { config: { action: 'priorities:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const parsed = await readForm(partnership.id, partners, req.body);
      if (!parsed.ok)
        return showForm(reply.code(400), partnership, partners, { values: body, problems: parsed.problems });
      const id = await transaction(db, (trx) =>
        createPriority(trx, actorFor(req.principal), partnership.id, parsed.value),
      );
      req.session.flash = `Priority added: ${parsed.value.title}`;
      return reply.redirect(`/partnerships/${partnership.id}/priorities/${id}`, 303);
    },
  );

  async function loadPriority(req: FastifyRequest<{ Params: PriorityParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.priorityId);
    const priority = id === null ? undefined : await getPriority(db, loaded.partnership.id, id);
    if (!priority) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    return { ...loaded, priority };
  }

  app.get<{ Params: PriorityParams }>(
    '/partnerships/:partnershipId/priorities/:priorityId',
    { config: { action: 'priorities:view' } },
    async (req, reply) => {
      const found = await loadPriority(req, reply);
      if (!found) return reply;
      const { partnership, partners, priority } = found;
      const measures = await measureChoices(db, partnership.id);
      const can = canIn(req, partnership.id);
      return reply.view('commissioning/projects/views/priority.njk', {
        pageTitle: priority.title,
        navSection: 'partnerships',
        breadcrumbs: crumbs(partnership),
        partnership,
        priority,
        owner: ownerOf(priority, partners),
        strategies: priority.strategies.map((k) => STRATEGIES[k]),
        measures: measures.filter((m) => priority.measureIds.includes(m.id)),
        projects: await listProjects(db, partnership.id, priority.id),
        labels,
        can,
        history: can('history:view')
          ? describeHistory(await historyOf(db, 'commissioning_priority', priority.id))
          : null,
      });
    },
  );

  app.get<{ Params: PriorityParams }>(
    '/partnerships/:partnershipId/priorities/:priorityId/edit',
    { config: { action: 'priorities:edit' } },
    async (req, reply) => {
      const found = await loadPriority(req, reply);
      if (!found) return reply;
      return showForm(reply, found.partnership, found.partners, {
        values: valuesOf(found.priority),
        priority: found.priority,
      });
    },
  );

  app.post<{ Params: PriorityParams }>(
    '/partnerships/:partnershipId/priorities/:priorityId/edit',
    { config: { action: 'priorities:edit' } },
    async (req, reply) => {
      const found = await loadPriority(req, reply);
      if (!found) return reply;
      const { partnership, partners, priority } = found;
      const body = formBody(req.body);
      const parsed = await readForm(partnership.id, partners, req.body, priority.id);
      if (!parsed.ok)
        return showForm(reply.code(400), partnership, partners, {
          values: body,
          priority,
          problems: parsed.problems,
        });
      await transaction(db, (trx) =>
        updatePriority(trx, actorFor(req.principal), partnership.id, priority.id, parsed.value),
      );
      req.session.flash = `Priority changed: ${parsed.value.title}`;
      return reply.redirect(`/partnerships/${partnership.id}/priorities/${priority.id}`, 303);
    },
  );
};
