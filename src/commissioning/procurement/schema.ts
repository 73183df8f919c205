/**
 * The procurement forms read from a post: the typed input, or problems keyed by field so that the error
 * summary links to each one and the form is shown again with what the user typed.
 */
import { z } from 'zod';
import {
  dateInput,
  field,
  keys,
  parseForm,
  readDateInput,
  text as textPiece,
  type FormBody,
  type Parsed,
  fieldsRead,
  optionalPounds,
} from '../../kernel/forms.js';
import { formatLongDate, isoDate, type IsoDate } from '../../kernel/dates.js';
import { parsePounds, type Pence } from '../../kernel/money.js';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import type { FieldProblems } from '../../kernel/result.js';
import { parsePercent } from '../../appraisal/criteria/index.js';
import {
  PROCEDURES,
  REGIMES,
  STEP_LABELS,
  TIMETABLE_STEPS,
  checkTimetable,
  earliestStandstillEnd,
  procedureAllowed,
  type ProcedureId,
  type RegimeId,
  type Timetable,
} from './rules.js';
import { BID_STRUCTURES, bidMembers, type ProviderInput } from './bids.js';
import { CRITERION_CATEGORIES, PRICE_SCORING, scoreProblem, type ScoreScaleMax } from './evaluation.js';
import type { AwardInput, BidInput, LotInput, Procurement, ProcurementInput } from './store.js';
import type { CriterionCategory } from './types.js';

const isKey = <T extends object>(o: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(o, k);

/** The timetable's date fields, named as in the timetable. */
export const DATE_FIELDS: readonly string[] = TIMETABLE_STEPS;

function text(
  body: FormBody,
  name: string,
  label: string,
  max: number,
  problems: FieldProblems,
  required = true,
) {
  const v = field(body, name);
  if (required && v === '') problems[name] = `Enter ${label}`;
  else if (v.length > max)
    problems[name] = `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`;
  return v;
}

function money(body: FormBody, name: string, label: string, problems: FieldProblems): Pence | null {
  const v = field(body, name);
  if (v === '') return null;
  const parsed = parsePounds(v);
  if (!parsed.ok) problems[name] = `${label}: ${parsed.error}`;
  else if (parsed.value < 0) problems[name] = `${label} must not be negative`;
  else return parsed.value;
  return null;
}

/** The new-procurement form: reference, title, regime, procedure, the timetable and each partner's share. */
export function readProcurementForm(
  body: FormBody,
  partners: readonly { id: number; name: string }[],
  changes: readonly BankHolidayChange[] = [],
): Parsed<ProcurementInput> {
  const problems: FieldProblems = {};
  const reference = text(body, 'reference', 'a reference', 40, problems);
  const title = text(body, 'title', 'a title', 300, problems);
  const description = text(body, 'description', 'the description', 5000, problems, false);
  const regime = field(body, 'regime');
  if (!isKey(REGIMES, regime)) problems.regime = 'Select the regime the procurement runs under';
  const procedure = field(body, 'procedure');
  if (!isKey(PROCEDURES, procedure)) problems.procedure = 'Select the procedure';
  else if (isKey(REGIMES, regime) && !procedureAllowed(procedure, regime))
    problems.procedure = `The ${PROCEDURES[procedure].label.toLowerCase()} is not a procedure of the ${REGIMES[regime].label}`;
  const timetable = {} as Timetable;
  for (const step of TIMETABLE_STEPS) {
    const d = readDateInput(body, step, `the ${STEP_LABELS[step].toLowerCase()} date`);
    if (d.problem) problems[step] = d.problem;
    timetable[step] = d.value === null ? null : isoDate(d.value);
  }
  const funding = partners.flatMap((p) => {
    const amount = money(body, `funding-${p.id}`, `${p.name}’s share of the value`, problems);
    return amount === null ? [] : [{ organisationId: p.id, amountPence: amount }];
  });
  if (funding.length === 0 && !partners.some((p) => problems[`funding-${p.id}`]) && partners[0])
    problems[`funding-${partners[0].id}`] = 'Enter the value each funding partner contributes';
  if (isKey(REGIMES, regime) && isKey(PROCEDURES, procedure)) {
    const check = checkTimetable(timetable, regime, procedure, changes);
    for (const [step, problem] of Object.entries(check.problems)) problems[step] ??= problem;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      reference,
      title,
      description,
      regime: regime as RegimeId,
      procedure: procedure as ProcedureId,
      timetable,
      funding,
    },
  };
}

const CATEGORIES = Object.keys(CRITERION_CATEGORIES) as CriterionCategory[];

const weightField = (c: CriterionCategory) => `weight-${c}`;
/** A criterion's weight in basis points: null when left empty or 0, or not a percentage. */
const weightOf = (raw: string, c: CriterionCategory): number | null => {
  if (raw === '' || raw === '0') return null;
  const w = parsePercent(raw, CRITERION_CATEGORIES[c].toLowerCase());
  return w.ok && w.value > 0 ? w.value : null;
};
const lotCriteria = (v: object): LotInput['criteria'] =>
  CATEGORIES.flatMap((c) => {
    const weight = weightOf((v as Record<string, string>)[weightField(c)] ?? '', c);
    return weight === null ? [] : [{ name: CRITERION_CATEGORIES[c], category: c, weight }];
  });

const lotSchema = z
  .object({
    title: textPiece('the lot’s title', 300),
    description: z.string().max(5000, 'The description must be 5000 characters or fewer'),
    estimatedValue: optionalPounds('Estimated value'),
    scoreScaleMax: z.enum(['5', '100'], { error: 'Select the scale evaluators score on' }),
    priceScoring: z.enum(keys(PRICE_SCORING), { error: 'Select how price is scored' }),
    ...Object.fromEntries(
      CATEGORIES.map((c) => [
        weightField(c),
        z.string().superRefine((raw, ctx) => {
          if (raw === '' || raw === '0') return;
          const w = parsePercent(raw, CRITERION_CATEGORIES[c].toLowerCase());
          if (!w.ok) ctx.addIssue({ code: 'custom', message: w.error });
        }),
      ]),
    ),
  })
  .superRefine(
    (v, ctx) => {
      const criteria = lotCriteria(v);
      const total = criteria.reduce((a, c) => a + c.weight, 0);
      if (criteria.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['weight-quality'],
          message: 'Give at least one criterion a weight',
        });
      else if (total !== 10_000)
        ctx.addIssue({
          code: 'custom',
          path: ['weight-quality'],
          message: `The weights add up to ${total / 100}%; they must add up to 100%`,
        });
    },
    // the weights are checked together once each is a percentage, whatever else is wrong with the form
    { when: fieldsRead(...CATEGORIES.map(weightField)) },
  );

/** The add-a-lot form: title, estimated value, scoring scale, price scoring and the three criteria's weights. */
export const readLotForm = (body: unknown, lotNumber: number): Parsed<LotInput> =>
  parseForm(lotSchema, body, (v) => ({
    lotNumber,
    title: v.title,
    description: v.description,
    estimatedValuePence: v.estimatedValue,
    scoreScaleMax: Number(v.scoreScaleMax) as ScoreScaleMax,
    priceScoring: v.priceScoring,
    criteria: lotCriteria(v),
  }));

export const MAX_ALLIANCE_MEMBERS = 6;
export const MAX_SUBCONTRACTORS = 5;

function provider(
  body: FormBody,
  prefix: string,
  withShare: boolean,
  problems: FieldProblems,
): ProviderInput {
  const shareRaw = withShare ? field(body, `${prefix}-share`) : '';
  let shareBp: number | null = null;
  if (shareRaw !== '') {
    const parsed = parsePercent(shareRaw, field(body, `${prefix}-name`) || 'this provider');
    if (!parsed.ok) problems[`${prefix}-share`] = parsed.error.replace('The weight for', 'The share of');
    else shareBp = parsed.value;
  }
  return {
    name: field(body, `${prefix}-name`),
    companiesHouseNumber: field(body, `${prefix}-companiesHouse`).toUpperCase() || null,
    charityNumber: field(body, `${prefix}-charity`) || null,
    shareBp,
  };
}

/**
 * The add-a-bid form. The structure is chosen by radios; each structure has its own fields (shown together
 * when JavaScript is off), and only the chosen structure's fields are read.
 */
export function readBidForm(body: FormBody, lotIds: ReadonlySet<number>): Parsed<BidInput> {
  const problems: FieldProblems = {};
  const lotId = Number(field(body, 'lotId'));
  if (!lotIds.has(lotId)) problems.lotId = 'Select the lot the bid is for';
  const bidderName = text(body, 'bidderName', 'the name the bid is made under', 300, problems);
  const pricePence = money(body, 'price', 'Price', problems);
  const submitted = readDateInput(body, 'submittedOn', 'the date the bid was submitted');
  if (submitted.problem) problems.submittedOn = submitted.problem;
  const structure = field(body, 'structure');
  let lead: ProviderInput | null = null;
  let providers: ProviderInput[] = [];
  if (!isKey(BID_STRUCTURES, structure)) problems.structure = 'Select how the bid is structured';
  else if (structure === 'single') {
    const p = provider(body, 'single', false, problems);
    if (p.name === '') problems['single-name'] = 'Enter the provider’s name';
    providers = [p];
  } else if (structure === 'alliance') {
    for (let i = 1; i <= MAX_ALLIANCE_MEMBERS; i += 1) {
      const p = provider(body, `member-${i}`, true, problems);
      if (p.name === '' && p.shareBp !== null) problems[`member-${i}-name`] = `Enter member ${i}’s name`;
      if (p.name !== '') providers.push(p);
    }
  } else {
    lead = provider(body, 'lead', false, problems);
    for (let i = 1; i <= MAX_SUBCONTRACTORS; i += 1) {
      const p = provider(body, `sub-${i}`, true, problems);
      if (p.name === '' && p.shareBp !== null) problems[`sub-${i}-name`] = `Enter subcontractor ${i}’s name`;
      if (p.name !== '') providers.push(p);
    }
  }
  if (Object.keys(problems).length > 0 || !isKey(BID_STRUCTURES, structure)) return { ok: false, problems };
  const members = bidMembers(structure, lead, providers);
  if (!members.ok) return { ok: false, problems: { structure: members.problems.join('. ') } };
  return {
    ok: true,
    value: {
      lotId,
      bidderName,
      structure: structure,
      pricePence,
      submittedOn: submitted.value === null ? null : isoDate(submitted.value),
      members: members.members,
    },
  };
}

/** The scores form for one bid: a score (and optional comment) per evaluator-scored criterion of its lot. */
export function readScoresForm(
  body: unknown,
  criteria: readonly { id: number; name: string }[],
  scaleMax: number,
): Parsed<{ criterionId: number; score: number; comment: string }[]> {
  const scored = (v: object) =>
    criteria.flatMap((c) => {
      const raw = (v as Record<string, string>)[`score-${c.id}`] ?? '';
      const comment = (v as Record<string, string>)[`comment-${c.id}`] ?? '';
      return raw === '' ? [] : [{ criterionId: c.id, score: Number(raw), comment }];
    });
  const schema = z
    .object(
      Object.fromEntries(
        criteria.flatMap((c) => [
          [`comment-${c.id}`, z.string().max(2000, 'A comment must be 2,000 characters or fewer')],
          [
            `score-${c.id}`,
            z.string().superRefine((raw, ctx) => {
              if (raw === '') return;
              const problem = scoreProblem(/^\d+$/.test(raw) ? Number(raw) : NaN, scaleMax);
              if (problem) ctx.addIssue({ code: 'custom', message: `${c.name}: ${problem}` });
            }),
          ],
        ]),
      ),
    )
    .superRefine((v, ctx) => {
      if (scored(v).length === 0 && criteria[0])
        ctx.addIssue({
          code: 'custom',
          path: [`score-${criteria[0].id}`],
          message: 'Enter at least one score',
        });
    });
  return parseForm(schema, body, scored);
}

/** The earliest the standstill may end for an award on `awardedOn` (null where the regime sets none). */
const earliestEnd = (procurement: Procurement, awardedOn: IsoDate, changes: readonly BankHolidayChange[]) =>
  earliestStandstillEnd(procurement.regime, procurement.procedure, awardedOn, changes);

/**
 * The award form: the lot, the winning bid (of that lot), the award date, the standstill end (no earlier than
 * the regime allows), the value and the decision that made the award.
 */
export function readAwardForm(
  body: unknown,
  procurement: Procurement,
  decisionIds: ReadonlySet<number>,
  changes: readonly BankHolidayChange[] = [],
): Parsed<AwardInput> {
  const lotOf = (raw: string) => procurement.lots.find((l) => l.id === Number(raw));
  const bidOf = (raw: string) => procurement.bids.find((b) => b.id === Number(raw));
  const schema = z
    .object({
      lotId: z.string().superRefine((raw, ctx) => {
        const lot = lotOf(raw);
        if (!lot) ctx.addIssue({ code: 'custom', message: 'Select the lot awarded' });
        else if (procurement.awards.some((a) => a.lotId === lot.id))
          ctx.addIssue({ code: 'custom', message: `Lot ${lot.lotNumber} is already awarded` });
      }),
      bidId: z.string().refine((raw) => bidOf(raw) !== undefined, 'Select the winning bid'),
      awardedOn: dateInput('the award date', { required: true }),
      standstillEndOn: dateInput('the standstill end date'),
      value: optionalPounds('Value awarded'),
      decisionId: z
        .string()
        .refine((raw) => raw === '' || decisionIds.has(Number(raw)), 'Select the decision from the list')
        .transform((raw) => (raw === '' ? null : Number(raw))),
      notes: z.string().max(2000, 'The notes must be 2000 characters or fewer'),
    })
    .superRefine(
      (v, ctx) => {
        const lot = lotOf(v.lotId);
        const bid = bidOf(v.bidId);
        if (lot && bid && bid.lotId !== lot.id)
          ctx.addIssue({
            code: 'custom',
            path: ['bidId'],
            message: `${bid.bidderName} did not bid for lot ${lot.lotNumber}`,
          });
      },
      // the bid is checked against the lot whatever else is wrong with the form
      { when: () => true },
    )
    .superRefine(
      (v, ctx) => {
        const earliest = earliestEnd(procurement, v.awardedOn, changes);
        if (earliest !== null && v.standstillEndOn !== null && v.standstillEndOn < earliest)
          ctx.addIssue({
            code: 'custom',
            path: ['standstillEndOn'],
            message: `The standstill must not end before ${formatLongDate(earliest)}: ${REGIMES[procurement.regime].standstill}`,
          });
      },
      { when: fieldsRead('awardedOn', 'standstillEndOn') },
    );
  return parseForm(schema, body, (v) => ({
    lotId: Number(v.lotId),
    bidId: Number(v.bidId),
    awardedOn: v.awardedOn,
    standstillEndOn: v.standstillEndOn ?? earliestEnd(procurement, v.awardedOn, changes),
    valuePence: v.value,
    decisionId: v.decisionId,
    notes: v.notes,
  }));
}
