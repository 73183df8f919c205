/** What the partnership routes share: finding the partnership a URL names, and asking what the user may do in it. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { authorize, type Action } from '../../auth/policy.js';
import { errorSummary } from '../../kernel/forms.js';
import type { FieldProblems } from '../../kernel/result.js';
import { getPartnership, partnersOf } from '../store.js';

export type PartnershipParams = { partnershipId: string };

/** A positive whole-number id from a path parameter, or null. */
export function idParam(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** The partnership and its partners, or a 404 page sent and null returned. */
export async function loadPartnership(
  db: Db,
  req: FastifyRequest<{ Params: PartnershipParams }>,
  reply: FastifyReply,
) {
  const id = idParam(req.params.partnershipId);
  const partnership = id === null ? undefined : await getPartnership(db, id);
  if (!partnership) {
    await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
    return null;
  }
  const partners = await partnersOf(db, partnership.id);
  return { partnership, partners };
}

/** A function templates call as `can('budget:edit')` to show or hide actions in this partnership. */
export const canIn = (req: FastifyRequest, partnershipId?: number) => (action: Action) =>
  authorize(req.principal, action, partnershipId);

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
