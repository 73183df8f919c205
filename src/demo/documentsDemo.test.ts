import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { verifyAuditChain } from '../audit/index.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { pdfPageTexts } from '../../test/support/pdfs.js';
import { listMeetings } from '../governance/meetings/index.js';
import { listPapersOfMeeting } from '../governance/papers/index.js';
import { loadAgendaPack } from '../governance/papers/index.js';
import { loadGovernanceDemo } from './governanceDemo.js';
import { loadDocumentsDemo } from './documentsDemo.js';

describe('the demo board’s papers', () => {
  let t: TestDatabase;
  let pid: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    await loadGovernanceDemo(t.db, pid, ccg, council);
    await loadDocumentsDemo(t.db, pid);
  });
  afterAll(() => t.dispose());

  it('gives each published agenda’s reports, and minutes to the meetings held', async () => {
    const meetings = await listMeetings(t.db, pid, { publishedOnly: true });
    expect(meetings).toHaveLength(11); // every meeting held in the year (August was cancelled)
    const [first, second] = await Promise.all(meetings.map((m) => listPapersOfMeeting(t.db, pid, m.id)));
    expect(first!.filter((p) => p.kind === 'report').map((p) => p.title)).toEqual([
      'Terms of reference of the Joint Commissioning Board',
      'Better Care Fund and section 75 pooled budget 2018-19',
      'Integrated commissioning: savings achieved in 2016-17',
    ]);
    expect(first!.filter((p) => p.kind === 'minutes')).toHaveLength(1);
    expect(second!.some((p) => p.exempt && p.kind === 'report')).toBe(true);
  });

  it('makes a public agenda pack of the first meeting with its three reports and page numbers', async () => {
    const [first] = await listMeetings(t.db, pid, { publishedOnly: true });
    const pack = (await loadAgendaPack(t.db, pid, first!.id, 'public'))!;
    // the front sheet, then three two-page reports
    expect(pack.pageCount).toBe(pack.frontSheetPages + 6);
    const texts = await pdfPageTexts(pack.bytes);
    expect(texts[0]).toContain('Joint Commissioning Board');
    expect(texts.at(-1)).toContain(`Page ${pack.pageCount} of ${pack.pageCount}`);
  });

  it('leaves the exempt home care award out of the public pack but not the members’', async () => {
    const [, second] = await listMeetings(t.db, pid, { publishedOnly: true });
    const open = (await loadAgendaPack(t.db, pid, second!.id, 'public'))!;
    const members = (await loadAgendaPack(t.db, pid, second!.id, 'members'))!;
    expect(members.pageCount - open.pageCount).toBe(2);
    expect((await pdfPageTexts(open.bytes)).join('\n')).not.toContain(
      'Home care framework: award of contracts, ',
    );
    expect((await pdfPageTexts(members.bytes)).join('\n')).toContain('NOT FOR PUBLICATION');
  });

  it('keeps the audit chain whole', async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
