/**
 * The outcome forms read from a post: the typed input, or problems keyed by field so that the error summary links
 * to each one and the form is shown again with what the user typed.
 */
import { field, readDateInput, type FormBody, type Parsed } from '../../kernel/forms.js';
import type { FieldProblems } from '../../kernel/result.js';
import {
  PERIOD_FORMATS,
  SIGNED_DECIMAL,
  catalogueEntry,
  parsePeriod,
  periodsBetween,
  type MeasureDefinition,
} from './rules.js';

/** Adding a measure from the catalogue: one the partnership does not have yet. */
export function readAddMeasureForm(
  body: FormBody,
  existingCodes: ReadonlySet<string>,
): Parsed<MeasureDefinition> {
  const code = field(body, 'catalogueCode');
  const def = catalogueEntry(code);
  if (!def) return { ok: false, problems: { catalogueCode: 'Select a measure from the catalogue' } };
  if (existingCodes.has(code))
    return { ok: false, problems: { catalogueCode: `The partnership already has ${def.name}` } };
  return { ok: true, value: def };
}

export interface TargetsInput {
  targets: { period: string; periodStart: string; target: string }[];
}

/** Most periods one form sets at a time (ten years of months). */
const MAX_TARGET_PERIODS = 120;

/**
 * Targets from one period to another: one figure for each, or a trajectory in a straight line from the first
 * figure to the second. Figures are in the measure's unit; each period's is kept to one more decimal than shown.
 */
export function readTargetsForm(body: FormBody, m: MeasureDefinition): Parsed<TargetsInput> {
  const problems: FieldProblems = {};
  const fromText = field(body, 'fromPeriod');
  const toText = field(body, 'toPeriod');
  const from = parsePeriod(fromText, m.frequency);
  const to = parsePeriod(toText, m.frequency);
  const format = PERIOD_FORMATS[m.frequency];
  if (fromText === '') problems.fromPeriod = 'Enter the first period';
  else if (!from) problems.fromPeriod = `Enter the first period as ${format}`;
  if (toText === '') problems.toPeriod = 'Enter the last period';
  else if (!to) problems.toPeriod = `Enter the last period as ${format}`;
  else if (from && to.start < from.start) problems.toPeriod = 'The last period must not be before the first';
  const startText = field(body, 'startTarget');
  const endText = field(body, 'endTarget');
  if (startText === '') problems.startTarget = 'Enter the target';
  else if (!SIGNED_DECIMAL.test(startText))
    problems.startTarget = 'Enter the target as a number, like 2450 or 82.5';
  if (endText !== '' && !SIGNED_DECIMAL.test(endText))
    problems.endTarget = 'Enter the target for the last period as a number, or leave it empty';
  const periods = from && to && !problems.toPeriod ? periodsBetween(from.key, to.key, m.frequency) : [];
  if (periods.length > MAX_TARGET_PERIODS)
    problems.toPeriod = `Set at most ${MAX_TARGET_PERIODS} periods at a time`;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const a = Number(startText);
  const b = endText === '' ? a : Number(endText);
  const places = Math.min(4, m.decimals + 1);
  const n = periods.length;
  return {
    ok: true,
    value: {
      targets: periods.map((p, i) => ({
        period: p,
        periodStart: parsePeriod(p, m.frequency)?.start ?? '',
        target: (n === 1 ? a : a + ((b - a) * i) / (n - 1)).toFixed(places),
      })),
    },
  };
}

export interface InterventionInput {
  startedOn: string;
  label: string;
  description: string;
}

export function readInterventionForm(body: FormBody): Parsed<InterventionInput> {
  const problems: FieldProblems = {};
  const date = readDateInput(body, 'startedOn', 'the date it started', true);
  if (date.problem) problems.startedOn = date.problem;
  const label = field(body, 'label');
  if (label === '') problems.label = 'Enter a short label for the chart';
  else if (label.length > 60) problems.label = 'Label must be 60 characters or fewer';
  const description = field(body, 'description');
  if (description.length > 2000) problems.description = 'Description must be 2,000 characters or fewer';
  if (Object.keys(problems).length > 0 || !date.value) return { ok: false, problems };
  return { ok: true, value: { startedOn: date.value, label, description } };
}
