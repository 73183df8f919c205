/**
 * The projects and priorities forms, each a zod schema read by `parseForm`: the typed input, or problems keyed by
 * field so that the error summary links to each one and the form is shown again with what the user typed.
 */
import { z } from 'zod';
import { dateInput, keys, parseForm, type Parsed, fieldsRead, chosenId } from '../../kernel/forms.js';
import { parsePounds } from '../../kernel/money.js';
import { serviceByKey } from '../../partnerships/index.js';
import { PRIORITY_STATUSES, isStrategyKey, type PriorityInput } from './priorities.js';
import {
  STAGES,
  STAGE_MOVES,
  isFundingArrangement,
  isStage,
  mayMove,
  type FundingLine,
  type ProjectChoices,
  type ProjectInput,
  type Stage,
} from './rules.js';

/**
 * Ids picked from a list of checkboxes, each one of `known`. (A list piece stays a `z.array`, with no transform,
 * for `parseForm` to read it as a list; `ids` takes out repeats.)
 */
const pickedIds = (known: ReadonlySet<number>, message: string) =>
  z.array(z.string()).refine((raw) => raw.every((id) => known.has(Number(id))), message);
const ids = (raw: readonly string[]) => [...new Set(raw.map(Number))];
const unique = (raw: readonly string[]) => [...new Set(raw)];

const fundingField = (id: number) => `funding-${String(id)}`;
const amountField = (id: number) => `amount-${String(id)}`;

/** Each partner's row of the funding table, or the problem with it keyed by field. */
function readFunding(v: object, partnerIds: ReadonlySet<number>) {
  const form = v as Record<string, string>;
  const lines: FundingLine[] = [];
  const problems: [string, string][] = [];
  for (const id of partnerIds) {
    const arrangement = form[fundingField(id)] ?? '';
    const amountRaw = form[amountField(id)] ?? '';
    if (arrangement === '') {
      if (amountRaw !== '')
        problems.push([fundingField(id), 'Select how the partner funds the project, or clear the amount']);
      continue;
    }
    if (!isFundingArrangement(arrangement)) {
      problems.push([fundingField(id), 'Select pooled fund, aligned budget or lead commissioning']);
      continue;
    }
    if (amountRaw === '') {
      lines.push({ organisationId: id, arrangement, amountPence: null });
      continue;
    }
    const parsed = parsePounds(amountRaw);
    if (!parsed.ok) problems.push([amountField(id), `Amount: ${parsed.error}`]);
    else if (parsed.value < 0) problems.push([amountField(id), 'Amount must not be negative']);
    else lines.push({ organisationId: id, arrangement, amountPence: parsed.value });
  }
  return { lines, problems };
}

const projectSchema = (c: ProjectChoices) =>
  z
    .object({
      title: z.string().min(1, 'Enter the project’s title').max(200, 'Title must be 200 characters or fewer'),
      description: z.string().max(2000, 'Description must be 2,000 characters or fewer'),
      priorityId: chosenId(c.priorityIds, 'Select a priority of this partnership'),
      leadOrganisationId: chosenId(c.partnerIds, 'Select a partner of this partnership'),
      services: z
        .array(z.string())
        .refine((ks) => ks.every((k) => serviceByKey(k) !== undefined), 'Select services from the catalogue'),
      schemes: pickedIds(c.schemeIds, 'Select schemes of this partnership’s funds'),
      appraisals: pickedIds(c.appraisalIds, 'Select appraisals of this partnership'),
      decisions: pickedIds(c.decisionIds, 'Select decisions of this partnership'),
      ...Object.fromEntries(
        [...c.partnerIds].flatMap((id) => [
          [fundingField(id), z.string()],
          [amountField(id), z.string()],
        ]),
      ),
    })
    .superRefine(
      (v, ctx) => {
        for (const [path, message] of readFunding(v, c.partnerIds).problems)
          ctx.addIssue({ code: 'custom', path: [path], message });
      },
      // each partner's row is checked whatever else is wrong with the form
      { when: () => true },
    );

/**
 * The add or change a project form. Funding is one row per partner: `funding-<id>` holds the arrangement (empty
 * when the partner does not fund it) and `amount-<id>` an optional amount in pounds and pence.
 */
export const readProjectForm = (body: unknown, c: ProjectChoices): Parsed<ProjectInput> =>
  parseForm(projectSchema(c), body, (v) => ({
    title: v.title,
    priorityId: v.priorityId,
    description: v.description,
    leadOrganisationId: v.leadOrganisationId,
    serviceKeys: unique(v.services),
    schemeIds: ids(v.schemes),
    funding: readFunding(v, c.partnerIds).lines,
    appraisalIds: ids(v.appraisals),
    decisionIds: ids(v.decisions),
  }));

/** The move-stage form: the stage to move to, allowed from the current one, and an optional note. */
export const readStageMove = (body: unknown, from: Stage): Parsed<{ to: Stage; note: string }> =>
  parseForm(
    z
      .object({
        stage: z
          .string()
          .refine(
            (to): to is Stage => isStage(to) && mayMove(from, to),
            `Select the stage to move to: from ${STAGES[from].label}, ${STAGE_MOVES[from].map((s) => STAGES[s].label).join(' or ')}`,
          ),
        note: z.string(),
      })
      .superRefine((v, ctx) => {
        // the note is checked once the move is allowed
        if (v.note.length > 1000)
          ctx.addIssue({ code: 'custom', path: ['note'], message: 'Note must be 1,000 characters or fewer' });
      }),
    body,
    (v) => ({ to: v.stage, note: v.note }),
  );

const prioritySchema = (partnerIds: ReadonlySet<number>, measureIds: ReadonlySet<number>) =>
  z
    .object({
      title: z.string().min(1, 'Enter the priority').max(200, 'Priority must be 200 characters or fewer'),
      description: z.string().max(2000, 'Description must be 2,000 characters or fewer'),
      strategies: z
        .array(z.string())
        .min(1, 'Select at least one strategy the priority serves')
        .refine((ks) => ks.every(isStrategyKey), 'Select strategies from the list'),
      ownerName: z.string().max(200, 'Owner must be 200 characters or fewer'),
      ownerOrganisationId: chosenId(partnerIds, 'Select a partner of this partnership'),
      status: z.enum(keys(PRIORITY_STATUSES), { error: 'Select the status of the priority' }),
      startsOn: dateInput('the start date'),
      reviewOn: dateInput('the review date'),
      measures: pickedIds(measureIds, 'Select outcome measures of this partnership'),
    })
    .superRefine(
      (v, ctx) => {
        if (v.ownerName === '' && v.ownerOrganisationId === null)
          ctx.addIssue({
            code: 'custom',
            path: ['ownerName'],
            message: 'Enter who owns the priority, or select their organisation',
          });
      },
      { when: fieldsRead('ownerName', 'ownerOrganisationId') },
    )
    .superRefine(
      (v, ctx) => {
        if (v.startsOn !== null && v.reviewOn !== null && v.reviewOn < v.startsOn)
          ctx.addIssue({
            code: 'custom',
            path: ['reviewOn'],
            message: 'The review date must be on or after the start date',
          });
      },
      { when: fieldsRead('startsOn', 'reviewOn') },
    );

/**
 * The add or change a priority form: a title, at least one strategy served, an owner (a name, an organisation
 * or both), a status and optional start and review dates, the review not before the start.
 */
export const readPriorityForm = (
  body: unknown,
  partnerIds: ReadonlySet<number>,
  measureIds: ReadonlySet<number> = new Set(),
): Parsed<PriorityInput> =>
  parseForm(prioritySchema(partnerIds, measureIds), body, (v) => ({
    title: v.title,
    description: v.description,
    strategies: unique(v.strategies).filter(isStrategyKey),
    ownerName: v.ownerName,
    ownerOrganisationId: v.ownerOrganisationId,
    startsOn: v.startsOn,
    reviewOn: v.reviewOn,
    status: v.status,
    measureIds: ids(v.measures),
  }));
