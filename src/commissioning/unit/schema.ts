/**
 * The integrated commissioning unit's forms read from a post: a post of the unit, and a year's budget, host and
 * cost-sharing basis. Problems are keyed by field, for the error summary.
 */
import { field, readDateInput, type FormBody, type Parsed } from '../../kernel/forms.js';
import { isoDate } from '../../kernel/dates.js';
import { parsePounds } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import { checkSplit, parseFte, parsePercent, SHARING_BASES, type SharingBasis } from './rules.js';
import type { PostInput, UnitYearInput } from './store.js';

/** A post: its title, who holds it (optional), employer (a partner), grade, FTE, annual cost and dates. */
export function readPostForm(body: FormBody, partnerIds: ReadonlySet<number>): Parsed<PostInput> {
  const problems: FieldProblems = {};
  const postTitle = field(body, 'postTitle');
  if (postTitle === '') problems.postTitle = 'Enter the post’s title';
  else if (postTitle.length > 200) problems.postTitle = 'Post title must be 200 characters or fewer';
  const personName = field(body, 'personName');
  if (personName.length > 200) problems.personName = 'Name must be 200 characters or fewer';
  const employer = Number(field(body, 'employerOrganisationId'));
  if (!partnerIds.has(employer))
    problems.employerOrganisationId = 'Select the partner that employs the post holder';
  const grade = field(body, 'grade');
  if (grade.length > 50) problems.grade = 'Grade must be 50 characters or fewer';
  const fte = parseFte(field(body, 'fte'));
  if (fte === null) problems.fte = 'Enter the full-time equivalent from 0.01 to 1.00, like 0.5';
  const cost = parsePounds(field(body, 'annualCost'));
  if (!cost.ok) problems.annualCost = `Annual cost: ${cost.error}`;
  else if (cost.value < 0) problems.annualCost = 'Annual cost must not be negative';
  const starts = readDateInput(body, 'startsOn', 'the start date', true);
  if (starts.problem) problems.startsOn = starts.problem;
  const ends = readDateInput(body, 'endsOn', 'the end date');
  if (ends.problem) problems.endsOn = ends.problem;
  if (starts.value && ends.value && ends.value < starts.value)
    problems.endsOn = 'The end date must be on or after the start date';
  const additional = field(body, 'additional') === 'yes';
  if (Object.keys(problems).length > 0 || fte === null || !cost.ok || starts.value === null)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      postTitle,
      personName,
      employerOrganisationId: employer,
      grade,
      fteHundredths: fte,
      annualCostPence: cost.value,
      startsOn: isoDate(starts.value),
      endsOn: ends.value === null ? null : isoDate(ends.value),
      additional,
    },
  };
}

/**
 * A year's settings: the budget, the host (optional) and the basis of sharing; with an agreed split, each
 * partner's percentage in `share-<id>`, adding up to 100%.
 */
export function readUnitYearForm(
  body: FormBody,
  partnerIds: readonly number[],
  decisionIds: ReadonlySet<number> = new Set(),
): Parsed<UnitYearInput> {
  const problems: FieldProblems = {};
  const budget = parsePounds(field(body, 'budget'));
  if (!budget.ok) problems.budget = `Budget: ${budget.error}`;
  else if (budget.value < 0) problems.budget = 'Budget must not be negative';
  const hostRaw = field(body, 'hostOrganisationId');
  const host = hostRaw === '' ? null : Number(hostRaw);
  if (host !== null && !partnerIds.includes(host)) problems.hostOrganisationId = 'Select a partner as host';
  const basis = field(body, 'sharingBasis');
  if (!Object.hasOwn(SHARING_BASES, basis)) problems.sharingBasis = 'Select how the unit’s cost is shared';
  const split: UnitYearInput['split'] = [];
  if (basis === 'split') {
    for (const id of partnerIds) {
      const bp = parsePercent(field(body, `share-${String(id)}`) || '0');
      if (bp === null) problems[`share-${String(id)}`] = 'Enter a percentage from 0 to 100, like 62.5';
      else split.push({ organisationId: id, basisPoints: bp });
    }
    const first = partnerIds[0];
    if (split.length === partnerIds.length && first !== undefined) {
      const problem = checkSplit(split);
      if (problem) problems[`share-${String(first)}`] = problem;
    }
  }
  const decisionRaw = field(body, 'decisionId');
  const decisionId = decisionRaw === '' ? null : Number(decisionRaw);
  if (decisionId !== null && !decisionIds.has(decisionId))
    problems.decisionId = 'Select a decision of this partnership';
  const notes = field(body, 'notes');
  if (notes.length > 2000) problems.notes = 'Notes must be 2,000 characters or fewer';
  if (Object.keys(problems).length > 0 || !budget.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      budgetPence: budget.value,
      hostOrganisationId: host,
      sharingBasis: basis as SharingBasis,
      split: basis === 'split' ? split : [],
      decisionId,
      notes,
    },
  };
}
