/**
 * The forward plan in the database: a key decision on an agenda item is refused unless its entry was first
 * published 28 clear days before, or a general exception (5 clear days) or special urgency is recorded; decisions
 * under delegation are complete in their own form, which the database checks too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { isoDate as d } from '../../kernel/dates.js';
import { makeBoardWithMeeting, makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { OTHER_DOCUMENTS_DEFAULT, type KeyDecisionException } from './rules.js';
import {
  createForwardPlanEntry,
  listExceptions,
  listForwardPlanEntries,
  publishForwardPlanEntry,
  recordException,
} from './store.js';
import {
  KeyDecisionBlocked,
  listDelegatedDecisions,
  recordDecision,
  recordDelegatedDecision,
} from '../decisions/index.js';
import type { DecisionRecord } from '../decisions/index.js';
import { createAgendaItem } from '../meetings/index.js';

const actor = systemActor('forward plan store test');
const MEETING = '2024-10-02'; // Wed 2 Oct 2024

const record: DecisionRecord = {
  decision: 'To award the home care framework',
  decidedOn: d(MEETING),
  reasons: 'Best value',
  alternatives: 'None',
  interestsDeclared: '',
  dispensations: '',
  callIn: 'subject',
  urgencyAgreedBy: '',
  callInRule: 'call-in',
};

const generalException = (on: string): KeyDecisionException => ({
  route: 'general-exception',
  reasons: 'The provider gave notice of closure',
  noticePublishedOn: d(on),
  scrutinyChairInformed: 'Cllr Scrutiny Chair',
  scrutinyChairInformedOn: d(on),
  agreedBy: '',
  agreedByRole: null,
  agreedOn: null,
});
const specialUrgency: KeyDecisionException = {
  route: 'special-urgency',
  reasons: 'Residents must be placed this week',
  noticePublishedOn: d('2024-10-01'),
  scrutinyChairInformed: '',
  scrutinyChairInformedOn: null,
  agreedBy: 'Cllr Scrutiny Chair',
  agreedByRole: 'scrutiny-chair',
  agreedOn: d('2024-10-01'),
};

describe('forward plan store', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let boardId: number;
  let meetingId: number;
  let membershipId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const a = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    const b = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    pid = await makePartnership(t.db, [a, b]);
    ({ boardId, meetingId, membershipId } = await makeBoardWithMeeting(t.db, pid, a, b, MEETING));
  });
  afterAll(() => t.close());

  /** A key decision item with its forward plan entry first published on a day, and the exceptions given. */
  async function keyItem(title: string, firstPublished: string | null, exceptions: KeyDecisionException[]) {
    return transaction(t.db, async (trx) => {
      const itemId = await createAgendaItem(trx, actor, pid, meetingId, {
        title,
        kind: 'decision',
        reportAuthor: '',
        summary: '',
        functions: 'all',
        organisationIds: [],
        keyDecision: true,
        keyTests: ['spend'],
        spendPence: null,
        wardsAffected: null,
        exempt: false,
        exemptParagraph: null,
        publicInterestReason: '',
        titlePublished: true,
        urgencyReason: '',
        urgencyAgreedBy: '',
        late: false,
      });
      const entryId = await createForwardPlanEntry(
        trx,
        actor,
        pid,
        boardId,
        {
          matter: title,
          summary: '',
          decisionMaker: 'Joint board',
          decisionFrom: d(MEETING),
          decisionTo: d(MEETING),
          documents: 'Report of the Director',
          documentsFrom: 'Democratic services, Civic Centre',
          otherDocuments: OTHER_DOCUMENTS_DEFAULT,
          private: false,
          exemptParagraph: null,
          privateReason: '',
        },
        { meetingId, agendaItemId: itemId },
      );
      if (firstPublished)
        await publishForwardPlanEntry(trx, actor, pid, entryId, d(firstPublished), new Date());
      for (const x of exceptions) await recordException(trx, actor, pid, entryId, x);
      return { itemId, entryId };
    });
  }

  const decide = (itemId: number) =>
    transaction(t.db, (trx) => recordDecision(trx, actor, pid, { meetingId, agendaItemId: itemId }, record));

  it.each([
    ['27 clear days is refused', '2024-09-04', [], false],
    ['28 clear days is recorded', '2024-09-03', [], true],
    [
      '27 clear days with a general exception 5 clear days before is recorded',
      '2024-09-04',
      [generalException('2024-09-26')],
      true,
    ],
    ['27 clear days with special urgency is recorded', '2024-09-04', [specialUrgency], true],
    [
      'a general exception only 4 clear days before is refused',
      '2024-09-04',
      [generalException('2024-09-27')],
      false,
    ],
    ['an entry never published is refused', null, [], false],
  ] as const)('%s', async (label, published, exceptions, allowed) => {
    const { itemId } = await keyItem(label, published, [...exceptions]);
    if (allowed) {
      expect(await decide(itemId)).toBeGreaterThan(0);
    } else {
      await expect(decide(itemId)).rejects.toBeInstanceOf(KeyDecisionBlocked);
      const taken = await t.db
        .selectFrom('decisions')
        .select('id')
        .where('agenda_item_id', '=', itemId)
        .execute();
      expect(taken).toEqual([]);
    }
  });

  it('says in the refusal which notice is short and the dates', async () => {
    const { itemId } = await keyItem('Refused with its dates', '2024-09-04', [
      generalException('2024-09-27'),
    ]);
    await expect(decide(itemId)).rejects.toThrow(
      /first published Wed 4 Sep 2024; 27 clear days: .* 27 clear days is fewer than 28: first publish by Tue 3 Sep 2024; general exception: .* 4 clear days is fewer than 5: publish the notice by Thu 26 Sep 2024; no special urgency is recorded/,
    );
  });

  it('lists the plan and its exceptions, and audits each write', async () => {
    const published = await listForwardPlanEntries(t.db, pid, { publishedOnly: true });
    const all = await listForwardPlanEntries(t.db, pid);
    expect(all.length - published.length).toBe(1); // the entry never published
    const withUrgency = all.find((e) => e.matter === '27 clear days with special urgency is recorded')!;
    expect(await listExceptions(t.db, pid, withUrgency.id)).toMatchObject([
      {
        route: 'special-urgency',
        agreedBy: 'Cllr Scrutiny Chair',
        agreedOn: '2024-10-01',
        recordedBy: 'system: forward plan store test',
      },
    ]);
    const audited = await t.db
      .selectFrom('audit_events')
      .select(({ fn }) => ['entity_type', fn.countAll<string>().as('n')])
      .where('entity_type', 'in', ['forward plan entry', 'general exception', 'special urgency'])
      .groupBy('entity_type')
      .orderBy('entity_type')
      .execute();
    expect(audited.map((a) => [a.entity_type, Number(a.n)])).toEqual([
      ['forward plan entry', all.length + published.length],
      ['general exception', 3],
      ['special urgency', 1],
    ]);
  });

  it('records a decision under delegation with no meeting, refusing a key one without notice', async () => {
    const delegation = {
      boardId,
      subject: 'Better Care Fund quarterly return',
      membershipId,
      delegatedTo: 'Chair A, Board member',
      delegationAuthority: 'Terms of reference, paragraph 4.2',
      keyDecision: false,
      forwardPlanEntryId: null,
    };
    const id = await transaction(t.db, (trx) => recordDelegatedDecision(trx, actor, pid, delegation, record));
    expect(await listDelegatedDecisions(t.db, pid, { boardId })).toMatchObject([
      {
        id,
        meeting_id: null,
        agenda_item_id: null,
        subject: 'Better Care Fund quarterly return',
        delegated_to: 'Chair A, Board member',
      },
    ]);
    await expect(
      transaction(t.db, (trx) =>
        recordDelegatedDecision(trx, actor, pid, { ...delegation, keyDecision: true }, record),
      ),
    ).rejects.toThrow(/it is not in the forward plan/);
  });

  it('has the database refuse a decision complete in neither form', async () => {
    const insert = (values: string) =>
      sql`insert into decisions (partnership_id, meeting_id, agenda_item_id, board_id, subject, delegated_to, delegation_authority, decision, decided_on, reasons, alternatives, call_in) values ${sql.raw(values)}`.execute(
        t.db,
      );
    // delegated, but no delegation named
    await expect(
      insert(
        `(${pid}, null, null, ${boardId}, 'A matter', 'Chair A', '', 'x', '2024-10-02', 'x', 'x', 'nhs')`,
      ),
    ).rejects.toThrow();
    // neither a meeting nor a board
    await expect(
      insert(
        `(${pid}, null, null, null, 'A matter', 'Chair A', 'ToR 4.2', 'x', '2024-10-02', 'x', 'x', 'nhs')`,
      ),
    ).rejects.toThrow();
    // complete as delegated
    await expect(
      insert(
        `(${pid}, null, null, ${boardId}, 'A matter', 'Chair A', 'ToR 4.2', 'x', '2024-10-02', 'x', 'x', 'nhs')`,
      ),
    ).resolves.toBeDefined();
  });
});
