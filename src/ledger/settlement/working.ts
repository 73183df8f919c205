/**
 * The working of a year-end settlement, as pure arithmetic over what the ledger holds (DOMAIN.md §4: "at year
 * end the settlement allocates the variance under the policy and produces the transfers between partners").
 *
 * For each partner: its contribution for the year (agreed plus variations), the spend it incurred for the pool
 * (imports post Dr EXP-scheme / Cr CRE-partner: the pool owes the partner), and its share of the variance under
 * the risk-share policy. What it finally bears is its contribution plus its share; its position is what it owes
 * the pool (positive) or the pool owes it (negative) once the spend it incurred is set against that. Positions
 * are settled through the host, which keeps the pool's account (SI 2000/617 reg 7(4)).
 *
 * The journal entries (all balanced, source 'settlement'):
 *  1. contributions due for the year that the journal does not yet hold: Dr DEB-partner / Cr CON-partner;
 *  2. the risk share: each partner's share as a further (or returned) contribution, Dr DEB / Cr CON, and the
 *     reserve drawn, Dr RESERVE / Cr RESERVE-APPLIED (the reserve's part in the year's income);
 *  3. each partner's spend incurred set against what it owes: after it, a partner has one balance, on DEB (it
 *     pays the pool) or on CRE (the pool pays it).
 */
import { formatPounds, pence, sumPence, type Pence } from '../../kernel/money.js';
import {
  shareVariance,
  type RiskSharePolicy,
  type RiskShareResult,
  type SchemeVariance,
} from './riskShare.js';

export const RESERVE_APPLIED = 'RESERVE-APPLIED';

export interface PartnerLedgerFacts {
  organisationId: number;
  name: string;
  /** Agreed contribution plus variations (fund_contributions). */
  contributionDuePence: number;
  /** What the journal already holds as its contribution (the credit balance of CON-partner, as positive). */
  contributionPostedPence: number;
  /** Balances of its accounts now (debit positive). */
  debtorBalancePence: number;
  creditorBalancePence: number;
  /** Spend it incurred on the pool's schemes (scheme_actuals). */
  spendIncurredPence: number;
}

export interface SettlementFacts {
  fund: { id: number; name: string; financialYear: number; hostOrganisationId: number | null };
  partners: PartnerLedgerFacts[];
  schemes: SchemeVariance[];
  /** The RESERVE account's balance (a funded reserve is a credit, so negative). */
  reserveBalancePence: number;
}

export interface PartnerPosition {
  organisationId: number;
  name: string;
  isHost: boolean;
  contributionDuePence: Pence;
  contributionToPostPence: Pence;
  spendIncurredPence: Pence;
  sharePence: Pence;
  /** Contribution plus share: what the partner finally bears for the year. */
  bearsPence: Pence;
  /** Owed to the pool (positive) or by the pool (negative) after settlement. */
  positionPence: Pence;
}

export interface SettlementLine {
  accountCode: string;
  amountPence: Pence;
  organisationId: number | null;
  description: string;
}

export interface SettlementEntry {
  description: string;
  lines: SettlementLine[];
}

export interface SettlementWorking {
  facts: SettlementFacts;
  contributionsPence: Pence;
  budgetPence: Pence;
  spendPence: Pence;
  variancePence: Pence;
  riskShare: RiskShareResult;
  partners: PartnerPosition[];
  transfers: { fromName: string; toName: string; amountPence: Pence; text: string }[];
  entries: SettlementEntry[];
  notes: string[];
}

const line = (accountCode: string, amount: bigint, organisationId: number | null, description: string) => ({
  accountCode,
  amountPence: pence(amount),
  organisationId,
  description,
});

/** Computes the settlement: the variance, each partner's share and position, the transfers and the entries. */
export function settlementWorking(policy: RiskSharePolicy, facts: SettlementFacts): SettlementWorking {
  const contributionsPence = sumPence(facts.partners.map((p) => p.contributionDuePence));
  const spendPence = sumPence(facts.schemes.map((s) => s.spendPence));
  const budgetPence = sumPence(facts.schemes.map((s) => s.budgetPence));
  const variancePence = pence(spendPence - contributionsPence);
  const riskShare = shareVariance(policy, {
    partners: facts.partners.map((p) => ({
      organisationId: p.organisationId,
      name: p.name,
      contributionPence: p.contributionDuePence,
    })),
    schemes: facts.schemes,
    variancePence,
  });
  const hostId = facts.fund.hostOrganisationId;
  const host = facts.partners.find((p) => p.organisationId === hostId);
  const contributionEntry: SettlementLine[] = [];
  const shareEntry: SettlementLine[] = [];
  const offsetEntry: SettlementLine[] = [];
  const partners = facts.partners.map((p, i): PartnerPosition => {
    const id = p.organisationId;
    const toPost = BigInt(p.contributionDuePence) - BigInt(p.contributionPostedPence);
    const share = BigInt(riskShare.shares[i]?.pence ?? 0);
    if (toPost !== 0n)
      contributionEntry.push(
        line(`DEB-${id}`, toPost, id, `${p.name}: contribution due for the year`),
        line(`CON-${id}`, -toPost, id, `${p.name}: contribution due for the year`),
      );
    if (share !== 0n) {
      const what = share > 0n ? 'share of the overspend' : 'share of the underspend returned';
      shareEntry.push(
        line(`DEB-${id}`, share, id, `${p.name}: ${what}`),
        line(`CON-${id}`, -share, id, `${p.name}: ${what}`),
      );
    }
    const debtor = BigInt(p.debtorBalancePence) + toPost + share;
    const creditor = BigInt(p.creditorBalancePence);
    const position = debtor + creditor;
    const [debtorTarget, creditorTarget] = position >= 0n ? [position, 0n] : [0n, position];
    if (debtorTarget !== debtor) {
      offsetEntry.push(
        line(`DEB-${id}`, debtorTarget - debtor, id, `${p.name}: spend it incurred set against what it owes`),
        line(
          `CRE-${id}`,
          creditorTarget - creditor,
          id,
          `${p.name}: spend it incurred set against what it owes`,
        ),
      );
    }
    return {
      organisationId: id,
      name: p.name,
      isHost: id === hostId,
      contributionDuePence: pence(p.contributionDuePence),
      contributionToPostPence: pence(toPost),
      spendIncurredPence: pence(p.spendIncurredPence),
      sharePence: pence(share),
      bearsPence: pence(BigInt(p.contributionDuePence) + share),
      positionPence: pence(position),
    };
  });
  const reserve = BigInt(riskShare.reserveDrawnPence);
  if (reserve !== 0n)
    shareEntry.push(
      line(
        'RESERVE',
        reserve,
        null,
        reserve > 0n ? 'Risk reserve drawn to meet the overspend' : 'Underspend added to the risk reserve',
      ),
      line(RESERVE_APPLIED, -reserve, null, 'Risk reserve applied to the year’s variance'),
    );
  const label = variancePence >= 0 ? 'overspend' : 'underspend';
  const entries: SettlementEntry[] = [
    {
      description: 'Year-end settlement: contributions due for the year not yet in the journal',
      lines: contributionEntry,
    },
    { description: `Year-end settlement: risk share of the ${label}`, lines: shareEntry },
    {
      description: 'Year-end settlement: spend incurred set against what each partner owes',
      lines: offsetEntry,
    },
  ].filter((e) => e.lines.length > 0);

  const hostName = host?.name ?? 'the host';
  const transfers = partners
    .filter((p) => !p.isHost && p.positionPence !== 0)
    .map((p) =>
      p.positionPence > 0
        ? {
            fromName: p.name,
            toName: hostName,
            amountPence: p.positionPence,
            text: `${p.name} pays ${hostName}, as host of the pool, ${formatPounds(p.positionPence)}.`,
          }
        : {
            fromName: hostName,
            toName: p.name,
            amountPence: pence(-(p.positionPence as number)),
            text: `${hostName}, as host, pays ${p.name} ${formatPounds(-(p.positionPence as number))} from the pool.`,
          },
    );
  const notes: string[] = [];
  const hostPosition = partners.find((p) => p.isHost);
  if (hostPosition && hostPosition.positionPence !== 0)
    notes.push(
      hostPosition.positionPence > 0
        ? `${hostPosition.name}, the host, owes the pool ${formatPounds(hostPosition.positionPence)}: it moves that from its own accounts to the pool’s.`
        : `The pool owes ${hostPosition.name}, the host, ${formatPounds(-(hostPosition.positionPence as number))}: it keeps that from the pool’s account, which it holds.`,
    );
  if (reserve > 0n && -BigInt(facts.reserveBalancePence) < reserve)
    notes.push(
      `The ledger’s risk reserve holds ${formatPounds(pence(-BigInt(facts.reserveBalancePence)))}, less than the ${formatPounds(pence(reserve))} the policy draws: the reserve account will be overdrawn.`,
    );
  if (riskShare.unallocatedPence > 0)
    notes.push(
      `${formatPounds(riskShare.unallocatedPence)} of the overspend is shared by no one under the policy: it is to be funded from outside the pool and stays as the pool’s deficit.`,
    );
  if (riskShare.unallocatedPence < 0)
    notes.push(
      `${formatPounds(-(riskShare.unallocatedPence as number))} of the underspend is returned to no one under the policy: it stays in the pool as its surplus.`,
    );
  if (budgetPence !== contributionsPence)
    notes.push(
      `Scheme budgets total ${formatPounds(budgetPence)} against contributions of ${formatPounds(contributionsPence)}: the difference is treated as a joint variance.`,
    );
  return {
    facts,
    contributionsPence,
    budgetPence,
    spendPence,
    variancePence,
    riskShare,
    partners,
    transfers,
    entries,
    notes,
  };
}
