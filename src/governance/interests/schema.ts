/**
 * The forms of the registers: an interest (its category checked against the member's regime in
 * `validateInterest`), a gift or offer of hospitality, and the providers an agenda item names.
 */
import { z } from 'zod';
import { field, problemsFromZod, readDateInput, type FormBody } from '../../kernel/forms.js';
import { isoDate } from '../../kernel/dates.js';
import { parsePounds } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { InterestInput } from './rules.js';
import { GIFT_KINDS, GIFT_SOURCES } from './giftRules.js';
import type { GiftInput } from './giftStore.js';
import { finish, keys, optional, text, type Parsed } from '../../kernel/forms.js';

const interestSchema = z.object({
  category: z.string().trim().min(1, 'Select the category of the interest'),
  description: text('a description of the interest', 2000),
  counterparty: optional('The organisation or provider', 300),
  sensitive: z.enum(['yes', 'no'], { error: 'Select whether the interest is sensitive' }),
});

/** Reads an interest entered for the member `membershipId`. */
export function readInterestForm(body: FormBody, membershipId: number): Parsed<InterestInput> {
  const problems: FieldProblems = {};
  const base = interestSchema.safeParse(
    Object.fromEntries(Object.keys(interestSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const fromOn = readDateInput(body, 'fromOn', 'the date the interest began', true);
  const toOn = readDateInput(body, 'toOn', 'the date the interest ended');
  if (fromOn.problem) problems.fromOn = fromOn.problem;
  if (toOn.problem) problems.toOn = toOn.problem;
  return finish(base, problems, (b) => ({
    membershipId,
    category: b.category,
    description: b.description,
    counterparty: b.counterparty,
    fromOn: isoDate(fromOn.value ?? ''),
    toOn: toOn.value === null ? null : isoDate(toOn.value),
    sensitive: b.sensitive === 'yes',
  }));
}

const giftSchema = z.object({
  kind: z.enum(keys(GIFT_KINDS), { error: 'Select whether it is a gift or hospitality' }),
  source: z.enum(keys(GIFT_SOURCES), { error: 'Select who offered it' }),
  description: text('what was offered', 1000),
  offeredBy: text('who offered it', 300),
  accepted: z.enum(['yes', 'no'], { error: 'Select whether it was accepted or declined' }),
});

/** Reads a gift or offer of hospitality for the member `membershipId`; its value is typed in pounds. */
export function readGiftForm(body: FormBody, membershipId: number): Parsed<GiftInput> {
  const problems: FieldProblems = {};
  const base = giftSchema.safeParse(
    Object.fromEntries(Object.keys(giftSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  let valuePence = 0;
  const valueText = field(body, 'valuePence');
  if (valueText === '') problems.valuePence = 'Enter the estimated value, like 45.00';
  else {
    const parsed = parsePounds(valueText);
    if (!parsed.ok) problems.valuePence = parsed.error;
    else if (parsed.value < 0) problems.valuePence = 'Enter the value as a positive amount';
    else valuePence = parsed.value;
  }
  const offeredOn = readDateInput(body, 'offeredOn', 'the date it was offered', true);
  if (offeredOn.problem) problems.offeredOn = offeredOn.problem;
  return finish(base, problems, (b) => ({
    membershipId,
    kind: b.kind,
    source: b.source,
    description: b.description,
    offeredBy: b.offeredBy,
    valuePence,
    offeredOn: offeredOn.value ?? '',
    accepted: b.accepted === 'yes',
  }));
}

/** The providers an agenda item names, one a line; a problem names the line that is too long. */
export function readItemProviders(body: FormBody): { names: string[]; problem?: string } {
  const lines = field(body, 'providers')
    .split(/\r?\n/)
    .map((l) => l.trim());
  const names: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    if (line.length > 300)
      return { names, problem: `Line ${i + 1}: a provider’s name must be 300 characters or fewer` };
    names.push(line);
  }
  if (names.length > 50) return { names, problem: 'Name at most 50 providers' };
  return { names };
}
