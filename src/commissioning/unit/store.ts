/**
 * The SQL of the integrated commissioning unit: its posts, and each year's budget, host and cost-sharing basis;
 * every write audited. `loadUnitCosting` puts a year together: the cost by employer, each partner's share (by the
 * agreed split, or in proportion to its contributions to the year's pooled funds, read from the ledger), the
 * recharges between partners and the running cost against the budget.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { financialYearLabel, isoDate, type IsoDate } from '../../kernel/dates.js';
import { pence, sumPence, type Pence } from '../../kernel/money.js';
import { contributionsOf, listFunds } from '../../ledger/funds/index.js';
import {
  againstBudget,
  costByEmployer,
  postCostInYear,
  recharges,
  shareCost,
  type PostCosting,
  type SharingBasis,
} from './rules.js';

export interface PostInput {
  postTitle: string;
  personName: string;
  employerOrganisationId: number;
  grade: string;
  fteHundredths: number;
  annualCostPence: Pence;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  additional: boolean;
}

export interface Post extends PostInput {
  id: number;
  illustrative: boolean;
}

export interface UnitYearInput {
  budgetPence: Pence;
  hostOrganisationId: number | null;
  sharingBasis: SharingBasis;
  /** The agreed split in basis points; empty when the cost is shared by contributions. */
  split: { organisationId: number; basisPoints: number }[];
  /** The decision that approved the unit and its cost, and a note of what it said (with its source). */
  decisionId: number | null;
  notes: string;
}

/** The unit's posts, by employer, then start date and title. */
export async function listPosts(db: Executor, partnershipId: number): Promise<Post[]> {
  const rows = await db
    .selectFrom('commissioning_unit_posts')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('employer_organisation_id')
    .orderBy('starts_on')
    .orderBy('post_title')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    postTitle: r.post_title,
    personName: r.person_name,
    employerOrganisationId: r.employer_organisation_id,
    grade: r.grade,
    fteHundredths: r.fte_hundredths,
    annualCostPence: pence(r.annual_cost_pence),
    startsOn: isoDate(r.starts_on),
    endsOn: r.ends_on === null ? null : isoDate(r.ends_on),
    additional: r.additional,
    illustrative: r.illustrative,
  }));
}

export async function createPost(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  input: PostInput & { illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('commissioning_unit_posts')
    .values({
      partnership_id: partnershipId,
      post_title: input.postTitle.trim(),
      person_name: input.personName.trim(),
      employer_organisation_id: input.employerOrganisationId,
      grade: input.grade.trim(),
      fte_hundredths: input.fteHundredths,
      annual_cost_pence: input.annualCostPence,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      additional: input.additional,
      illustrative: input.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'commissioning_unit_post',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

/** The years the unit has a budget for, latest first. */
export async function unitYears(db: Executor, partnershipId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('commissioning_unit_years')
    .select('financial_year')
    .where('partnership_id', '=', partnershipId)
    .orderBy('financial_year', 'desc')
    .execute();
  return rows.map((r) => r.financial_year);
}

export async function getUnitYear(
  db: Executor,
  partnershipId: number,
  year: number,
): Promise<UnitYearInput | undefined> {
  const row = await db
    .selectFrom('commissioning_unit_years')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('financial_year', '=', year)
    .executeTakeFirst();
  if (!row) return undefined;
  const split = await db
    .selectFrom('commissioning_unit_shares')
    .select(['organisation_id', 'basis_points'])
    .where('partnership_id', '=', partnershipId)
    .where('financial_year', '=', year)
    .orderBy('organisation_id')
    .execute();
  return {
    budgetPence: pence(row.budget_pence),
    hostOrganisationId: row.host_organisation_id,
    sharingBasis: row.sharing_basis,
    split: split.map((s) => ({ organisationId: s.organisation_id, basisPoints: s.basis_points })),
    decisionId: row.decision_id,
    notes: row.notes,
  };
}

/** Sets (or replaces) a year's budget, host and sharing basis; the audit keeps what it was. */
export async function setUnitYear(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  year: number,
  input: UnitYearInput,
): Promise<void> {
  const before = await getUnitYear(trx, partnershipId, year);
  const values = {
    budget_pence: input.budgetPence,
    host_organisation_id: input.hostOrganisationId,
    sharing_basis: input.sharingBasis,
    decision_id: input.decisionId,
    notes: input.notes.trim(),
  };
  await trx
    .insertInto('commissioning_unit_years')
    .values({ partnership_id: partnershipId, financial_year: year, ...values })
    .onConflict((oc) => oc.columns(['partnership_id', 'financial_year']).doUpdateSet(values))
    .execute();
  await trx
    .deleteFrom('commissioning_unit_shares')
    .where('partnership_id', '=', partnershipId)
    .where('financial_year', '=', year)
    .execute();
  if (input.sharingBasis === 'split' && input.split.length > 0)
    await trx
      .insertInto('commissioning_unit_shares')
      .values(
        input.split.map((s) => ({
          partnership_id: partnershipId,
          financial_year: year,
          organisation_id: s.organisationId,
          basis_points: s.basisPoints,
        })),
      )
      .execute();
  await recordAuditEvent(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'commissioning_unit_year',
    entityId: `${String(partnershipId)}:${String(year)}`,
    partnershipId,
    before,
    after: input,
  });
}

/** Each partner's contributions to the partnership's pooled funds of the year (agreed and varied), in pence. */
export async function contributionsToPools(
  db: Executor,
  partnershipId: number,
  year: number,
): Promise<Map<number, Pence>> {
  const funds = (await listFunds(db, partnershipId)).filter(
    (f) => f.kind === 'pooled' && f.financial_year === year,
  );
  const out = new Map<number, Pence>();
  for (const f of funds)
    for (const c of await contributionsOf(db, partnershipId, f.id))
      out.set(c.organisationId, sumPence([out.get(c.organisationId) ?? 0, c.amountPence]));
  return out;
}

/** A year of the unit: posts and their costs, cost by employer, shares, recharges, and cost against budget. */
export async function loadUnitCosting(
  db: Executor,
  partnershipId: number,
  year: number,
  partnerIds: number[],
) {
  const posts = await listPosts(db, partnershipId);
  const costing: PostCosting[] = posts;
  const cost = costByEmployer(costing, year, partnerIds);
  const settings = await getUnitYear(db, partnershipId, year);
  const contributions = await contributionsToPools(db, partnershipId, year);
  let sharing: ReturnType<typeof shareCost> | null = null;
  if (settings) {
    const weights =
      settings.sharingBasis === 'split'
        ? settings.split
            .filter((s) => partnerIds.includes(s.organisationId))
            .map((s) => ({ organisationId: s.organisationId, weight: s.basisPoints }))
        : partnerIds.map((id) => ({ organisationId: id, weight: contributions.get(id) ?? 0 }));
    sharing = shareCost(cost.totalPence, weights, settings.sharingBasis);
  }
  return {
    year,
    posts: posts.map((p) => ({ ...p, costInYearPence: postCostInYear(p, year) })),
    cost,
    settings,
    contributions,
    contributionsTotalPence: sumPence(contributions.values()),
    sharing,
    recharges: sharing?.ok ? recharges(sharing.shares, cost.byEmployer) : null,
    budget: settings ? againstBudget(cost.totalPence, settings.budgetPence) : null,
  };
}

/** For the partnership dashboard (issue 6, scope 8): the unit's cost, budget and variance in the year, in pence. */
export async function unitDashboardTile(db: Executor, partnershipId: number, financialYear: number) {
  const posts = await listPosts(db, partnershipId);
  const costPence = sumPence(posts.map((p) => postCostInYear(p, financialYear)));
  const settings = await getUnitYear(db, partnershipId, financialYear);
  const b = settings ? againstBudget(costPence, settings.budgetPence) : null;
  return {
    financialYear,
    costPence,
    budgetPence: b?.budgetPence ?? null,
    variancePence: b?.variancePence ?? null,
    path: `/partnerships/${String(partnershipId)}/unit?year=${financialYearLabel(financialYear)}`,
  };
}
