/** A value or the problems that stopped it: errors at the edges are values, not exceptions. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** Problems keyed by form field (or `row:column` for imports), in the order they were found. */
export type FieldProblems = Record<string, string>;
