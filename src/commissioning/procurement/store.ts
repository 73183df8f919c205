/**
 * The SQL of procurements: the procurement with its funding split, lots and criteria, bids and their members,
 * scores and awards; every write audited in the same transaction.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import { pence, type Pence } from '../../kernel/money.js';
import {
  fundingTotal,
  nextDate,
  procurementStatus,
  type FundingLine,
  type ProcedureId,
  type ProcurementStatus,
  type RegimeId,
  type Timetable,
} from './rules.js';
import type { BidMember } from './bids.js';
import type { BidStructure, CriterionCategory, PriceScoring } from './types.js';
import type { ScoreScaleMax } from './evaluation.js';

const date = (d: string | null): IsoDate | null => (d === null ? null : isoDate(d));

export interface ProcurementInput {
  reference: string;
  title: string;
  description: string;
  procedure: ProcedureId;
  regime: RegimeId;
  timetable: Timetable;
  funding: FundingLine[];
  schemeIds?: number[];
  illustrative?: boolean;
}

export interface LotInput {
  lotNumber: number;
  title: string;
  description: string;
  estimatedValuePence: Pence | null;
  scoreScaleMax: ScoreScaleMax;
  priceScoring: PriceScoring;
  criteria: { name: string; category: CriterionCategory; weight: number }[];
}

export interface BidInput {
  lotId: number;
  bidderName: string;
  structure: BidStructure;
  pricePence: Pence | null;
  submittedOn: IsoDate | null;
  members: BidMember[];
  illustrative?: boolean;
}

export interface AwardInput {
  lotId: number;
  bidId: number;
  awardedOn: IsoDate;
  standstillEndOn: IsoDate | null;
  valuePence: Pence | null;
  decisionId: number | null;
  notes: string;
}

const timetableOf = (r: {
  publication_on: string | null;
  clarification_deadline_on: string | null;
  submission_deadline_on: string | null;
  evaluation_end_on: string | null;
  award_decision_on: string | null;
  standstill_end_on: string | null;
  contract_start_on: string | null;
}): Timetable => ({
  publicationOn: date(r.publication_on),
  clarificationDeadlineOn: date(r.clarification_deadline_on),
  submissionDeadlineOn: date(r.submission_deadline_on),
  evaluationEndOn: date(r.evaluation_end_on),
  awardDecisionOn: date(r.award_decision_on),
  standstillEndOn: date(r.standstill_end_on),
  contractStartOn: date(r.contract_start_on),
});

export interface ProcurementSummary {
  id: number;
  reference: string;
  title: string;
  procedure: ProcedureId;
  regime: RegimeId;
  timetable: Timetable;
  status: ProcurementStatus;
  totalPence: Pence;
  lots: number;
  next: { date: IsoDate; label: string } | null;
  illustrative: boolean;
}

/** A partnership's procurements, latest publication first, with status and next date as on `today`. */
export async function listProcurements(
  db: Executor,
  partnershipId: number,
  today: IsoDate,
): Promise<ProcurementSummary[]> {
  const rows = await db
    .selectFrom('procurements')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('publication_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [funding, lots, awards] = await Promise.all([
    db
      .selectFrom('procurement_funding')
      .select(['procurement_id', 'amount_pence'])
      .where('partnership_id', '=', partnershipId)
      .where('procurement_id', 'in', ids)
      .execute(),
    db
      .selectFrom('procurement_lots')
      .select(['procurement_id', 'id'])
      .where('partnership_id', '=', partnershipId)
      .where('procurement_id', 'in', ids)
      .execute(),
    db
      .selectFrom('procurement_awards')
      .select(['procurement_id', 'lot_id'])
      .where('partnership_id', '=', partnershipId)
      .where('procurement_id', 'in', ids)
      .where('awarded_on', '<=', today)
      .execute(),
  ]);
  return rows.map((r) => {
    const timetable = timetableOf(r);
    const lotCount = lots.filter((l) => l.procurement_id === r.id).length;
    const awarded = awards.filter((a) => a.procurement_id === r.id).length;
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      procedure: r.procedure,
      regime: r.regime,
      timetable,
      status: procurementStatus(timetable, today, { lots: lotCount, awarded }, date(r.cancelled_on)),
      totalPence: fundingTotal(
        funding
          .filter((f) => f.procurement_id === r.id)
          .map((f) => ({ organisationId: 0, amountPence: pence(f.amount_pence) })),
      ),
      lots: lotCount,
      next: r.cancelled_on === null ? nextDate(timetable, today) : null,
      illustrative: r.illustrative,
    };
  });
}

/** One procurement with everything recorded against it, or undefined. */
export async function getProcurement(db: Executor, partnershipId: number, id: number) {
  const r = await db
    .selectFrom('procurements')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const scope = (table: 'procurement_funding' | 'procurement_lots') =>
    db.selectFrom(table).where('partnership_id', '=', partnershipId).where('procurement_id', '=', id);
  const [funding, schemes, lots, criteria, bids, awards] = await Promise.all([
    scope('procurement_funding').selectAll().orderBy('organisation_id').execute(),
    db
      .selectFrom('procurement_schemes')
      .innerJoin('schemes', (j) =>
        j
          .onRef('schemes.id', '=', 'procurement_schemes.scheme_id')
          .onRef('schemes.partnership_id', '=', 'procurement_schemes.partnership_id'),
      )
      .select(['schemes.id', 'schemes.code', 'schemes.name'])
      .where('procurement_schemes.partnership_id', '=', partnershipId)
      .where('procurement_schemes.procurement_id', '=', id)
      .orderBy('schemes.code')
      .execute(),
    scope('procurement_lots').selectAll().orderBy('lot_number').execute(),
    db
      .selectFrom('procurement_criteria')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('procurement_id', '=', id)
      .orderBy('lot_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('procurement_bids')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('procurement_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('procurement_awards')
      .leftJoin('decisions', (j) =>
        j
          .onRef('decisions.id', '=', 'procurement_awards.decision_id')
          .onRef('decisions.partnership_id', '=', 'procurement_awards.partnership_id'),
      )
      .selectAll('procurement_awards')
      .select(['decisions.decision as decision_text', 'decisions.decided_on as decision_on'])
      .where('procurement_awards.partnership_id', '=', partnershipId)
      .where('procurement_awards.procurement_id', '=', id)
      .execute(),
  ]);
  const bidIds = bids.map((b) => b.id);
  const [members, scores] =
    bidIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('procurement_bid_members')
            .selectAll()
            .where('partnership_id', '=', partnershipId)
            .where('bid_id', 'in', bidIds)
            .orderBy('bid_id')
            .orderBy('position')
            .execute(),
          db
            .selectFrom('procurement_scores')
            .selectAll()
            .where('partnership_id', '=', partnershipId)
            .where('bid_id', 'in', bidIds)
            .execute(),
        ]);
  return {
    id: r.id,
    partnershipId,
    reference: r.reference,
    title: r.title,
    description: r.description,
    procedure: r.procedure,
    regime: r.regime,
    timetable: timetableOf(r),
    cancelledOn: date(r.cancelled_on),
    cancelledReason: r.cancelled_reason,
    illustrative: r.illustrative,
    funding: funding.map((f) => ({ organisationId: f.organisation_id, amountPence: pence(f.amount_pence) })),
    schemes,
    lots: lots.map((l) => ({
      id: l.id,
      lotNumber: l.lot_number,
      title: l.title,
      description: l.description,
      estimatedValuePence: l.estimated_value_pence === null ? null : pence(l.estimated_value_pence),
      scoreScaleMax: l.score_scale_max,
      priceScoring: l.price_scoring,
      criteria: criteria
        .filter((c) => c.lot_id === l.id)
        .map((c) => ({
          id: c.id,
          position: c.position,
          name: c.name,
          category: c.category,
          weight: c.weight,
        })),
    })),
    bids: bids.map((b) => ({
      id: b.id,
      lotId: b.lot_id,
      bidderName: b.bidder_name,
      structure: b.structure,
      pricePence: b.price_pence === null ? null : pence(b.price_pence),
      submittedOn: date(b.submitted_on),
      illustrative: b.illustrative,
      members: members
        .filter((m) => m.bid_id === b.id)
        .map((m) => ({
          role: m.role,
          name: m.provider_name,
          companiesHouseNumber: m.companies_house_number,
          charityNumber: m.charity_number,
          shareBp: m.share_bp,
        })),
    })),
    scores: scores.map((s) => ({
      bidId: s.bid_id,
      criterionId: s.criterion_id,
      score: s.score,
      comment: s.comment,
      scoredByName: s.scored_by_name,
      scoredAt: s.scored_at,
    })),
    awards: awards.map((a) => ({
      id: a.id,
      lotId: a.lot_id,
      bidId: a.bid_id,
      awardedOn: isoDate(a.awarded_on),
      standstillEndOn: date(a.standstill_end_on),
      valuePence: a.value_pence === null ? null : pence(a.value_pence),
      decisionId: a.decision_id,
      decisionText: a.decision_text,
      decisionOn: date(a.decision_on),
      notes: a.notes,
    })),
  };
}
export type Procurement = NonNullable<Awaited<ReturnType<typeof getProcurement>>>;

/** The procurement's id for a reference in the partnership, if there is one. */
export async function procurementIdByReference(db: Executor, partnershipId: number, reference: string) {
  const r = await db
    .selectFrom('procurements')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return r?.id;
}

async function audit(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  procurementId: number,
  action: 'create' | 'update',
  after: unknown,
  before?: unknown,
) {
  await recordAuditEvent(trx, actor, {
    action,
    entityType: 'procurement',
    entityId: procurementId,
    partnershipId,
    before,
    after,
  });
}

/** Adds a procurement with its funding split and schemes in scope; returns its id. */
export async function createProcurement(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  input: ProcurementInput,
): Promise<number> {
  const t = input.timetable;
  const row = await trx
    .insertInto('procurements')
    .values({
      partnership_id: partnershipId,
      reference: input.reference.trim(),
      title: input.title.trim(),
      description: input.description.trim(),
      procedure: input.procedure,
      regime: input.regime,
      publication_on: t.publicationOn,
      clarification_deadline_on: t.clarificationDeadlineOn,
      submission_deadline_on: t.submissionDeadlineOn,
      evaluation_end_on: t.evaluationEndOn,
      award_decision_on: t.awardDecisionOn,
      standstill_end_on: t.standstillEndOn,
      contract_start_on: t.contractStartOn,
      illustrative: input.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.funding.length > 0)
    await trx
      .insertInto('procurement_funding')
      .values(
        input.funding.map((f) => ({
          partnership_id: partnershipId,
          procurement_id: row.id,
          organisation_id: f.organisationId,
          amount_pence: f.amountPence,
        })),
      )
      .execute();
  if (input.schemeIds && input.schemeIds.length > 0)
    await trx
      .insertInto('procurement_schemes')
      .values(
        input.schemeIds.map((s) => ({ partnership_id: partnershipId, procurement_id: row.id, scheme_id: s })),
      )
      .execute();
  await audit(trx, actor, partnershipId, row.id, 'create', {
    reference: input.reference,
    title: input.title,
    procedure: input.procedure,
    regime: input.regime,
    timetable: t,
    funding: input.funding,
    schemeIds: input.schemeIds ?? [],
  });
  return row.id;
}

/** Adds a lot with its evaluation criteria; returns its id. */
export async function addLot(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  procurementId: number,
  input: LotInput,
): Promise<number> {
  const row = await trx
    .insertInto('procurement_lots')
    .values({
      partnership_id: partnershipId,
      procurement_id: procurementId,
      lot_number: input.lotNumber,
      title: input.title.trim(),
      description: input.description.trim(),
      estimated_value_pence: input.estimatedValuePence,
      score_scale_max: input.scoreScaleMax,
      price_scoring: input.priceScoring,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.criteria.length > 0)
    await trx
      .insertInto('procurement_criteria')
      .values(
        input.criteria.map((c, i) => ({
          partnership_id: partnershipId,
          procurement_id: procurementId,
          lot_id: row.id,
          position: i + 1,
          name: c.name,
          category: c.category,
          weight: c.weight,
        })),
      )
      .execute();
  await audit(trx, actor, partnershipId, procurementId, 'update', { lotAdded: { id: row.id, ...input } });
  return row.id;
}

/** The next free lot number of a procurement. */
export async function nextLotNumber(db: Executor, partnershipId: number, procurementId: number) {
  const r = await db
    .selectFrom('procurement_lots')
    .select((eb) => eb.fn.max('lot_number').as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('procurement_id', '=', procurementId)
    .executeTakeFirst();
  return (r?.n ?? 0) + 1;
}

/** Adds a bid with its members (checked by bids.ts); returns its id. */
export async function addBid(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  procurementId: number,
  input: BidInput,
): Promise<number> {
  const row = await trx
    .insertInto('procurement_bids')
    .values({
      partnership_id: partnershipId,
      procurement_id: procurementId,
      lot_id: input.lotId,
      bidder_name: input.bidderName.trim(),
      structure: input.structure,
      price_pence: input.pricePence,
      submitted_on: input.submittedOn,
      illustrative: input.illustrative ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('procurement_bid_members')
    .values(
      input.members.map((m, i) => ({
        partnership_id: partnershipId,
        bid_id: row.id,
        position: i + 1,
        role: m.role,
        provider_name: m.name,
        companies_house_number: m.companiesHouseNumber,
        charity_number: m.charityNumber,
        organisation_id: null,
        share_bp: m.shareBp,
      })),
    )
    .execute();
  await audit(trx, actor, partnershipId, procurementId, 'update', { bidAdded: { id: row.id, ...input } });
  return row.id;
}

/** Records (or corrects) one bid's scores; the audit keeps the scores it replaced. */
export async function recordScores(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  procurementId: number,
  bidId: number,
  scores: { criterionId: number; score: number; comment: string }[],
): Promise<void> {
  const before = await trx
    .selectFrom('procurement_scores')
    .select(['criterion_id', 'score', 'comment', 'scored_by_name'])
    .where('partnership_id', '=', partnershipId)
    .where('bid_id', '=', bidId)
    .execute();
  for (const s of scores) {
    await trx
      .insertInto('procurement_scores')
      .values({
        partnership_id: partnershipId,
        bid_id: bidId,
        criterion_id: s.criterionId,
        score: s.score,
        comment: s.comment,
        scored_by: actor.userId,
        scored_by_name: actor.label,
        scored_at: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(['partnership_id', 'bid_id', 'criterion_id']).doUpdateSet({
          score: s.score,
          comment: s.comment,
          scored_by: actor.userId,
          scored_by_name: actor.label,
          scored_at: new Date(),
        }),
      )
      .execute();
  }
  await audit(
    trx,
    actor,
    partnershipId,
    procurementId,
    'update',
    { bidId, scores },
    { bidId, scores: before },
  );
}

/** Records the award of a lot to one of its bids; returns the award's id. */
export async function recordAward(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  procurementId: number,
  input: AwardInput,
): Promise<number> {
  const row = await trx
    .insertInto('procurement_awards')
    .values({
      partnership_id: partnershipId,
      procurement_id: procurementId,
      lot_id: input.lotId,
      bid_id: input.bidId,
      awarded_on: input.awardedOn,
      standstill_end_on: input.standstillEndOn,
      value_pence: input.valuePence,
      decision_id: input.decisionId,
      notes: input.notes.trim(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, actor, partnershipId, procurementId, 'update', { awardAdded: { id: row.id, ...input } });
  return row.id;
}

/** The partnership's recorded decisions, latest first, for choosing the one that made an award. */
export async function decisionChoices(db: Executor, partnershipId: number) {
  const rows = await db
    .selectFrom('decisions')
    .select(['id', 'decided_on', 'decision'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('decided_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, decidedOn: isoDate(r.decided_on), decision: r.decision }));
}

/**
 * The dashboard tile (issue 6, scope 8): procurements in flight on `today` (not yet awarded, not cancelled),
 * each with its status and next date, and the path of the list.
 */
export async function procurementsDashboardTile(db: Executor, partnershipId: number, today: IsoDate) {
  const all = await listProcurements(db, partnershipId, today);
  const inFlight = all.filter((p) => p.status !== 'awarded' && p.status !== 'cancelled');
  return {
    inFlight: inFlight.length,
    items: inFlight.map((p) => ({
      id: p.id,
      reference: p.reference,
      title: p.title,
      status: p.status,
      nextDate: p.next?.date ?? null,
      nextDateLabel: p.next?.label ?? null,
      path: `/partnerships/${partnershipId}/procurements/${p.id}`,
    })),
    path: `/partnerships/${partnershipId}/procurements`,
  };
}
