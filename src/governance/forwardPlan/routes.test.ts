/**
 * A democratic services officer puts key decisions in the forward plan, is refused a key decision with too little
 * notice until a general exception is recorded, and records a decision taken under delegation; the public read
 * the forward plan without a private matter's papers, and the delegated decision on its public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { createAgendaItem } from '../meetings/index.js';

const date = (name: string, iso: string) => ({
  [`${name}-day`]: String(Number(iso.slice(8))),
  [`${name}-month`]: String(Number(iso.slice(5, 7))),
  [`${name}-year`]: iso.slice(0, 4),
});

const PRIVATE_PAPERS = 'Tender evaluation with the prices of Acme Care';

describe('forward plan pages', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let base: string;
  let slug: string;
  let boardId: number;
  let meetingId: number;
  let itemId: number;

  beforeAll(async () => {
    t = await startApp();
    const council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const pid = await makePartnership(t.db, [council, ccg]);
    base = `/partnerships/${pid}`;
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    ({ boardId, meetingId } = await makeBoardWithMeeting(t.db, pid, council, ccg, '2024-10-02'));
    itemId = await transaction(t.db, (trx) =>
      createAgendaItem(trx, systemActor('test'), pid, meetingId, {
        title: 'Community nursing: contract extension',
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
      }),
    );
    await makeUser(t.db, 'democratic@test.example', [[pid, 'democratic_services_officer']]);
    officer = await t.signedIn('democratic@test.example');
  });
  afterAll(() => t.close());

  const entry = {
    matter: 'Community nursing: contract extension',
    summary: 'To extend the contract by one year',
    decisionMaker: 'Joint board: Chair A, Member A, Chair B, Member B',
    ...date('decisionFrom', '2024-10-02'),
    documents: 'Report of the Director of Commissioning',
    documentsFrom: 'Democratic services, Civic Centre, Southampton',
    otherDocuments: 'Other documents may be submitted; ask democratic services',
    private: 'no',
    ...date('firstPublishedOn', '2024-09-04'), // 27 clear days before Wed 2 Oct
  };

  it('refuses an entry without the notice fields, keeping the input', async () => {
    const res = await officer.post(`${base}/boards/${boardId}/forward-plan`, {
      ...entry,
      documents: '',
      private: 'yes',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('List the documents submitted to the decision maker');
    expect(res.body).toContain('Select the paragraph of Schedule 12A that makes the matter exempt');
    expect(res.body).toContain('Democratic services, Civic Centre, Southampton');
    expect(await t.db.selectFrom('forward_plan_entries').select('id').execute()).toEqual([]);
  });

  it('adds the entry on the agenda item and shows the clear days counted', async () => {
    const form = await officer.get(`${base}/boards/${boardId}/forward-plan/new`);
    expect(form.body).toContain('Community nursing: contract extension'); // the item offered
    const res = await officer.post(`${base}/boards/${boardId}/forward-plan`, {
      ...entry,
      agendaItemId: String(itemId),
    });
    expect(res.statusCode).toBe(303);
    const page = await officer.get(res.headers.location as string);
    expect(page.body).toContain('first published Wed 4 Sep 2024; 27 clear days:');
    expect(page.body).toContain('27 clear days is fewer than 28: first publish by Tue 3 Sep 2024');
    const plan = await officer.get(`${base}/boards/${boardId}/forward-plan`);
    expect(plan.body).toContain('Notice short');
  });

  const record = {
    decision: 'To extend the community nursing contract by one year',
    ...date('decidedOn', '2024-10-02'),
    reasons: 'Continuity of care',
    alternatives: 'Retender now: rejected, no time',
    callIn: 'subject',
    callInRule: 'call-in',
  };

  it('refuses the key decision with too little notice, saying which notice and the dates', async () => {
    const form = await officer.get(`${base}/meetings/${meetingId}/items/${itemId}/decision/new`);
    expect(form.body).toContain('A key decision cannot be taken on Wed 2 Oct 2024 without notice');
    const res = await officer.post(`${base}/meetings/${meetingId}/items/${itemId}/decision`, record);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('27 clear days is fewer than 28: first publish by Tue 3 Sep 2024');
    expect(res.body).toContain('no general exception is recorded; no special urgency is recorded');
    expect(res.body).toContain('Continuity of care');
    expect(await t.db.selectFrom('decisions').select('id').execute()).toEqual([]);
  });

  it('records a general exception and then the decision', async () => {
    const [e] = await t.db.selectFrom('forward_plan_entries').select('id').execute();
    const url = `${base}/forward-plan/${e!.id}`;
    const refused = await officer.post(`${url}/general-exception`, {
      reasons: 'The provider’s notice arrived late',
      ...date('noticePublishedOn', '2024-09-26'),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter the chair of the scrutiny committee who was informed');
    const res = await officer.post(`${url}/general-exception`, {
      reasons: 'The provider’s notice arrived late',
      scrutinyChairInformed: 'Cllr Scrutiny Chair',
      ...date('scrutinyChairInformedOn', '2024-09-26'),
      ...date('noticePublishedOn', '2024-09-26'),
    });
    expect(res.statusCode).toBe(303);
    const page = await officer.get(url);
    expect(page.body).toContain(
      'general exception: Cllr Scrutiny Chair (scrutiny chair) informed Thu 26 Sep 2024; notice published Thu 26 Sep 2024; 5 clear days: 27, 28, 29, 30 Sep, 1 Oct; decision Wed 2 Oct 2024',
    );
    const decided = await officer.post(`${base}/meetings/${meetingId}/items/${itemId}/decision`, record);
    expect(decided.statusCode).toBe(303);
  });

  it('records a decision taken under delegation and publishes it to the public', async () => {
    const refused = await officer.post(`${base}/boards/${boardId}/delegated-decisions`, {
      ...record,
      subject: 'Better Care Fund quarterly return',
      membershipId: 'other',
      delegatedTo: '',
      delegationAuthority: '',
      keyDecision: 'no',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter the name and post of the member or officer who took the decision');
    expect(refused.body).toContain('Enter the delegation they acted under');
    const keyRefused = await officer.post(`${base}/boards/${boardId}/delegated-decisions`, {
      ...record,
      subject: 'Better Care Fund quarterly return',
      membershipId: 'other',
      delegatedTo: 'Director of Quality and Integration',
      delegationAuthority: 'Scheme of delegation, paragraph 12',
      keyDecision: 'yes',
    });
    expect(keyRefused.body).toContain('it is not in the forward plan');
    const res = await officer.post(`${base}/boards/${boardId}/delegated-decisions`, {
      ...record,
      decision: 'To sign off the quarterly return',
      subject: 'Better Care Fund quarterly return',
      membershipId: 'other',
      delegatedTo: 'Director of Quality and Integration',
      delegationAuthority: 'Scheme of delegation, paragraph 12',
      keyDecision: 'no',
    });
    expect(res.statusCode).toBe(303);
    const url = res.headers.location as string;
    const page = await officer.get(url);
    expect(page.body).toContain('Decision: Better Care Fund quarterly return');
    expect(page.body).toContain('Scheme of delegation, paragraph 12');
    expect((await officer.post(`${url}/publish`, date('publishedOn', '2024-10-02'))).statusCode).toBe(303);
    expect((await officer.get(`${base}/boards/${boardId}/forward-plan`)).body).toContain(
      'Director of Quality and Integration',
    );
    const id = url.split('/').at(-1);
    const publicPage = await t.agent().get(`/public/partnerships/${slug}/decisions/${id}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('To sign off the quarterly return');
    expect(publicPage.body).toContain('Director of Quality and Integration');
    expect(publicPage.body).toContain('Effective from 10 October 2024');
    const board = await t.agent().get(`/public/partnerships/${slug}/boards/${boardId}`);
    expect(board.body).toContain(`/public/partnerships/${slug}/decisions/${id}`);
  });

  it('shows the public forward plan with its notices and none of a private matter’s papers', async () => {
    const res = await officer.post(`${base}/boards/${boardId}/forward-plan`, {
      ...entry,
      matter: 'Home care framework: award of contracts',
      summary: 'Prices of Acme Care and Brightcare',
      documents: PRIVATE_PAPERS,
      private: 'yes',
      exemptParagraph: '3',
      privateReason: 'The bidders’ prices are commercially confidential',
    });
    expect(res.statusCode).toBe(303);
    await officer.post(`${base}/boards/${boardId}/forward-plan`, {
      ...entry,
      matter: 'A draft not yet published',
      'firstPublishedOn-day': '',
      'firstPublishedOn-month': '',
      'firstPublishedOn-year': '',
    });
    const privateEntry = await t.db
      .selectFrom('forward_plan_entries')
      .select('id')
      .where('private', '=', true)
      .executeTakeFirstOrThrow();
    const urgencyUrl = `${base}/forward-plan/${privateEntry.id}/special-urgency`;
    expect((await officer.get(`${urgencyUrl}/new`)).body).toContain('Chair of the council');
    const early = await officer.post(urgencyUrl, {
      reasons: 'The framework must be let before the current contracts end',
      agreedBy: 'Cllr Scrutiny Chair',
      agreedByRole: 'scrutiny-chair',
      ...date('agreedOn', '2024-09-30'),
      ...date('noticePublishedOn', '2024-09-29'),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('The notice of the reasons is published after the agreement, not before');
    expect(
      (
        await officer.post(urgencyUrl, {
          reasons: 'The framework must be let before the current contracts end',
          agreedBy: 'Cllr Scrutiny Chair',
          agreedByRole: 'scrutiny-chair',
          ...date('agreedOn', '2024-09-30'),
          ...date('noticePublishedOn', '2024-09-30'),
        })
      ).statusCode,
    ).toBe(303);
    expect((await officer.get(`${base}/forward-plan/${privateEntry.id}`)).body).toContain(
      'special urgency agreed by Cllr Scrutiny Chair (Chair of the relevant overview and scrutiny committee) on Mon 30 Sep 2024',
    );
    const plan = await t.agent().get(`/public/partnerships/${slug}/forward-plan`);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('Community nursing: contract extension');
    expect(plan.body).toContain('Report of the Director of Commissioning');
    expect(plan.body).toContain(
      'The chair of the scrutiny committee, Cllr Scrutiny Chair, was informed on 26 September 2024',
    );
    expect(plan.body).toContain('Home care framework: award of contracts');
    expect(plan.body).toContain('To be taken in private: paragraph 3 of Schedule 12A');
    expect(plan.body).toContain('commercially confidential');
    expect(plan.body).toContain(
      'agreed on 30 September 2024 that the decision is urgent and cannot reasonably be deferred',
    );
    expect(plan.body).not.toContain('Acme Care');
    expect(plan.body).not.toContain('A draft not yet published');
    const partnership = await t.agent().get(`/public/partnerships/${slug}`);
    expect(partnership.body).toContain(`/public/partnerships/${slug}/forward-plan`);
  });
});
