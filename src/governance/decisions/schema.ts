/**
 * The forms of decisions, each a zod schema read by `parseForm`: publishing a decision, and a scrutiny member's
 * request to call it in. Checks of the decision's state (already published, the call-in window) stay in the
 * handler, before the form is read.
 */
import { z } from 'zod';
import { dateInput, parseForm, type Parsed } from '../../kernel/forms.js';
import type { IsoDate } from '../../kernel/dates.js';

/** The publication date: today or earlier, and not before the decision was taken. */
export const readPublishForm = (
  body: unknown,
  decidedOn: string,
  today: IsoDate,
): Parsed<{ publishedOn: IsoDate }> =>
  parseForm(
    z
      .object({ publishedOn: dateInput('the publication date', { required: true }) })
      .superRefine(({ publishedOn }, ctx) => {
        const problem =
          publishedOn > today
            ? 'The publication date must be today or in the past'
            : publishedOn < decidedOn
              ? 'The publication date must be on or after the date of the decision'
              : null;
        if (problem) ctx.addIssue({ code: 'custom', path: ['publishedOn'], message: problem });
      }),
    body,
  );

/** A request to call a decision in: its grounds. */
export const readCallInRequestForm = (body: unknown): Parsed<{ grounds: string }> =>
  parseForm(z.object({ grounds: z.string().min(1, 'Enter the grounds for calling the decision in') }), body);
