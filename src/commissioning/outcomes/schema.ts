/**
 * The outcome forms, each a zod schema read by `parseForm`: the typed input, or problems keyed by field so that
 * the error summary links to each one and the form is shown again with what the user typed.
 */
import { z } from 'zod';
import { dateInput, parseForm, type Parsed, fieldsRead } from '../../kernel/forms.js';
import {
  PERIOD_FORMATS,
  SIGNED_DECIMAL,
  catalogueEntry,
  parsePeriod,
  periodsBetween,
  type MeasureDefinition,
} from './rules.js';

/** Adding a measure from the catalogue: one the partnership does not have yet. */
export const readAddMeasureForm = (
  body: unknown,
  existingCodes: ReadonlySet<string>,
): Parsed<MeasureDefinition> =>
  parseForm(
    z.object({
      catalogueCode: z
        .string()
        .refine((code) => catalogueEntry(code) !== undefined, 'Select a measure from the catalogue')
        .superRefine((code, ctx) => {
          const def = catalogueEntry(code);
          if (def && existingCodes.has(code))
            ctx.addIssue({ code: 'custom', message: `The partnership already has ${def.name}` });
        })
        .transform((code) => catalogueEntry(code) as MeasureDefinition),
    }),
    body,
    (m) => m.catalogueCode,
  );

/** The import form's one field besides the file: whether values already recorded are replaced. */
export const readImportForm = (body: unknown): Parsed<{ replaceExisting: boolean }> =>
  parseForm(z.object({ replaceExisting: z.string() }), body, (v) => ({
    replaceExisting: v.replaceExisting === 'yes',
  }));

export interface TargetsInput {
  targets: { period: string; periodStart: string; target: string }[];
}

/** Most periods one form sets at a time (ten years of months). */
const MAX_TARGET_PERIODS = 120;

const targetsSchema = (m: MeasureDefinition) => {
  const period = (first: boolean) =>
    z
      .string()
      .min(1, `Enter the ${first ? 'first' : 'last'} period`)
      .refine(
        (t) => parsePeriod(t, m.frequency) !== undefined,
        `Enter the ${first ? 'first' : 'last'} period as ${PERIOD_FORMATS[m.frequency]}`,
      );
  return z
    .object({
      fromPeriod: period(true),
      toPeriod: period(false),
      startTarget: z
        .string()
        .min(1, 'Enter the target')
        .regex(SIGNED_DECIMAL, 'Enter the target as a number, like 2450 or 82.5'),
      endTarget: z
        .string()
        .refine(
          (t) => t === '' || SIGNED_DECIMAL.test(t),
          'Enter the target for the last period as a number, or leave it empty',
        ),
    })
    .superRefine(
      (v, ctx) => {
        const from = parsePeriod(v.fromPeriod, m.frequency);
        const to = parsePeriod(v.toPeriod, m.frequency);
        if (!from || !to) return;
        if (to.start < from.start)
          ctx.addIssue({
            code: 'custom',
            path: ['toPeriod'],
            message: 'The last period must not be before the first',
          });
        else if (periodsBetween(from.key, to.key, m.frequency).length > MAX_TARGET_PERIODS)
          ctx.addIssue({
            code: 'custom',
            path: ['toPeriod'],
            message: `Set at most ${MAX_TARGET_PERIODS} periods at a time`,
          });
      },
      { when: fieldsRead('fromPeriod', 'toPeriod') },
    );
};

/**
 * Targets from one period to another: one figure for each, or a trajectory in a straight line from the first
 * figure to the second. Figures are in the measure's unit; each period's is kept to one more decimal than shown.
 */
export const readTargetsForm = (body: unknown, m: MeasureDefinition): Parsed<TargetsInput> =>
  parseForm(targetsSchema(m), body, (v) => {
    const from = parsePeriod(v.fromPeriod, m.frequency);
    const to = parsePeriod(v.toPeriod, m.frequency);
    const periods = from && to ? periodsBetween(from.key, to.key, m.frequency) : [];
    const a = Number(v.startTarget);
    const b = v.endTarget === '' ? a : Number(v.endTarget);
    const places = Math.min(4, m.decimals + 1);
    const n = periods.length;
    return {
      targets: periods.map((p, i) => ({
        period: p,
        periodStart: parsePeriod(p, m.frequency)?.start ?? '',
        target: (n === 1 ? a : a + ((b - a) * i) / (n - 1)).toFixed(places),
      })),
    };
  });

export interface InterventionInput {
  startedOn: string;
  label: string;
  description: string;
}

const interventionSchema = z.object({
  startedOn: dateInput('the date it started', { required: true }),
  label: z
    .string()
    .min(1, 'Enter a short label for the chart')
    .max(60, 'Label must be 60 characters or fewer'),
  description: z.string().max(2000, 'Description must be 2,000 characters or fewer'),
});

export const readInterventionForm = (body: unknown): Parsed<InterventionInput> =>
  parseForm(interventionSchema, body);
