import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { isoDate as d } from '../../kernel/dates.js';
import { makeBoardWithMeeting, makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { callInState } from './rules.js';
import {
  callInTermsOf,
  decisionsOfMeeting,
  getDecision,
  listCallInRequests,
  publishDecision,
  recordCallInRequest,
  recordDecision,
} from './store.js';

const actor = systemActor('decision store test');

describe('decision store', () => {
  let t: TestDatabase;
  let pid: number;
  let meetingId: number;
  let itemId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const a = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    const b = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    pid = await makePartnership(t.db, [a, b]);
    ({ meetingId, itemId } = await makeBoardWithMeeting(t.db, pid, a, b, '2013-10-15'));
  });
  afterAll(() => t.close());

  it('records a decision, publishes it and takes a call-in request, auditing each write', async () => {
    const id = await transaction(t.db, (trx) =>
      recordDecision(
        trx,
        actor,
        pid,
        { meetingId, agendaItemId: itemId },
        {
          decision: ' To approve the plan ',
          decidedOn: d('2013-10-15'),
          reasons: 'It meets the conditions',
          alternatives: 'None',
          interestsDeclared: '',
          dispensations: '',
          callIn: 'subject',
          urgencyAgreedBy: 'ignored unless urgent',
          callInRule: 'call-in',
        },
      ),
    );
    await transaction(t.db, (trx) => publishDecision(trx, actor, pid, id, d('2013-10-15'), new Date()));
    await transaction(t.db, (trx) =>
      recordCallInRequest(trx, actor, pid, id, {
        memberName: 'Cllr Scrutiny',
        grounds: 'No consultation',
        requestedOn: d('2013-10-18'),
      }),
    );
    const decision = (await getDecision(t.db, pid, id))!;
    expect(decision).toMatchObject({
      decision: 'To approve the plan',
      urgency_agreed_by: '',
      publishedOn: '2013-10-15',
    });
    expect((await decisionsOfMeeting(t.db, pid, meetingId)).get(itemId)?.id).toBe(id);
    const requests = await listCallInRequests(t.db, pid, id);
    expect(callInState(callInTermsOf(decision), decision.publishedOn, requests, d('2013-10-30')).kind).toBe(
      'called-in',
    );
    const audited = await t.db
      .selectFrom('audit_events')
      .select('entity_type')
      .where('entity_type', 'in', ['decision', 'call-in request'])
      .execute();
    expect(audited.map((a) => a.entity_type)).toEqual(['decision', 'decision', 'call-in request']);
  });

  it('refuses to publish a decision twice', async () => {
    const [decision] = [...(await decisionsOfMeeting(t.db, pid, meetingId)).values()];
    await expect(
      transaction(t.db, (trx) => publishDecision(trx, actor, pid, decision!.id, d('2013-10-16'), new Date())),
    ).rejects.toThrow();
  });
});
