/**
 * The savings forms, each a zod schema read by `parseForm`: the typed input, or problems keyed by field so that
 * the error summary links to each one and the form is shown again with what the user typed.
 */
import { z } from 'zod';
import { keys, parseForm, type Parsed, fieldsRead, chosenId } from '../../kernel/forms.js';
import { parseFinancialYear } from '../../kernel/dates.js';
import { pence, type Pence } from '../../kernel/money.js';
import {
  BUDGET_LINES,
  CONFIDENCES,
  PERIODS,
  SAVING_TYPES,
  periodLabel,
  readSavingsAmount,
  type SavingsLineInput,
} from './rules.js';

/** An amount in pounds and pence, not negative, as integer pence (`readSavingsAmount`'s words). */
const savingsAmount = (label: string, emptyIsZero: boolean) =>
  z.string().transform((raw, ctx): Pence => {
    const read = readSavingsAmount(raw, label, emptyIsZero);
    if (read.ok) return read.value;
    ctx.addIssue({ code: 'custom', message: read.problem });
    return z.NEVER;
  });

const plannedField = (p: number) => `planned-${p}`;
/** The amount read for one month of the plan. */
const planned = (v: object, p: number): Pence => (v as Record<string, Pence>)[plannedField(p)] ?? pence(0);
const plannedMonths = Object.fromEntries(
  PERIODS.map((p) => [plannedField(p), savingsAmount(`Planned for ${periodLabel(p)}`, true)]),
);

const savingsLineSchema = (partnerIds: ReadonlySet<number>, projectIds: ReadonlySet<number>) =>
  z
    .object({
      financialYear: z.string().transform((raw, ctx): number => {
        const year = parseFinancialYear(raw);
        if (year !== null) return year;
        ctx.addIssue({ code: 'custom', message: 'Select the financial year, like 2016-17' });
        return z.NEVER;
      }),
      organisationId: z
        .string()
        .refine((raw) => partnerIds.has(Number(raw)), 'Select the partner whose budget makes the saving')
        .transform(Number),
      budgetLine: z.enum(keys(BUDGET_LINES), { error: 'Select the budget the saving comes from' }),
      description: z
        .string()
        .min(1, 'Enter a description of the saving')
        .max(300, 'Description must be 300 characters or fewer'),
      projectReference: z.string().max(200, 'Project must be 200 characters or fewer'),
      projectId: chosenId(projectIds, 'Select a commissioning project of this partnership'),
      savingType: z.enum(keys(SAVING_TYPES), { error: 'Select the type of saving' }),
      confidence: z.enum(keys(CONFIDENCES), { error: 'Select how confident you are of the saving' }),
      ...plannedMonths,
    })
    .superRefine(
      (v, ctx) => {
        if (PERIODS.every((p) => planned(v, p) === 0))
          ctx.addIssue({
            code: 'custom',
            path: [plannedField(1)],
            message: 'Enter the planned saving for at least one month',
          });
      },
      { when: fieldsRead(...PERIODS.map(plannedField)) },
    );

/** The add-a-line form: partner, budget line, year, description, project, type, confidence and twelve months. */
export const readSavingsLineForm = (
  body: unknown,
  partnerIds: ReadonlySet<number>,
  projectIds: ReadonlySet<number> = new Set(),
): Parsed<SavingsLineInput> =>
  parseForm(savingsLineSchema(partnerIds, projectIds), body, (v) => ({
    financialYear: v.financialYear,
    organisationId: v.organisationId,
    budgetLine: v.budgetLine,
    description: v.description,
    projectReference: v.projectReference,
    projectId: v.projectId,
    savingType: v.savingType,
    confidence: v.confidence,
    plannedByPeriod: PERIODS.map((p) => planned(v, p)),
  }));

const achievedSchema = z
  .object({
    period: z
      .string()
      .refine(
        (raw) => (PERIODS as readonly number[]).includes(Number(raw)),
        'Select the month, P1 (April) to P12 (March)',
      ),
    achieved: z.string(),
  })
  .superRefine(
    (v, ctx) => {
      const period = Number(v.period);
      const known = (PERIODS as readonly number[]).includes(period);
      const read = readSavingsAmount(
        v.achieved,
        known ? `Achieved in ${periodLabel(period)}` : 'The achieved amount',
        false,
      );
      if (!read.ok) ctx.addIssue({ code: 'custom', path: ['achieved'], message: read.problem });
    },
    // the amount is checked whether or not the month is known, naming the month when it is
    { when: () => true },
  );

/** The record-a-month form: which month, and the amount achieved in it. */
export const readAchievedForm = (body: unknown): Parsed<{ period: number; achievedPence: Pence }> =>
  parseForm(achievedSchema, body, (v) => {
    const read = readSavingsAmount(v.achieved, '', false);
    return { period: Number(v.period), achievedPence: read.ok ? read.value : pence(0) };
  });

/** The deliver-by-a-project form: a commissioning project of the partnership, or none. */
export const readLineProjectForm = (
  body: unknown,
  projectIds: ReadonlySet<number>,
): Parsed<{ projectId: number | null }> =>
  parseForm(
    z.object({ projectId: chosenId(projectIds, 'Select a commissioning project of this partnership') }),
    body,
  );
