/**
 * The public decisions list's query string and the call-in status the public filter on (DOMAIN.md §5): read the
 * filters, say what is wrong with any of them, and page the matching decisions. Pure: no I/O.
 */
import { isIsoDate, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { CallInState } from '../../governance/decisions/index.js';

/** The statuses the public filter on. A decision not subject to call-in (NHS, or urgent) is effective at once. */
export const PUBLIC_DECISION_STATUSES = {
  awaiting: 'Awaiting call-in',
  effective: 'Effective',
  'called-in': 'Called in',
} as const;
export type PublicDecisionStatus = keyof typeof PUBLIC_DECISION_STATUSES;

export function publicStatusOf(state: CallInState): PublicDecisionStatus {
  switch (state.kind) {
    case 'window-open':
    case 'unpublished':
      return 'awaiting';
    case 'called-in':
      return 'called-in';
    case 'effective':
    case 'not-subject':
      return 'effective';
  }
}

export const PAGE_SIZE = 20;
const MAX_SEARCH_LENGTH = 200;

export interface DecisionListQuery {
  boardId: number | undefined;
  from: IsoDate | undefined;
  to: IsoDate | undefined;
  keyOnly: boolean;
  statuses: PublicDecisionStatus[];
  text: string;
  page: number;
}

type Raw = Record<string, string | string[] | undefined>;
const one = (raw: Raw, name: string): string => {
  const v = raw[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
const many = (raw: Raw, name: string): string[] => {
  const v = raw[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter((s) => s !== '');
};

/**
 * The filters from the query string. A filter that cannot be read is left out of the query and named in the
 * problems (the page shows them in the error summary), so the list still shows rather than failing.
 */
export function readDecisionListQuery(
  raw: Raw,
  boardIds: readonly number[],
): { query: DecisionListQuery; problems: FieldProblems; values: Record<string, string | string[]> } {
  const problems: FieldProblems = {};
  const values = {
    board: one(raw, 'board'),
    from: one(raw, 'from'),
    to: one(raw, 'to'),
    key: one(raw, 'key'),
    status: many(raw, 'status'),
    q: one(raw, 'q'),
  };
  let boardId: number | undefined;
  if (values.board !== '') {
    const n = Number(values.board);
    if (Number.isSafeInteger(n) && boardIds.includes(n)) boardId = n;
    else problems.board = 'Select a board from the list';
  }
  const date = (name: 'from' | 'to', label: string): IsoDate | undefined => {
    const v = values[name];
    if (v === '') return undefined;
    if (isIsoDate(v)) return v;
    problems[name] = `Enter the “${label}” date as a real date, for example 2017-07-18`;
    return undefined;
  };
  const from = date('from', 'decided from');
  const to = date('to', 'decided to');
  if (from !== undefined && to !== undefined && from > to)
    problems.to = 'The “decided to” date must be the same as or after the “decided from” date';
  const statuses = values.status.filter((s): s is PublicDecisionStatus =>
    Object.hasOwn(PUBLIC_DECISION_STATUSES, s),
  );
  if (statuses.length !== values.status.length) problems.status = 'Select a status from the list';
  let text = values.q;
  if (text.length > MAX_SEARCH_LENGTH) {
    problems.q = `Search words must be ${MAX_SEARCH_LENGTH} characters or fewer`;
    text = '';
  }
  const pageNumber = Number(one(raw, 'page') || '1');
  return {
    query: {
      boardId,
      from,
      to: problems.to ? undefined : to,
      keyOnly: values.key === 'yes',
      statuses,
      text,
      page: Number.isSafeInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1,
    },
    problems,
    values,
  };
}

/** The query string of the list with these filters, on another page: for the pagination links. */
export function listQueryString(q: DecisionListQuery, page: number): string {
  const params = new URLSearchParams();
  if (q.text) params.set('q', q.text);
  if (q.boardId !== undefined) params.set('board', String(q.boardId));
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  if (q.keyOnly) params.set('key', 'yes');
  for (const s of q.statuses) params.append('status', s);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** One page of the rows, with the page numbers for GOV.UK pagination (the current page clamped to the last). */
export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(page, pages);
  return {
    rows: rows.slice((current - 1) * size, current * size),
    current,
    pages,
    total: rows.length,
    first: rows.length === 0 ? 0 : (current - 1) * size + 1,
    last: Math.min(current * size, rows.length),
  };
}

/** The page numbers to offer: the first, the last, and those next to the current one; null for a gap. */
export function pageNumbers(current: number, pages: number): (number | null)[] {
  const wanted = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - (wanted[i - 1] ?? n) > 1 ? [null, n] : [n]));
}
