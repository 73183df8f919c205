/**
 * A democratic services officer uploads a report to an agenda item, then a new version of it, and sees both
 * versions; the public download the agenda pack, which is a PDF. Each page visited passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { transaction } from '../../src/db/connection.js';
import { systemActor } from '../../src/audit/index.js';
import { isoDate } from '../../src/kernel/dates.js';
import { publishAgenda } from '../../src/governance/meetings/index.js';
import { createAgendaItem } from '../../src/governance/meetings/index.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makeUser,
  PASSWORD,
} from '../support/fixtures.js';
import { makePdf, pdfPageTexts } from '../support/pdfs.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();
const POLL = { timeout: 30_000 };

describe.runIf(run)('papers in the browser', steps, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let pid: number;
  let slug: string;
  let meetingId: number;

  beforeAll(async () => {
    server = await startServer();
    const council = await makeOrganisation(server.db, { name: 'Paper City Council' });
    const ccg = await makeOrganisation(server.db, { name: 'NHS Paper City CCG' });
    pid = await makePartnership(server.db, [council, ccg], 'Paper City joint commissioning');
    slug = (
      await server.db
        .selectFrom('partnerships')
        .select('slug')
        .where('id', '=', pid)
        .executeTakeFirstOrThrow()
    ).slug;
    const made = await makeBoardWithMeeting(server.db, pid, council, ccg, '2027-06-10');
    meetingId = made.meetingId;
    const actor = systemActor('browser test');
    await transaction(server.db, (trx) =>
      createAgendaItem(trx, actor, pid, meetingId, {
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
        late: false,
      }),
    );
    const published = await publishAgenda(server.db, actor, {
      partnershipId: pid,
      meetingId,
      publishOn: isoDate('2027-05-20'),
      urgency: null,
    });
    expect(published.ok).toBe(true);
    await makeUser(server.db, 'democratic@paper.example', [[pid, 'democratic_services_officer']]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('signs in and uploads a report to an agenda item', async () => {
    await page.goto(`${server.base}/sign-in`);
    await expectAccessible(page);
    await page.getByLabel('Email address').fill('democratic@paper.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url(), POLL).toContain('/partnerships');
    await page.goto(`${server.base}/partnerships/${pid}/meetings/${meetingId}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Upload a paper for item 2' }).click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toContain('Upload a paper');
    await expectAccessible(page);
    // first without a file: the form comes back with the error and what was typed
    await page.getByLabel('Report', { exact: true }).check();
    await page.getByLabel('Title', { exact: true }).fill('Better Care Fund plan');
    await page.getByRole('button', { name: 'Upload paper' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent(), POLL)
      .toContain('Select a file to upload');
    await expectAccessible(page);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Better Care Fund plan');
    await page.getByLabel('File').setInputFiles({
      name: 'bcf-plan-draft.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('BCF plan draft', 2),
    });
    await page.getByRole('button', { name: 'Upload paper' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('Better Care Fund plan uploaded (version 1)');
    await expectAccessible(page);
  });

  it('uploads a new version and sees both versions listed', async () => {
    await page.getByLabel('File').setInputFiles({
      name: 'bcf-plan-final.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('BCF plan final', 3),
    });
    await page.getByRole('button', { name: 'Upload new version' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent(), POLL)
      .toContain('Version 2 of Better Care Fund plan uploaded');
    await expectAccessible(page);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('2 (latest)');
    expect(await rows.nth(0).textContent()).toContain('bcf-plan-final.pdf');
    expect(await rows.nth(1).textContent()).toContain('bcf-plan-draft.pdf');
    await page.getByRole('link', { name: 'Back to the meeting' }).click();
    await expect.poll(() => page.locator('#papers').count(), POLL).toBe(1);
    expect(await page.locator('main').textContent()).toMatch(/version 2 of 2/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Papers of every meeting past their retention date' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), POLL)
      .toContain('Papers past their retention date');
    expect(await page.locator('#none-past').textContent()).toContain(
      'No paper has passed its retention date',
    );
    await expectAccessible(page);
  });

  it('lets the public download the agenda pack, a PDF with the latest version merged', async () => {
    const context = await browser.newContext();
    const anonymous = await context.newPage();
    anonymous.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await anonymous.goto(`${server.base}/public/partnerships/${slug}/meetings/${meetingId}`);
    await expectAccessible(anonymous);
    expect(await anonymous.locator('main').textContent()).toMatch(
      /Report: Better Care Fund plan\s+\(PDF, \d+ KB\)/,
    );
    const href = await anonymous.getByRole('link', { name: 'Agenda pack (PDF)' }).getAttribute('href');
    const res = await anonymous.request.get(`${server.base}${href ?? ''}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const bytes = await res.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(4); // the front sheet and version 2's three pages
    const texts = await pdfPageTexts(bytes);
    expect(texts[3]).toContain('BCF plan final, page 3');
    expect(texts[3]).toContain('Page 4 of 4');
    await context.close();
  });
});
