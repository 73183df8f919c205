/**
 * Papers end to end through the pages: a democratic services officer uploads a report and a new version of it, a
 * background paper and an exempt item's report; each version is kept and served with its checksum; the public get
 * the non-exempt papers, the public agenda pack without the exempt paper, and the decision notice of a non-exempt
 * decision; the members get everything, marked "Not for publication" where exempt.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { PDFDocument } from 'pdf-lib';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { isoDate } from '../../kernel/dates.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makePublishedDecision,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { makePdf, pdfPageTexts } from '../../../test/support/pdfs.js';
import { createAgendaItem, createMeeting } from '../meetings/index.js';
import { publishAgenda } from '../meetings/index.js';
import { createPaper } from './store.js';
import { papersPastRetention } from './retention.js';
import type { AgendaItemInput } from '../boards/index.js';

const actor = systemActor('papers test');
const EXEMPT_PAPER_TEXT = 'Acme Care bid price schedule';

const item: AgendaItemInput = {
  title: 'Better Care Fund plan 2027-28',
  kind: 'decision',
  reportAuthor: 'Stephanie Ramsey',
  summary: 'To agree the plan',
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

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('papers of a meeting', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let pid: number;
  let slug: string;
  let meetingId: number;
  let planItemId: number;
  let exemptItemId: number;
  let reportId: number;
  let exemptPaperId: number;
  const v1: { content: Buffer; name: string } = { content: Buffer.alloc(0), name: 'BCF plan – draft.pdf' };
  const v2: { content: Buffer; name: string } = { content: Buffer.alloc(0), name: 'BCF plan final.pdf' };

  const meetingPath = () => `/partnerships/${pid}/meetings/${meetingId}`;
  const upload = (
    fields: Record<string, string>,
    filename: string,
    content: Buffer,
    type = 'application/pdf',
  ) => officer.postMultipart(`${meetingPath()}/papers`, fields, { field: 'paper', filename, type, content });
  const paperIdOf = (location: string | undefined) => Number(/\/papers\/(\d+)$/.exec(location ?? '')?.[1]);

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    const b = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    pid = await makePartnership(t.db, [a, b], 'Papers test partnership');
    slug = (
      await t.db.selectFrom('partnerships').select('slug').where('id', '=', pid).executeTakeFirstOrThrow()
    ).slug;
    const made = await makeBoardWithMeeting(t.db, pid, a, b, '2027-06-10');
    meetingId = made.meetingId;
    [planItemId, exemptItemId] = await transaction(t.db, async (trx) => [
      await createAgendaItem(trx, actor, pid, meetingId, { ...item, late: false }),
      await createAgendaItem(trx, actor, pid, meetingId, {
        ...item,
        title: 'Home care framework: contract award',
        exempt: true,
        exemptParagraph: 3,
        publicInterestReason: 'Publishing the prices would prejudice the retender',
        late: false,
      }),
    ]);
    const published = await publishAgenda(t.db, actor, {
      partnershipId: pid,
      meetingId,
      publishOn: isoDate('2027-05-20'),
      urgency: null,
    });
    expect(published.ok).toBe(true);
    await makeUser(t.db, 'democratic@papers.example', [[pid, 'democratic_services_officer']]);
    await makeUser(t.db, 'member@papers.example', [[pid, 'board_member']]);
    officer = await t.signedIn('democratic@papers.example');
    v1.content = await makePdf('BCF plan draft', 2);
    v2.content = await makePdf('BCF plan final', 3);
  });
  afterAll(() => t.close());

  it('uploads a report to an item as version 1, with its checksum and size', async () => {
    const res = await upload(
      { item: String(planItemId), kind: 'report', title: 'Better Care Fund plan' },
      v1.name,
      v1.content,
    );
    expect(res.statusCode, res.body).toBe(303);
    reportId = paperIdOf(res.headers.location);
    const page = await officer.get(`/partnerships/${pid}/papers/${reportId}`);
    expect(page.body).toContain('Better Care Fund plan');
    expect(page.body).toContain('BCF plan – draft.pdf');
    expect(page.body).toContain(`PDF, ${Math.round(v1.content.length / 1024)} KB`);
    expect(page.body).toContain(sha(v1.content).slice(0, 15));
    expect(page.body).toContain('9 June 2033'); // six years beginning with 10 June 2027
  });

  it('refuses a program renamed .pdf, keeping what was typed and saving nothing', async () => {
    const before = await t.db.selectFrom('paper_versions').select('id').execute();
    const res = await upload(
      { item: String(planItemId), kind: 'appendix', title: 'Appendix A' },
      'appendix.pdf',
      Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('The selected file must be a PDF, Word (DOCX), Excel (XLSX)');
    expect(res.body).toContain('value="Appendix A"');
    expect(await t.db.selectFrom('paper_versions').select('id').execute()).toHaveLength(before.length);
  });

  it('keeps version 1 when version 2 is uploaded, and lists both', async () => {
    const res = await officer.postMultipart(
      `/partnerships/${pid}/papers/${reportId}/versions`,
      {},
      { field: 'paper', filename: v2.name, type: 'application/pdf', content: v2.content },
    );
    expect(res.statusCode, res.body).toBe(303);
    const page = await officer.get(`/partnerships/${pid}/papers/${reportId}`);
    expect(page.body).toContain('2 (latest)');
    expect(page.body).toMatch(/<td class="govuk-table__cell">1<\/td>/);
    const first = await officer.get(`/partnerships/${pid}/papers/${reportId}/versions/1`);
    expect(first.rawPayload.equals(v1.content)).toBe(true);
    const second = await officer.get(`/partnerships/${pid}/papers/${reportId}/versions/2`);
    expect(second.rawPayload.equals(v2.content)).toBe(true);
    expect((await officer.get(meetingPath())).body).toMatch(
      /Better Care Fund plan<\/a> <span class="govuk-body-s">\(report; PDF, \d+ KB; version 2 of 2\)/,
    );
  });

  it('serves a version with its type, name (RFC 6266), checksum ETag and nosniff, and 304 when unchanged', async () => {
    const res = await officer.get(`/partnerships/${pid}/papers/${reportId}/versions/1`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="BCF plan  draft.pdf"; filename*=UTF-8''BCF%20plan%20%E2%80%93%20draft.pdf`,
    );
    expect(res.headers.etag).toBe(`"${sha(v1.content)}"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const again = await t.app.inject({
      method: 'GET',
      url: `/public/partnerships/${slug}/papers/${reportId}`,
      headers: { 'if-none-match': `"${sha(v2.content)}"` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('lists an exempt item’s paper to members but never serves or lists it to the public', async () => {
    const res = await upload(
      { item: String(exemptItemId), kind: 'report', title: EXEMPT_PAPER_TEXT },
      'prices.pdf',
      await makePdf(EXEMPT_PAPER_TEXT, 1),
    );
    expect(res.statusCode).toBe(303);
    exemptPaperId = paperIdOf(res.headers.location);
    const member = await t.signedIn('member@papers.example');
    expect((await member.get(meetingPath())).body).toContain(EXEMPT_PAPER_TEXT);
    const anonymous = t.agent();
    expect((await anonymous.get(`/public/partnerships/${slug}/papers/${exemptPaperId}`)).statusCode).toBe(
      404,
    );
    const publicPage = await anonymous.get(`/public/partnerships/${slug}/meetings/${meetingId}`);
    expect(publicPage.body).not.toContain(EXEMPT_PAPER_TEXT);
    expect(publicPage.body).not.toContain(`/papers/${exemptPaperId}"`);
  });

  it('shows the public the non-exempt papers with their type and size, and serves the latest version', async () => {
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xmlword/document.xml'),
      Buffer.alloc(3000, 0x20),
    ]);
    const res = await upload(
      { item: String(planItemId), kind: 'background_paper', title: 'Activity data' },
      'activity.docx',
      docx,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.statusCode).toBe(303);
    const page = await t.agent().get(`/public/partnerships/${slug}/meetings/${meetingId}`);
    expect(page.body).toContain(
      `Report: Better Care Fund plan</a> <span class="govuk-body-s">(PDF, ${Math.round(v2.content.length / 1024)} KB)`,
    );
    expect(page.body).toContain(
      'Background paper: Activity data</a> <span class="govuk-body-s">(DOCX, 3 KB)',
    );
    const file = await t.agent().get(`/public/partnerships/${slug}/papers/${reportId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(v2.content)).toBe(true);
    expect(file.headers['cache-control']).toBe('public, no-cache');
  });

  it('lists the minutes of the meeting to the public under their own heading', async () => {
    const minutes = Buffer.from(
      'Minutes of the meeting of 10 June 2027\nPresent: Chair A, Member A, Chair B\n',
    );
    const res = await upload(
      { item: '', kind: 'minutes', title: 'Minutes of 10 June 2027' },
      'minutes.txt',
      minutes,
      'text/plain',
    );
    expect(res.statusCode, res.body).toBe(303);
    const page = await t.agent().get(`/public/partnerships/${slug}/meetings/${meetingId}`);
    expect(page.body).toContain('Minutes and other papers');
    expect(page.body).toContain(
      `Minutes: Minutes of 10 June 2027</a> <span class="govuk-body-s">(Text, ${minutes.length} bytes)`,
    );
    const file = await t
      .agent()
      .get(`/public/partnerships/${slug}/papers/${paperIdOf(res.headers.location)}`);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.body).toBe(minutes.toString());
  });

  it('builds a public agenda pack: front sheet, the item’s merged report, "Page N of M", no exempt paper', async () => {
    const res = await t.agent().get(`/public/partnerships/${slug}/meetings/${meetingId}/agenda-pack.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="agenda-pack-2027-06-10.pdf"');
    const pdf = await PDFDocument.load(res.rawPayload);
    // one front sheet page, then the three pages of version 2 of the report
    expect(pdf.getPageCount()).toBe(4);
    const texts = await pdfPageTexts(res.rawPayload);
    texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of 4`));
    const front = texts[0]!;
    expect(front).toContain('Agenda pack');
    expect(front).toContain('10 June 2027');
    expect(front).toContain('2. Better Care Fund plan 2027-28');
    expect(front).toContain('Page 2'); // where item 2's papers start
    expect(front).toContain('Exempt: paragraph 3 of Schedule 12A');
    expect(front).toContain('Background paper: Activity data (DOCX, 3 KB), a separate download');
    expect(texts.join('\n')).not.toContain(EXEMPT_PAPER_TEXT);
    expect(texts[1]).toContain('BCF plan final, page 1');
    expect(texts[3]).toContain('BCF plan final, page 3');
  });

  it('builds the members’ pack with the exempt paper marked "Not for publication"', async () => {
    const member = await t.signedIn('member@papers.example');
    const res = await member.get(`${meetingPath()}/agenda-pack.pdf`);
    expect(res.statusCode).toBe(200);
    const texts = await pdfPageTexts(res.rawPayload);
    expect(texts).toHaveLength(5);
    expect(texts[4]).toContain(`${EXEMPT_PAPER_TEXT}, page 1`);
    expect(texts[4]).toContain('NOT FOR PUBLICATION: exempt information under paragraph 3 of Schedule 12A');
    expect(texts[1]).not.toContain('NOT FOR PUBLICATION');
    expect(texts[0]).toContain('Page 5'); // item 3's paper starts after the report's three pages
    const publicPack = await t
      .agent()
      .get(`/public/partnerships/${slug}/meetings/${meetingId}/agenda-pack.pdf`);
    expect(publicPack.rawPayload.length).toBeLessThan(res.rawPayload.length);
    expect((await t.agent().get(`${meetingPath()}/agenda-pack.pdf`)).statusCode).toBe(303); // sign in first
  });

  it('gives a notice PDF of a published decision: public for a non-exempt one, members only for an exempt one', async () => {
    const open = await makePublishedDecision(t.db, pid, meetingId, planItemId);
    const exempt = await makePublishedDecision(t.db, pid, meetingId, exemptItemId);
    const notice = await t.agent().get(`/public/partnerships/${slug}/decisions/${open}/notice.pdf`);
    expect(notice.statusCode).toBe(200);
    const text = (await pdfPageTexts(notice.rawPayload)).join('\n');
    for (const expected of [
      'Record of decision',
      'Item 2: Better Care Fund plan 2027-28',
      'Decision maker',
      'To approve the plan',
      'Reasons for the decision',
      'It meets the conditions',
      'Alternative options considered and rejected',
      'Key decision',
      'Subject to call-in',
      'Publication date',
      '15 October 2013',
      'Effective from',
      '23 October 2013', // Southampton's 2013 decision took effect Wed 23/10/2013 (DOMAIN.md §5)
      'Page 1 of 1',
    ])
      expect(text).toContain(expected);
    expect(
      (await t.agent().get(`/public/partnerships/${slug}/decisions/${exempt}/notice.pdf`)).statusCode,
    ).toBe(404);
    const decisionPage = await t.agent().get(`/public/partnerships/${slug}/decisions/${open}`);
    expect(decisionPage.body).toContain(`/decisions/${open}/notice.pdf`);
    const exemptPage = await t.agent().get(`/public/partnerships/${slug}/decisions/${exempt}`);
    expect(exemptPage.body).not.toContain('notice.pdf');
    const members = await officer.get(`/partnerships/${pid}/decisions/${exempt}/notice.pdf`);
    expect(members.statusCode).toBe(200);
    expect((await pdfPageTexts(members.rawPayload)).join('\n')).toContain('NOT FOR PUBLICATION');
  });

  it('lists for review only the papers past their retention date', async () => {
    const boardId = (
      await t.db
        .selectFrom('meetings')
        .select('board_id')
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow()
    ).board_id;
    const text = (content: string) => ({
      filename: 'paper.txt',
      contentType: 'text/plain; charset=utf-8' as const,
      content: Buffer.from(content),
    });
    await transaction(t.db, async (trx) => {
      for (const meetsOn of ['2015-06-11', '2021-06-10']) {
        const m = await createMeeting(trx, actor, pid, boardId, {
          meetsOn: isoDate(meetsOn),
          startsAt: '14:00',
          venue: 'Civic Centre',
          onlineLink: '',
        });
        const paper = (kind: 'background_paper' | 'minutes', title: string) =>
          createPaper(trx, actor, pid, { meetingId: m, agendaItemId: null, kind, title }, text(title));
        await paper('background_paper', `Background paper of ${meetsOn}`);
        await paper('minutes', `Minutes of ${meetsOn}`);
      }
    });
    // on 10 June 2025 the 2021 background paper's four years have run (they ended on 9 June 2025), its minutes'
    // six years have not; both of 2015's have
    const due = await papersPastRetention(t.db, pid, isoDate('2025-06-10'));
    expect(due.map((p) => [p.title, p.retainUntil])).toEqual([
      ['Background paper of 2015-06-11', '2019-06-10'],
      ['Minutes of 2015-06-11', '2021-06-10'],
      ['Background paper of 2021-06-10', '2025-06-09'],
    ]);
    expect(await papersPastRetention(t.db, pid, isoDate('2025-06-09'))).toHaveLength(2);
    const page = await officer.get(`/partnerships/${pid}/retention`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Background paper of 2015-06-11');
    expect(page.body).toContain('10 June 2021');
    expect(page.body).not.toContain('Better Care Fund plan'); // kept until 2033
  });

  it('records each upload in the audit log with its checksum', async () => {
    const events = await t.db
      .selectFrom('audit_events')
      .select(['entity_type', 'after'])
      .where('entity_type', '=', 'paper version')
      .execute();
    const checksums = events.map((e) => (e.after as { sha256: string }).sha256);
    expect(checksums).toContain(sha(v1.content));
    expect(checksums).toContain(sha(v2.content));
  });
});
