/**
 * Funds, contributions, import profiles and the chart of accounts: the SQL, each write audited in the same
 * transaction. Schemes have their own file (schemeStore.ts), and so does the journal (ledger/journal/store.ts).
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { pence, type Pence } from '../../kernel/money.js';
import type { AccountKind, ImportColumns } from './tables.js';

/** Stable account codes of a fund's chart of accounts. */
export const accountCodes = {
  contribution: (organisationId: number) => `CON-${organisationId}`,
  debtor: (organisationId: number) => `DEB-${organisationId}`,
  creditor: (organisationId: number) => `CRE-${organisationId}`,
  expenditure: (schemeCode: string) => `EXP-${schemeCode}`,
  hostBalance: 'HOST',
  reserve: 'RESERVE',
} as const;

export interface FundFields {
  financialYear: number;
  name: string;
  kind: 'pooled' | 'aligned';
  hostOrganisationId: number | null;
  pooledFundManager: string;
  betterCareFund: boolean;
  illustrative?: boolean;
}

/** Creates a fund and its chart of accounts: a contribution, debtor and creditor account per partner, the host
 * balance and a risk reserve. Schemes add their expenditure accounts as they are created. */
export async function createFund(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  f: FundFields,
  partnerIds: readonly number[],
): Promise<number> {
  const row = await trx
    .insertInto('funds')
    .values({
      partnership_id: partnershipId,
      financial_year: f.financialYear,
      name: f.name.trim(),
      kind: f.kind,
      host_organisation_id: f.hostOrganisationId,
      pooled_fund_manager: f.pooledFundManager.trim(),
      better_care_fund: f.betterCareFund,
      illustrative: f.illustrative ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const accounts: { code: string; name: string; kind: AccountKind; organisation_id: number | null }[] = [
    {
      code: accountCodes.hostBalance,
      name: 'Host balance (cash held by the host)',
      kind: 'host_balance',
      organisation_id: f.hostOrganisationId,
    },
    { code: accountCodes.reserve, name: 'Risk reserve', kind: 'reserve', organisation_id: null },
  ];
  for (const id of partnerIds) {
    accounts.push(
      {
        code: accountCodes.contribution(id),
        name: `Contributions from partner ${id}`,
        kind: 'contribution',
        organisation_id: id,
      },
      { code: accountCodes.debtor(id), name: `Due from partner ${id}`, kind: 'debtor', organisation_id: id },
      {
        code: accountCodes.creditor(id),
        name: `Due to partner ${id} for spend it incurred`,
        kind: 'creditor',
        organisation_id: id,
      },
    );
  }
  await trx
    .insertInto('accounts')
    .values(accounts.map((a) => ({ ...a, partnership_id: partnershipId, fund_id: row.id, scheme_id: null })))
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'fund',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

export async function listFunds(db: Executor, partnershipId: number) {
  return db
    .selectFrom('funds')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('financial_year', 'desc')
    .orderBy('name')
    .execute();
}

export async function getFund(db: Executor, partnershipId: number, fundId: number) {
  return db
    .selectFrom('funds')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', fundId)
    .executeTakeFirst();
}

export type Fund = NonNullable<Awaited<ReturnType<typeof getFund>>>;

export interface ContributionFields {
  organisationId: number;
  stream: string;
  amountPence: Pence;
  kind: 'agreed' | 'variation';
  decisionReference: string | null;
  effectiveOn: string | null;
}

/** Records an agreed contribution or an in-year variation (which must name the decision that approved it). */
export async function addContribution(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  c: ContributionFields,
): Promise<number> {
  const row = await trx
    .insertInto('fund_contributions')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      organisation_id: c.organisationId,
      stream: c.stream,
      amount_pence: c.amountPence,
      kind: c.kind,
      decision_reference: c.decisionReference,
      effective_on: c.effectiveOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'fund_contribution',
    entityId: row.id,
    partnershipId,
    after: row,
  });
  return row.id;
}

/** Each partner's contribution by stream, agreed amounts and variations added up. */
export async function contributionsOf(db: Executor, partnershipId: number, fundId: number) {
  const rows = await db
    .selectFrom('fund_contributions')
    .select(['organisation_id', 'stream', (eb) => eb.fn.sum<string>('amount_pence').as('total')])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .groupBy(['organisation_id', 'stream'])
    .orderBy('organisation_id')
    .orderBy('stream')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    stream: r.stream,
    amountPence: pence(BigInt(r.total)),
  }));
}

/** Sets how a partner's extract is read (its column headers for each field Concordat needs). */
export async function setImportProfile(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  fundId: number,
  organisationId: number,
  columns: ImportColumns,
): Promise<void> {
  const json = JSON.stringify(columns);
  await trx
    .insertInto('import_profiles')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      organisation_id: organisationId,
      columns: json,
    })
    .onConflict((oc) =>
      oc.columns(['partnership_id', 'fund_id', 'organisation_id']).doUpdateSet({ columns: json }),
    )
    .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'import_profile',
    entityId: `${fundId}:${organisationId}`,
    partnershipId,
    after: columns,
  });
}

/** The columns Concordat expects when a partner has set no profile of its own. */
export const STANDARD_COLUMNS: ImportColumns = {
  costCentre: 'cost_centre',
  accountCode: 'account_code',
  date: 'date',
  amount: 'amount',
  description: 'description',
  supplier: 'supplier',
  reference: 'reference',
};

export async function importProfileOf(
  db: Executor,
  partnershipId: number,
  fundId: number,
  organisationId: number,
): Promise<ImportColumns> {
  const row = await db
    .selectFrom('import_profiles')
    .select('columns')
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row?.columns ?? STANDARD_COLUMNS;
}

/** A partner's cost-centre map: `costCentre|accountCode` (or `costCentre|` for any code) to scheme. */
export async function costCentreMapOf(
  db: Executor,
  partnershipId: number,
  fundId: number,
  organisationId: number,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('cost_centre_map')
    .select(['cost_centre', 'account_code', 'scheme_id'])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('organisation_id', '=', organisationId)
    .execute();
  return new Map(rows.map((r) => [`${r.cost_centre}|${r.account_code}`, r.scheme_id]));
}

// ---- Setting up funds through the web (ledger/funds/setupRoutes.ts, routes/schemes.ts) ----

/** True when the partnership already has a fund of this name in this year (the name is unique per year). */
export async function fundNameTaken(
  db: Executor,
  partnershipId: number,
  financialYear: number,
  name: string,
) {
  const row = await db
    .selectFrom('funds')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('financial_year', '=', financialYear)
    .where('name', '=', name.trim())
    .executeTakeFirst();
  return row !== undefined;
}

/** The in-year variations of a fund's contributions, each with the decision that approved it. */
export async function listVariations(db: Executor, partnershipId: number, fundId: number) {
  const rows = await db
    .selectFrom('fund_contributions')
    .select([
      'id',
      'organisation_id',
      'stream',
      'amount_pence',
      'decision_reference',
      'effective_on',
      'created_at',
    ])
    .where('partnership_id', '=', partnershipId)
    .where('fund_id', '=', fundId)
    .where('kind', '=', 'variation')
    .orderBy('effective_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    stream: r.stream,
    amountPence: pence(r.amount_pence),
    decisionReference: r.decision_reference ?? '',
    effectiveOn: r.effective_on,
  }));
}
