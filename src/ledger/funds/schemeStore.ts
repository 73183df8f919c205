/**
 * Schemes: what a fund pays for, with budgets by partner and funding stream, a monthly profile and the cost
 * centres in each partner's ledger that pay for it. Each write is audited in the same transaction.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { pence, type Pence } from '../../kernel/money.js';
import { accountCodes } from './store.js';

export interface SchemeFields {
  code: string;
  name: string;
  description: string;
  schemeType: string;
  areaOfSpend: string;
  commissioner: 'la' | 'nhs' | 'joint';
  commissionerOrganisationId: number | null;
  provider: string;
  service: string;
  /** Budget by funding partner and stream. */
  budgets: readonly { organisationId: number; stream: string; amountPence: Pence }[];
  /** Twelve monthly weights, P1 (April) to P12 (March). */
  profile: readonly number[];
  /** Cost centres in partners' ledgers that pay for this scheme. */
  costCentres: readonly { organisationId: number; costCentre: string; accountCode?: string }[];
}

/** Writes a scheme's budget lines by funding partner and stream. */
async function insertSchemeBudgets(
  trx: Executor,
  partnershipId: number,
  schemeId: number,
  budgets: SchemeFields['budgets'],
): Promise<void> {
  if (budgets.length === 0) return;
  await trx
    .insertInto('scheme_budgets')
    .values(
      budgets.map((b) => ({
        partnership_id: partnershipId,
        scheme_id: schemeId,
        organisation_id: b.organisationId,
        stream: b.stream,
        amount_pence: b.amountPence,
      })),
    )
    .execute();
}

/** Maps the partners' cost centres (optionally with a subjective code) to a scheme. */
async function insertCostCentres(
  trx: Executor,
  partnershipId: number,
  fundId: number,
  schemeId: number,
  costCentres: SchemeFields['costCentres'],
): Promise<void> {
  if (costCentres.length === 0) return;
  await trx
    .insertInto('cost_centre_map')
    .values(
      costCentres.map((c) => ({
        partnership_id: partnershipId,
        fund_id: fundId,
        organisation_id: c.organisationId,
        cost_centre: c.costCentre,
        account_code: c.accountCode ?? '',
        scheme_id: schemeId,
      })),
    )
    .execute();
}

export async function createScheme(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  s: SchemeFields,
): Promise<number> {
  if (s.profile.length !== 12) throw new RangeError('A monthly profile has twelve periods');
  const row = await trx
    .insertInto('schemes')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      code: s.code,
      name: s.name.trim(),
      description: s.description.trim(),
      scheme_type: s.schemeType,
      area_of_spend: s.areaOfSpend,
      commissioner: s.commissioner,
      commissioner_organisation_id: s.commissionerOrganisationId,
      provider: s.provider.trim(),
      service: s.service,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('accounts')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      code: accountCodes.expenditure(s.code),
      name: `Expenditure: ${s.name}`,
      kind: 'expenditure',
      organisation_id: null,
      scheme_id: row.id,
    })
    .execute();
  await insertSchemeBudgets(trx, partnershipId, row.id, s.budgets);
  await trx
    .insertInto('scheme_profiles')
    .values(
      s.profile.map((weight, i) => ({
        partnership_id: partnershipId,
        scheme_id: row.id,
        period: i + 1,
        weight,
      })),
    )
    .execute();
  await insertCostCentres(trx, partnershipId, fundId, row.id, s.costCentres);
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'scheme',
    entityId: row.id,
    partnershipId,
    after: { ...row, budgets: s.budgets, profile: s.profile, costCentres: s.costCentres },
  });
  return row.id;
}

export interface SchemeWithBudget {
  id: number;
  code: string;
  name: string;
  schemeType: string;
  areaOfSpend: string;
  commissioner: 'la' | 'nhs' | 'joint';
  commissionerOrganisationId: number | null;
  provider: string;
  service: string;
  budgets: { organisationId: number; stream: string; amountPence: Pence }[];
  profile: number[];
}

export async function listSchemes(
  db: Executor,
  partnershipId: number,
  fundId: number,
): Promise<SchemeWithBudget[]> {
  // each scheme with its twelve weights in one read (the profile rows of 500 schemes are 6,000 rows)
  const schemes = await db
    .selectFrom('schemes')
    .selectAll()
    .select((eb) =>
      sql<number[]>`array(${eb
        .selectFrom('scheme_profiles as p')
        .select('p.weight')
        .whereRef('p.partnership_id', '=', 'schemes.partnership_id')
        .whereRef('p.scheme_id', '=', 'schemes.id')
        .orderBy('p.period')})`.as('profile'),
    )
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .orderBy('code')
    .execute();
  if (schemes.length === 0) return [];
  const ids = schemes.map((s) => s.id);
  const budgets = await db
    .selectFrom('scheme_budgets')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('scheme_id', 'in', ids)
    .execute();
  const budgetsOf = new Map<number, (typeof budgets)[number][]>();
  for (const b of budgets) {
    const list = budgetsOf.get(b.scheme_id);
    if (list) list.push(b);
    else budgetsOf.set(b.scheme_id, [b]);
  }
  return schemes.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    schemeType: s.scheme_type,
    areaOfSpend: s.area_of_spend,
    commissioner: s.commissioner,
    commissionerOrganisationId: s.commissioner_organisation_id,
    provider: s.provider,
    service: s.service,
    budgets: (budgetsOf.get(s.id) ?? []).map((b) => ({
      organisationId: b.organisation_id,
      stream: b.stream,
      amountPence: pence(b.amount_pence),
    })),
    profile: s.profile,
  }));
}

/** A scheme with its budget lines, profile and cost centres, for its edit form. */
export async function getScheme(db: Executor, partnershipId: number, fundId: number, schemeId: number) {
  const all = await listSchemes(db, partnershipId, fundId);
  const scheme = all.find((s) => s.id === schemeId);
  if (!scheme) return undefined;
  const row = await db
    .selectFrom('schemes')
    .select('description')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', schemeId)
    .executeTakeFirstOrThrow();
  const costCentres = await db
    .selectFrom('cost_centre_map')
    .select(['organisation_id', 'cost_centre', 'account_code'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('scheme_id', '=', schemeId)
    .orderBy('organisation_id')
    .orderBy('cost_centre')
    .orderBy('account_code')
    .execute();
  return {
    ...scheme,
    description: row.description,
    costCentres: costCentres.map((c) => ({
      organisationId: c.organisation_id,
      costCentre: c.cost_centre,
      accountCode: c.account_code,
    })),
  };
}

export type SchemeDetail = NonNullable<Awaited<ReturnType<typeof getScheme>>>;

/** True when any posting has landed on the scheme (read from the monitoring summaries, kept as postings land). */
export async function schemeHasPostings(
  db: Executor,
  partnershipId: number,
  fundId: number,
  schemeId: number,
) {
  const row = await db
    .selectFrom('scheme_actuals')
    .select('scheme_id')
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('scheme_id', '=', schemeId)
    .where('posting_count', '>', 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when the fund already has a scheme with this ID. */
export async function schemeCodeTaken(db: Executor, partnershipId: number, fundId: number, code: string) {
  const row = await db
    .selectFrom('schemes')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** Cost centres among `lines` that another scheme of the fund already pays from, with that scheme's ID. */
export async function costCentresTaken(
  db: Executor,
  partnershipId: number,
  fundId: number,
  lines: readonly { organisationId: number; costCentre: string; accountCode: string }[],
  exceptSchemeId?: number,
) {
  if (lines.length === 0) return [];
  const rows = await db
    .selectFrom('cost_centre_map')
    .innerJoin('schemes', (j) =>
      j
        .onRef('schemes.partnership_id', '=', 'cost_centre_map.partnership_id')
        .onRef('schemes.id', '=', 'cost_centre_map.scheme_id'),
    )
    .select([
      'cost_centre_map.organisation_id',
      'cost_centre_map.cost_centre',
      'cost_centre_map.account_code',
      'schemes.code',
      'schemes.id',
    ])
    .where('cost_centre_map.partnership_id', '=', partnershipId)
    .where('cost_centre_map.fund_id', '=', fundId)
    .where(
      'cost_centre_map.cost_centre',
      'in',
      lines.map((l) => l.costCentre),
    )
    .execute();
  return rows
    .filter((r) => r.id !== exceptSchemeId)
    .filter((r) =>
      lines.some(
        (l) =>
          l.organisationId === r.organisation_id &&
          l.costCentre === r.cost_centre &&
          l.accountCode === r.account_code,
      ),
    )
    .map((r) => ({ organisationId: r.organisation_id, costCentre: r.cost_centre, schemeCode: r.code }));
}

/**
 * Changes a scheme. Its ID is fixed (its expenditure account is named by it). Its budget and monthly profile may
 * change only while no posting has landed on it (`budgetsLocked` false): after that, the monitoring report's
 * budget to date for past months would change under it, so the route refuses such a change.
 */
export async function updateScheme(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  schemeId: number,
  s: SchemeFields,
  options: { budgetsLocked: boolean },
): Promise<void> {
  const before = await getScheme(trx, partnershipId, fundId, schemeId);
  if (!before) throw new RangeError(`No scheme ${schemeId} in fund ${fundId}`);
  if (s.profile.length !== 12) throw new RangeError('A monthly profile has twelve periods');
  await trx
    .updateTable('schemes')
    .set({
      name: s.name.trim(),
      description: s.description.trim(),
      scheme_type: s.schemeType,
      area_of_spend: s.areaOfSpend,
      commissioner: s.commissioner,
      commissioner_organisation_id: s.commissionerOrganisationId,
      provider: s.provider.trim(),
      service: s.service,
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', schemeId)
    .execute();
  await trx
    .updateTable('accounts')
    .set({ name: `Expenditure: ${s.name.trim()}` })
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('scheme_id', '=', schemeId)
    .execute();
  if (!options.budgetsLocked) {
    await trx
      .deleteFrom('scheme_budgets')
      .where('partnership_id', '=', partnershipId)
      .where('scheme_id', '=', schemeId)
      .execute();
    await insertSchemeBudgets(trx, partnershipId, schemeId, s.budgets);
    for (const [i, weight] of s.profile.entries())
      await trx
        .updateTable('scheme_profiles')
        .set({ weight })
        .where('partnership_id', '=', partnershipId)
        .where('scheme_id', '=', schemeId)
        .where('period', '=', i + 1)
        .execute();
  }
  await trx
    .deleteFrom('cost_centre_map')
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('scheme_id', '=', schemeId)
    .execute();
  await insertCostCentres(trx, partnershipId, fundId, schemeId, s.costCentres);
  const after = await getScheme(trx, partnershipId, fundId, schemeId);
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'scheme',
    entityId: schemeId,
    partnershipId,
    before,
    after,
  });
}
