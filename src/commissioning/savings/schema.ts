/**
 * The savings forms read from a post: the typed input, or problems keyed by field so that the error summary
 * links to each one and the form is shown again with what the user typed.
 */
import { field, type FormBody, type Parsed } from '../../kernel/forms.js';
import { parseFinancialYear } from '../../kernel/dates.js';
import type { Pence } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import {
  BUDGET_LINES,
  CONFIDENCES,
  PERIODS,
  SAVING_TYPES,
  periodLabel,
  readPlannedMonths,
  readSavingsAmount,
  type BudgetLine,
  type Confidence,
  type SavingType,
  type SavingsLineInput,
} from './rules.js';

const isKey = <T extends object>(o: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(o, k);

/** The add-a-line form: partner, budget line, year, description, project, type, confidence and twelve months. */
export function readSavingsLineForm(
  body: FormBody,
  partnerIds: ReadonlySet<number>,
  projectIds: ReadonlySet<number> = new Set(),
): Parsed<SavingsLineInput> {
  const problems: FieldProblems = {};
  const year = parseFinancialYear(field(body, 'financialYear'));
  if (year === null) problems.financialYear = 'Select the financial year, like 2016-17';
  const organisationId = Number(field(body, 'organisationId'));
  if (!partnerIds.has(organisationId))
    problems.organisationId = 'Select the partner whose budget makes the saving';
  const budgetLine = field(body, 'budgetLine');
  if (!isKey(BUDGET_LINES, budgetLine)) problems.budgetLine = 'Select the budget the saving comes from';
  const description = field(body, 'description');
  if (description === '') problems.description = 'Enter a description of the saving';
  else if (description.length > 300) problems.description = 'Description must be 300 characters or fewer';
  const projectReference = field(body, 'projectReference');
  if (projectReference.length > 200) problems.projectReference = 'Project must be 200 characters or fewer';
  const projectRaw = field(body, 'projectId');
  const projectId = projectRaw === '' ? null : Number(projectRaw);
  if (projectId !== null && !projectIds.has(projectId))
    problems.projectId = 'Select a commissioning project of this partnership';
  const savingType = field(body, 'savingType');
  if (!isKey(SAVING_TYPES, savingType)) problems.savingType = 'Select the type of saving';
  const confidence = field(body, 'confidence');
  if (!isKey(CONFIDENCES, confidence)) problems.confidence = 'Select how confident you are of the saving';
  const planned = readPlannedMonths((n) => field(body, n), problems);
  if (Object.keys(problems).length > 0 || year === null || planned === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      financialYear: year,
      organisationId,
      budgetLine: budgetLine as BudgetLine,
      description,
      projectReference,
      projectId,
      savingType: savingType as SavingType,
      confidence: confidence as Confidence,
      plannedByPeriod: planned,
    },
  };
}

/** The record-a-month form: which month, and the amount achieved in it. */
export function readAchievedForm(body: FormBody): Parsed<{ period: number; achievedPence: Pence }> {
  const problems: FieldProblems = {};
  const period = Number(field(body, 'period'));
  const known = (PERIODS as readonly number[]).includes(period);
  if (!known) problems.period = 'Select the month, P1 (April) to P12 (March)';
  const amount = readSavingsAmount(
    field(body, 'achieved'),
    known ? `Achieved in ${periodLabel(period)}` : 'The achieved amount',
    false,
  );
  if (!amount.ok) problems.achieved = amount.problem;
  if (!known || !amount.ok) return { ok: false, problems };
  return { ok: true, value: { period, achievedPence: amount.value } };
}
