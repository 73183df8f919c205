/**
 * Procurements: the procedures and regimes as data, the timetable's order and its statutory standstill, the
 * value by funding partner, and the status a procurement is in on a given day. No I/O.
 */
import { addDays, formatLongDate, type IsoDate } from '../../kernel/dates.js';
import { apportionByWeights, sumPence, type Pence } from '../../kernel/money.js';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { isWorkingDay, nextWorkingDay } from '../../kernel/workingDays.js';
import type { ProcedureId, RegimeId } from './types.js';

export type { ProcedureId, RegimeId } from './types.js';

/**
 * The law a procurement runs under. Standstill rules:
 * - PCR 2015 reg 87(2)(a): notices of the award decision sent electronically, the standstill period ends at
 *   midnight at the end of the 10th calendar day after the day they are sent; when that day is not a working
 *   day it runs to the end of the next working day.
 * - Procurement Act 2023 s51(2): eight working days beginning with the day the contract details notice is
 *   published.
 * - Health Care Services (Provider Selection Regime) Regulations 2023 reg 12: eight working days beginning with
 *   the day after the intention to award is published; direct award processes A and B have none (reg 9).
 */
export const REGIMES: Record<RegimeId, { label: string; standstill: string }> = {
  pcr_2015: {
    label: 'Public Contracts Regulations 2015',
    standstill:
      'At least 10 calendar days after the award decision notices are sent electronically, ending on a working ' +
      'day (Public Contracts Regulations 2015, regulation 87)',
  },
  procurement_act_2023: {
    label: 'Procurement Act 2023',
    standstill:
      'At least 8 working days beginning with the day the award notice is published (Procurement Act 2023, ' +
      'section 51)',
  },
  psr_2023: {
    label: 'Provider Selection Regime (Health Care Services Regulations 2023)',
    standstill:
      'At least 8 working days beginning with the day after the intention to award is published, except ' +
      'direct award processes A and B (Provider Selection Regime 2023, regulation 12)',
  },
};

/** The procedures, the regime each belongs to, and whether it is competitive (invites bids). */
export const PROCEDURES: Record<ProcedureId, { label: string; regime: RegimeId; competitive: boolean }> = {
  open: { label: 'Open procedure', regime: 'pcr_2015', competitive: true },
  restricted: { label: 'Restricted procedure', regime: 'pcr_2015', competitive: true },
  competitive_negotiation: {
    label: 'Competitive procedure with negotiation',
    regime: 'pcr_2015',
    competitive: true,
  },
  competitive_dialogue: { label: 'Competitive dialogue', regime: 'pcr_2015', competitive: true },
  innovation_partnership: { label: 'Innovation partnership', regime: 'pcr_2015', competitive: true },
  light_touch: {
    label: 'Light-touch regime for health, social and related services',
    regime: 'pcr_2015',
    competitive: true,
  },
  competitive_flexible: {
    label: 'Competitive flexible procedure',
    regime: 'procurement_act_2023',
    competitive: true,
  },
  psr_direct_award_a: {
    label: 'Provider Selection Regime: direct award process A',
    regime: 'psr_2023',
    competitive: false,
  },
  psr_direct_award_b: {
    label: 'Provider Selection Regime: direct award process B',
    regime: 'psr_2023',
    competitive: false,
  },
  psr_direct_award_c: {
    label: 'Provider Selection Regime: direct award process C',
    regime: 'psr_2023',
    competitive: false,
  },
  psr_most_suitable_provider: {
    label: 'Provider Selection Regime: most suitable provider process',
    regime: 'psr_2023',
    competitive: false,
  },
  psr_competitive: {
    label: 'Provider Selection Regime: competitive process',
    regime: 'psr_2023',
    competitive: true,
  },
};

/** The open procedure under the Procurement Act 2023 shares its id with PCR 2015's: both regimes allow it. */
export function procedureAllowed(procedure: ProcedureId, regime: RegimeId): boolean {
  if (procedure === 'open') return regime === 'pcr_2015' || regime === 'procurement_act_2023';
  return PROCEDURES[procedure].regime === regime;
}

export const TIMETABLE_STEPS = [
  'publicationOn',
  'clarificationDeadlineOn',
  'submissionDeadlineOn',
  'evaluationEndOn',
  'awardDecisionOn',
  'standstillEndOn',
  'contractStartOn',
] as const;
export type TimetableStep = (typeof TIMETABLE_STEPS)[number];
export type Timetable = Record<TimetableStep, IsoDate | null>;

export const STEP_LABELS: Record<TimetableStep, string> = {
  publicationOn: 'Publication',
  clarificationDeadlineOn: 'Clarification deadline',
  submissionDeadlineOn: 'Submission deadline',
  evaluationEndOn: 'Evaluation ends',
  awardDecisionOn: 'Award decision',
  standstillEndOn: 'Standstill ends',
  contractStartOn: 'Contract starts',
};

/** Steps that must be strictly after the one before; evaluation may end on the submission deadline. */
const MAY_EQUAL_PREVIOUS: ReadonlySet<TimetableStep> = new Set(['evaluationEndOn']);

/**
 * The earliest day the standstill period can end, for an award decision notified on `decidedOn` (notices sent
 * or published that day). Null when the regime or procedure has no standstill.
 */
export function earliestStandstillEnd(
  regime: RegimeId,
  procedure: ProcedureId,
  decidedOn: IsoDate,
  changes: readonly BankHolidayChange[] = [],
): IsoDate | null {
  if (regime === 'pcr_2015') {
    const tenth = addDays(decidedOn, 10);
    return isWorkingDay(tenth, changes) ? tenth : nextWorkingDay(tenth, changes);
  }
  if (regime === 'psr_2023' && (procedure === 'psr_direct_award_a' || procedure === 'psr_direct_award_b'))
    return null;
  // eight working days: the Act's begin on the day of publication, the PSR's on the day after
  let day = regime === 'procurement_act_2023' ? addDays(decidedOn, -1) : decidedOn;
  for (let counted = 0; counted < 8; counted += 1) day = nextWorkingDay(day, changes);
  return day;
}

export interface TimetableCheck {
  /** Problems keyed by the step they concern, in words a procurement officer can act on. */
  problems: Partial<Record<TimetableStep, string>>;
  earliestStandstillEnd: IsoDate | null;
  /** How the standstill was checked, e.g. the rule and the earliest end; null before an award decision date. */
  standstillExplanation: string | null;
}

const long = (d: IsoDate) => formatLongDate(d);

/**
 * Checks that the dates given are in order (publication, clarification deadline, submission deadline,
 * evaluation end, award decision, standstill end, contract start: each after the one before, except that
 * evaluation may end on the submission day) and that the standstill ends no earlier than the law allows.
 * Steps left blank are skipped: each date is compared with the latest date given before it.
 */
export function checkTimetable(
  t: Timetable,
  regime: RegimeId,
  procedure: ProcedureId,
  changes: readonly BankHolidayChange[] = [],
): TimetableCheck {
  const problems: TimetableCheck['problems'] = {};
  let previous: { step: TimetableStep; date: IsoDate } | null = null;
  for (const step of TIMETABLE_STEPS) {
    const date = t[step];
    if (date === null) continue;
    if (previous !== null) {
      const equalOk = MAY_EQUAL_PREVIOUS.has(step) && previous.step === 'submissionDeadlineOn';
      if (date < previous.date || (date === previous.date && !equalOk))
        problems[step] =
          `${STEP_LABELS[step]} must be ${equalOk ? 'on or ' : ''}after ${STEP_LABELS[previous.step].toLowerCase()} (${long(previous.date)})`;
    }
    previous = { step, date };
  }
  const decided = t.awardDecisionOn;
  const earliest = decided === null ? null : earliestStandstillEnd(regime, procedure, decided, changes);
  let standstillExplanation: string | null = null;
  if (decided !== null) {
    standstillExplanation =
      earliest === null
        ? `${PROCEDURES[procedure].label}: no standstill period applies.`
        : `${REGIMES[regime].standstill}. Award decision ${long(decided)}: the standstill can end no earlier than ${long(earliest)}.`;
  }
  if (
    earliest !== null &&
    t.standstillEndOn !== null &&
    t.standstillEndOn < earliest &&
    !problems.standstillEndOn
  )
    problems.standstillEndOn = `Standstill must not end before ${long(earliest)}: ${REGIMES[regime].standstill}`;
  return { problems, earliestStandstillEnd: earliest, standstillExplanation };
}

export const STATUSES = {
  planning: 'Planning',
  published: 'Published',
  evaluation: 'Evaluation',
  standstill: 'Standstill',
  awarded: 'Awarded',
  cancelled: 'Cancelled',
} as const;
export type ProcurementStatus = keyof typeof STATUSES;

/**
 * The status on `today`: cancelled when cancelled; awarded when every lot is awarded and the standstill has
 * ended; standstill once every lot is awarded (or the award decision date has come) and the standstill has not
 * ended; evaluation after the submission deadline; published once published; planning before.
 */
export function procurementStatus(
  t: Timetable,
  today: IsoDate,
  awards: { lots: number; awarded: number },
  cancelledOn: IsoDate | null,
): ProcurementStatus {
  if (cancelledOn !== null && cancelledOn <= today) return 'cancelled';
  const allAwarded = awards.lots > 0 && awards.awarded === awards.lots;
  const standstillOver = t.standstillEndOn === null || t.standstillEndOn < today;
  if (allAwarded) return standstillOver ? 'awarded' : 'standstill';
  if (t.awardDecisionOn !== null && t.awardDecisionOn <= today && awards.awarded > 0) return 'standstill';
  if (t.submissionDeadlineOn !== null && t.submissionDeadlineOn < today) return 'evaluation';
  if (t.publicationOn !== null && t.publicationOn <= today) return 'published';
  return 'planning';
}

/** The next timetable date on or after `today`, with its label; null when none is left. */
export function nextDate(t: Timetable, today: IsoDate): { date: IsoDate; label: string } | null {
  for (const step of TIMETABLE_STEPS) {
    const d = t[step];
    if (d !== null && d >= today) return { date: d, label: STEP_LABELS[step] };
  }
  return null;
}

/** The value of a procurement by funding partner: the total is the sum of the parts, each a partner. */
export interface FundingLine {
  organisationId: number;
  amountPence: Pence;
}

export function fundingTotal(lines: readonly FundingLine[]): Pence {
  return sumPence(lines.map((l) => l.amountPence));
}

/** Each partner's share of the total in basis points (largest remainder, summing to 10,000); [] when zero. */
export function fundingSharesBp(lines: readonly FundingLine[]): number[] {
  if (fundingTotal(lines) === 0) return lines.map(() => 0);
  return apportionByWeights(
    10_000,
    lines.map((l) => l.amountPence),
  ).map(Number);
}

/** What is wrong with a funding split: a non-partner, a partner twice, or an amount that is not whole pence. */
export function fundingProblems(lines: readonly FundingLine[], partnerIds: ReadonlySet<number>): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (const l of lines) {
    if (!partnerIds.has(l.organisationId)) out.push(`Organisation ${l.organisationId} is not a partner`);
    if (seen.has(l.organisationId)) out.push(`Organisation ${l.organisationId} is listed twice`);
    seen.add(l.organisationId);
    if (!Number.isSafeInteger(l.amountPence) || l.amountPence < 0)
      out.push(`Organisation ${l.organisationId}: the amount must be whole pence, not negative`);
  }
  return out;
}
