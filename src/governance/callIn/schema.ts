/**
 * The form recording a step of a call-in, a zod schema read by `parseForm`. Which fields matter depends on the
 * step (`kind`); those checks run alongside a date typed wrongly. A scrutiny meeting chosen from Concordat's
 * meetings (looked up by the handler) brings its own date, so the date may then be left blank.
 */
import { z } from 'zod';
import { dateInput, parseForm, type Parsed } from '../../kernel/forms.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import { idParam } from '../../http/request.js';
import {
  CALL_IN_OUTCOMES,
  COUNCIL_RESULTS,
  RECONSIDERED_RESULTS,
  type CallInOutcome,
  type CallInStep,
  type CouncilResult,
  type ReconsideredResult,
} from './rules.js';

const STEP_CHECKS: Record<string, { field: string; ok: (v: string) => boolean; message: string }[]> = {
  validity: [
    { field: 'valid', ok: (v) => v === 'yes' || v === 'no', message: 'Select whether the call-in is valid' },
  ],
  'scrutiny-meeting': [
    {
      field: 'meetingId',
      ok: (v) => v === '' || idParam(v) !== null,
      message: 'Choose a meeting of the scrutiny committee',
    },
  ],
  outcome: [
    { field: 'outcome', ok: (v) => Object.hasOwn(CALL_IN_OUTCOMES, v), message: 'Select the outcome' },
  ],
  council: [
    {
      field: 'result',
      ok: (v) => Object.hasOwn(COUNCIL_RESULTS, v),
      message: 'Select the result at full council',
    },
  ],
  reconsidered: [
    {
      field: 'result',
      ok: (v) => Object.hasOwn(RECONSIDERED_RESULTS, v),
      message: 'Select whether the decision was confirmed or amended',
    },
  ],
};

export const readCallInStepForm = (
  body: unknown,
  context: { linkedOn: IsoDate | null; today: IsoDate },
): Parsed<CallInStep> => {
  const schema = z
    .object({
      kind: z.string(),
      on: context.linkedOn === null ? dateInput('the date', { required: true }) : dateInput('the date'),
      valid: z.string(),
      reasons: z.string(),
      meetingId: z.string(),
      committee: z.string(),
      outcome: z.string(),
      result: z.string(),
      notes: z.string(),
      decisionText: z.string(),
    })
    .superRefine(
      (b, ctx) => {
        const problem = (path: string, message: string) =>
          ctx.addIssue({ code: 'custom', path: [path], message });
        // a step records what happened; only the scrutiny meeting may be arranged ahead
        if (typeof b.on === 'string' && b.kind !== 'scrutiny-meeting' && b.on > context.today)
          problem('on', 'The date must be today or in the past');
        const checks = Object.hasOwn(STEP_CHECKS, b.kind) ? STEP_CHECKS[b.kind] : undefined;
        if (!checks) return problem('form', 'Choose a step to record');
        const values: Record<string, unknown> = b;
        const text = (v: unknown) => (typeof v === 'string' ? v : '');
        for (const c of checks) if (!c.ok(text(values[c.field]))) problem(c.field, c.message);
      },
      { when: () => true },
    );
  return parseForm(schema, body, (b): CallInStep => {
    const on = b.on ?? context.linkedOn ?? isoDate('1970-01-01');
    switch (b.kind) {
      case 'validity':
        return { kind: b.kind, on, valid: b.valid === 'yes', reasons: b.reasons };
      case 'scrutiny-meeting':
        return {
          kind: b.kind,
          on,
          meetingId: b.meetingId === '' ? null : idParam(b.meetingId),
          committee: b.committee,
        };
      case 'outcome':
        return { kind: b.kind, on, outcome: b.outcome as CallInOutcome, notes: b.notes };
      case 'council':
        return { kind: b.kind, on, result: b.result as CouncilResult, notes: b.notes };
      default:
        return {
          kind: 'reconsidered',
          on,
          result: b.result as ReconsideredResult,
          decisionText: b.decisionText,
        };
    }
  });
};
