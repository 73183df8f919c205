/** The SQL of the contracts register; every write audited in the same transaction. */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import { pence, type Pence } from '../../kernel/money.js';
import {
  currentEndDate,
  endsWithin12Months,
  type ExtensionOption,
  type Kpi,
  type ProcurementRoute,
  type ValueLine,
} from './rules.js';

export interface ProviderFields {
  name: string;
  companiesHouseNumber: string | null;
  charityNumber: string | null;
  sme: boolean;
  vcse: boolean;
}

export interface ContractInput {
  reference: string;
  title: string;
  description: string;
  department: string;
  buyerOrganisationId: number;
  provider: ProviderFields;
  serviceKeys: string[];
  schemeId: number | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
  reviewOn: IsoDate | null;
  irrecoverableVatPence: Pence;
  procurementRoute: ProcurementRoute;
  /** The procurement award it came from: sets the procurement and the lot too. */
  awardId: number | null;
  decisionId: number | null;
  /** The extension options' lengths in months, in the order they may be exercised. */
  extensionMonths: number[];
}

export interface Contract extends Omit<ContractInput, 'awardId' | 'extensionMonths'> {
  id: number;
  partnershipId: number;
  procurementId: number | null;
  lotId: number | null;
  awardId: number | null;
  illustrative: boolean;
  createdAt: Date;
  extensionOptions: (ExtensionOption & { position: number })[];
  valueLines: ValueLine[];
  kpis: (Kpi & { id: number })[];
  /** The end date with the exercised extensions. */
  endDate: IsoDate;
}

const group = <T, K>(rows: readonly T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

async function readContracts(db: Executor, partnershipId: number, id?: number): Promise<Contract[]> {
  let q = db.selectFrom('contracts').selectAll().where('partnership_id', '=', partnershipId);
  if (id !== undefined) q = q.where('id', '=', id);
  const rows = await q.orderBy('ends_on').orderBy('reference').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const services = group(
    await db
      .selectFrom('contract_services')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('contract_id', 'in', ids)
      .orderBy('service_key')
      .execute(),
    (r) => r.contract_id,
  );
  const options = group(
    await db
      .selectFrom('contract_extension_options')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('contract_id', 'in', ids)
      .orderBy('position')
      .execute(),
    (r) => r.contract_id,
  );
  const lines = group(
    await db
      .selectFrom('contract_value_lines')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('contract_id', 'in', ids)
      .orderBy('financial_year')
      .orderBy('organisation_id')
      .orderBy('arrangement')
      .execute(),
    (r) => r.contract_id,
  );
  const kpis = group(
    await db
      .selectFrom('contract_kpis')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('contract_id', 'in', ids)
      .orderBy('id')
      .execute(),
    (r) => r.contract_id,
  );
  return rows.map((r) => {
    const extensionOptions = (options.get(r.id) ?? []).map((o) => ({
      position: o.position,
      months: o.months,
      exercisedOn: o.exercised_on === null ? null : isoDate(o.exercised_on),
    }));
    const endsOn = isoDate(r.ends_on);
    return {
      id: r.id,
      partnershipId: r.partnership_id,
      reference: r.reference,
      title: r.title,
      description: r.description,
      department: r.department,
      buyerOrganisationId: r.buyer_organisation_id,
      provider: {
        name: r.provider_name,
        companiesHouseNumber: r.provider_companies_house_number,
        charityNumber: r.provider_charity_number,
        sme: r.provider_sme,
        vcse: r.provider_vcse,
      },
      serviceKeys: (services.get(r.id) ?? []).map((s) => s.service_key),
      schemeId: r.scheme_id,
      startsOn: isoDate(r.starts_on),
      endsOn,
      reviewOn: r.review_on === null ? null : isoDate(r.review_on),
      irrecoverableVatPence: pence(r.irrecoverable_vat_pence),
      procurementRoute: r.procurement_route,
      procurementId: r.procurement_id,
      lotId: r.lot_id,
      awardId: r.award_id,
      decisionId: r.decision_id,
      illustrative: r.illustrative,
      createdAt: r.created_at,
      extensionOptions,
      valueLines: (lines.get(r.id) ?? []).map((l) => ({
        financialYear: l.financial_year,
        organisationId: l.organisation_id,
        arrangement: l.arrangement,
        amountPence: pence(l.amount_pence),
      })),
      kpis: (kpis.get(r.id) ?? []).map((k) => ({
        id: k.id,
        name: k.name,
        target: k.target,
        unit: k.unit,
        frequency: k.frequency,
        polarity: k.polarity,
      })),
      endDate: currentEndDate(endsOn, extensionOptions),
    };
  });
}

/** A partnership's contracts, soonest original end first, with their options, value lines and KPIs. */
export const listContracts = (db: Executor, partnershipId: number) => readContracts(db, partnershipId);

export async function getContract(db: Executor, partnershipId: number, id: number) {
  return (await readContracts(db, partnershipId, id))[0];
}

export async function contractReferenceTaken(db: Executor, partnershipId: number, reference: string) {
  const row = await db
    .selectFrom('contracts')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('reference', '=', reference.trim())
    .executeTakeFirst();
  return row !== undefined;
}

/** What the audit log keeps of a contract: every field a reader could check, before and after a change. */
const snapshot = (c: Contract | undefined) =>
  c && {
    reference: c.reference,
    title: c.title,
    description: c.description,
    department: c.department,
    buyerOrganisationId: c.buyerOrganisationId,
    provider: c.provider,
    serviceKeys: c.serviceKeys,
    schemeId: c.schemeId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    reviewOn: c.reviewOn,
    irrecoverableVatPence: c.irrecoverableVatPence,
    procurementRoute: c.procurementRoute,
    procurementId: c.procurementId,
    lotId: c.lotId,
    awardId: c.awardId,
    decisionId: c.decisionId,
    extensionOptions: c.extensionOptions,
    valueLines: c.valueLines,
    kpis: c.kpis,
  };

async function audited(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  contractId: number,
  change: () => Promise<void>,
) {
  const before = snapshot(await getContract(trx, partnershipId, contractId));
  await change();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'contract',
    entityId: contractId,
    partnershipId,
    before,
    after: snapshot(await getContract(trx, partnershipId, contractId)),
  });
}

/** The procurement and lot of an award, so that a contract's three links always agree. */
async function awardLinks(trx: Executor, partnershipId: number, awardId: number | null) {
  if (awardId === null) return { procurement_id: null, lot_id: null, award_id: null };
  const a = await trx
    .selectFrom('procurement_awards')
    .select(['procurement_id', 'lot_id', 'id'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', awardId)
    .executeTakeFirstOrThrow();
  return { procurement_id: a.procurement_id, lot_id: a.lot_id, award_id: a.id };
}

/** Adds a contract with its services and extension options. */
export async function createContract(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  input: ContractInput & { illustrative?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('contracts')
    .values({
      partnership_id: partnershipId,
      reference: input.reference.trim(),
      title: input.title.trim(),
      description: input.description.trim(),
      department: input.department.trim(),
      buyer_organisation_id: input.buyerOrganisationId,
      provider_name: input.provider.name.trim(),
      provider_companies_house_number: input.provider.companiesHouseNumber,
      provider_charity_number: input.provider.charityNumber,
      provider_sme: input.provider.sme,
      provider_vcse: input.provider.vcse,
      scheme_id: input.schemeId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      review_on: input.reviewOn,
      irrecoverable_vat_pence: input.irrecoverableVatPence,
      procurement_route: input.procurementRoute,
      ...(await awardLinks(trx, partnershipId, input.awardId)),
      decision_id: input.decisionId,
      illustrative: input.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.serviceKeys.length > 0)
    await trx
      .insertInto('contract_services')
      .values(
        [...new Set(input.serviceKeys)].map((k) => ({
          partnership_id: partnershipId,
          contract_id: row.id,
          service_key: k,
        })),
      )
      .execute();
  if (input.extensionMonths.length > 0)
    await trx
      .insertInto('contract_extension_options')
      .values(
        input.extensionMonths.map((months, i) => ({
          partnership_id: partnershipId,
          contract_id: row.id,
          position: i + 1,
          months,
          exercised_on: null,
        })),
      )
      .execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'contract',
    entityId: row.id,
    partnershipId,
    after: snapshot(await getContract(trx, partnershipId, row.id)),
  });
  return row.id;
}

/** Sets a financial year's value lines, replacing any the year had; the audit keeps the lines before. */
export async function setYearValue(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  contractId: number,
  financialYear: number,
  lines: readonly ValueLine[],
): Promise<void> {
  if (lines.some((l) => l.financialYear !== financialYear)) throw new RangeError('Lines of another year');
  await audited(trx, actor, partnershipId, contractId, async () => {
    await trx
      .deleteFrom('contract_value_lines')
      .where('partnership_id', '=', partnershipId)
      .where('contract_id', '=', contractId)
      .where('financial_year', '=', financialYear)
      .execute();
    const kept = lines.filter((l) => l.amountPence > 0);
    if (kept.length > 0)
      await trx
        .insertInto('contract_value_lines')
        .values(
          kept.map((l) => ({
            partnership_id: partnershipId,
            contract_id: contractId,
            financial_year: financialYear,
            organisation_id: l.organisationId,
            arrangement: l.arrangement,
            amount_pence: l.amountPence,
          })),
        )
        .execute();
  });
}

/** Records that an extension option was exercised, on a date. */
export async function exerciseExtension(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  contractId: number,
  position: number,
  exercisedOn: IsoDate,
): Promise<void> {
  await audited(trx, actor, partnershipId, contractId, async () => {
    const done = await trx
      .updateTable('contract_extension_options')
      .set({ exercised_on: exercisedOn })
      .where('partnership_id', '=', partnershipId)
      .where('contract_id', '=', contractId)
      .where('position', '=', position)
      .where('exercised_on', 'is', null)
      .executeTakeFirst();
    if (done.numUpdatedRows !== 1n)
      throw new Error(`Contract ${contractId} has no option ${position} to exercise`);
  });
}

/** Adds a key performance indicator to a contract. */
export async function addKpi(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  contractId: number,
  kpi: Kpi,
): Promise<void> {
  await audited(trx, actor, partnershipId, contractId, async () => {
    await trx
      .insertInto('contract_kpis')
      .values({
        partnership_id: partnershipId,
        contract_id: contractId,
        name: kpi.name.trim(),
        target: kpi.target.trim(),
        unit: kpi.unit.trim(),
        frequency: kpi.frequency,
        polarity: kpi.polarity,
      })
      .execute();
  });
}

export interface ContractsEndingTile {
  count: number;
  items: { id: number; reference: string; title: string; provider: string; endDate: IsoDate; path: string }[];
  /** The register, filtered to the contracts ending within 12 months. */
  path: string;
}

/**
 * For the partnership dashboard (issue 6, scope 8): the contracts whose current end date (with exercised
 * extensions) falls within 12 months of `today`, soonest first.
 */
export async function contractsEndingTile(
  db: Executor,
  partnershipId: number,
  today: IsoDate,
): Promise<ContractsEndingTile> {
  const ending = (await listContracts(db, partnershipId))
    .filter((c) => endsWithin12Months(c.endDate, today))
    .sort((a, b) =>
      a.endDate === b.endDate ? a.reference.localeCompare(b.reference) : a.endDate < b.endDate ? -1 : 1,
    );
  return {
    count: ending.length,
    items: ending.map((c) => ({
      id: c.id,
      reference: c.reference,
      title: c.title,
      provider: c.provider.name,
      endDate: c.endDate,
      path: `/partnerships/${partnershipId}/contracts/${c.id}`,
    })),
    path: `/partnerships/${partnershipId}/contracts?ending=12-months`,
  };
}
