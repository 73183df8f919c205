/**
 * The contracting processes of a partnership as OCDS input (ocds.ts): its procurements (tender, lots, awards) with
 * the contracts let from them, and the contracts let without a procurement recorded here.
 *
 * What the public sees (`audience: 'public'`): a tender only once published; an award only once its standstill
 * period has ended (or a contract has been let from it); and nothing of a bid that did not win: no tenderers, no
 * number of tenderers, no bid prices. Signed-in officers (`'internal'`) also get the tenderers and pending awards.
 */
import type { Executor } from '../../db/connection.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import { pence, sumPence } from '../../kernel/money.js';
import { getPartnership, partnersOf } from '../../partnerships/index.js';
import {
  PROCUREMENT_ROUTES,
  contractStatus,
  latestPossibleEndDate,
  totalValuePence,
  type ProcurementRoute,
} from './rules.js';
import { listContracts, type Contract } from './store.js';
import type { OcdsAward, OcdsContract, OcdsMethod, OcdsParty, OcdsProcess } from './ocds.js';
import type { ProcedureId } from '../procurement/index.js';
import { PROCEDURES, REGIMES } from '../procurement/index.js';

export type OcdsAudience = 'public' | 'internal';

/** The OCDS method codelist's entry for each procedure (its name is commissioning/procurement/rules.ts's label). */
const METHODS: Record<ProcedureId, OcdsMethod> = {
  open: 'open',
  restricted: 'selective',
  competitive_negotiation: 'selective',
  competitive_dialogue: 'selective',
  innovation_partnership: 'selective',
  // advertised, with a procedure the authority designs: open to any provider that answers the advertisement
  light_touch: 'open',
  competitive_flexible: 'selective',
  psr_direct_award_a: 'direct',
  psr_direct_award_b: 'direct',
  psr_direct_award_c: 'direct',
  psr_most_suitable_provider: 'limited',
  psr_competitive: 'open',
};

const ROUTE_METHODS: Record<ProcurementRoute, OcdsMethod> = {
  invitation_to_quote: 'limited',
  published_tender: 'open',
  direct_award: 'direct',
};

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'unnamed';

/** The parties of one process, each once, its roles gathered as they are found. */
class Parties {
  private readonly byId = new Map<string, OcdsParty>();

  add(party: Omit<OcdsParty, 'roles'>, role: string): string {
    const found = this.byId.get(party.id);
    if (found) {
      if (!found.roles.includes(role)) found.roles.push(role);
      if (party.sme) found.sme = true;
    } else this.byId.set(party.id, { ...party, roles: [role] });
    return party.id;
  }

  /** A provider, known by its Companies House number, else its charity number, else its name. */
  provider(
    p: { name: string; companiesHouseNumber: string | null; charityNumber: string | null; sme?: boolean },
    role: string,
  ): string {
    const identifier = p.companiesHouseNumber
      ? { scheme: 'GB-COH', id: p.companiesHouseNumber, legalName: p.name }
      : p.charityNumber
        ? { scheme: 'GB-CHC', id: p.charityNumber, legalName: p.name }
        : undefined;
    const id = identifier ? `${identifier.scheme}-${identifier.id}` : `supplier-${slugOf(p.name)}`;
    return this.add(
      { id, name: p.name, ...(identifier ? { identifier } : {}), ...(p.sme ? { sme: true } : {}) },
      role,
    );
  }

  list(): OcdsParty[] {
    return [...this.byId.values()];
  }
}

function contractJson(c: Contract, awardId: string, today: IsoDate): OcdsContract {
  const status = contractStatus(c.startsOn, c.endDate, today);
  return {
    id: `contract-${c.id}`,
    awardId,
    title: c.title,
    description: c.description,
    status: status === 'ended' ? 'terminated' : status,
    startsOn: c.startsOn,
    endDate: c.endDate,
    latestEndDate: latestPossibleEndDate(c.endsOn, c.extensionOptions),
    valuePence: totalValuePence(c.valueLines),
    recordedAt: c.createdAt,
  };
}

/** The partnership's contracting processes for OCDS, with the partnership's slug and name for the ocids. */
export async function ocdsProcesses(
  db: Executor,
  partnershipId: number,
  audience: OcdsAudience,
  today: IsoDate,
): Promise<{ slug: string; name: string; processes: OcdsProcess[] }> {
  const partnership = await getPartnership(db, partnershipId);
  if (!partnership) throw new Error(`No partnership ${partnershipId}`);
  const partnerName = new Map((await partnersOf(db, partnershipId)).map((p) => [p.id, p.name]));
  const org = (parties: Parties, organisationId: number, role: string) =>
    parties.add(
      {
        id: `org-${organisationId}`,
        name: partnerName.get(organisationId) ?? `Organisation ${organisationId}`,
      },
      role,
    );
  const contracts = await listContracts(db, partnershipId);

  const procurements = await db
    .selectFrom('procurements')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('id')
    .execute();
  const lots = await db
    .selectFrom('procurement_lots')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('lot_number')
    .execute();
  const funding = await db
    .selectFrom('procurement_funding')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .execute();
  const bids = await db
    .selectFrom('procurement_bids')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('id')
    .execute();
  const members = await db
    .selectFrom('procurement_bid_members')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('bid_id')
    .orderBy('position')
    .execute();
  const awards = await db
    .selectFrom('procurement_awards')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('id')
    .execute();

  // the providers a bid puts forward to hold the contract: subcontractors are not parties to it
  const bidders = (bidId: number) => members.filter((m) => m.bid_id === bidId && m.role !== 'subcontractor');
  const processes: OcdsProcess[] = [];

  for (const p of procurements) {
    const published = p.publication_on !== null && p.publication_on <= today;
    const let_ = contracts.filter((c) => c.procurementId === p.id);
    const visibleAwards = awards.filter(
      (a) =>
        a.procurement_id === p.id &&
        (audience === 'internal' ||
          a.standstill_end_on === null ||
          a.standstill_end_on <= today ||
          let_.some((c) => c.awardId === a.id)),
    );
    if (audience === 'public' && !published && visibleAwards.length === 0 && let_.length === 0) continue;
    const parties = new Parties();
    const ofFunding = funding.filter((f) => f.procurement_id === p.id);
    const topFunder = [...ofFunding].sort((a, b) => b.amount_pence - a.amount_pence)[0]?.organisation_id;
    const buyerOrg = let_[0]?.buyerOrganisationId ?? topFunder ?? [...partnerName.keys()][0];
    if (buyerOrg === undefined) continue;
    const buyerId = org(parties, buyerOrg, 'buyer');
    const procuringEntityId = parties.add(
      { id: `partnership-${partnership.slug}`, name: partnership.name },
      'procuringEntity',
    );
    for (const f of ofFunding) org(parties, f.organisation_id, 'funder');
    for (const c of let_) for (const l of c.valueLines) org(parties, l.organisationId, 'payer');
    const ofLots = lots.filter((l) => l.procurement_id === p.id);
    const tendererIds =
      audience === 'internal'
        ? [
            ...new Set(
              bids
                .filter((b) => b.procurement_id === p.id)
                .flatMap((b) =>
                  bidders(b.id).map((m) =>
                    parties.provider(
                      {
                        name: m.provider_name,
                        companiesHouseNumber: m.companies_house_number,
                        charityNumber: m.charity_number,
                      },
                      'tenderer',
                    ),
                  ),
                ),
            ),
          ]
        : null;
    const ocdsAwards: OcdsAward[] = visibleAwards.map((a) => {
      const lot = ofLots.find((l) => l.id === a.lot_id);
      return {
        id: `award-${a.id}`,
        title: lot ? `Lot ${lot.lot_number}: ${lot.title}` : p.title,
        status: a.standstill_end_on !== null && a.standstill_end_on > today ? 'pending' : 'active',
        date: isoDate(a.awarded_on),
        valuePence: a.value_pence === null ? null : pence(a.value_pence),
        supplierIds: bidders(a.bid_id).map((m) =>
          parties.provider(
            {
              name: m.provider_name,
              companiesHouseNumber: m.companies_house_number,
              charityNumber: m.charity_number,
            },
            'supplier',
          ),
        ),
        lotIds: lot ? [String(lot.lot_number)] : [],
      };
    });
    const ocdsContracts = let_.map((c) => {
      parties.provider(c.provider, 'supplier');
      const awardId =
        c.awardId !== null && visibleAwards.some((a) => a.id === c.awardId) ? `award-${c.awardId}` : null;
      if (awardId) return contractJson(c, awardId, today);
      // a contract linked to the procurement but to none of its awards: its own award, to the contract's provider
      ocdsAwards.push(standaloneAward(c, parties));
      return contractJson(c, `award-c${c.id}`, today);
    });
    const allAwarded = ofLots.length > 0 && ofLots.every((l) => awards.some((a) => a.lot_id === l.id));
    processes.push({
      key: `p${p.id}`,
      buyerId,
      procuringEntityId,
      parties: parties.list(),
      tender: {
        id: p.reference,
        title: p.title,
        description: p.description,
        status:
          p.cancelled_on !== null ? 'cancelled' : allAwarded ? 'complete' : published ? 'active' : 'planned',
        method: METHODS[p.procedure],
        methodDetails: `${PROCEDURES[p.procedure].label} (${REGIMES[p.regime].label})`,
        valuePence: ofFunding.length > 0 ? sumPence(ofFunding.map((f) => f.amount_pence)) : null,
        publishedOn: published && p.publication_on !== null ? isoDate(p.publication_on) : null,
        clarificationDeadlineOn:
          p.clarification_deadline_on === null ? null : isoDate(p.clarification_deadline_on),
        submissionDeadlineOn: p.submission_deadline_on === null ? null : isoDate(p.submission_deadline_on),
        awardDecisionOn: p.award_decision_on === null ? null : isoDate(p.award_decision_on),
        lots: ofLots.map((l) => ({
          id: String(l.lot_number),
          title: l.title,
          description: l.description,
          valuePence: l.estimated_value_pence === null ? null : pence(l.estimated_value_pence),
        })),
        tendererIds,
      },
      awards: ocdsAwards,
      contracts: ocdsContracts,
    });
  }

  for (const c of contracts.filter((x) => x.procurementId === null)) {
    const parties = new Parties();
    const buyerId = org(parties, c.buyerOrganisationId, 'buyer');
    for (const l of c.valueLines) org(parties, l.organisationId, 'payer');
    const award = standaloneAward(c, parties);
    processes.push({
      key: `c${c.id}`,
      buyerId,
      procuringEntityId: null,
      parties: parties.list(),
      tender: {
        id: c.reference,
        title: c.title,
        description: '',
        status: 'complete',
        method: ROUTE_METHODS[c.procurementRoute],
        methodDetails: PROCUREMENT_ROUTES[c.procurementRoute],
        valuePence: null,
        publishedOn: null,
        clarificationDeadlineOn: null,
        submissionDeadlineOn: null,
        awardDecisionOn: null,
        lots: [],
        tendererIds: null,
      },
      awards: [award],
      contracts: [contractJson(c, award.id, today)],
    });
  }
  return { slug: partnership.slug, name: partnership.name, processes };
}

/** The award behind a contract let without a procurement recorded here: to its provider, for its whole value. */
function standaloneAward(c: Contract, parties: Parties): OcdsAward {
  return {
    id: `award-c${c.id}`,
    title: c.title,
    status: 'active',
    date: null,
    valuePence: totalValuePence(c.valueLines),
    supplierIds: [parties.provider(c.provider, 'supplier')],
    lotIds: [],
  };
}
