/**
 * Partners' contributions in the journal. Contributions are agreed per financial year and often paid in four
 * quarterly instalments (DOMAIN.md §4): each instalment is raised as due from the partner (Dr DEB-partner,
 * Cr CON-partner) in P1, P4, P7 and P10, split by the largest-remainder rule so that the four add up to the
 * agreed amount plus variations exactly. A receipt moves the money to the host (Dr HOST, Cr DEB-partner).
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { Actor } from '../../audit/index.js';
import { apportionByWeights, pence, type Pence } from '../../kernel/money.js';
import { financialYearBounds, periodOf, type IsoDate } from '../../kernel/dates.js';
import { getOrganisation } from '../../partnerships/index.js';
import { accountCodes, contributionsOf, getFund } from '../funds/index.js';
import { closedPeriods, JournalError, landingPeriod, postEntry, type PostingLine } from './store.js';

/** Quarterly instalments fall due in the first month of each quarter: April, July, October, January. */
export const INSTALMENT_PERIODS = [1, 4, 7, 10] as const;

export interface ContributionAmount {
  organisationId: number;
  stream: string;
  amountPence: Pence;
}

export interface InstalmentLine extends ContributionAmount {
  period: number;
  kind: 'instalment' | 'variation';
}

const keyOf = (c: { organisationId: number; stream: string }) => `${c.organisationId}|${c.stream}`;

/**
 * What is still to raise: for a contribution with nothing raised yet, four quarterly instalments (largest
 * remainder, so they sum to the contribution exactly); for one raised before and varied since, the difference
 * as one line in `adjustmentPeriod` (the first open period). Zero lines are left out.
 */
export function planInstalments(
  due: readonly ContributionAmount[],
  raised: readonly ContributionAmount[],
  adjustmentPeriod: number,
): InstalmentLine[] {
  const raisedBy = new Map<string, number>();
  for (const r of raised) raisedBy.set(keyOf(r), (raisedBy.get(keyOf(r)) ?? 0) + r.amountPence);
  const dueBy = new Map<string, ContributionAmount>();
  for (const d of due) {
    const prior = dueBy.get(keyOf(d));
    dueBy.set(keyOf(d), { ...d, amountPence: pence((prior?.amountPence ?? 0) + d.amountPence) });
  }
  // raised for a partner and stream no longer due (cannot happen while contributions are append-only)
  for (const r of raised) if (!dueBy.has(keyOf(r))) dueBy.set(keyOf(r), { ...r, amountPence: pence(0) });
  const lines: InstalmentLine[] = [];
  for (const [key, d] of dueBy) {
    const already = raisedBy.get(key) ?? 0;
    if (already === 0) {
      const parts = apportionByWeights(
        d.amountPence,
        INSTALMENT_PERIODS.map(() => 1),
      );
      parts.forEach((amountPence, i) => {
        if (amountPence !== 0)
          lines.push({ ...d, amountPence, period: INSTALMENT_PERIODS[i] ?? 1, kind: 'instalment' });
      });
    } else if (d.amountPence !== already) {
      lines.push({
        ...d,
        amountPence: pence(d.amountPence - already),
        period: adjustmentPeriod,
        kind: 'variation',
      });
    }
  }
  return lines;
}

/** The first day of a period of a financial year: P1 is 1 April. */
export function firstDayOfPeriod(financialYear: number, period: number): IsoDate {
  const month = ((period + 2) % 12) + 1;
  return `${period <= 9 ? financialYear : financialYear + 1}-${String(month).padStart(2, '0')}-01` as IsoDate;
}

/**
 * What the instalments have raised so far on each partner's contribution account, by stream (credits, so
 * negated): contribution entries and their reversals only, so that a settlement or a manual adjustment posted
 * to the same account is not mistaken for an instalment.
 */
export async function raisedContributions(
  db: Executor,
  partnershipId: number,
  fundId: number,
): Promise<ContributionAmount[]> {
  const rows = await db
    .selectFrom('postings as p')
    .innerJoin('accounts as a', (j) =>
      j
        .onRef('a.partnership_id', '=', 'p.partnership_id')
        .onRef('a.fund_id', '=', 'p.fund_id')
        .onRef('a.code', '=', 'p.account_code'),
    )
    .innerJoin('journal_entries as e', (j) =>
      j.onRef('e.partnership_id', '=', 'p.partnership_id').onRef('e.id', '=', 'p.entry_id'),
    )
    .leftJoin('journal_entries as o', (j) =>
      j.onRef('o.partnership_id', '=', 'e.partnership_id').onRef('o.id', '=', 'e.reverses_entry_id'),
    )
    .select(['p.organisation_id', 'p.stream', sql<string>`sum(p.amount_pence)::bigint`.as('total')])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.fund_id', '=', fundId)
    .where('a.kind', '=', 'contribution')
    .where((eb) => eb.or([eb('e.source', '=', 'contribution'), eb('o.source', '=', 'contribution')]))
    .groupBy(['p.organisation_id', 'p.stream'])
    .execute();
  return rows
    .filter((r) => r.organisation_id !== null)
    .map((r) => ({
      organisationId: r.organisation_id ?? 0,
      stream: r.stream ?? '',
      amountPence: pence(-BigInt(r.total)),
    }));
}

/**
 * Raises whatever of the partners' contributions is not yet in the journal (see `planInstalments`): one entry
 * per period, each partner and stream a debit to its debtor account and a credit to its contribution account.
 * Run again after a variation, it raises only the difference. Call inside a transaction.
 */
export async function raiseContributionInstalments(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
): Promise<{ entryId: number; period: number }[]> {
  const fund = await getFund(trx, partnershipId, fundId);
  if (!fund) throw new JournalError(`There is no fund ${fundId}`);
  const closed = await closedPeriods(trx, partnershipId, fundId);
  const lines = planInstalments(
    await contributionsOf(trx, partnershipId, fundId),
    await raisedContributions(trx, partnershipId, fundId),
    landingPeriod(1, closed),
  );
  const periods = [...new Set(lines.map((l) => l.period))].sort((a, b) => a - b);
  const posted = [];
  for (const period of periods) {
    const here = lines.filter((l) => l.period === period);
    const quarter = INSTALMENT_PERIODS.indexOf(period as 1) + 1;
    const postings: PostingLine[] = here.flatMap((l) => [
      {
        accountCode: accountCodes.debtor(l.organisationId),
        amountPence: l.amountPence,
        organisationId: l.organisationId,
        stream: l.stream,
        description: `${l.stream}: ${l.kind === 'instalment' ? `instalment ${quarter} of 4` : 'change since the instalments were raised'}`,
      },
      {
        accountCode: accountCodes.contribution(l.organisationId),
        amountPence: pence(0 - l.amountPence),
        organisationId: l.organisationId,
        stream: l.stream,
        description: `${l.stream}: ${l.kind === 'instalment' ? `instalment ${quarter} of 4` : 'change since the instalments were raised'}`,
      },
    ]);
    const variation = here.every((l) => l.kind === 'variation');
    posted.push(
      await postEntry(
        trx,
        actor,
        partnershipId,
        fundId,
        {
          period,
          entryDate: firstDayOfPeriod(fund.financial_year, period),
          description: variation
            ? 'Contributions: variations (or reversed instalments) since the instalments were raised'
            : `Contributions: quarterly instalment ${quarter} of 4 due from the partners`,
          source: 'contribution',
          postings,
        },
        { closed },
      ),
    );
  }
  return posted;
}

export interface ContributionReceipt {
  organisationId: number;
  amountPence: Pence;
  receivedOn: IsoDate;
  reference: string | null;
}

/** Records money received from a partner into the host's account: Dr HOST, Cr DEB-partner. */
export async function recordContributionReceipt(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  r: ContributionReceipt,
): Promise<{ entryId: number; period: number }> {
  const fund = await getFund(trx, partnershipId, fundId);
  if (!fund) throw new JournalError(`There is no fund ${fundId}`);
  const { startsOn, endsOn } = financialYearBounds(fund.financial_year);
  if (r.receivedOn < startsOn || r.receivedOn > endsOn)
    throw new JournalError(`A receipt on ${r.receivedOn} is outside the fund's year`);
  if (r.amountPence <= 0) throw new JournalError('A receipt is an amount of more than £0.00');
  const partner = await getOrganisation(trx, r.organisationId);
  return postEntry(trx, actor, partnershipId, fundId, {
    period: periodOf(r.receivedOn),
    entryDate: r.receivedOn,
    description: `Contribution received from ${partner?.short_name ?? partner?.name ?? `partner ${r.organisationId}`}`,
    source: 'contribution',
    postings: [
      { accountCode: accountCodes.hostBalance, amountPence: r.amountPence, organisationId: null },
      {
        accountCode: accountCodes.debtor(r.organisationId),
        amountPence: pence(0 - r.amountPence),
        organisationId: r.organisationId,
        // the reference sits on one line only: references are unique per partner within a fund
        reference: r.reference,
      },
    ],
  });
}
