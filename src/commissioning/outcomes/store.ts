/**
 * The SQL of outcome measures: definitions, values, targets and interventions of a partnership; every write
 * audited in the same transaction.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import type { MeasureDefinition } from './rules.js';
import { existingKey, type ImportRow } from './importValues.js';
import {
  buildSeries,
  hasSpecialCause,
  type Intervention,
  type LimitsChoice,
  type MeasureSeries,
  type StoredTarget,
  type StoredValue,
} from './series.js';

export interface Measure extends MeasureDefinition {
  id: number;
  partnershipId: number;
  catalogueCode: string | null;
  illustrative: boolean;
}

type MeasureRow = Awaited<ReturnType<typeof measureRows>>[number];

function measureRows(db: Executor, partnershipId: number, id?: number) {
  let q = db.selectFrom('outcome_measures').selectAll().where('partnership_id', '=', partnershipId);
  if (id !== undefined) q = q.where('id', '=', id);
  return q.orderBy('name').orderBy('id').execute();
}

const toMeasure = (r: MeasureRow): Measure => ({
  id: r.id,
  partnershipId: r.partnership_id,
  code: r.code,
  catalogueCode: r.catalogue_code,
  name: r.name,
  version: r.version,
  numeratorDescription: r.numerator_description,
  denominatorDescription: r.denominator_description,
  multiplier: r.multiplier,
  standardisation: r.standardisation,
  unit: r.unit,
  polarity: r.polarity,
  source: r.source,
  frequency: r.frequency,
  decimals: r.decimals,
  illustrative: r.illustrative,
});

export async function listMeasures(db: Executor, partnershipId: number): Promise<Measure[]> {
  return (await measureRows(db, partnershipId)).map(toMeasure);
}

export async function getMeasure(
  db: Executor,
  partnershipId: number,
  id: number,
): Promise<Measure | undefined> {
  const r = (await measureRows(db, partnershipId, id))[0];
  return r && toMeasure(r);
}

export async function getMeasureByCode(
  db: Executor,
  partnershipId: number,
  code: string,
): Promise<Measure | undefined> {
  const r = await db
    .selectFrom('outcome_measures')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r && toMeasure(r);
}

/** Adds a measure (from the catalogue, or defined locally when catalogueCode is null). */
export async function createMeasure(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  def: MeasureDefinition & { catalogueCode: string | null; illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('outcome_measures')
    .values({
      partnership_id: partnershipId,
      code: def.code,
      catalogue_code: def.catalogueCode,
      version: def.version,
      name: def.name,
      numerator_description: def.numeratorDescription,
      denominator_description: def.denominatorDescription,
      multiplier: def.multiplier,
      standardisation: def.standardisation,
      unit: def.unit,
      polarity: def.polarity,
      source: def.source,
      frequency: def.frequency,
      decimals: def.decimals,
      illustrative: def.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'outcome_measure',
    entityId: row.id,
    partnershipId,
    after: def,
  });
  return row.id;
}

async function valuesOf(db: Executor, partnershipId: number, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('outcome_values')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('measure_id', 'in', measureIds)
    .orderBy('period_start')
    .execute();
}

async function targetsOf(db: Executor, partnershipId: number, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('outcome_targets')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('measure_id', 'in', measureIds)
    .orderBy('period_start')
    .execute();
}

async function interventionsOf(db: Executor, partnershipId: number, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('outcome_interventions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('measure_id', 'in', measureIds)
    .orderBy('started_on')
    .orderBy('id')
    .execute();
}

/** Each measure with its series (values, targets, interventions, control chart). */
export async function measuresWithSeries(
  db: Executor,
  partnershipId: number,
  only?: { id: number; limits: LimitsChoice },
): Promise<{ measure: Measure; series: MeasureSeries }[]> {
  const measures = only
    ? ((await getMeasure(db, partnershipId, only.id)) ?? null)
    : await listMeasures(db, partnershipId);
  const list = measures === null ? [] : Array.isArray(measures) ? measures : [measures];
  const ids = list.map((m) => m.id);
  const [values, targets, interventions] = await Promise.all([
    valuesOf(db, partnershipId, ids),
    targetsOf(db, partnershipId, ids),
    interventionsOf(db, partnershipId, ids),
  ]);
  return list.map((measure) => ({
    measure,
    series: buildSeries(
      measure,
      values
        .filter((v) => v.measure_id === measure.id)
        .map((v): StoredValue => ({
          period: v.period,
          periodStart: v.period_start,
          numerator: v.numerator,
          denominator: v.denominator,
          publishedValue: v.published_value,
          illustrative: v.illustrative,
        })),
      targets
        .filter((t) => t.measure_id === measure.id)
        .map((t): StoredTarget => ({ period: t.period, periodStart: t.period_start, target: t.target })),
      interventions
        .filter((i) => i.measure_id === measure.id)
        .map((i): Intervention => ({
          id: i.id,
          startedOn: i.started_on,
          label: i.label,
          description: i.description,
          illustrative: i.illustrative,
        })),
      only?.limits,
    ),
  }));
}

/** `measureId|period` of every value recorded in the partnership, to check an import against. */
export async function recordedValueKeys(db: Executor, partnershipId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('outcome_values')
    .select(['measure_id', 'period'])
    .where('partnership_id', '=', partnershipId)
    .execute();
  return new Set(rows.map((r) => existingKey(r.measure_id, r.period)));
}

const figures = (r: { numerator: string; denominator: string | null; published_value: string | null }) => ({
  numerator: r.numerator,
  denominator: r.denominator,
  publishedValue: r.published_value,
});

/**
 * Saves checked rows: new periods inserted, recorded ones replaced. One audit event per measure names the periods,
 * with the values replaced (before) and the values saved (after). Call in a transaction: all or nothing.
 */
export async function saveImportedValues(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  rows: readonly ImportRow[],
  options: { illustrative?: boolean } = {},
): Promise<{ added: number; replaced: number }> {
  const byMeasure = new Map<number, ImportRow[]>();
  for (const r of rows) byMeasure.set(r.measureId, [...(byMeasure.get(r.measureId) ?? []), r]);
  let added = 0;
  let replaced = 0;
  for (const [measureId, list] of byMeasure) {
    const periods = list.map((r) => r.period);
    const old = await trx
      .selectFrom('outcome_values')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('measure_id', '=', measureId)
      .where('period', 'in', periods)
      .forUpdate()
      .execute();
    if (old.length > 0)
      await trx
        .deleteFrom('outcome_values')
        .where('partnership_id', '=', partnershipId)
        .where('measure_id', '=', measureId)
        .where('period', 'in', periods)
        .execute();
    for (let i = 0; i < list.length; i += 1000)
      await trx
        .insertInto('outcome_values')
        .values(
          list.slice(i, i + 1000).map((r) => ({
            partnership_id: partnershipId,
            measure_id: measureId,
            period: r.period,
            period_start: r.periodStart,
            numerator: r.numerator,
            denominator: r.denominator,
            published_value: r.publishedValue,
            illustrative: options.illustrative ?? false,
          })),
        )
        .execute();
    added += list.length - old.length;
    replaced += old.length;
    await recordAuditEvent(trx, actor, {
      action: old.length > 0 ? 'update' : 'create',
      entityType: 'outcome_measure',
      entityId: measureId,
      partnershipId,
      before:
        old.length > 0 ? { values: Object.fromEntries(old.map((o) => [o.period, figures(o)])) } : undefined,
      after: {
        values: Object.fromEntries(
          list.map((r) => [
            r.period,
            { numerator: r.numerator, denominator: r.denominator, publishedValue: r.publishedValue },
          ]),
        ),
      },
    });
  }
  return { added, replaced };
}

/** Sets the target for each period given (replacing any there), audited with the targets it replaced. */
export async function setTargets(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  measureId: number,
  targets: readonly { period: string; periodStart: string; target: string }[],
): Promise<void> {
  if (targets.length === 0) return;
  const periods = targets.map((t) => t.period);
  const old = await trx
    .selectFrom('outcome_targets')
    .select(['period', 'target'])
    .where('partnership_id', '=', partnershipId)
    .where('measure_id', '=', measureId)
    .where('period', 'in', periods)
    .forUpdate()
    .execute();
  await trx
    .deleteFrom('outcome_targets')
    .where('partnership_id', '=', partnershipId)
    .where('measure_id', '=', measureId)
    .where('period', 'in', periods)
    .execute();
  await trx
    .insertInto('outcome_targets')
    .values(
      targets.map((t) => ({
        partnership_id: partnershipId,
        measure_id: measureId,
        period: t.period,
        period_start: t.periodStart,
        target: t.target,
      })),
    )
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'outcome_measure',
    entityId: measureId,
    partnershipId,
    before:
      old.length > 0 ? { targets: Object.fromEntries(old.map((o) => [o.period, o.target])) } : undefined,
    after: { targets: Object.fromEntries(targets.map((t) => [t.period, t.target])) },
  });
}

export async function addIntervention(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  measureId: number,
  input: { startedOn: string; label: string; description: string; illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('outcome_interventions')
    .values({
      partnership_id: partnershipId,
      measure_id: measureId,
      started_on: input.startedOn,
      label: input.label,
      description: input.description,
      illustrative: input.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'outcome_measure',
    entityId: measureId,
    partnershipId,
    after: {
      intervention: {
        id: row.id,
        startedOn: input.startedOn,
        label: input.label,
        description: input.description,
      },
    },
  });
  return row.id;
}

export interface OutcomesTile {
  measures: number;
  onTrack: number;
  offTrack: number;
  /** Measures with a value but no target for its latest period. */
  noTarget: number;
  /** Measures whose latest points show special-cause variation (improvement or concern). */
  specialCause: number;
  path: string;
}

/** The figures of the outcomes tile on the partnership dashboard (issue 6). */
export async function outcomesDashboardTile(db: Executor, partnershipId: number): Promise<OutcomesTile> {
  const all = await measuresWithSeries(db, partnershipId);
  const count = (f: (s: MeasureSeries) => boolean) => all.filter((x) => f(x.series)).length;
  return {
    measures: all.length,
    onTrack: count((s) => s.status === 'on-track'),
    offTrack: count((s) => s.status === 'off-track'),
    noTarget: count((s) => s.status === 'no-target'),
    specialCause: count(hasSpecialCause),
    path: `/partnerships/${partnershipId}/outcomes`,
  };
}
