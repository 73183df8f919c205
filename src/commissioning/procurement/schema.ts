/**
 * The procurement forms read from a post: the typed input, or problems keyed by field so that the error
 * summary links to each one and the form is shown again with what the user typed.
 */
import { field, readDateInput, type FormBody, type Parsed } from '../../kernel/forms.js';
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
import type { CriterionCategory, PriceScoring } from './types.js';

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

/** The add-a-lot form: title, estimated value, scoring scale, price scoring and the three criteria's weights. */
export function readLotForm(body: FormBody, lotNumber: number): Parsed<LotInput> {
  const problems: FieldProblems = {};
  const title = text(body, 'title', 'the lot’s title', 300, problems);
  const description = text(body, 'description', 'the description', 5000, problems, false);
  const estimatedValuePence = money(body, 'estimatedValue', 'Estimated value', problems);
  const scale = field(body, 'scoreScaleMax');
  if (scale !== '5' && scale !== '100') problems.scoreScaleMax = 'Select the scale evaluators score on';
  const priceScoring = field(body, 'priceScoring');
  if (!isKey(PRICE_SCORING, priceScoring)) problems.priceScoring = 'Select how price is scored';
  const criteria: LotInput['criteria'] = [];
  for (const c of CATEGORIES) {
    const raw = field(body, `weight-${c}`);
    if (raw === '' || raw === '0') continue;
    const w = parsePercent(raw, CRITERION_CATEGORIES[c].toLowerCase());
    if (!w.ok) problems[`weight-${c}`] = w.error;
    else if (w.value > 0) criteria.push({ name: CRITERION_CATEGORIES[c], category: c, weight: w.value });
  }
  if (criteria.length === 0 && !CATEGORIES.some((c) => problems[`weight-${c}`]))
    problems['weight-quality'] = 'Give at least one criterion a weight';
  else if (criteria.length > 0 && !CATEGORIES.some((c) => problems[`weight-${c}`])) {
    const total = criteria.reduce((a, c) => a + c.weight, 0);
    if (total !== 10_000)
      problems['weight-quality'] = `The weights add up to ${total / 100}%; they must add up to 100%`;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      lotNumber,
      title,
      description,
      estimatedValuePence,
      scoreScaleMax: Number(scale) as ScoreScaleMax,
      priceScoring: priceScoring as PriceScoring,
      criteria,
    },
  };
}

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
  body: FormBody,
  criteria: readonly { id: number; name: string }[],
  scaleMax: number,
): Parsed<{ criterionId: number; score: number; comment: string }[]> {
  const problems: FieldProblems = {};
  const out: { criterionId: number; score: number; comment: string }[] = [];
  for (const c of criteria) {
    const raw = field(body, `score-${c.id}`);
    const comment = field(body, `comment-${c.id}`);
    if (comment.length > 2000) problems[`comment-${c.id}`] = 'A comment must be 2,000 characters or fewer';
    if (raw === '') continue;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const problem = scoreProblem(n, scaleMax);
    if (problem) problems[`score-${c.id}`] = `${c.name}: ${problem}`;
    else out.push({ criterionId: c.id, score: n, comment });
  }
  if (out.length === 0 && Object.keys(problems).length === 0 && criteria[0])
    problems[`score-${criteria[0].id}`] = 'Enter at least one score';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: out };
}

/**
 * The award form: the lot, the winning bid (of that lot), the award date, the standstill end (no earlier than
 * the regime allows), the value and the decision that made the award.
 */
export function readAwardForm(
  body: FormBody,
  procurement: Procurement,
  decisionIds: ReadonlySet<number>,
  changes: readonly BankHolidayChange[] = [],
): Parsed<AwardInput> {
  const problems: FieldProblems = {};
  const lotId = Number(field(body, 'lotId'));
  const lot = procurement.lots.find((l) => l.id === lotId);
  if (!lot) problems.lotId = 'Select the lot awarded';
  else if (procurement.awards.some((a) => a.lotId === lotId))
    problems.lotId = `Lot ${lot.lotNumber} is already awarded`;
  const bidId = Number(field(body, 'bidId'));
  const bid = procurement.bids.find((b) => b.id === bidId);
  if (!bid) problems.bidId = 'Select the winning bid';
  else if (lot && bid.lotId !== lot.id)
    problems.bidId = `${bid.bidderName} did not bid for lot ${lot.lotNumber}`;
  const awarded = readDateInput(body, 'awardedOn', 'the award date', true);
  if (awarded.problem) problems.awardedOn = awarded.problem;
  const standstill = readDateInput(body, 'standstillEndOn', 'the standstill end date');
  if (standstill.problem) problems.standstillEndOn = standstill.problem;
  const valuePence = money(body, 'value', 'Value awarded', problems);
  const decisionRaw = field(body, 'decisionId');
  const decisionId = decisionRaw === '' ? null : Number(decisionRaw);
  if (decisionId !== null && !decisionIds.has(decisionId))
    problems.decisionId = 'Select the decision from the list';
  const notes = text(body, 'notes', 'the notes', 2000, problems, false);
  let standstillEndOn: IsoDate | null = standstill.value === null ? null : isoDate(standstill.value);
  if (awarded.value !== null && !problems.standstillEndOn) {
    const earliest = earliestStandstillEnd(
      procurement.regime,
      procurement.procedure,
      isoDate(awarded.value),
      changes,
    );
    if (earliest !== null && standstillEndOn !== null && standstillEndOn < earliest)
      problems.standstillEndOn = `The standstill must not end before ${formatLongDate(earliest)}: ${REGIMES[procurement.regime].standstill}`;
    standstillEndOn ??= earliest;
  }
  if (Object.keys(problems).length > 0 || awarded.value === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      lotId,
      bidId,
      awardedOn: isoDate(awarded.value),
      standstillEndOn,
      valuePence,
      decisionId,
      notes,
    },
  };
}
