/**
 * The forms of the registers: an interest (its category checked against the member's regime in
 * `validateInterest`), a gift or offer of hospitality, and the providers an agenda item names.
 */
import { z } from 'zod';
import {
  dateInput,
  field,
  keys,
  optional,
  parseForm,
  text,
  type FormBody,
  type Parsed,
} from '../../kernel/forms.js';
import { parsePounds, type Pence } from '../../kernel/money.js';
import type { InterestInput } from './rules.js';
import { GIFT_KINDS, GIFT_SOURCES } from './giftRules.js';
import type { GiftInput } from './giftStore.js';

const interestSchema = z.object({
  category: z.string().trim().min(1, 'Select the category of the interest'),
  description: text('a description of the interest', 2000),
  counterparty: optional('The organisation or provider', 300),
  sensitive: z.enum(['yes', 'no'], { error: 'Select whether the interest is sensitive' }),
});

/** Reads an interest entered for the member `membershipId`. */
export const readInterestForm = (body: unknown, membershipId: number): Parsed<InterestInput> =>
  parseForm(
    interestSchema.extend({
      fromOn: dateInput('the date the interest began', { required: true }),
      toOn: dateInput('the date the interest ended'),
    }),
    body,
    (b) => ({
      membershipId,
      category: b.category,
      description: b.description,
      counterparty: b.counterparty,
      fromOn: b.fromOn,
      toOn: b.toOn,
      sensitive: b.sensitive === 'yes',
    }),
  );

const giftSchema = z.object({
  kind: z.enum(keys(GIFT_KINDS), { error: 'Select whether it is a gift or hospitality' }),
  source: z.enum(keys(GIFT_SOURCES), { error: 'Select who offered it' }),
  description: text('what was offered', 1000),
  offeredBy: text('who offered it', 300),
  accepted: z.enum(['yes', 'no'], { error: 'Select whether it was accepted or declined' }),
});

/** A gift's estimated value, typed in pounds, as pence (a general piece, like `moneyInput` with these messages). */
const giftValue = z.string().transform((typed, ctx): Pence => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (typed === '') return fail('Enter the estimated value, like 45.00');
  const parsed = parsePounds(typed);
  if (!parsed.ok) return fail(parsed.error);
  if (parsed.value < 0) return fail('Enter the value as a positive amount');
  return parsed.value;
});

/** Reads a gift or offer of hospitality for the member `membershipId`; its value is typed in pounds. */
export const readGiftForm = (body: unknown, membershipId: number): Parsed<GiftInput> =>
  parseForm(
    giftSchema.extend({
      valuePence: giftValue,
      offeredOn: dateInput('the date it was offered', { required: true }),
    }),
    body,
    (b) => ({
      membershipId,
      kind: b.kind,
      source: b.source,
      description: b.description,
      offeredBy: b.offeredBy,
      valuePence: b.valuePence,
      offeredOn: b.offeredOn,
      accepted: b.accepted === 'yes',
    }),
  );

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
