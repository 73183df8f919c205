/**
 * A commissioning officer chooses which of the long list's criteria apply at the shortlist, links the appraisal
 * to the board's decision (which freezes it), reads the alternatives on the decision's internal and public pages,
 * is refused a change to the frozen appraisal, and opens the printable board report; each page passes axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../support/steps.js';
import type { Browser, Page } from 'playwright-core';
import { transaction } from '../../src/db/connection.js';
import { systemActor } from '../../src/audit/index.js';
import { createAppraisalFromPlan } from '../../src/appraisal/appraisals/index.js';
import {
  makeBoardWithMeeting,
  makeOrganisation,
  makePartnership,
  makePublishedDecision,
  makeUser,
  PASSWORD,
} from '../support/fixtures.js';
import { browserAvailability, expectAccessible, launch, startServer, PAGE_TIMEOUT_MS } from './browser.js';

const { run } = browserAvailability();

describe.runIf(run)(
  'an appraisal’s stage criteria, its decision and its board report in the browser',
  steps,
  () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let browser: Browser;
    let page: Page;
    let pid: number;
    let appraisalUrl: string;
    let decisionId: number;
    let slug: string;

    beforeAll(async () => {
      server = await startServer();
      const a = await makeOrganisation(server.db);
      const b = await makeOrganisation(server.db);
      pid = await makePartnership(server.db, [a, b]);
      const created = await transaction(server.db, (trx) =>
        createAppraisalFromPlan(trx, systemActor('test'), pid, {
          title: 'Shared commissioning options',
          proposal: 'Strengthen joint commissioning',
          decisionReference: null,
          options: [
            { key: 'nothing', name: 'Do nothing' },
            { key: 'host', name: 'Hosted joint commissioning' },
            { key: 'board', name: 'Joint commissioning board' },
          ],
          stages: [
            {
              name: 'Long list',
              criteria: [
                { key: 'outcomes', name: 'Outcomes', weightBp: 6000 },
                { key: 'ease', name: 'Ease of delivery', weightBp: 3000 },
                { key: 'legal', name: 'Legal compliance', weightBp: 1000 },
              ],
              scores: [
                {
                  assessor: 'Officer',
                  byOption: {
                    nothing: { outcomes: 0, ease: 10, legal: 10 },
                    host: { outcomes: 6, ease: 6, legal: 8 },
                    board: { outcomes: 9, ease: 4, legal: 6 },
                  },
                },
              ],
              decisions: { nothing: { status: 'rejected', reason: 'Does not deliver the benefits' } },
            },
            {
              name: 'Shortlist',
              criteria: [],
              decisions: {
                host: { status: 'rejected', reason: 'Less integration than a joint board' },
                board: { status: 'preferred' },
              },
            },
          ],
        }),
      );
      appraisalUrl = `${server.base}/partnerships/${pid}/appraisals/${created.appraisalId}`;
      const g = await makeBoardWithMeeting(server.db, pid, a, b);
      decisionId = await makePublishedDecision(server.db, pid, g.meetingId, g.itemId);
      slug = (
        await server.db
          .selectFrom('partnerships')
          .select('slug')
          .where('id', '=', pid)
          .executeTakeFirstOrThrow()
      ).slug;
      await makeUser(server.db, 'officer@browser.example', [[pid, 'commissioning_officer']]);
      browser = await launch();
      page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${server.base}/sign-in`);
      await page.getByLabel('Email address').fill('officer@browser.example');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/partnerships/);
    });
    afterAll(async () => {
      await browser.close();
      await server.close();
    });

    it('chooses which of the long list’s criteria apply at the shortlist, renormalised', async () => {
      await page.goto(appraisalUrl);
      await page.getByRole('link', { name: 'Shortlist' }).click();
      await page.getByRole('button', { name: 'Use a subset of another stage’s criteria' }).click();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Use these criteria at this stage' }).click();
      await expect
        .poll(() => page.locator('.govuk-error-summary').textContent())
        .toContain('Select the criteria that apply at this stage');
      await expectAccessible(page);
      await page.getByLabel('Outcomes').check();
      await page.getByLabel('Ease of delivery').check();
      await page.getByRole('button', { name: 'Use these criteria at this stage' }).click();
      await expect.poll(() => page.locator('#subset-note').textContent()).toContain('Long list');
      // 60 and 30 of 90: 66.67 % and 33.33 %; the board 73.3, hosted 60.0
      expect(await page.locator('#results-table tbody tr').first().textContent()).toContain(
        'Joint commissioning board',
      );
      expect(await page.locator('#results-table').textContent()).toContain('73.3');
      await expectAccessible(page);
    });

    it('links the appraisal to the board’s decision, which freezes it', async () => {
      await page.goto(appraisalUrl);
      await page.getByRole('button', { name: 'Link to decision' }).click();
      await expectAccessible(page);
      await page.getByLabel(/15 October 2013, item 1/).check();
      await page.getByRole('button', { name: 'Link and freeze the appraisal' }).click();
      await expect.poll(() => page.locator('#linked-decision').textContent()).toContain('15 October 2013');
      expect(await page.locator('h1').textContent()).toContain('Frozen');
      await expectAccessible(page);
    });

    it('shows the alternatives drawn from the appraisal on the decision’s internal and public pages', async () => {
      await page.locator('#linked-decision a').click();
      await expect
        .poll(() => page.locator('#appraisal-alternatives').textContent())
        .toContain('Hosted joint commissioning: Less integration than a joint board.');
      expect(await page.locator('#appraisal-alternatives').textContent()).toContain(
        'Do nothing: Does not deliver the benefits.',
      );
      await expectAccessible(page);
      await page.goto(`${server.base}/public/partnerships/${slug}/decisions/${decisionId}`);
      expect(await page.locator('#appraisal-alternatives').textContent()).toContain(
        'Stage 2, Shortlist: 2 options were considered',
      );
      await expectAccessible(page);
    });

    it('refuses a change to the frozen appraisal', async () => {
      const res = await page.goto(`${appraisalUrl}/options/new`);
      expect(res?.status()).toBe(409);
      expect(await page.locator('h1').textContent()).toBe('This appraisal is frozen');
      await expectAccessible(page);
    });

    it('opens the printable board report, which prints without the navigation', async () => {
      await page.goto(appraisalUrl);
      await page.getByRole('link', { name: 'Printable board report' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Shared commissioning options');
      expect(await page.locator('.app-report-section').count()).toBe(4);
      expect(await page.locator('svg[aria-labelledby="tornado-title"]').count()).toBe(2);
      expect(await page.locator('#report-alternatives-text').textContent()).toContain(
        'Do nothing: Does not deliver the benefits.',
      );
      await expectAccessible(page);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
      expect(await page.locator('.govuk-breadcrumbs').isVisible()).toBe(false);
      const breaks = await page
        .locator('.app-report-section')
        .evaluateAll((sections) =>
          sections.map(
            (s) =>
              (
                globalThis as unknown as { getComputedStyle: (e: unknown) => { breakBefore: string } }
              ).getComputedStyle(s).breakBefore,
          ),
        );
      expect(breaks).toEqual(['auto', 'page', 'page', 'page']);
      await page.emulateMedia({ media: 'screen' });
    });
  },
);
