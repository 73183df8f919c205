/** What the fund setup routes share: the host-only check and its 403 page, partners and years for the forms. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { financialYearLabel, financialYearOf, todayInLondon } from '../../kernel/dates.js';
import { fundSetupAccess } from './fundAccess.js';
import { fundingStreamsFor } from './rules.js';
import type { Fund } from './store.js';
import type { PartnerChoice } from './schema.js';
import type { loadFund } from './fundOfRequest.js';

export type LoadedFund = NonNullable<Awaited<ReturnType<typeof loadFund>>>;

/** Partners as the forms need them. */
export const partnerChoices = (
  partners: readonly { id: number; name: string; kind: PartnerChoice['kind'] }[],
) => partners.map((p) => ({ id: p.id, name: p.name, kind: p.kind }));

/** The funding streams of a fund's year (ledger/funds/rules.ts). */
export const streamsOf = (fund: Fund) => fundingStreamsFor(fund.financial_year, fund.better_care_fund);

/**
 * Sends the 403 page that says why, and returns false, unless the user may set up or change this fund (a pooled
 * fund by finance officers of its host only: ledger/funds/fundAccess.ts).
 */
export async function mayChangeFund(
  req: FastifyRequest,
  reply: FastifyReply,
  loaded: LoadedFund,
  forOrganisationId?: number,
): Promise<boolean> {
  const { partnership, fund, nameOf } = loaded;
  const access = fundSetupAccess(
    req.principal,
    partnership.id,
    { kind: fund.kind, hostOrganisationId: fund.host_organisation_id },
    nameOf(fund.host_organisation_id),
    forOrganisationId,
  );
  if (access.allowed) return true;
  await reply.code(403).view('ledger/funds/views/notHost.njk', {
    pageTitle: 'Only the host partner can change this fund',
    reason: access.reason,
    partnership,
    fund,
  });
  return false;
}

/** The financial years offered: from 2015-16 (the first BCF year) to two years ahead, latest first. */
export function fundYearChoices(): { value: string; text: string }[] {
  const last = financialYearOf(todayInLondon()) + 2;
  const out = [];
  for (let y = last; y >= 2013; y -= 1)
    out.push({ value: financialYearLabel(y), text: financialYearLabel(y) });
  return out;
}
