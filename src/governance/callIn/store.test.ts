import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { isoDate as d } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makeUser,
} from '../../../test/support/fixtures.js';
import { addBankHolidayChange, loadBankHolidayChanges } from '../dates/index.js';
import { callInTermsFor } from '../boards/index.js';
import {
  loadCallIn,
  partnerConstitutions,
  recordCallInStep,
  recordDecisionTerms,
  savePartnerConstitution,
} from './store.js';
import { getDecision, publishDecision, recordCallInRequest, recordDecision } from '../decisions/index.js';

const actor = systemActor('call-in store test');

describe('call-in store', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let council: number;
  let ccg: number;
  let meetingId: number;
  let itemId: number;
  let scrutinyUser: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    ccg = await makeOrganisation(t.db, {
      name: 'NHS Southampton City CCG',
      kind: 'ccg',
      odsCode: '10X',
      laTier: null,
      gssCode: null,
    });
    pid = await makePartnership(t.db, [council, ccg]);
    ({ meetingId, itemId } = await makeBoardWithMeeting(t.db, pid, council, ccg, '2027-06-10'));
    scrutinyUser = await makeUser(t.db, 'cllr.scrutiny@example.org', [[pid, 'scrutiny_member']]);
  });
  afterAll(() => t.close());

  it("saves a partner's settings and defaults the NHS partner to not subject to call-in", async () => {
    await transaction(t.db, (trx) =>
      savePartnerConstitution(trx, actor, pid, council, {
        keyDecisionThresholdPence: pence(500_000_00),
        subjectToCallIn: true,
        callInRule: 'call-in',
        callInDays: null,
        callInCounting: null,
        membersRequired: 1,
      }),
    );
    const all = await partnerConstitutions(t.db, pid);
    expect(all.find((p) => p.organisation.id === council)).toMatchObject({
      recorded: true,
      constitution: { keyDecisionThresholdPence: 500_000_00, subjectToCallIn: true, membersRequired: 1 },
    });
    expect(all.find((p) => p.organisation.id === ccg)).toMatchObject({
      recorded: false,
      constitution: { keyDecisionThresholdPence: null, subjectToCallIn: false },
    });
  });

  it('moves an effective date by one working day when an extra bank holiday is added to the table', async () => {
    const council_ = (await partnerConstitutions(t.db, pid)).find((p) => p.organisation.id === council)!;
    const id = await transaction(t.db, async (trx) => {
      const terms = callInTermsFor(council_.constitution, { urgent: false, agreedBy: '' });
      const decisionId = await recordDecision(
        trx,
        actor,
        pid,
        { meetingId, agendaItemId: itemId },
        {
          decision: 'To approve the plan',
          decidedOn: d('2027-06-10'),
          reasons: 'It meets the conditions',
          alternatives: 'None',
          interestsDeclared: '',
          dispensations: '',
          callIn: terms.callIn,
          urgencyAgreedBy: '',
          callInRule: terms.rule.name,
        },
      );
      await recordDecisionTerms(trx, actor, pid, decisionId, council, terms);
      await publishDecision(trx, actor, pid, decisionId, d('2027-06-10'), new Date());
      return decisionId;
    });
    const decision = (await getDecision(t.db, pid, id))!;
    const before = await loadCallIn(t.db, decision, d('2027-06-11'), await loadBankHolidayChanges(t.db));
    expect(before.status.state).toMatchObject({ kind: 'window-open', effective: { date: '2027-06-18' } });
    await transaction(t.db, (trx) =>
      addBankHolidayChange(trx, actor, {
        kind: 'extra',
        date: d('2027-06-14'),
        name: 'Extra bank holiday (test)',
        proclamation: 'Royal Proclamation (test)',
      }),
    );
    const changes = await loadBankHolidayChanges(t.db);
    const after = await loadCallIn(t.db, decision, d('2027-06-11'), changes);
    expect(after.status.state).toMatchObject({ kind: 'window-open', effective: { date: '2027-06-21' } });
    if (after.status.state.kind === 'window-open')
      expect(after.status.state.effective.explanation).toContain(
        'Mon 14 Jun 2027 (Extra bank holiday (test))',
      );

    // The call-in lifecycle through the store: a scrutiny member's request, validity, scrutiny, referral back.
    await transaction(t.db, async (trx) => {
      await recordCallInRequest(trx, { userId: null, label: 'Cllr Nobody' }, pid, id, {
        memberName: 'Cllr Nobody',
        grounds: 'Not consulted',
        requestedOn: d('2027-06-11'),
      });
      await recordCallInRequest(trx, { userId: scrutinyUser, label: 'cllr.scrutiny' }, pid, id, {
        memberName: 'cllr.scrutiny',
        grounds: 'The options were not costed',
        requestedOn: d('2027-06-14'),
      });
    });
    const called = await loadCallIn(t.db, decision, d('2027-06-15'), changes);
    expect(called.requests.map((r) => r.eligible)).toEqual([false, true]);
    expect(called.validity.valid).toBe(true);
    expect(called.validity.reasons).toContain('Cllr Nobody is not a member of the scrutiny committee');

    const step = (s: Parameters<typeof recordCallInStep>[3]) =>
      recordCallInStep(t.db, actor, decision, s, d('2027-06-30'), changes);
    expect(
      await step({ kind: 'outcome', on: d('2027-06-15'), outcome: 'no-further-action', notes: '' }),
    ).toEqual({
      ok: false,
      error: { form: 'The next step to record is the validity, not the outcome' },
    });
    expect((await step({ kind: 'validity', on: d('2027-06-15'), valid: true, reasons: '' })).ok).toBe(true);
    expect(
      (
        await step({
          kind: 'scrutiny-meeting',
          on: d('2027-06-22'),
          meetingId: null,
          committee: 'Health Overview and Scrutiny Panel',
        })
      ).ok,
    ).toBe(true);
    expect(
      (await step({ kind: 'outcome', on: d('2027-06-22'), outcome: 'referred-back', notes: '' })).ok,
    ).toBe(true);
    expect(
      (await step({ kind: 'reconsidered', on: d('2027-06-29'), result: 'confirmed', decisionText: '' })).ok,
    ).toBe(true);
    const done = await loadCallIn(t.db, decision, d('2027-06-30'), changes);
    expect(done.status.progress?.effective?.date).toBe('2027-06-29');
    expect(done.status.text).toContain(
      'scrutiny on 22 June 2027 referred it back to the decision maker; reconsidered on 29 June 2027 and confirmed; effective from 29 June 2027',
    );
    const validityRow = await t.db
      .selectFrom('call_in_steps')
      .select('reasons')
      .where('kind', '=', 'validity')
      .executeTakeFirstOrThrow();
    expect(validityRow.reasons).toMatch(/^Requested in time, with grounds, by 1 member/);
    const audited = await t.db
      .selectFrom('audit_events')
      .select('entity_type')
      .where('entity_type', 'in', [
        'call-in step',
        'bank holiday change',
        'partner call-in setting',
        'decision call-in terms',
      ])
      .execute();
    expect(audited.map((a) => a.entity_type).sort()).toEqual([
      'bank holiday change',
      'call-in step',
      'call-in step',
      'call-in step',
      'call-in step',
      'decision call-in terms',
      'partner call-in setting',
    ]);
  });
});
