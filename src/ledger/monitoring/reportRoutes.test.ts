/**
 * The monitoring report end to end over the real database: import extracts, record manual forecasts, publish
 * the report to the board (frozen), see the movement since it, and take the figures away as XLSX and as BCF
 * returns whose totals Excel recomputes to the same pence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { pence } from '../../kernel/money.js';
import { createFund } from '../funds/index.js';
import { createScheme } from '../funds/index.js';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import { asPence, checkTotals, readWorkbook } from '../../../test/support/workbooks.js';
import type { Agent } from '../../../test/support/agent.js';

const csv = (rows: string[]) =>
  Buffer.from(['cost_centre,account_code,date,amount,description,supplier,reference', ...rows].join('\r\n'));

describe('monitoring reports, forecasts, publication and exports', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let finance: Agent;
  let board: Agent;
  let ccg: number;
  let council: number;
  let base: string;
  let pid: number;
  let schemeId: number;

  const importFile = async (org: number, filename: string, rows: string[]) => {
    await finance.get(`${base}/imports/new`);
    const res = await finance.postMultipart(
      `${base}/imports`,
      { organisationId: String(org) },
      { field: 'file', filename, type: 'text/csv', content: csv(rows) },
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    // the import runs in the background: follow its progress page until it stops refreshing itself
    for (let look = 0; look < 500; look += 1) {
      const page = await finance.get(res.headers.location as string);
      if (!page.body.includes('http-equiv="refresh"')) {
        expect(page.body).toContain('Imported ');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${filename} was still importing`);
  };

  beforeAll(async () => {
    t = await startApp();
    ccg = await makeOrganisation(t.db, { name: 'NHS Test CCG', kind: 'ccg', odsCode: '10X' });
    council = await makeOrganisation(t.db, {
      name: 'Test City Council',
      kind: 'local_authority',
      laTier: 'unitary',
      gssCode: 'E06000045',
    });
    pid = await makePartnership(t.db, [ccg, council]);
    // a pooled fund hosted by the council: S01 Reablement, £12,000 from each partner, profiled flat
    const fund = await makeFundWithScheme(t.db, pid, council, ccg);
    schemeId = fund.schemeId;
    base = `/partnerships/${pid}/funds/${fund.fundId}`;
    await makeUser(t.db, 'finance@reports.example', [[pid, 'finance_officer']]);
    await makeUser(t.db, 'board@reports.example', [[pid, 'board_member']]);
    finance = await t.signedIn('finance@reports.example');
    board = await t.signedIn('board@reports.example');
    await importFile(ccg, 'ccg-p1-p3.csv', [
      `CC-${ccg},5000,2017-04-30,1000.00,Reablement,Provider,C-1`,
      `CC-${ccg},5000,2017-05-31,1000.00,Reablement,Provider,C-2`,
      `CC-${ccg},5000,2017-06-30,1000.01,Reablement,Provider,C-3`,
    ]);
    await importFile(council, 'council-p1-p3.csv', [
      `CC-${council},5000,2017-06-30,3300.00,Reablement,Provider,L-1`,
    ]);
  });
  afterAll(() => t.close());

  it('shows the report at P3 reconciled to the imported files', async () => {
    const res = await board.get(`${base}/monitoring?period=3`);
    expect(res.statusCode).toBe(200);
    // budget £24,000; profiled to P3 £6,000; actual £6,300.01
    expect(res.body).toContain('£24,000.00');
    expect(res.body).toContain('£6,300.01');
    expect(res.body).toContain('Imported files (2)');
    expect(res.body).toContain('add up to the actual spend to the penny');
    // board members read the report but are not offered publishing or forecasting
    expect(res.body).not.toContain('Publish the P3 report');
    expect(res.body).not.toContain('Record a manual forecast');
  });

  it('refuses a forecast with problems, naming each field and keeping what was typed', async () => {
    await finance.get(`${base}/forecasts/new?period=3`);
    const res = await finance.post(`${base}/forecasts`, {
      schemeId: String(schemeId),
      organisationId: 'whole',
      period: '3',
      outturn: '25,000.5x',
      commentary: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Forecast outturn: &quot;25,000.5x&quot; is not an amount');
    expect(res.body).toContain('Enter a commentary');
    expect(res.body).toContain('value="25,000.5x"');
    const count = await t.db
      .selectFrom('scheme_forecasts')
      .select(t.db.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(0);
  });

  it('records a manual forecast that the report uses for its period, with commentary and author', async () => {
    const res = await finance.post(`${base}/forecasts`, {
      schemeId: String(schemeId),
      organisationId: 'whole',
      period: '3',
      outturn: '25,200.00',
      commentary: 'Winter pressures expected from November',
    });
    expect(res.statusCode).toBe(303);
    const page = await finance.get(`${base}/monitoring?period=3`);
    expect(page.body).toContain('£25,200.00');
    expect(page.body).toContain('Winter pressures expected from November (finance)');
    expect(page.body).toMatch(/<td class="govuk-table__cell">Manual<\/td>/);
    // the form lists what has been recorded, newest first, with its author
    const form = await finance.get(`${base}/forecasts/new`);
    expect(form.body).toContain('Winter pressures expected from November');
    expect(form.body).toContain('by finance');
    // before P3 the profile still applies
    expect((await finance.get(`${base}/monitoring?period=2`)).body).not.toContain('Winter pressures');
    const audit = await t.db
      .selectFrom('audit_events')
      .select('entity_type')
      .where('entity_type', '=', 'scheme_forecast')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('publishes the P3 report once, frozen against later imports, and shows the movement since it', async () => {
    await finance.get(`${base}/monitoring?period=3`);
    const res = await finance.post(`${base}/reports`, { period: '3', method: 'profile' });
    expect(res.statusCode).toBe(303);
    const published = res.headers.location ?? '';
    expect(published).toMatch(/\/reports\/\d+$/);
    const again = await finance.post(`${base}/reports`, { period: '3', method: 'profile' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('was published already');

    // a late invoice for June lands after publication
    await importFile(ccg, 'ccg-late.csv', [`CC-${ccg},5000,2017-06-15,99.99,Late invoice,Provider,C-4`]);
    const frozen = await board.get(published);
    expect(frozen.statusCode).toBe(200);
    expect(frozen.body).toContain('as published');
    expect(frozen.body).toContain('£6,300.01');
    expect(frozen.body).not.toContain('£6,400.00');
    expect((await board.get(`${base}/monitoring?period=3`)).body).toContain('£6,400.00');

    // P4: a new forecast of £24,700 for the whole scheme: movement -£500.00 since the P3 report
    await finance.post(`${base}/forecasts`, {
      schemeId: String(schemeId),
      organisationId: 'whole',
      period: '4',
      outturn: '24700',
      commentary: 'Pressures eased',
    });
    const p4 = await board.get(`${base}/monitoring?period=4`);
    expect(p4.body).toContain('since the P3 report published');
    expect(p4.body).toContain('-£500.00');
    const list = await board.get(`${base}/reports`);
    expect(list.body).toContain('>P3</a>');
  });

  it('drills down from a scheme to each partner’s postings and the file and line each came from', async () => {
    const all = await board.get(`${base}/schemes/${schemeId}/postings?period=3`);
    expect(all.body).toContain('<strong id="postings-total">£6,400.00</strong>');
    const own = await board.get(`${base}/schemes/${schemeId}/postings?period=3&partner=${ccg}`);
    // £1,000 + £1,000 + £1,000.01 + the late £99.99
    expect(own.body).toContain('<strong id="postings-total">£3,100.00</strong>');
    expect(own.body).toContain('ccg-late.csv, line 2');
    expect(own.body).not.toContain('council-p1-p3.csv');
  });

  it('keeps published reports and forecasts as they were: the database refuses to change them', async () => {
    await expect(t.db.updateTable('monitoring_reports').set({ period: 5 }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.deleteFrom('scheme_forecasts').execute()).rejects.toThrow(/append-only/);
  });

  it('exports the live and the published report as XLSX whose SUM totals are Concordat’s figures', async () => {
    const live = await board.get(`${base}/monitoring.xlsx?period=3&method=profile`);
    expect(live.statusCode).toBe(200);
    expect(live.headers['content-type']).toContain('spreadsheetml');
    const wb = await readWorkbook(live.rawPayload);
    const schemeTotals = checkTotals(wb.getWorksheet('By scheme')!);
    expect(schemeTotals.get('F')).toBe(6_400_00); // actual to date
    expect(schemeTotals.get('G')).toBe(25_200_00); // forecast outturn (manual)
    for (const sheet of ['By partner', 'By scheme type', 'By funding stream'])
      expect(checkTotals(wb.getWorksheet(sheet)!).get('D'), sheet).toBe(6_400_00);

    const reports = await t.db.selectFrom('monitoring_reports').select('id').execute();
    const frozen = await board.get(`${base}/reports/${reports[0]?.id}/workbook.xlsx`);
    const fwb = await readWorkbook(frozen.rawPayload);
    expect(checkTotals(fwb.getWorksheet('By scheme')!).get('F')).toBe(6_300_01);
  });

  it('exports the BCF expenditure plan and year-end actuals in the template columns', async () => {
    const plan = await readWorkbook((await board.get(`${base}/bcf/expenditure-plan.xlsx`)).rawPayload);
    const ws = plan.getWorksheet('Expenditure plan')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Scheme ID',
      'Scheme Name',
      'Brief Description of Scheme',
      'Scheme Type',
      'Sub Type',
      'Area of Spend',
      'Commissioner',
      '% NHS (if Joint Commissioner)',
      '% LA (if Joint Commissioner)',
      'Provider',
      'Source of Funding',
      'Expenditure (£)',
      'New/ Existing Scheme',
    ]);
    // one scheme, one source: jointly commissioned, £12,000 from each partner: 50 % NHS, 50 % LA
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'S01',
      'Reablement',
      '',
      'Home-based intermediate care services',
      '',
      'Social Care',
      'Joint',
      50,
      50,
      'Reablement team',
      'Minimum NHS Contribution',
      24_000,
      'New',
    ]);
    expect(checkTotals(ws).get('L')).toBe(24_000_00);
    const actuals = await readWorkbook((await board.get(`${base}/bcf/year-end-actuals.xlsx`)).rawPayload);
    const aws = actuals.getWorksheet('Year-end actuals')!;
    expect(asPence(aws.getCell('L2').value)).toBe(6_400_00);
    expect(checkTotals(aws).get('L')).toBe(6_400_00);
  });

  it('combines the pooled fund and an aligned budget of the same year, reconciled to the files', async () => {
    await transaction(t.db, async (trx) => {
      const actor = systemActor('test');
      const aligned = await createFund(
        trx,
        actor,
        pid,
        {
          financialYear: 2017,
          name: 'Aligned budgets',
          kind: 'aligned',
          hostOrganisationId: null,
          pooledFundManager: '',
          betterCareFund: false,
        },
        [ccg, council],
      );
      await createScheme(trx, actor, pid, aligned, {
        code: 'A01',
        name: 'Continuing healthcare',
        description: '',
        schemeType: 'Other',
        areaOfSpend: 'Continuing Care',
        commissioner: 'nhs',
        commissionerOrganisationId: ccg,
        provider: '',
        service: 'continuing-care',
        budgets: [
          { organisationId: ccg, stream: 'Additional NHS Contribution', amountPence: pence(1_000_000) },
        ],
        profile: Array.from({ length: 12 }, () => 1),
        costCentres: [],
      });
    });
    const res = await board.get(`/partnerships/${pid}/monitoring?year=2017&period=3`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Pooled funds');
    expect(res.body).toContain('Aligned budgets');
    // £24,000 pooled + £10,000 aligned
    expect(res.body).toContain('£34,000.00');
    const wb = await readWorkbook(
      (await board.get(`/partnerships/${pid}/monitoring.xlsx?year=2017&period=3`)).rawPayload,
    );
    for (const sheet of ['By fund', 'By arrangement', 'By partner'])
      expect(checkTotals(wb.getWorksheet(sheet)!).get('B'), sheet).toBe(34_000_00);
    const rec = checkTotals(wb.getWorksheet('Reconciliation')!);
    expect(rec.get('B')).toBe(rec.get('D'));
    expect(rec.get('F')).toBe(6_400_00);
  });
});
