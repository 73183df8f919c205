/**
 * Reading HTML form posts and turning validation problems into the GOV.UK error summary: each problem names
 * its field, and the form is shown again with what the user typed.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.js';
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
  if (!/^\d{1,2}$/.test(d ?? '') || !/^\d{1,2}$/.test(m ?? '') || !/^\d{4}$/.test(y ?? '')) {
    return { value: null, problem: `${capitalise(label)} must be a real date, like 27 7 2017` };
  }
  const iso = `${y ?? ''}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
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
