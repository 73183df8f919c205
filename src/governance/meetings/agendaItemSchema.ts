/** The agenda item form: the item's fields, whose functions it concerns, why it is key, and what makes it exempt. */
import { z } from 'zod';
import { field, fields, problemsFromZod, type FormBody } from '../../kernel/forms.js';
import { parsePounds, type Pence } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import {
  AGENDA_ITEM_KINDS,
  ITEM_FUNCTIONS,
  KEY_DECISION_TESTS,
  isExemptParagraph,
  type AgendaItemInput,
  type KeyDecisionTest,
} from '../boards/index.js';
import { finish, keys, optional, text, type Parsed } from '../../kernel/forms.js';

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

export function readAgendaItemForm(body: FormBody): Parsed<AgendaItemInput> {
  const problems: FieldProblems = {};
  const base = itemSchema.safeParse(
    Object.fromEntries(Object.keys(itemSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const organisationIds = fields(body, 'organisationIds').map(Number);
  if (organisationIds.some((n) => !Number.isSafeInteger(n) || n <= 0))
    problems.organisationIds = 'Select partners from the list';
  const keyTests = fields(body, 'keyTests');
  if (keyTests.some((k) => !Object.hasOwn(KEY_DECISION_TESTS, k)))
    problems.keyTests = 'Select the tests from the list';
  let spendPence: Pence | null = null;
  const spendText = field(body, 'spendPence');
  if (spendText !== '') {
    const parsed = parsePounds(spendText);
    if (!parsed.ok) problems.spendPence = parsed.error;
    else if (parsed.value < 0) problems.spendPence = 'Enter the spending or savings as a positive amount';
    else spendPence = parsed.value;
  }
  let wardsAffected: number | null = null;
  const wardsText = field(body, 'wardsAffected');
  if (wardsText !== '') {
    if (!/^\d{1,3}$/.test(wardsText))
      problems.wardsAffected = 'Enter the number of wards as a whole number, like 3';
    else wardsAffected = Number(wardsText);
  }
  const paragraphText = field(body, 'exemptParagraph');
  const paragraph = paragraphText === '' ? null : Number(paragraphText);
  if (paragraph !== null && !isExemptParagraph(paragraph))
    problems.exemptParagraph = 'Select a paragraph from 1 to 7';
  return finish(base, problems, (b) => {
    const exempt = b.exempt === 'yes';
    return {
      title: b.title,
      kind: b.kind,
      reportAuthor: b.reportAuthor,
      summary: b.summary,
      functions: b.functions,
      organisationIds: b.functions === 'all' ? [] : organisationIds,
      keyDecision: b.keyDecision === 'yes',
      keyTests: b.keyDecision === 'yes' ? (keyTests as KeyDecisionTest[]) : [],
      spendPence,
      wardsAffected,
      exempt,
      exemptParagraph: exempt && paragraph !== null && isExemptParagraph(paragraph) ? paragraph : null,
      publicInterestReason: exempt ? b.publicInterestReason : '',
      titlePublished: b.titlePublished !== 'no',
      urgencyReason: b.urgencyReason,
      urgencyAgreedBy: b.urgencyAgreedBy,
    };
  });
}
