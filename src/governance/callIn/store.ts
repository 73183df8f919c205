/**
 * The SQL of call-in after the request and of each partner's constitution settings (DOMAIN.md §5). Every write
 * records an audit event in the same transaction; the state machine in callIn.ts checks each step before it is
 * written, against the steps already recorded, inside the same transaction.
 */
import type { Executor } from '../../db/connection.js';
import { transaction, type Db } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { formatLongDate, isoDate, type IsoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import { err, ok, type FieldProblems, type Result } from '../../kernel/result.js';
import { partnersOf } from '../../partnerships/index.js';
import {
  applyCallInStep,
  callInStatus,
  checkCallInValidity,
  type CallInRequestBy,
  type CallInStep,
  type CallInTerms,
} from './rules.js';
import { defaultConstitution, DEFAULT_MEMBERS_REQUIRED, type PartnerConstitution } from '../boards/index.js';
import type { Decision } from '../decisions/index.js';
import { DEFAULT_NOTICE_RULES, type PeriodAfterRule } from '../dates/index.js';
import { setKeyDecisionThreshold } from '../boards/index.js';

/** Each partner with its constitution settings, or the defaults for its kind where none are recorded. */
export async function partnerConstitutions(db: Executor, partnershipId: number) {
  const partners = await partnersOf(db, partnershipId);
  const thresholds = await db
    .selectFrom('partner_governance_settings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .execute();
  const callIn = await db
    .selectFrom('partner_call_in_settings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .execute();
  return partners.map((p) => {
    const t = thresholds.find((r) => r.organisation_id === p.id);
    const c = callIn.find((r) => r.organisation_id === p.id);
    const base = defaultConstitution(p.kind);
    const constitution: PartnerConstitution = {
      keyDecisionThresholdPence: t ? pence(t.key_decision_threshold_pence) : null,
      subjectToCallIn: c ? c.subject_to_call_in : base.subjectToCallIn,
      callInRule: c ? c.call_in_rule : base.callInRule,
      callInDays: c ? c.call_in_days : null,
      callInCounting: c ? c.call_in_counting : null,
      membersRequired: c ? c.members_required : base.membersRequired,
    };
    return { organisation: p, constitution, recorded: c !== undefined };
  });
}

/** One partner's settings, or undefined when the organisation is not a partner. */
export async function partnerConstitution(db: Executor, partnershipId: number, organisationId: number) {
  return (await partnerConstitutions(db, partnershipId)).find((p) => p.organisation.id === organisationId);
}

/** Saves a partner's settings: the key decision threshold and the call-in terms. */
export async function savePartnerConstitution(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  organisationId: number,
  c: PartnerConstitution & {
    keyDecisionThresholdPence: NonNullable<PartnerConstitution['keyDecisionThresholdPence']>;
  },
): Promise<void> {
  await setKeyDecisionThreshold(trx, actor, partnershipId, organisationId, c.keyDecisionThresholdPence);
  const before = await trx
    .selectFrom('partner_call_in_settings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  const values = {
    subject_to_call_in: c.subjectToCallIn,
    call_in_rule: c.callInRule,
    call_in_days: c.callInDays,
    call_in_counting: c.callInCounting,
    members_required: c.membersRequired,
  };
  await trx
    .insertInto('partner_call_in_settings')
    .values({ partnership_id: partnershipId, organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.columns(['partnership_id', 'organisation_id']).doUpdateSet(values))
    .execute();
  await recordAuditEvent(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'partner call-in setting',
    entityId: `${partnershipId}:${organisationId}`,
    partnershipId,
    before,
    after: values,
  });
}

/** Records the terms a decision was taken under, from the deciding partner's settings. */
export async function recordDecisionTerms(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  decisionId: number,
  organisationId: number,
  terms: CallInTerms,
): Promise<void> {
  const values = {
    partnership_id: partnershipId,
    decision_id: decisionId,
    organisation_id: organisationId,
    rule_name: terms.rule.name,
    days: terms.rule.days,
    counting: terms.rule.counting,
    notice_lag_working_days: terms.rule.noticeLagWorkingDays,
    takes_effect: terms.rule.takesEffect,
    rule_summary: terms.rule.summary,
    rule_source: terms.rule.source,
    members_required: terms.membersRequired,
  };
  await trx.insertInto('decision_call_in_terms').values(values).execute();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'decision call-in terms',
    entityId: decisionId,
    partnershipId,
    after: values,
  });
}

/** The call-in terms of a stored decision: those recorded with it, or its named rule for an older decision. */
export async function decisionTermsOf(
  db: Executor,
  decision: Pick<Decision, 'partnership_id' | 'id' | 'call_in' | 'call_in_rule' | 'urgency_agreed_by'>,
): Promise<CallInTerms & { organisationId: number | null }> {
  const row = await db
    .selectFrom('decision_call_in_terms')
    .selectAll()
    .where('partnership_id', '=', decision.partnership_id)
    .where('decision_id', '=', decision.id)
    .executeTakeFirst();
  const named = DEFAULT_NOTICE_RULES[decision.call_in_rule];
  const fallback: PeriodAfterRule =
    named?.direction === 'after' ? named : (DEFAULT_NOTICE_RULES['call-in'] as PeriodAfterRule);
  const rule: PeriodAfterRule = row
    ? {
        name: row.rule_name,
        direction: 'after',
        days: row.days,
        counting: row.counting,
        noticeLagWorkingDays: row.notice_lag_working_days,
        takesEffect: row.takes_effect,
        summary: row.rule_summary,
        source: row.rule_source,
      }
    : fallback;
  return {
    callIn: decision.call_in,
    urgencyAgreedBy: decision.urgency_agreed_by,
    rule,
    membersRequired: row?.members_required ?? DEFAULT_MEMBERS_REQUIRED,
    organisationId: row?.organisation_id ?? null,
  };
}

/** The boards of kind overview and scrutiny committee in the partnership. */
export async function scrutinyBoards(db: Executor, partnershipId: number) {
  return db
    .selectFrom('boards')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('kind', '=', 'overview_and_scrutiny_committee')
    .orderBy('name')
    .execute();
}

/** The meetings of the partnership's scrutiny committees, for the scrutiny meeting step. */
export async function scrutinyMeetings(db: Executor, partnershipId: number) {
  const rows = await db
    .selectFrom('meetings')
    .innerJoin('boards', (j) =>
      j
        .onRef('boards.partnership_id', '=', 'meetings.partnership_id')
        .onRef('boards.id', '=', 'meetings.board_id'),
    )
    .select(['meetings.id', 'meetings.meets_on', 'boards.name as board_name'])
    .where('meetings.partnership_id', '=', partnershipId)
    .where('boards.kind', '=', 'overview_and_scrutiny_committee')
    .where('meetings.status', '<>', 'cancelled')
    .orderBy('meetings.meets_on')
    .execute();
  return rows.map((r) => ({ ...r, meetsOn: isoDate(r.meets_on) }));
}

/**
 * The requests to call a decision in, each with whether its member was eligible on the day: a user holding the
 * scrutiny member role in the partnership, or a member (by name) of one of its overview and scrutiny committees.
 */
export async function callInRequestsBy(
  db: Executor,
  partnershipId: number,
  decisionId: number,
): Promise<CallInRequestBy[]> {
  const rows = await db
    .selectFrom('call_in_requests')
    .select(['member_name', 'grounds', 'requested_on', 'user_id'])
    .where('partnership_id', '=', partnershipId)
    .where('decision_id', '=', decisionId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const roleHolders = new Set(
    (
      await db
        .selectFrom('user_roles')
        .select('user_id')
        .where('partnership_id', '=', partnershipId)
        .where('role', '=', 'scrutiny_member')
        .execute()
    ).map((r) => r.user_id),
  );
  const committee = await db
    .selectFrom('board_memberships')
    .innerJoin('boards', (j) =>
      j
        .onRef('boards.partnership_id', '=', 'board_memberships.partnership_id')
        .onRef('boards.id', '=', 'board_memberships.board_id'),
    )
    .select(['board_memberships.person_name', 'board_memberships.term_from', 'board_memberships.term_to'])
    .where('board_memberships.partnership_id', '=', partnershipId)
    .where('boards.kind', '=', 'overview_and_scrutiny_committee')
    .execute();
  return rows.map((r) => {
    const on = isoDate(r.requested_on);
    const name = r.member_name.trim().toLowerCase();
    const member = committee.some(
      (m) =>
        m.person_name.trim().toLowerCase() === name &&
        m.term_from <= on &&
        (m.term_to === null || m.term_to >= on),
    );
    return {
      memberName: r.member_name,
      grounds: r.grounds,
      requestedOn: on,
      eligible: member || (r.user_id !== null && roleHolders.has(r.user_id)),
    };
  });
}

type StepRow = Awaited<ReturnType<typeof stepRows>>[number];
const stepRows = (db: Executor, partnershipId: number, decisionId: number) =>
  db
    .selectFrom('call_in_steps')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('decision_id', '=', decisionId)
    .orderBy('id')
    .execute();

function stepOf(r: StepRow): CallInStep {
  const on = isoDate(r.occurred_on);
  switch (r.kind) {
    case 'validity':
      return { kind: 'validity', on, valid: r.valid === true, reasons: r.reasons };
    case 'scrutiny-meeting':
      return { kind: 'scrutiny-meeting', on, meetingId: r.meeting_id, committee: r.committee };
    case 'outcome':
      return { kind: 'outcome', on, outcome: r.outcome ?? 'no-further-action', notes: r.notes };
    case 'council':
      return {
        kind: 'council',
        on,
        result: r.result === 'no-objection' ? 'no-objection' : 'referred-back',
        notes: r.notes,
      };
    case 'reconsidered':
      return {
        kind: 'reconsidered',
        on,
        result: r.result === 'amended' ? 'amended' : 'confirmed',
        decisionText: r.decision_text,
      };
  }
}

/** The steps recorded after the request, in order. */
export async function listCallInSteps(db: Executor, partnershipId: number, decisionId: number) {
  return (await stepRows(db, partnershipId, decisionId)).map(stepOf);
}

/** Everything the decision pages show of call-in: the terms, requests, steps and the status on `today`. */
export async function loadCallIn(
  db: Executor,
  decision: Decision,
  today: IsoDate,
  changes: readonly BankHolidayChange[],
) {
  const terms = await decisionTermsOf(db, decision);
  const requests = await callInRequestsBy(db, decision.partnership_id, decision.id);
  const steps = await listCallInSteps(db, decision.partnership_id, decision.id);
  const status = callInStatus(terms, decision.publishedOn, requests, steps, today, changes);
  const validity = checkCallInValidity(terms, decision.publishedOn, requests, changes);
  return { terms, requests, steps, status, validity };
}

/**
 * Records the next step of a call-in, after checking it against the state machine and (for validity) the pure
 * validity check, in one transaction with its audit event. Problems come back keyed by field.
 */
export async function recordCallInStep(
  db: Db,
  actor: Actor,
  decision: Decision,
  step: CallInStep,
  today: IsoDate,
  changes: readonly BankHolidayChange[],
): Promise<Result<number, FieldProblems>> {
  return transaction(db, async (trx) => {
    const { status, validity } = await loadCallIn(trx, decision, today, changes);
    if (!status.progress) return err({ form: `There is no call-in to record: ${status.text}` });
    const applied = applyCallInStep(status.progress, step, validity);
    if (!applied.ok) return applied;
    if (step.kind === 'scrutiny-meeting' && step.meetingId !== null) {
      const meetings = await scrutinyMeetings(trx, decision.partnership_id);
      const chosen = meetings.find((m) => m.id === step.meetingId);
      if (!chosen) return err({ meetingId: 'Choose a meeting of the scrutiny committee' });
      if (chosen.meetsOn !== step.on)
        return err({ on: `The meeting chosen is on ${formatLongDate(chosen.meetsOn)}: enter that date` });
    }
    const values = {
      decision_id: decision.id,
      kind: step.kind,
      occurred_on: step.on,
      valid: step.kind === 'validity' ? step.valid : null,
      reasons: step.kind === 'validity' ? step.reasons.trim() || validity.reasons.join('; ') : '',
      meeting_id: step.kind === 'scrutiny-meeting' ? step.meetingId : null,
      committee: step.kind === 'scrutiny-meeting' ? step.committee.trim() : '',
      outcome: step.kind === 'outcome' ? step.outcome : null,
      result: step.kind === 'council' || step.kind === 'reconsidered' ? step.result : null,
      decision_text: step.kind === 'reconsidered' ? step.decisionText.trim() : '',
      notes: step.kind === 'outcome' || step.kind === 'council' ? step.notes.trim() : '',
      user_id: actor.userId,
    };
    const { id } = await trx
      .insertInto('call_in_steps')
      .values({ partnership_id: decision.partnership_id, ...values })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, actor, {
      action: 'create',
      entityType: 'call-in step',
      entityId: id,
      partnershipId: decision.partnership_id,
      after: values,
    });
    return ok(id);
  });
}
