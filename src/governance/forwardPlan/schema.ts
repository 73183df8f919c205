/**
 * The forms of the forward plan, each a zod schema read by `parseForm`: publishing an entry, and the exception
 * to 28 days' notice (its rules are `validateException`'s, reported alongside any date typed wrongly). Checks of
 * the entry's state stay in the handler, before the form is read.
 */
import { z } from 'zod';
import { dateInput, parseForm, type Parsed } from '../../kernel/forms.js';
import type { IsoDate } from '../../kernel/dates.js';
import { validateException } from './rules.js';

/** The date an entry was first published: today or earlier. */
export const readEntryPublishForm = (body: unknown, today: IsoDate): Parsed<{ firstPublishedOn: IsoDate }> =>
  parseForm(
    z
      .object({ firstPublishedOn: dateInput('the publication date', { required: true }) })
      .superRefine(({ firstPublishedOn }, ctx) => {
        if (firstPublishedOn > today)
          ctx.addIssue({
            code: 'custom',
            path: ['firstPublishedOn'],
            message: 'The publication date must be today or in the past',
          });
      }),
    body,
  );

const exceptionSchema = z.object({
  reasons: z.string(),
  noticePublishedOn: dateInput('the date the notice was published', { required: true }),
  scrutinyChairInformed: z.string(),
  scrutinyChairInformedOn: dateInput('the date they were informed'),
  agreedBy: z.string(),
  agreedByRole: z.string(),
  agreedOn: dateInput('the date they agreed'),
});

/** A date input's value, or null when it was typed wrongly (its own problem is reported first). */
const dateOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The exception by general exception or special urgency (`route`), checked by `validateException`. */
export const readExceptionForm = <R extends string>(body: unknown, route: R, today: IsoDate) =>
  parseForm(
    exceptionSchema.superRefine(
      (x, ctx) => {
        const problems = validateException(
          {
            route,
            reasons: x.reasons,
            noticePublishedOn: dateOrNull(x.noticePublishedOn),
            scrutinyChairInformed: x.scrutinyChairInformed,
            scrutinyChairInformedOn: dateOrNull(x.scrutinyChairInformedOn),
            agreedBy: x.agreedBy,
            agreedByRole: x.agreedByRole || null,
            agreedOn: dateOrNull(x.agreedOn),
          },
          today,
        );
        for (const [path, message] of Object.entries(problems))
          ctx.addIssue({ code: 'custom', path: [path], message });
      },
      { when: () => true },
    ),
    body,
    (x) => ({ ...x, route, agreedByRole: x.agreedByRole || null }),
  );
