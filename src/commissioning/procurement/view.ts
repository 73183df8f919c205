/**
 * What the procurement page shows, worked out from the stored procurement: the timetable with its statutory
 * check, the value by partner, each lot's bids with their structure, the evaluation matrix and the award.
 * Bids and scores are commercially sensitive until the lot is awarded: `seeBids` says whether this reader may
 * see them before then.
 */
import type { IsoDate } from '../../kernel/dates.js';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import {
  PROCEDURES,
  REGIMES,
  STATUSES,
  STEP_LABELS,
  TIMETABLE_STEPS,
  checkTimetable,
  fundingSharesBp,
  fundingTotal,
  procurementStatus,
} from './rules.js';
import { BID_STRUCTURES, MEMBER_ROLES, shareLabel } from './bids.js';
import { CRITERION_CATEGORIES, PRICE_SCORING, SCORE_SCALES, evaluateLot } from './evaluation.js';
import type { Procurement } from './store.js';

export const PROCUREMENT_LABELS = {
  PROCEDURES,
  REGIMES,
  STATUSES,
  BID_STRUCTURES,
  MEMBER_ROLES,
  CRITERION_CATEGORIES,
  PRICE_SCORING,
  SCORE_SCALES,
};

export function procurementView(
  p: Procurement,
  partners: readonly { id: number; name: string }[],
  today: IsoDate,
  seeBids: boolean,
  changes: readonly BankHolidayChange[] = [],
) {
  const partnerName = (id: number) => partners.find((x) => x.id === id)?.name ?? `Organisation ${id}`;
  const check = checkTimetable(p.timetable, p.regime, p.procedure, changes);
  const shares = fundingSharesBp(p.funding);
  const status = procurementStatus(
    p.timetable,
    today,
    { lots: p.lots.length, awarded: p.awards.filter((a) => a.awardedOn <= today).length },
    p.cancelledOn,
  );
  const lots = p.lots.map((lot) => {
    const award = p.awards.find((a) => a.lotId === lot.id) ?? null;
    const bids = p.bids.filter((b) => b.lotId === lot.id);
    const visible = seeBids || award !== null;
    const scoreMap = new Map(p.scores.map((s) => [`${s.bidId}:${s.criterionId}`, s.score]));
    const evaluation = evaluateLot(
      lot.criteria,
      bids.map((b) => ({ id: b.id, name: b.bidderName, pricePence: b.pricePence })),
      scoreMap,
      lot.scoreScaleMax,
      lot.priceScoring,
    );
    const winner = award ? bids.find((b) => b.id === award.bidId) : undefined;
    return {
      ...lot,
      criteria: lot.criteria.map((c, i) => ({
        ...c,
        weightLabel: shareLabel(evaluation.weightsBp[i] ?? 0),
        byFormula: c.category === 'price' && lot.priceScoring === 'lowest_price_ratio',
      })),
      bidsVisible: visible,
      bidCount: bids.length,
      bids: visible
        ? bids.map((b) => {
            const result = evaluation.bids.find((r) => r.bidId === b.id);
            return {
              ...b,
              members: b.members.map((m) => ({
                ...m,
                roleLabel: MEMBER_ROLES[m.role],
                share: shareLabel(m.shareBp),
              })),
              result,
              totalLabel: result ? result.total.toFixed(2) : '',
              scoreCells: (result?.scores ?? []).map((s) => (s === null ? 'Not scored' : String(s))),
              won: award?.bidId === b.id,
            };
          })
        : [],
      ranked: visible ? evaluation.ranked : [],
      complete: evaluation.complete,
      award: award && { ...award, winner: winner?.bidderName ?? '' },
    };
  });
  return {
    status,
    statusLabel: STATUSES[status],
    timetable: TIMETABLE_STEPS.map((step) => ({
      step,
      label: STEP_LABELS[step],
      date: p.timetable[step],
      problem: check.problems[step] ?? null,
    })),
    check,
    funding: p.funding.map((f, i) => ({
      ...f,
      partner: partnerName(f.organisationId),
      share: shareLabel(shares[i] ?? 0),
    })),
    totalPence: fundingTotal(p.funding),
    lots,
  };
}
