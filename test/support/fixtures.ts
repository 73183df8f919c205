/**
 * Factories for route and store tests: real rows, made through the same store functions the application uses.
 */
import type { Db } from '../../src/db/connection.js';
import { transaction } from '../../src/db/connection.js';
import { systemActor } from '../../src/audit/index.js';
import { createUser, grantRole } from '../../src/auth/index.js';
import type { Role } from '../../src/auth/index.js';
import { createOrganisation, createPartnership } from '../../src/partnerships/index.js';
import { createAgreement, addDocument } from '../../src/partnerships/index.js';
import { createBudgetArea } from '../../src/partnerships/index.js';
import { addContribution, createFund } from '../../src/ledger/funds/index.js';
import { createScheme } from '../../src/ledger/funds/index.js';
import { getFund } from '../../src/ledger/funds/index.js';
import { publishReport } from '../../src/ledger/monitoring/index.js';
import { pence } from '../../src/kernel/money.js';
import { raiseContributionInstalments } from '../../src/ledger/journal/index.js';
import type { OrganisationInput } from '../../src/partnerships/index.js';
import { createBoard } from '../../src/governance/boards/index.js';
import { createMembership } from '../../src/governance/boards/index.js';
import { createAgendaItem, createMeeting } from '../../src/governance/meetings/index.js';
import { isoDate } from '../../src/kernel/dates.js';
import { createTestDatabase } from '../../src/db/testing.js';
import { buildServer } from '../../src/web/index.js';
import { Agent } from './agent.js';
import { createAppraisalFromPlan } from '../../src/appraisal/appraisals/index.js';
import { publishDecision, recordDecision } from '../../src/governance/decisions/index.js';
import { agendaDeadline } from '../../src/governance/meetings/index.js';
import { publishAgenda } from '../../src/governance/meetings/index.js';
import { listMemberships, updateMembership } from '../../src/governance/boards/index.js';

export const PASSWORD = 'correct horse battery';
const actor = systemActor('test fixture');

let counter = 0;
const next = () => (counter += 1);

export async function makeOrganisation(db: Db, o: Partial<OrganisationInput> = {}): Promise<number> {
  const n = next();
  return transaction(db, (trx) =>
    createOrganisation(trx, actor, {
      name: o.name ?? `Test organisation ${n}`,
      shortName: o.shortName ?? null,
      kind: o.kind ?? 'other',
      laTier: o.laTier ?? null,
      odsCode: o.odsCode ?? null,
      gssCode: o.gssCode ?? null,
      existsFrom: null,
      existsTo: null,
    }),
  );
}

export async function makePartnership(db: Db, organisationIds: number[], name?: string): Promise<number> {
  const n = next();
  return transaction(db, (trx) =>
    createPartnership(trx, actor, {
      name: name ?? `Test partnership ${n}`,
      slug: `test-partnership-${n}`,
      description: '',
      formedOn: null,
      organisationIds,
    }),
  );
}

export async function makeUser(
  db: Db,
  email: string,
  roles: [partnershipId: number, role: Role, worksFor?: number][] = [],
  isSystemAdmin = false,
): Promise<number> {
  return transaction(db, async (trx) => {
    const id = await createUser(trx, actor, {
      email,
      name: email.split('@')[0] ?? email,
      password: PASSWORD,
      isSystemAdmin,
    });
    for (const [pid, role, worksFor] of roles) await grantRole(trx, actor, id, pid, role, worksFor ?? null);
    return id;
  });
}

export async function makeAgreement(db: Db, partnershipId: number, partyIds: number[]): Promise<number> {
  return transaction(db, (trx) =>
    createAgreement(trx, actor, partnershipId, {
      kind: 's75',
      title: 'Test section 75 agreement',
      legalBasis: 'NHS Act 2006 s75',
      legallyBinding: true,
      status: 'live',
      startsOn: '2017-04-01',
      endsOn: null,
      hostOrganisationId: partyIds[0] ?? null,
      summary: '',
      partyIds,
    }),
  );
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

export async function makeDocument(db: Db, partnershipId: number, agreementId: number): Promise<number> {
  return transaction(db, (trx) =>
    addDocument(trx, actor, partnershipId, {
      agreementId,
      title: 'Signed agreement',
      filename: 'agreement.pdf',
      contentType: 'application/pdf',
      content: PDF,
      uploadedBy: null,
    }),
  );
}

export async function makeBudgetArea(
  db: Db,
  partnershipId: number,
  host: number,
  contributions: [number, number][],
): Promise<number> {
  return transaction(db, (trx) =>
    createBudgetArea(trx, actor, partnershipId, {
      financialYear: 2017,
      name: `Pooled area ${next()}`,
      arrangement: 'pooled',
      hostOrganisationId: host,
      notes: '',
      contributions: contributions.map(([organisationId, amount]) => ({
        organisationId,
        amountPence: pence(amount),
      })),
    }),
  );
}

/** A pooled fund hosted by `host`, with `other` contributing, and one scheme both fund (cost centres CC-<org>). */
export async function makeFundWithScheme(db: Db, partnershipId: number, host: number, other: number) {
  return transaction(db, async (trx) => {
    const fundId = await createFund(
      trx,
      actor,
      partnershipId,
      {
        financialYear: 2017,
        name: `Pool ${next()}`,
        kind: 'pooled',
        hostOrganisationId: host,
        pooledFundManager: 'Manager',
        betterCareFund: true,
      },
      [host, other],
    );
    for (const org of [host, other]) {
      await addContribution(trx, actor, partnershipId, fundId, {
        organisationId: org,
        stream: 'Minimum NHS Contribution',
        amountPence: pence(1_200_000),
        kind: 'agreed',
        decisionReference: null,
        effectiveOn: null,
      });
    }
    const schemeId = await createScheme(trx, actor, partnershipId, fundId, {
      code: 'S01',
      name: 'Reablement',
      description: '',
      schemeType: 'Home-based intermediate care services',
      areaOfSpend: 'Social Care',
      commissioner: 'joint',
      commissionerOrganisationId: null,
      provider: 'Reablement team',
      service: 'reablement',
      budgets: [host, other].map((organisationId) => ({
        organisationId,
        stream: 'Minimum NHS Contribution',
        amountPence: pence(1_200_000),
      })),
      profile: Array.from({ length: 12 }, () => 1),
      costCentres: [host, other].map((organisationId) => ({
        organisationId,
        costCentre: `CC-${organisationId}`,
      })),
    });
    return { fundId, schemeId };
  });
}

/** A draft option appraisal with two options and one stage of two criteria, all scored. */
export async function makeAppraisal(db: Db, partnershipId: number) {
  return transaction(db, (trx) =>
    createAppraisalFromPlan(trx, actor, partnershipId, {
      title: `Appraisal ${next()}`,
      proposal: '',
      decisionReference: null,
      options: [
        { key: 'a', name: 'Do nothing' },
        { key: 'b', name: 'Joint board' },
      ],
      stages: [
        {
          name: 'Long list',
          criteria: [
            { key: 'x', name: 'Outcomes', weightBp: 6000 },
            { key: 'y', name: 'Accountability', weightBp: 4000 },
          ],
          scores: [{ assessor: 'Fixture', byOption: { a: { x: 2, y: 9 }, b: { x: 8, y: 6 } } }],
        },
      ],
    }),
  );
}

/**
 * A joint board of two partners (two voting members each, the chair rotating meeting by meeting), one meeting on
 * `meetsOn` and one joint item on its agenda.
 */
export async function makeBoardWithMeeting(
  db: Db,
  partnershipId: number,
  a: number,
  b: number,
  meetsOn = '2027-06-10',
) {
  return transaction(db, async (trx) => {
    const boardId = await createBoard(trx, actor, partnershipId, {
      name: `Joint board ${next()}`,
      kind: 'joint_commissioning_board',
      legalBasis: 'LGA 1972 ss101-102',
      description: '',
      rotation: 'each_meeting',
      rotationStartsOn: isoDate('2017-04-01'),
      municipalYearStartMonth: 5,
      turns: [a, b].map((organisationId) => ({ organisationId, startsOn: null })),
      quorumTotal: 3,
      quorumPerPartner: 1,
    });
    const member = (name: string, organisationId: number, role: 'chair' | 'member') =>
      createMembership(trx, actor, partnershipId, boardId, {
        personName: name,
        organisationId,
        postHeld: 'Board member',
        role,
        voting: true,
        termFrom: isoDate('2017-04-01'),
        termTo: null,
        nominatedBy: '',
        substitutes: [],
      });
    const membershipId = await member('Chair A', a, 'chair');
    await member('Member A', a, 'member');
    await member('Chair B', b, 'chair');
    await member('Member B', b, 'member');
    const meetingId = await createMeeting(trx, actor, partnershipId, boardId, {
      meetsOn: isoDate(meetsOn),
      startsAt: '14:00',
      venue: 'Civic Centre',
      onlineLink: '',
    });
    const itemId = await createAgendaItem(trx, actor, partnershipId, meetingId, {
      title: 'Apologies and changes in membership',
      kind: 'procedural',
      reportAuthor: '',
      summary: '',
      functions: 'all',
      organisationIds: [],
      keyDecision: false,
      keyTests: [],
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
    return { boardId, membershipId, meetingId, itemId };
  });
}

/** A posted journal entry in a fund (its partners' contribution instalment for P1); returns its id. */
export async function makeJournalEntry(db: Db, partnershipId: number, fundId: number): Promise<number> {
  const posted = await transaction(db, (trx) =>
    raiseContributionInstalments(trx, actor, partnershipId, fundId),
  );
  return posted[0]?.entryId ?? 0;
}

/** A migrated database and the web application over it, for one test file. */
export async function startApp() {
  const t = await createTestDatabase();
  const app = await buildServer({
    db: t.db,
    pglite: t.pglite,
    sessionSecret: 'a test secret that is long enough to sign',
  });
  return {
    app,
    db: t.db,
    agent: () => new Agent(app),
    async signedIn(email: string) {
      const a = new Agent(app);
      await a.signIn(email, PASSWORD);
      return a;
    },
    close: async () => {
      await app.close();
      await t.dispose();
    },
  };
}

/** The P1 monitoring report of a fund, published to the board. */
export async function makePublishedReport(db: Db, partnershipId: number, fundId: number): Promise<number> {
  const fund = await getFund(db, partnershipId, fundId);
  if (!fund) throw new Error(`No fund ${fundId}`);
  const outcome = await publishReport({
    db,
    actor,
    partnershipId,
    fund,
    period: 1,
    method: 'profile',
    partnerNames: {},
  });
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.id;
}

/** A decision recorded on an agenda item and published on 15 Oct 2013 (its call-in window long closed). */
export async function makePublishedDecision(
  db: Db,
  partnershipId: number,
  meetingId: number,
  itemId: number,
) {
  return transaction(db, async (trx) => {
    const id = await recordDecision(
      trx,
      actor,
      partnershipId,
      { meetingId, agendaItemId: itemId },
      {
        decision: 'To approve the plan',
        decidedOn: isoDate('2013-10-15'),
        reasons: 'It meets the conditions',
        alternatives: 'None',
        interestsDeclared: '',
        dispensations: '',
        callIn: 'subject',
        urgencyAgreedBy: '',
        callInRule: 'call-in',
      },
    );
    await publishDecision(trx, actor, partnershipId, id, isoDate('2013-10-15'), new Date());
    return id;
  });
}

/**
 * A board (fixture members Chair A and Member A of `a`, Chair B and Member B of `b`, Member A with a named
 * substitute) with two past meetings whose agendas were published on their deadlines, each with a joint item for
 * decision and an exempt item on `a`'s functions; for recording attendance, votes and minutes.
 */
export async function makeBoardWithPastMeetings(
  db: Db,
  partnershipId: number,
  a: number,
  b: number,
  dates: [string, string] = ['2026-09-10', '2026-10-08'],
) {
  const made = await makeBoardWithMeeting(db, partnershipId, a, b, dates[0]);
  const item = (title: string, more: Record<string, unknown> = {}) => ({
    title,
    kind: 'decision' as const,
    reportAuthor: 'Head of commissioning',
    summary: `Report on ${title.toLowerCase()}`,
    functions: 'all' as const,
    organisationIds: [] as number[],
    keyDecision: false,
    keyTests: [],
    spendPence: null,
    wardsAffected: null,
    exempt: false,
    exemptParagraph: null,
    publicInterestReason: '',
    titlePublished: true,
    urgencyReason: '',
    urgencyAgreedBy: '',
    late: false,
    ...more,
  });
  const ids = await transaction(db, async (trx) => {
    const memberA = (await listMemberships(trx, partnershipId, made.boardId)).find(
      (m) => m.person_name === 'Member A',
    );
    if (memberA)
      await updateMembership(trx, actor, partnershipId, memberA, {
        personName: memberA.person_name,
        organisationId: memberA.organisation_id,
        postHeld: memberA.post_held,
        nominatedBy: memberA.nominated_by,
        role: memberA.role,
        voting: memberA.voting,
        termFrom: memberA.termFrom,
        termTo: memberA.termTo,
        substitutes: [{ name: 'Deputy A', postHeld: 'Deputy board member' }],
      });
    const secondMeetingId = await createMeeting(trx, actor, partnershipId, made.boardId, {
      meetsOn: isoDate(dates[1]),
      startsAt: '14:00',
      venue: 'Civic Centre',
      onlineLink: '',
    });
    const items: number[] = [];
    for (const meetingId of [made.meetingId, secondMeetingId]) {
      items.push(await createAgendaItem(trx, actor, partnershipId, meetingId, item('Joint carers strategy')));
      items.push(
        await createAgendaItem(
          trx,
          actor,
          partnershipId,
          meetingId,
          item('Care home fees', {
            functions: 'one',
            organisationIds: [a],
            exempt: true,
            exemptParagraph: 3,
            publicInterestReason: 'Providers’ costs are commercially confidential',
            titlePublished: false,
          }),
        ),
      );
    }
    return { secondMeetingId, items };
  });
  for (const [meetingId, on] of [
    [made.meetingId, dates[0]],
    [ids.secondMeetingId, dates[1]],
  ] as const) {
    const publishOn = agendaDeadline(isoDate(on)).date;
    const r = await publishAgenda(db, actor, { partnershipId, meetingId, publishOn, urgency: null });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  return {
    ...made,
    secondMeetingId: ids.secondMeetingId,
    jointItemId: ids.items[0] ?? 0,
    exemptItemId: ids.items[1] ?? 0,
    secondJointItemId: ids.items[2] ?? 0,
  };
}
