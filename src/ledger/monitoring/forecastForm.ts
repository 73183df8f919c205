/** Reading the manual-forecast form: each problem names its field; nothing is saved while any remains. */
import { field, type FormBody } from '../../kernel/forms.js';
import { parsePounds } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { ForecastFields } from './forecastStore.js';

export const WHOLE_SCHEME = 'whole';
const MAX_COMMENTARY = 2000;

export function readForecastForm(
  body: FormBody,
  schemes: readonly { id: number; budgets: readonly { organisationId: number; amountPence: number }[] }[],
  partnerIds: readonly number[],
): { ok: true; value: ForecastFields } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const scheme = schemes.find((s) => String(s.id) === field(body, 'schemeId'));
  if (!scheme) problems.schemeId = 'Select the scheme this forecast is for';
  const who = field(body, 'organisationId');
  const organisationId = who === WHOLE_SCHEME ? null : Number(who);
  if (who === '' || (organisationId !== null && !partnerIds.includes(organisationId)))
    problems.organisationId = 'Select the partner this forecast is for, or the whole scheme';
  else if (organisationId === null && scheme && !scheme.budgets.some((b) => b.amountPence > 0))
    problems.organisationId =
      'This scheme has no budget to share a whole-scheme forecast by: select the partner the forecast is for';
  const period = Number(field(body, 'period'));
  if (!Number.isInteger(period) || period < 1 || period > 12)
    problems.period = 'Select the period the forecast is made at, P1 to P12';
  const amount = parsePounds(field(body, 'outturn'));
  if (!amount.ok) problems.outturn = `Forecast outturn: ${amount.error}`;
  const commentary = field(body, 'commentary');
  if (commentary === '') problems.commentary = 'Enter a commentary: why the outturn is expected to be this';
  else if (commentary.length > MAX_COMMENTARY)
    problems.commentary = `Commentary must be ${MAX_COMMENTARY} characters or fewer`;
  if (Object.keys(problems).length > 0 || !scheme || !amount.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { schemeId: scheme.id, organisationId, period, outturnPence: amount.value, commentary },
  };
}
