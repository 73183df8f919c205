/**
 * Importing an extract from the web page: the upload goes to a temporary file, the import runs in the
 * background, and the finance officer follows its progress on a page that refreshes itself (issue 3 item 4).
 */
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';

const csv = (rows: string[]) =>
  Buffer.from(['cost_centre,account_code,date,amount,description,supplier,reference', ...rows].join('\r\n'));

const uploadsLeft = async () => (await readdir(tmpdir())).filter((f) => f.startsWith('concordat-upload-'));

describe('importing an extract with a progress page', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let finance: Agent;
  let colleague: Agent;
  let ccg: number;
  let base: string;
  let fundId: number;

  const upload = async (filename: string, rows: string[]) => {
    await finance.get(`${base}/imports/new`);
    return finance.postMultipart(
      `${base}/imports`,
      { organisationId: String(ccg) },
      { field: 'file', filename, type: 'text/csv', content: csv(rows) },
    );
  };

  /** Follows the job page until it stops refreshing itself (a bounded number of looks). */
  const untilFinished = async (url: string): Promise<LightMyRequestResponse> => {
    for (let look = 0; look < 500; look += 1) {
      const page = await finance.get(url);
      expect(page.statusCode).toBe(200);
      if (!page.body.includes('http-equiv="refresh"')) return page;
      expect(page.body).toContain('Refresh this page');
      await sleep(10);
    }
    throw new Error(`${url} was still running`);
  };

  const postingsOfFund = async () =>
    Number(
      (
        await t.db
          .selectFrom('postings')
          .innerJoin('journal_entries', 'journal_entries.id', 'postings.entry_id')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('journal_entries.fund_id', '=', fundId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startApp();
    ccg = await makeOrganisation(t.db, { name: 'NHS Test CCG', kind: 'ccg', odsCode: '10X' });
    const council = await makeOrganisation(t.db, {
      name: 'Test City Council',
      kind: 'local_authority',
      laTier: 'unitary',
      gssCode: 'E06000045',
    });
    const pid = await makePartnership(t.db, [ccg, council]);
    const fund = await makeFundWithScheme(t.db, pid, council, ccg);
    fundId = fund.fundId;
    base = `/partnerships/${pid}/funds/${fund.fundId}`;
    await makeUser(t.db, 'finance@imports.example', [[pid, 'finance_officer']]);
    await makeUser(t.db, 'colleague@imports.example', [[pid, 'finance_officer']]);
    finance = await t.signedIn('finance@imports.example');
    colleague = await t.signedIn('colleague@imports.example');
  });
  afterAll(() => t.close());

  it('imports a good file in the background and shows it done, then on the fund page', async () => {
    const res = await upload('ccg-q1.csv', [
      `CC-${ccg},5000,2017-04-30,1000.00,Reablement,Provider,Q-1`,
      `CC-${ccg},5000,2017-05-31,1000.00,Reablement,Provider,Q-2`,
      `CC-${ccg},5000,2017-06-30,1200.01,Reablement,Provider,Q-3`,
    ]);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const jobUrl = res.headers.location as string;
    expect(jobUrl).toMatch(new RegExp(`^${base}/imports/jobs/[\\w-]{20,}$`));

    const done = await untilFinished(jobUrl);
    expect(done.body).toContain('govuk-notification-banner');
    expect(done.body).toMatch(/Imported 3 rows from ccg-q1.csv as import \d+/);
    expect(done.body).toContain(`href="${base}#imports"`);

    const fundPage = await finance.get(base);
    expect(fundPage.body).toContain('ccg-q1.csv');
    expect(fundPage.body).toContain('£3,200.01');
    // three rows and their balancing postings to the partner's creditor account
    expect(await postingsOfFund()).toBeGreaterThanOrEqual(3);
    // the job is the finance officer's own: a colleague (same role) cannot see it
    expect((await colleague.get(jobUrl)).statusCode).toBe(404);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('shows a bad row by line and column, and saves nothing', async () => {
    const before = await postingsOfFund();
    const res = await upload('ccg-bad.csv', [
      `CC-${ccg},5000,2017-07-31,500.00,Reablement,Provider,B-1`,
      `CC-${ccg},5000,2017-08-31,twelve pounds,Reablement,Provider,B-2`,
    ]);
    expect(res.statusCode).toBe(303);
    const done = await untilFinished(res.headers.location as string);
    expect(done.body).toContain('ccg-bad.csv was not imported');
    expect(done.body).toContain('1 problem in 2 rows. Nothing was saved.');
    const problems = done.body.slice(done.body.indexOf('id="import-problems"'));
    // line 3 of the file (line 1 is the header), in the amount column
    expect(problems).toMatch(
      /<td class="govuk-table__cell app-numeric">3<\/td><td class="govuk-table__cell">amount<\/td>/,
    );
    expect(await postingsOfFund()).toBe(before);
    expect((await finance.get(base)).body).not.toContain('ccg-bad.csv');
    expect(await uploadsLeft()).toEqual([]);
  });

  it('takes a file larger than the 20 MB limit of other uploads (it goes to disk, not memory)', async () => {
    await finance.get(`${base}/imports/new`);
    // a header, then 21 MB of blank lines: read to the end, and refused as having no rows
    const content = Buffer.concat([csv([]), Buffer.alloc(21 * 1024 * 1024, 0x0a)]);
    const res = await finance.postMultipart(
      `${base}/imports`,
      { organisationId: String(ccg) },
      { field: 'file', filename: 'blank.csv', type: 'text/csv', content },
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const done = await untilFinished(res.headers.location as string);
    expect(done.body).toContain('The file has a header line but no rows');
  });

  it('keeps the form and its errors when no file is chosen', async () => {
    await finance.get(`${base}/imports/new`);
    const res = await finance.postMultipart(`${base}/imports`, { organisationId: String(ccg) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select a CSV or XLSX file');
  });

  it('answers an unknown job with not found, pointing at the fund imports', async () => {
    const res = await finance.get(`${base}/imports/jobs/no-such-job`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('It may have finished');
    expect(res.body).toContain(`href="${base}#imports"`);
  });
});
