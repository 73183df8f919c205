/**
 * The SQL of commissioning projects: their scope (services and schemes), funding, the appraisals and decisions
 * that govern them, and their moves round the commissioning cycle; every write audited.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import { countByStage, mayMove, STAGES, type ProjectInput, type Stage } from './rules.js';

export interface Project extends ProjectInput {
  id: number;
  partnershipId: number;
  stage: Stage;
  illustrative: boolean;
}

export interface ProjectSummary {
  id: number;
  title: string;
  stage: Stage;
  priorityId: number | null;
  leadOrganisationId: number | null;
  illustrative: boolean;
}

/** The partnership's projects, by title; only those under one priority when `priorityId` is given. */
export async function listProjects(
  db: Executor,
  partnershipId: number,
  priorityId?: number,
): Promise<ProjectSummary[]> {
  let q = db
    .selectFrom('commissioning_projects')
    .select(['id', 'title', 'stage', 'priority_id', 'lead_organisation_id', 'illustrative'])
    .where('partnership_id', '=', partnershipId);
  if (priorityId !== undefined) q = q.where('priority_id', '=', priorityId);
  const rows = await q.orderBy('title').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    stage: r.stage,
    priorityId: r.priority_id,
    leadOrganisationId: r.lead_organisation_id,
    illustrative: r.illustrative,
  }));
}

export async function getProject(
  db: Executor,
  partnershipId: number,
  id: number,
): Promise<Project | undefined> {
  const r = await db
    .selectFrom('commissioning_projects')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const of = { p: partnershipId, id };
  const services = await db
    .selectFrom('project_services')
    .select('service_key')
    .where('partnership_id', '=', of.p)
    .where('project_id', '=', of.id)
    .execute();
  const schemes = await db
    .selectFrom('project_schemes')
    .select('scheme_id')
    .where('partnership_id', '=', of.p)
    .where('project_id', '=', of.id)
    .orderBy('scheme_id')
    .execute();
  const funding = await db
    .selectFrom('project_funding')
    .selectAll()
    .where('partnership_id', '=', of.p)
    .where('project_id', '=', of.id)
    .orderBy('organisation_id')
    .execute();
  const appraisals = await db
    .selectFrom('project_appraisals')
    .select('appraisal_id')
    .where('partnership_id', '=', of.p)
    .where('project_id', '=', of.id)
    .orderBy('appraisal_id')
    .execute();
  const decisions = await db
    .selectFrom('project_decisions')
    .select('decision_id')
    .where('partnership_id', '=', of.p)
    .where('project_id', '=', of.id)
    .orderBy('decision_id')
    .execute();
  return {
    id: r.id,
    partnershipId: r.partnership_id,
    title: r.title,
    priorityId: r.priority_id,
    description: r.description,
    stage: r.stage,
    leadOrganisationId: r.lead_organisation_id,
    illustrative: r.illustrative,
    serviceKeys: services.map((s) => s.service_key),
    schemeIds: schemes.map((s) => s.scheme_id),
    funding: funding.map((f) => ({
      organisationId: f.organisation_id,
      arrangement: f.arrangement,
      amountPence: f.amount_pence === null ? null : pence(f.amount_pence),
    })),
    appraisalIds: appraisals.map((a) => a.appraisal_id),
    decisionIds: decisions.map((d) => d.decision_id),
  };
}

/** True when another project of the partnership has this title. */
export async function projectTitleTaken(
  db: Executor,
  partnershipId: number,
  title: string,
  exceptId?: number,
) {
  let q = db
    .selectFrom('commissioning_projects')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('title', '=', title);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The project's moves round the cycle, oldest first. */
export async function stageHistory(db: Executor, partnershipId: number, projectId: number) {
  const rows = await db
    .selectFrom('project_stage_moves')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('project_id', '=', projectId)
    .orderBy('moved_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    fromStage: r.from_stage,
    toStage: r.to_stage,
    movedBy: r.moved_by,
    movedAt: r.moved_at,
    note: r.note,
  }));
}

const snapshot = (p: Project | undefined) => p && { ...p, id: undefined, partnershipId: undefined };

async function writeLinks(trx: Executor, partnershipId: number, id: number, input: ProjectInput) {
  const tables = [
    'project_services',
    'project_schemes',
    'project_funding',
    'project_appraisals',
    'project_decisions',
  ] as const;
  for (const t of tables)
    await trx
      .deleteFrom(t)
      .where('partnership_id', '=', partnershipId)
      .where('project_id', '=', id)
      .execute();
  const of = { partnership_id: partnershipId, project_id: id };
  if (input.serviceKeys.length > 0)
    await trx
      .insertInto('project_services')
      .values(input.serviceKeys.map((k) => ({ ...of, service_key: k })))
      .execute();
  if (input.schemeIds.length > 0)
    await trx
      .insertInto('project_schemes')
      .values(input.schemeIds.map((s) => ({ ...of, scheme_id: s })))
      .execute();
  if (input.funding.length > 0)
    await trx
      .insertInto('project_funding')
      .values(
        input.funding.map((f) => ({
          ...of,
          organisation_id: f.organisationId,
          arrangement: f.arrangement,
          amount_pence: f.amountPence,
        })),
      )
      .execute();
  if (input.appraisalIds.length > 0)
    await trx
      .insertInto('project_appraisals')
      .values(input.appraisalIds.map((a) => ({ ...of, appraisal_id: a })))
      .execute();
  if (input.decisionIds.length > 0)
    await trx
      .insertInto('project_decisions')
      .values(input.decisionIds.map((d) => ({ ...of, decision_id: d })))
      .execute();
}

const columns = (input: ProjectInput) => ({
  title: input.title.trim(),
  priority_id: input.priorityId,
  description: input.description.trim(),
  lead_organisation_id: input.leadOrganisationId,
});

/** Adds a project; it starts at `stage` (analyse unless said otherwise), recorded as its first move. */
export async function createProject(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  input: ProjectInput & { stage?: Stage; illustrative?: boolean },
): Promise<number> {
  const stage = input.stage ?? 'analyse';
  const row = await trx
    .insertInto('commissioning_projects')
    .values({
      partnership_id: partnershipId,
      ...columns(input),
      stage,
      illustrative: input.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(trx, partnershipId, row.id, input);
  await trx
    .insertInto('project_stage_moves')
    .values({
      partnership_id: partnershipId,
      project_id: row.id,
      from_stage: null,
      to_stage: stage,
      moved_by: actor.label,
      note: 'Project recorded',
    })
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'commissioning_project',
    entityId: row.id,
    partnershipId,
    after: snapshot(await getProject(trx, partnershipId, row.id)),
  });
  return row.id;
}

/** Changes a project's details and links (not its stage, which moves only by `moveProjectStage`). */
export async function updateProject(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  input: ProjectInput,
): Promise<void> {
  const before = snapshot(await getProject(trx, partnershipId, id));
  await trx
    .updateTable('commissioning_projects')
    .set(columns(input))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
  await writeLinks(trx, partnershipId, id, input);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'commissioning_project',
    entityId: id,
    partnershipId,
    before,
    after: snapshot(await getProject(trx, partnershipId, id)),
  });
}

export class StageMoveRefused extends Error {}

/**
 * Moves a project to another stage of the cycle, if the cycle allows the move from the stage it is at now
 * (read under a row lock, so two officers cannot both move it from the same stage).
 */
export async function moveProjectStage(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  to: Stage,
  note: string,
): Promise<void> {
  const row = await trx
    .selectFrom('commissioning_projects')
    .select('stage')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!mayMove(row.stage, to))
    throw new StageMoveRefused(`A project at ${STAGES[row.stage].label} cannot move to ${STAGES[to].label}`);
  await trx
    .updateTable('commissioning_projects')
    .set({ stage: to })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('project_stage_moves')
    .values({
      partnership_id: partnershipId,
      project_id: id,
      from_stage: row.stage,
      to_stage: to,
      moved_by: actor.label,
      note: note.trim(),
    })
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'commissioning_project',
    entityId: id,
    partnershipId,
    before: { stage: row.stage },
    after: { stage: to, note: note.trim() },
  });
}

/** For the partnership dashboard (issue 6, scope 8): how many projects are at each stage, and where to see them. */
export async function projectsDashboardTile(db: Executor, partnershipId: number) {
  const projects = await listProjects(db, partnershipId);
  return {
    countsByStage: countByStage(projects.map((p) => p.stage)),
    total: projects.length,
    path: `/partnerships/${String(partnershipId)}/projects`,
  };
}
