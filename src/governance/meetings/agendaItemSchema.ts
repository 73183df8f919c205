/** The agenda item form: the item's fields, whose functions it concerns, why it is key, and what makes it exempt. */
import { z } from 'zod';
import { parsePounds, type Pence } from '../../kernel/money.js';
import {
  AGENDA_ITEM_KINDS,
  ITEM_FUNCTIONS,
  KEY_DECISION_TESTS,
  isExemptParagraph,
  type AgendaItemInput,
} from '../boards/index.js';
import { keys, optional, parseForm, text, type Parsed } from '../../kernel/forms.js';

const itemSchema = z.object({
  title: text('the item’s title', 300),
  kind: z.enum(keys(AGENDA_ITEM_KINDS), { error: 'Select what the item is for' }),
  reportAuthor: optional('Report author', 200),
  summary: optional('Summary', 10000),
  functions: z.enum(keys(ITEM_FUNCTIONS), { error: 'Select whose functions the item concerns' }),
  keyDecision: z.enum(['yes', 'no'], { error: 'Select whether the item is a key decision' }),
  exempt: z.enum(['yes', 'no'], { error: 'Select whether the item is exempt' }),
  publicInterestReason: optional('Public interest reason', 2000),
  titlePublished: z.enum(['yes', 'no', '']),
  urgencyReason: optional('Reason of urgency', 2000),
  urgencyAgreedBy: optional('Chair who agreed', 200),
});

/** Spending or savings typed in pounds, as pence; null when left blank. */
const spend = z.string().transform((typed, ctx): Pence | null => {
  if (typed === '') return null;
  const parsed = parsePounds(typed);
  const problem = !parsed.ok
    ? parsed.error
    : parsed.value < 0
      ? 'Enter the spending or savings as a positive amount'
      : null;
  if (problem !== null || !parsed.ok) {
    ctx.addIssue({ code: 'custom', message: problem ?? '' });
    return z.NEVER;
  }
  return parsed.value;
});

const agendaItemForm = itemSchema.extend({
  organisationIds: z.array(
    z.string().refine((id) => Number.isSafeInteger(Number(id)) && Number(id) > 0, {
      error: 'Select partners from the list',
    }),
  ),
  keyTests: z.array(z.enum(keys(KEY_DECISION_TESTS), { error: 'Select the tests from the list' })),
  spendPence: spend,
  wardsAffected: z.union([
    z.literal('').transform(() => null),
    z
      .string()
      .regex(/^\d{1,3}$/, 'Enter the number of wards as a whole number, like 3')
      .transform(Number),
  ]),
  exemptParagraph: z.string().refine((p) => p === '' || isExemptParagraph(Number(p)), {
    error: 'Select a paragraph from 1 to 7',
  }),
});

export const readAgendaItemForm = (body: unknown): Parsed<AgendaItemInput> =>
  parseForm(agendaItemForm, body, (b) => {
    const exempt = b.exempt === 'yes';
    const paragraph = Number(b.exemptParagraph);
    return {
      title: b.title,
      kind: b.kind,
      reportAuthor: b.reportAuthor,
      summary: b.summary,
      functions: b.functions,
      organisationIds: b.functions === 'all' ? [] : b.organisationIds.map(Number),
      keyDecision: b.keyDecision === 'yes',
      keyTests: b.keyDecision === 'yes' ? b.keyTests : [],
      spendPence: b.spendPence,
      wardsAffected: b.wardsAffected,
      exempt,
      exemptParagraph: exempt && b.exemptParagraph !== '' && isExemptParagraph(paragraph) ? paragraph : null,
      publicInterestReason: exempt ? b.publicInterestReason : '',
      titlePublished: b.titlePublished !== 'no',
      urgencyReason: b.urgencyReason,
      urgencyAgreedBy: b.urgencyAgreedBy,
    };
  });
