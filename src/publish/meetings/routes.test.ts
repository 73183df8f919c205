/**
 * No exempt information reaches the public (LGA 1972 Schedule 12A; DESIGN.md: "no exempt information, ever"):
 * a crawler follows every public link from the home page and finds none of the exempt items' text, while the
 * signed-in agenda shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import { createAgendaItem } from '../../governance/meetings/index.js';
import { publishAgenda } from '../../governance/meetings/index.js';
import { isoDate } from '../../kernel/dates.js';
import type { AgendaItemInput } from '../../governance/boards/index.js';

const actor = systemActor('exempt information test');

const EXEMPT_TEXT = {
  withheldTitle: 'Dismissal appeal of the reablement team manager',
  summary: 'Bid prices: Acme Care £4,112,300, Brightcare £4,380,000',
  publicInterest: 'Disclosure would prejudice the retender of the home care framework',
  author: 'Commercial lawyer Zed Quill',
  secondSummary: 'The officer’s grievance history and medical notes',
};

const base: AgendaItemInput = {
  title: 'Minutes of the last meeting',
  kind: 'procedural',
  reportAuthor: '',
  summary: 'Approve the minutes',
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
};

describe('the public pages of a meeting with exempt items', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let meetingPath: string;
  let pid: number;
  const visited = new Map<string, string>();

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db, { name: 'Council A' });
    const b = await makeOrganisation(t.db, { name: 'CCG B' });
    pid = await makePartnership(t.db, [a, b], 'Exempt test partnership');
    const made = await makeBoardWithMeeting(t.db, pid, a, b, '2027-06-10');
    await transaction(t.db, async (trx) => {
      await createAgendaItem(trx, actor, pid, made.meetingId, {
        ...base,
        title: 'Home care framework: contract award',
        kind: 'decision',
        reportAuthor: EXEMPT_TEXT.author,
        summary: EXEMPT_TEXT.summary,
        functions: 'one',
        organisationIds: [a],
        exempt: true,
        exemptParagraph: 3,
        publicInterestReason: EXEMPT_TEXT.publicInterest,
        late: false,
      });
      await createAgendaItem(trx, actor, pid, made.meetingId, {
        ...base,
        title: EXEMPT_TEXT.withheldTitle,
        kind: 'decision',
        summary: EXEMPT_TEXT.secondSummary,
        exempt: true,
        exemptParagraph: 1,
        publicInterestReason: 'Personal information about an employee',
        titlePublished: false,
        late: false,
      });
    });
    const published = await publishAgenda(t.db, actor, {
      partnershipId: pid,
      meetingId: made.meetingId,
      publishOn: isoDate('2027-05-20'),
      urgency: null,
    });
    expect(published.ok).toBe(true);
    meetingPath = `/public/partnerships/${(await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()).slug}/meetings/${made.meetingId}`;

    // follow every public link from the home page
    const anonymous = t.agent();
    const queue = ['/', '/public/partnerships'];
    while (queue.length > 0 && visited.size < 200) {
      const path = queue.shift()!;
      if (visited.has(path)) continue;
      const res = await anonymous.get(path);
      expect(res.statusCode, path).toBe(200);
      visited.set(path, res.body);
      for (const m of res.body.matchAll(/href="(\/(?:public\/[^"#?]*)?)"/g)) {
        const link = m[1]!;
        if (!visited.has(link) && !queue.includes(link)) queue.push(link);
      }
    }
    await makeUser(t.db, 'reader@test.example', [[pid, 'board_member']]);
  });
  afterAll(() => t.close());

  it('reaches the meeting’s public page by following links', () => {
    expect([...visited.keys()]).toContain(meetingPath);
    expect(visited.size).toBeGreaterThanOrEqual(6);
  });

  for (const [what, text] of Object.entries(EXEMPT_TEXT)) {
    it(`shows no public page the exempt ${what}`, () => {
      for (const [path, body] of visited) expect(body, path).not.toContain(text);
    });
  }

  it('shows the public only the paragraph of each exempt item, and the title where it may be published', () => {
    const page = visited.get(meetingPath)!;
    expect(page).toContain('Exempt: paragraph 3 of Schedule 12A to the Local Government Act 1972');
    expect(page).toContain('Home care framework: contract award');
    expect(page).toContain('Exempt: paragraph 1 of Schedule 12A');
    expect(page).toContain('3. Exempt item');
    expect(page).toContain('1. Apologies and changes in membership');
  });

  it('shows the exempt text to a board member signed in', async () => {
    const reader = await t.signedIn('reader@test.example');
    const page = await reader.get(
      meetingPath.replace(/^\/public\/partnerships\/[^/]+/, `/partnerships/${pid}`),
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(EXEMPT_TEXT.withheldTitle);
    expect(page.body).toContain(EXEMPT_TEXT.publicInterest);
  });
});
