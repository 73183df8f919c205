/**
 * Reading HTML form posts and turning validation problems into the GOV.UK error summary: each problem names
 * its field, and the form is shown again with what the user typed.
 */
import { z } from 'zod';
import { isIsoDate, isoDate, type IsoDate } from './dates.js';
import { parsePounds, type Pence } from './money.js';
import type { FieldProblems } from './result.js';

export type FormBody = Record<string, string | string[] | undefined>;

/** One text field, trimmed ('' when absent). */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

/** A field that may repeat (checkboxes), as a list. */
export function fields(body: FormBody, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter((x) => x !== '');
}

/**
 * A GOV.UK date input (`name-day`, `name-month`, `name-year`) as an ISO date: null when all three are empty,
 * or a problem that says which part is wrong.
 */
export function readDateInput(
  body: FormBody,
  name: string,
  label: string,
  required = false,
): { value: string | null; problem?: string } {
  const [d, m, y] = ['day', 'month', 'year'].map((part) => field(body, `${name}-${part}`));
  return readDateParts(d ?? '', m ?? '', y ?? '', label, required);
}

/** The three parts of a date input, as typed, read as an ISO date or the problem that says which part is wrong. */
function readDateParts(
  d: string,
  m: string,
  y: string,
  label: string,
  required: boolean,
): { value: string | null; problem?: string } {
  if (!d && !m && !y) return required ? { value: null, problem: `Enter ${label}` } : { value: null };
  const missing = [
    ['day', d],
    ['month', m],
    ['year', y],
  ]
    .filter(([, v]) => !v)
    .map(([p]) => p);
  if (missing.length > 0)
    return { value: null, problem: `${capitalise(label)} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
    return { value: null, problem: `${capitalise(label)} must be a real date, like 27 7 2017` };
  }
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { value: null, problem: `${capitalise(label)} must be a real date` };
  return { value: iso };
}

/** The values a date input shows for an ISO date (for edit forms). */
export function dateInputValues(name: string, iso: string | null): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: y ?? '',
  };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Zod's issues as problems keyed by the top-level field they concern (the first problem per field). */
export function problemsFromZod(error: z.ZodError): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    problems[key] ??= issue.message;
  }
  return problems;
}

/** The GOV.UK error summary's list: each problem linking to its field (`#field`, or a date's day part). */
export function errorSummary(
  problems: FieldProblems,
  dateFields: readonly string[] = [],
): { text: string; href: string }[] {
  return Object.entries(problems).map(([key, text]) => ({
    text,
    href: `#${dateFields.includes(key) ? `${key}-day` : key}`,
  }));
}

export const hasProblems = (p: FieldProblems): boolean => Object.keys(p).length > 0;

/** A form read: the typed value, or the problems keyed by field (the GOV.UK error summary's input). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

/** An object's keys as the non-empty tuple that `z.enum` takes. */
export const keys = <T extends object>(o: T) =>
  Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
/** A required line of text, trimmed, at most `max` characters. */
export const text = (what: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
/** An optional line of text, trimmed, at most `max` characters. */
export const optional = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`);
/** A whole number from `min` to `max`, typed as text. */
export const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${what} as a whole number` })
    .int(`Enter ${what} as a whole number`)
    .min(min, `Enter ${what} from ${min} to ${max}`)
    .max(max, `Enter ${what} from ${min} to ${max}`);

/** The typed value built from the parsed fields, or the problems when the fields or anything else failed. */
export function finish<D, T>(
  base: { success: true; data: D } | { success: false },
  problems: FieldProblems,
  value: (data: D) => T,
): Parsed<T> {
  if (!base.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: value(base.data) };
}

/** The schema pieces that read more than one field of the post: a GOV.UK date input reads three. */
const DATE_INPUTS = new WeakSet<z.ZodType>();

const dateParts = z.object({ day: z.string(), month: z.string(), year: z.string() });
type DateParts = z.input<typeof dateParts>;

/**
 * A GOV.UK date input (`name-day`, `name-month`, `name-year`) as an ISO date, with the Design System's messages
 * for a missing or impossible part. Optional unless `required` (null when all three parts are empty).
 */
export function dateInput(label: string, options: { required: true }): z.ZodType<IsoDate, DateParts>;
export function dateInput(label: string, options?: { required: false }): z.ZodType<IsoDate | null, DateParts>;
export function dateInput(
  label: string,
  options: { required?: boolean } = {},
): z.ZodType<IsoDate | null, DateParts> {
  const piece = dateParts.transform((parts, ctx) => {
    const read = readDateParts(parts.day, parts.month, parts.year, label, options.required === true);
    if (read.problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: read.problem });
      return z.NEVER;
    }
    return read.value === null ? null : isoDate(read.value);
  });
  DATE_INPUTS.add(piece);
  return piece;
}

/** An amount typed in pounds and pence (`1,234.56`, `(50.00)`, `-£3`), read exactly as integer pence. */
export const moneyInput = (label: string, options: { min?: Pence } = {}) =>
  z.string().transform((text, ctx): Pence => {
    if (text.trim() === '') {
      ctx.addIssue({ code: 'custom', message: `Enter ${label} in pounds and pence, like 1234.56` });
      return z.NEVER;
    }
    const read = parsePounds(text);
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)}: ${read.error}` });
      return z.NEVER;
    }
    if (options.min !== undefined && read.value < options.min) {
      ctx.addIssue({
        code: 'custom',
        message: `${capitalise(label)} must not be less than ${String(options.min / 100)}`,
      });
      return z.NEVER;
    }
    return read.value;
  });

/** A form's fields: each piece of a zod object reads the field of its own name (a date input, its three). */
export type FormSchema = z.ZodObject<z.ZodRawShape>;

/**
 * The one way to read a form post: each field the schema names, trimmed (a list for an array piece, the three
 * parts for a date input), checked by the schema, giving the typed value or the problems keyed by field for
 * the GOV.UK error summary. Checks across fields are the schema's own (`superRefine` with a `path`; zod runs
 * them once every field is valid); `toValue` shapes the checked fields into the value the caller wants.
 */
export function parseForm<S extends FormSchema>(schema: S, body: unknown): Parsed<z.output<S>>;
export function parseForm<S extends FormSchema, T>(
  schema: S,
  body: unknown,
  toValue: (fields: z.output<S>) => T,
): Parsed<T>;
export function parseForm<S extends FormSchema, T>(
  schema: S,
  body: unknown,
  toValue?: (fields: z.output<S>) => T,
): Parsed<z.output<S> | T> {
  const post = formBody(body);
  const input: Record<string, unknown> = {};
  for (const [name, piece] of Object.entries(schema.shape)) {
    if (DATE_INPUTS.has(piece as z.ZodType))
      input[name] = {
        day: field(post, `${name}-day`),
        month: field(post, `${name}-month`),
        year: field(post, `${name}-year`),
      };
    else if (piece instanceof z.ZodArray) input[name] = fields(post, name);
    else input[name] = field(post, name);
  }
  const result = schema.safeParse(input);
  if (!result.success) return { ok: false, problems: problemsFromZod(result.error) };
  return { ok: true, value: toValue ? toValue(result.data) : result.data };
}

/**
 * A request's body as a form post: an object of strings or lists of strings (url-encoded), or of fields with a
 * string `value` (multipart, as @fastify/multipart attaches them); anything else reads as empty.
 */
export function formBody(body: unknown): FormBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const text = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (typeof v === 'object' && v !== null && 'value' in v && typeof v.value === 'string') return v.value;
    return undefined;
  };
  const post: FormBody = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) post[key] = value.map(text).filter((v) => v !== undefined);
    else {
      const v = text(value);
      if (v !== undefined) post[key] = v;
    }
  }
  return post;
}

/** An optional id chosen from a list (a select or radios): null when none is chosen, a problem when not allowed. */
export const chosenId = (allowed: ReadonlySet<number>, message: string) =>
  z
    .string()
    .refine((raw) => raw === '' || allowed.has(Number(raw)), message)
    .transform((raw) => (raw === '' ? null : Number(raw)));

/** An optional amount in pounds and pence, not negative, as integer pence (null when empty). */
export const optionalPounds = (label: string) =>
  z.string().transform((raw, ctx): Pence | null => {
    if (raw === '') return null;
    const read = parsePounds(raw);
    if (!read.ok) ctx.addIssue({ code: 'custom', message: `${label}: ${read.error}` });
    else if (read.value < 0) ctx.addIssue({ code: 'custom', message: `${label} must not be negative` });
    else return read.value;
    return z.NEVER;
  });

/**
 * The `when` of a check across fields (`.superRefine(check, { when: fieldsRead('startsOn', 'endsOn') })`): it runs
 * once the fields it names were read without a problem, beside any problems in other fields, as the GOV.UK error
 * summary lists every problem at once.
 */
export const fieldsRead =
  (...names: readonly string[]) =>
  (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    payload.issues.every((i) => !names.includes(String(i.path?.[0])));
