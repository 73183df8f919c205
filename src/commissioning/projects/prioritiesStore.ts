/** The SQL of joint commissioning priorities: their strategies and outcome measures; every write audited. */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { listMeasures } from '../outcomes/index.js';
import {
  STRATEGIES,
  isStrategyKey,
  type PriorityInput,
  type PriorityStatus,
  type StrategyKey,
} from './priorities.js';

export interface Priority extends PriorityInput {
  id: number;
  partnershipId: number;
  illustrative: boolean;
}

export interface MeasureChoice {
  id: number;
  code: string;
  name: string;
}

/** The partnership's outcome measures (issue 6, scope 6), to link to priorities. */
export async function measureChoices(db: Executor, partnershipId: number): Promise<MeasureChoice[]> {
  return (await listMeasures(db, partnershipId))
    .map((m) => ({ id: m.id, code: m.code, name: m.name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

async function readPriorities(db: Executor, partnershipId: number, id?: number): Promise<Priority[]> {
  let q = db.selectFrom('commissioning_priorities').selectAll().where('partnership_id', '=', partnershipId);
  if (id !== undefined) q = q.where('id', '=', id);
  const rows = await q.orderBy('title').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const strategies = await db
    .selectFrom('priority_strategies')
    .select(['priority_id', 'strategy_key'])
    .where('partnership_id', '=', partnershipId)
    .where('priority_id', 'in', ids)
    .execute();
  const measures = await db
    .selectFrom('priority_measures')
    .select(['priority_id', 'measure_id'])
    .where('partnership_id', '=', partnershipId)
    .where('priority_id', 'in', ids)
    .orderBy('measure_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    title: r.title,
    description: r.description,
    // in the order of STRATEGIES, so that every page lists them alike
    strategies: strategies
      .filter((s) => s.priority_id === r.id)
      .map((s) => s.strategy_key)
      .filter(isStrategyKey)
      .sort(byStrategyOrder),
    ownerName: r.owner_name,
    ownerOrganisationId: r.owner_organisation_id,
    startsOn: r.starts_on,
    reviewOn: r.review_on,
    status: r.status,
    measureIds: measures.filter((m) => m.priority_id === r.id).map((m) => m.measure_id),
    illustrative: r.illustrative,
  }));
}

const STRATEGY_ORDER: readonly string[] = Object.keys(STRATEGIES);
const byStrategyOrder = (a: StrategyKey, b: StrategyKey) =>
  STRATEGY_ORDER.indexOf(a) - STRATEGY_ORDER.indexOf(b);

/** The partnership's priorities, by title. */
export const listPriorities = (db: Executor, partnershipId: number) => readPriorities(db, partnershipId);

export async function getPriority(db: Executor, partnershipId: number, id: number) {
  return (await readPriorities(db, partnershipId, id))[0];
}

/** True when another priority of the partnership has this title. */
export async function priorityTitleTaken(
  db: Executor,
  partnershipId: number,
  title: string,
  exceptId?: number,
) {
  let q = db
    .selectFrom('commissioning_priorities')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('title', '=', title);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

const snapshot = (p: Priority | undefined) =>
  p && {
    title: p.title,
    description: p.description,
    strategies: p.strategies,
    ownerName: p.ownerName,
    ownerOrganisationId: p.ownerOrganisationId,
    startsOn: p.startsOn,
    reviewOn: p.reviewOn,
    status: p.status,
    measureIds: p.measureIds,
  };

async function writeLinks(trx: Executor, partnershipId: number, id: number, input: PriorityInput) {
  await trx
    .deleteFrom('priority_strategies')
    .where('partnership_id', '=', partnershipId)
    .where('priority_id', '=', id)
    .execute();
  await trx
    .deleteFrom('priority_measures')
    .where('partnership_id', '=', partnershipId)
    .where('priority_id', '=', id)
    .execute();
  if (input.strategies.length > 0)
    await trx
      .insertInto('priority_strategies')
      .values(
        input.strategies.map((s) => ({ partnership_id: partnershipId, priority_id: id, strategy_key: s })),
      )
      .execute();
  if (input.measureIds.length > 0)
    await trx
      .insertInto('priority_measures')
      .values(
        input.measureIds.map((m) => ({ partnership_id: partnershipId, priority_id: id, measure_id: m })),
      )
      .execute();
}

const columns = (input: PriorityInput) => ({
  title: input.title.trim(),
  description: input.description.trim(),
  owner_name: input.ownerName.trim(),
  owner_organisation_id: input.ownerOrganisationId,
  starts_on: input.startsOn,
  review_on: input.reviewOn,
  status: input.status satisfies PriorityStatus,
});

export async function createPriority(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  input: PriorityInput & { illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('commissioning_priorities')
    .values({ partnership_id: partnershipId, ...columns(input), illustrative: input.illustrative ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(trx, partnershipId, row.id, input);
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'commissioning_priority',
    entityId: row.id,
    partnershipId,
    after: snapshot(await getPriority(trx, partnershipId, row.id)),
  });
  return row.id;
}

export async function updatePriority(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  id: number,
  input: PriorityInput,
): Promise<void> {
  const before = snapshot(await getPriority(trx, partnershipId, id));
  await trx
    .updateTable('commissioning_priorities')
    .set(columns(input))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
  await writeLinks(trx, partnershipId, id, input);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'commissioning_priority',
    entityId: id,
    partnershipId,
    before,
    after: snapshot(await getPriority(trx, partnershipId, id)),
  });
}
