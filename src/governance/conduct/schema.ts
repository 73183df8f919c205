/**
 * The declaration of an interest at a meeting, a zod schema read by `parseForm`. Who may declare (the members
 * seated for the item, once the attendance is recorded) is the handler's to say; all its problems are reported
 * together.
 */
import { z } from 'zod';
import { keys, parseForm, type Parsed } from '../../kernel/forms.js';
import type { ConflictAction } from '../boards/index.js';
import { CONFLICT_ACTIONS } from './rules.js';

export interface DeclarationInput {
  membershipId: number;
  interest: string;
  action: ConflictAction;
  dispensationReference: string;
  dispensationGrantedBy: string;
}

export const readDeclarationForm = (
  body: unknown,
  context: { attendanceRecorded: boolean; seated: readonly number[] },
): Parsed<DeclarationInput> =>
  parseForm(
    z
      .object({
        member: z.string(),
        interest: z.string().min(1, 'Enter the interest declared'),
        action: z.enum(keys(CONFLICT_ACTIONS), { error: 'Select the action taken' }),
        dispensationReference: z.string(),
        dispensationGrantedBy: z.string(),
      })
      .superRefine(
        (d, ctx) => {
          const problem = (path: string, message: string) =>
            ctx.addIssue({ code: 'custom', path: [path], message });
          if (!context.attendanceRecorded)
            problem('form', 'Record the attendance first: declarations are made by those present');
          if (!context.seated.includes(Number(d.member)))
            problem('member', 'Select the member, present at the meeting, who declared the interest');
          if (d.action === 'dispensation' && !d.dispensationReference)
            problem('dispensationReference', 'Enter the dispensation’s reference');
          if (d.action === 'dispensation' && !d.dispensationGrantedBy)
            problem('dispensationGrantedBy', 'Enter who granted the dispensation');
        },
        { when: () => true },
      ),
    body,
    (d) => ({
      membershipId: Number(d.member),
      interest: d.interest,
      action: d.action,
      dispensationReference: d.dispensationReference,
      dispensationGrantedBy: d.dispensationGrantedBy,
    }),
  );
