/** What every domain's routes share: ids from the path, a form shown again with its problems, breadcrumbs. */
import type { FastifyRequest } from 'fastify';
import { errorSummary } from '../kernel/forms.js';
import type { FieldProblems } from '../kernel/result.js';

/** A positive whole-number id from a path parameter, or null. */
export function idParam(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** The view data of a form shown again with its problems. */
export function withProblems(problems: FieldProblems, dateFields: readonly string[] = []) {
  return { errors: problems, errorList: errorSummary(problems, dateFields) };
}

export function breadcrumbsFor(
  partnership: { id: number; name: string },
  ...more: { text: string; href?: string }[]
) {
  return [
    { text: 'Partnerships', href: '/partnerships' },
    { text: partnership.name, href: `/partnerships/${partnership.id}` },
    ...more,
  ];
}

/** The site's own address, as the request reached it: for the absolute links of feeds and open data. */
export const siteBase = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
