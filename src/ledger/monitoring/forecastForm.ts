/** Reading the manual-forecast form: each problem names its field; nothing is saved while any remains. */
import { z } from 'zod';
import { parseForm, type Parsed } from '../../kernel/forms.js';
import { parsePounds, type Pence } from '../../kernel/money.js';
import type { ForecastFields } from './forecastStore.js';

export const WHOLE_SCHEME = 'whole';
const MAX_COMMENTARY = 2000;

type SchemeChoice = { id: number; budgets: readonly { organisationId: number; amountPence: number }[] };

/** The form for a fund's schemes and partners: the partner may be the whole scheme when it has a budget. */
const forecastSchema = (schemes: readonly SchemeChoice[], partnerIds: readonly number[]) =>
  z
    .object({
      schemeId: z
        .string()
        .refine((v) => schemes.some((s) => String(s.id) === v), 'Select the scheme this forecast is for'),
      organisationId: z
        .string()
        .refine(
          (who) => who === WHOLE_SCHEME || (who !== '' && partnerIds.includes(Number(who))),
          'Select the partner this forecast is for, or the whole scheme',
        ),
      period: z
        .string()
        .transform(Number)
        .refine(
          (p) => Number.isInteger(p) && p >= 1 && p <= 12,
          'Select the period the forecast is made at, P1 to P12',
        ),
      outturn: z.string().transform((text, ctx): Pence => {
        const read = parsePounds(text);
        if (read.ok) return read.value;
        ctx.addIssue({ code: 'custom', message: `Forecast outturn: ${read.error}` });
        return z.NEVER;
      }),
      commentary: z
        .string()
        .min(1, 'Enter a commentary: why the outturn is expected to be this')
        .max(MAX_COMMENTARY, `Commentary must be ${MAX_COMMENTARY} characters or fewer`),
    })
    .superRefine((f, ctx) => {
      const scheme = schemes.find((s) => String(s.id) === f.schemeId);
      if (f.organisationId === WHOLE_SCHEME && scheme && !scheme.budgets.some((b) => b.amountPence > 0))
        ctx.addIssue({
          code: 'custom',
          path: ['organisationId'],
          message:
            'This scheme has no budget to share a whole-scheme forecast by: select the partner the forecast is for',
        });
    });

export const readForecastForm = (
  body: unknown,
  schemes: readonly SchemeChoice[],
  partnerIds: readonly number[],
): Parsed<ForecastFields> =>
  parseForm(forecastSchema(schemes, partnerIds), body, (f) => ({
    schemeId: Number(f.schemeId),
    organisationId: f.organisationId === WHOLE_SCHEME ? null : Number(f.organisationId),
    period: f.period,
    outturnPence: f.outturn,
    commentary: f.commentary,
  }));
