/**
 * Outcome measures: the partnership's measures with their latest value, target and SPC signal; a measure with its
 * charts (actual against target, and the run chart) and their tables; CSV of its values; adding a measure from
 * the catalogue; importing values from CSV (all or nothing); setting targets; recording an intervention.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { csvLines } from '../../kernel/csv.js';
import { formBody, type FormBody } from '../../kernel/forms.js';
import type { FieldProblems } from '../../kernel/result.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import {
  FREQUENCIES,
  MEASURE_CATALOGUE,
  PERIOD_FORMATS,
  POLARITIES,
  SOURCES,
  STANDARDISATIONS,
  TRACK_LABELS,
  formatValue,
  hasDenominator,
  multiplierLabel,
  needsPublishedValue,
  roundValue,
} from './rules.js';
import { IMPORT_COLUMNS, readOutcomeCsv, type ImportProblem } from './importValues.js';
import { readAddMeasureForm, readImportForm, readInterventionForm, readTargetsForm } from './schema.js';
import { actualTargetChart, runChart, RULE_MARKS } from './charts.js';
import { shown, type LimitsChoice } from './series.js';
import { SPC_RULES, VARIATION_LABELS } from './spc.js';
import {
  addIntervention,
  createMeasure,
  getMeasure,
  listMeasures,
  measuresWithSeries,
  recordedValueKeys,
  saveImportedValues,
  setTargets,
  type Measure,
} from './store.js';

type MeasureParams = PartnershipParams & { measureId: string };
type LimitsQuery = { Querystring: { limits?: string } };
type MultipartBody = Record<string, { value?: unknown } | MultipartFile | string | undefined> | undefined;

const labels = {
  FREQUENCIES,
  POLARITIES,
  SOURCES,
  STANDARDISATIONS,
  TRACK_LABELS,
  VARIATION_LABELS,
  SPC_RULES,
  RULE_MARKS,
  PERIOD_FORMATS,
};

async function partFile(body: MultipartBody, name: string): Promise<Buffer> {
  const v = body?.[name];
  if (!v || typeof v !== 'object' || !('toBuffer' in v) || typeof v.toBuffer !== 'function')
    return Buffer.alloc(0);
  return v.toBuffer();
}

/** `all`, `before-12` or `from-12`: how the control limits are drawn. */
function readLimits(text: string | undefined): LimitsChoice {
  const m = /^(before|from)-(\d{1,15})$/.exec(text ?? '');
  return m ? { kind: m[1] as 'before' | 'from', interventionId: Number(m[2]) } : { kind: 'all' };
}

const limitsValue = (l: LimitsChoice) => (l.kind === 'all' ? 'all' : `${l.kind}-${l.interventionId}`);

export const outcomesRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const listCrumb = (pid: number) => ({ text: 'Outcome measures', href: `/partnerships/${pid}/outcomes` });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/outcomes',
    { config: { action: 'outcomes:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const all = await measuresWithSeries(db, partnership.id);
      return reply.view('commissioning/outcomes/views/list.njk', {
        pageTitle: 'Outcome measures',
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        rows: all.map(({ measure, series }) => ({
          measure,
          latest: series.latest,
          value: shown(measure, series.latest?.value),
          target: shown(measure, series.latest?.target),
          status: series.status,
          variation: series.variation,
        })),
        labels,
        can: canIn(req, partnership.id),
      });
    },
  );

  // ---------------------------------------------------------------------------------------------------------
  // Adding a measure

  const showAddForm = (
    reply: FastifyReply,
    partnership: { id: number; name: string },
    existing: readonly Measure[],
    form: { values: FormBody; problems?: FieldProblems },
  ) => {
    const have = new Set(existing.map((m) => m.catalogueCode));
    return reply.view('commissioning/outcomes/views/addMeasure.njk', {
      pageTitle: 'Add an outcome measure',
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(partnership, listCrumb(partnership.id)),
      partnership,
      catalogue: MEASURE_CATALOGUE.filter((m) => !have.has(m.code)),
      values: form.values,
      ...(form.problems ? withProblems(form.problems) : {}),
      labels,
    });
  };

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/outcomes/new',
    { config: { action: 'outcomes:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showAddForm(reply, loaded.partnership, await listMeasures(db, loaded.partnership.id), {
        values: {},
      });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/outcomes',
    { config: { action: 'outcomes:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const body = formBody(req.body);
      const existing = await listMeasures(db, partnership.id);
      const parsed = readAddMeasureForm(req.body, new Set(existing.map((m) => m.code)));
      if (!parsed.ok)
        return showAddForm(reply.code(400), partnership, existing, {
          values: body,
          problems: parsed.problems,
        });
      const id = await transaction(db, (trx) =>
        createMeasure(trx, actorFor(req.principal), partnership.id, {
          ...parsed.value,
          catalogueCode: parsed.value.code,
        }),
      );
      req.session.flash = `Measure added: ${parsed.value.name}`;
      return reply.redirect(`/partnerships/${partnership.id}/outcomes/${id}`, 303);
    },
  );

  // ---------------------------------------------------------------------------------------------------------
  // Importing values

  const showImport = async (
    reply: FastifyReply,
    partnership: { id: number; name: string },
    form: { replaceExisting: boolean; problems?: FieldProblems; rowProblems?: ImportProblem[] },
  ) =>
    reply.view('commissioning/outcomes/views/import.njk', {
      pageTitle: 'Import outcome values',
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(partnership, listCrumb(partnership.id)),
      partnership,
      measures: await listMeasures(db, partnership.id),
      columns: IMPORT_COLUMNS,
      replaceExisting: form.replaceExisting,
      rowProblems: form.rowProblems ?? [],
      ...(form.problems ? withProblems(form.problems) : {}),
      labels,
      hasDenominator,
      needsPublishedValue,
    });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/outcomes/import',
    { config: { action: 'outcomes:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showImport(reply, loaded.partnership, { replaceExisting: false });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/outcomes/import',
    { config: { action: 'outcomes:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const body = req.body as MultipartBody;
      const options = readImportForm(req.body);
      const replaceExisting = options.ok && options.value.replaceExisting;
      const content = await partFile(body, 'file');
      if (content.length === 0)
        return showImport(reply.code(400), partnership, {
          replaceExisting,
          problems: { file: 'Select a CSV file of values' },
        });
      const text = content.toString('utf8');
      const measures = await listMeasures(db, partnership.id);
      const outcome = await transaction(db, async (trx) => {
        const read = readOutcomeCsv(text, {
          measures: new Map(measures.map((m) => [m.code, m])),
          existing: await recordedValueKeys(trx, partnership.id),
          replaceExisting,
        });
        if (!read.ok) return read;
        return {
          ok: true as const,
          saved: await saveImportedValues(trx, actorFor(req.principal), partnership.id, read.rows),
        };
      });
      if (!outcome.ok) {
        const problems: FieldProblems = {};
        for (const p of outcome.problems) {
          const where = p.column === '' ? `Line ${p.line}` : `Line ${p.line}, column ${p.column}`;
          problems[`line-${p.line}-${p.column || 'line'}`] = `${where}: ${p.reason}`;
        }
        return reply.code(400).view('commissioning/outcomes/views/import.njk', {
          pageTitle: 'Import outcome values',
          navSection: 'partnerships',
          breadcrumbs: breadcrumbsFor(partnership, listCrumb(partnership.id)),
          partnership,
          measures,
          columns: IMPORT_COLUMNS,
          replaceExisting,
          rowProblems: outcome.problems,
          errors: {
            file: `The file has ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}: nothing was saved`,
          },
          errorList: [
            ...outcome.problems.map((p) => ({
              text: `${p.column === '' ? `Line ${p.line}` : `Line ${p.line}, column ${p.column}`}: ${p.reason}`,
              href: '#import-problems',
            })),
          ],
          labels,
          hasDenominator,
          needsPublishedValue,
        });
      }
      const { added, replaced } = outcome.saved;
      req.session.flash =
        `Values imported: ${added} added` +
        (replaced > 0 ? `, ${replaced} replaced (the history keeps the old values)` : '');
      return reply.redirect(`/partnerships/${partnership.id}/outcomes`, 303);
    },
  );

  // ---------------------------------------------------------------------------------------------------------
  // A measure

  async function findMeasure(req: FastifyRequest<{ Params: MeasureParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const { partnership } = loaded;
    const id = idParam(req.params.measureId);
    const measure = id === null ? undefined : await getMeasure(db, partnership.id, id);
    if (!measure) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    return { partnership, measure };
  }

  async function renderMeasure(
    req: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: number; name: string },
    measure: Measure,
    limits: LimitsChoice,
    form?: { which: 'targets' | 'intervention'; values: FormBody; problems: FieldProblems },
  ) {
    const found = (await measuresWithSeries(db, partnership.id, { id: measure.id, limits }))[0];
    if (!found) throw new Error('measure vanished');
    const { series } = found;
    const can = canIn(req, partnership.id);
    const fmt = (v: number | undefined) => shown(measure, v);
    return reply.view('commissioning/outcomes/views/measure.njk', {
      pageTitle: measure.name,
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(partnership, listCrumb(partnership.id)),
      partnership,
      measure,
      multiplier: multiplierLabel(measure.multiplier),
      series,
      chart: series.points.some((p) => p.value !== undefined || p.target !== undefined)
        ? actualTargetChart(measure, series)
        : null,
      run: series.valued.length >= 2 ? runChart(measure, series) : null,
      rows: series.points.map((p) => ({
        ...p,
        valueText: fmt(p.value),
        targetText: fmt(p.target),
        intervention: series.interventions
          .filter((i) => i.period === p.period)
          .map((i) => i.label)
          .join('; '),
      })),
      spcRows: series.spc.points.map((p) => ({
        ...p,
        label: series.valued[p.index]?.label ?? '',
        valueText: fmt(p.value),
        meanText: formatValue(p.mean, measure.decimals + 1),
        uclText: formatValue(p.upperLimit, measure.decimals + 1),
        lclText: formatValue(p.lowerLimit, measure.decimals + 1),
        marks: [...new Set(p.signals.map((s) => RULE_MARKS[s.rule]))].join(''),
      })),
      limitsValue: limitsValue(series.limits),
      limitItems: [
        { value: 'all', text: 'From every point' },
        ...series.interventions
          .filter((i) => i.index !== undefined)
          .flatMap((i) => [
            { value: `before-${i.id}`, text: `From the points before “${i.label}”` },
            { value: `from-${i.id}`, text: `Recalculated from “${i.label}” onwards` },
          ]),
      ],
      form: form?.which,
      values: form?.values ?? {},
      ...(form ? withProblems(form.problems, form.which === 'intervention' ? ['startedOn'] : []) : {}),
      labels,
      can,
      history: can('history:view')
        ? describeHistory(await historyOf(db, 'outcome_measure', measure.id))
        : null,
    });
  }

  app.get<{ Params: MeasureParams } & LimitsQuery>(
    '/partnerships/:partnershipId/outcomes/:measureId',
    { config: { action: 'outcomes:view' } },
    async (req, reply) => {
      const found = await findMeasure(req, reply);
      if (!found) return reply;
      return renderMeasure(req, reply, found.partnership, found.measure, readLimits(req.query.limits));
    },
  );

  app.get<{ Params: MeasureParams }>(
    '/partnerships/:partnershipId/outcomes/:measureId/values.csv',
    { config: { action: 'outcomes:view' } },
    async (req, reply) => {
      const found = await findMeasure(req, reply);
      if (!found) return reply;
      const { partnership, measure } = found;
      const [{ series } = { series: undefined }] = await measuresWithSeries(db, partnership.id, {
        id: measure.id,
        limits: { kind: 'all' },
      });
      const rows = [
        [
          'measure_code',
          'period',
          'numerator',
          'denominator',
          'value',
          `value (${measure.unit})`,
          'target',
          'illustrative',
        ],
        ...(series?.points ?? []).map((p) => [
          measure.code,
          p.period,
          p.figures?.numerator ?? '',
          p.figures?.denominator ?? '',
          p.figures?.publishedValue ?? '',
          p.value === undefined ? '' : roundValue(p.value, measure.decimals),
          p.target === undefined ? '' : roundValue(p.target, Math.min(4, measure.decimals + 1)),
          p.figures?.illustrative ? 'yes' : '',
        ]),
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${partnership.slug}-${measure.code}.csv"`)
        .send(csvLines(rows));
    },
  );

  app.post<{ Params: MeasureParams }>(
    '/partnerships/:partnershipId/outcomes/:measureId/targets',
    { config: { action: 'outcomes:edit' } },
    async (req, reply) => {
      const found = await findMeasure(req, reply);
      if (!found) return reply;
      const { partnership, measure } = found;
      const body = formBody(req.body);
      const parsed = readTargetsForm(req.body, measure);
      if (!parsed.ok)
        return renderMeasure(
          req,
          reply.code(400),
          partnership,
          measure,
          { kind: 'all' },
          {
            which: 'targets',
            values: body,
            problems: parsed.problems,
          },
        );
      await transaction(db, (trx) =>
        setTargets(trx, actorFor(req.principal), partnership.id, measure.id, parsed.value.targets),
      );
      const n = parsed.value.targets.length;
      req.session.flash = `Targets set for ${n} period${n === 1 ? '' : 's'}`;
      return reply.redirect(`/partnerships/${partnership.id}/outcomes/${measure.id}`, 303);
    },
  );

  app.post<{ Params: MeasureParams }>(
    '/partnerships/:partnershipId/outcomes/:measureId/interventions',
    { config: { action: 'outcomes:edit' } },
    async (req, reply) => {
      const found = await findMeasure(req, reply);
      if (!found) return reply;
      const { partnership, measure } = found;
      const body = formBody(req.body);
      const parsed = readInterventionForm(req.body);
      if (!parsed.ok)
        return renderMeasure(
          req,
          reply.code(400),
          partnership,
          measure,
          { kind: 'all' },
          {
            which: 'intervention',
            values: body,
            problems: parsed.problems,
          },
        );
      await transaction(db, (trx) =>
        addIntervention(trx, actorFor(req.principal), partnership.id, measure.id, parsed.value),
      );
      req.session.flash = `Intervention recorded: ${parsed.value.label}`;
      return reply.redirect(`/partnerships/${partnership.id}/outcomes/${measure.id}`, 303);
    },
  );
};
