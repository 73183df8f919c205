/**
 * Who sees which partner's statements (issue 3, scope 8), on the page, as CSV and as PDF, and the PDF's figures
 * against the CSV's. Two partners each contribute £12,000 to a joint scheme; the host (A) incurs £14,000.00 of
 * spend in February and B £11,500.37.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../audit/index.js';
import { formatPounds, parsePounds } from '../../kernel/money.js';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { pdfPageTexts } from '../../../test/support/pdfs.js';
import { importGeneralLedger } from '../import/index.js';
import { accountCodes } from '../funds/index.js';

const actor = systemActor('test');

/** The fields of one CSV line (RFC 4180 quoting). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const f = m[1] ?? '';
    out.push(f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);
    if (m[2] === '') break;
  }
  return out;
}

/** The amounts on the CSV line whose first field is `label`, as they would be written in pounds and pence. */
function csvAmounts(csv: string, label: string): string[] {
  const line = csv.split('\r\n').find((l) => csvFields(l)[0] === label);
  expect(line, `CSV line "${label}"`).toBeDefined();
  return csvFields(line ?? '')
    .slice(1)
    .filter((f) => f !== '')
    .map((f) => {
      const p = parsePounds(f);
      if (!p.ok) throw new Error(`not an amount: ${f}`);
      return formatPounds(p.value);
    });
}

describe('partner statements: who sees which, and the PDF', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let pid: number;
  let a: number;
  let b: number;
  let url: string;
  const agents: Record<'hostFinance' | 'partnerFinance' | 'admin' | 'board', Agent> = {} as never;

  beforeAll(async () => {
    t = await startApp();
    a = await makeOrganisation(t.db, { name: 'Host council' });
    b = await makeOrganisation(t.db, { name: 'Clinical commissioning group' });
    pid = await makePartnership(t.db, [a, b]);
    const { fundId } = await makeFundWithScheme(t.db, pid, a, b);
    url = `/partnerships/${pid}/funds/${fundId}`;
    for (const [org, amount, ref] of [
      [a, '14000.00', 'A-1'],
      [b, '11500.37', 'B-1'],
    ] as const) {
      const r = await importGeneralLedger({
        db: t.db,
        actor,
        partnershipId: pid,
        fundId,
        organisationId: org,
        filename: `${ref}.csv`,
        content: `cost_centre,account_code,date,amount,description,supplier,reference\r\nCC-${org},5000,2018-02-10,${amount},Reablement,Team,${ref}\r\n`,
      });
      expect(r.ok).toBe(true);
    }
    await makeUser(t.db, 'host@statements.example', [[pid, 'finance_officer', a]]);
    await makeUser(t.db, 'partner@statements.example', [[pid, 'finance_officer', b]]);
    await makeUser(t.db, 'admin@statements.example', [[pid, 'administrator']]);
    // a board member who works for the other partner still sees every statement beside the monitoring report
    await makeUser(t.db, 'board@statements.example', [[pid, 'board_member', b]]);
    agents.hostFinance = await t.signedIn('host@statements.example');
    agents.partnerFinance = await t.signedIn('partner@statements.example');
    agents.admin = await t.signedIn('admin@statements.example');
    agents.board = await t.signedIn('board@statements.example');
  });
  afterAll(() => t.close());

  it('shows a finance officer of another partner only their own organisation’s statements', async () => {
    const f = agents.partnerFinance;
    const list = await f.get(`${url}/statements`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="statements/Q4/${b}"`);
    expect(list.body).not.toContain(`href="statements/Q4/${a}"`);
    expect(list.body).not.toContain('Host council</th>');
    expect(list.body).toContain('You see your own organisation’s statements');
    const own = await f.get(`${url}/statements/Q4/${b}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Clinical commissioning group: statement for Q4 (January to March 2018)');
    expect((await f.get(`${url}/statements/Q4/${b}/statement.csv`)).statusCode).toBe(200);
    expect((await f.get(`${url}/statements/Q4/${b}/statement.pdf`)).statusCode).toBe(200);
    expect((await f.get(`${url}/accounts/${accountCodes.contribution(b)}`)).statusCode).toBe(200);
    // and the whole monitoring report
    expect((await f.get(`${url}/monitoring`)).statusCode).toBe(200);
  });

  it('refuses them another partner’s statement, CSV, PDF and contributions, with a page that says why', async () => {
    const f = agents.partnerFinance;
    for (const path of [
      `/statements/Q4/${a}`,
      `/statements/Q4/${a}/statement.csv`,
      `/statements/Q4/${a}/statement.pdf`,
      `/accounts/${accountCodes.contribution(a)}`,
    ]) {
      const res = await f.get(`${url}${path}`);
      expect(res.statusCode, path).toBe(403);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('You can only see your own organisation’s statements');
      expect(res.body).toContain(
        'Statements and contribution detail of Host council are for that partner and for the host partner, Host council',
      );
      expect(res.body).toContain('you work for Clinical commissioning group');
      expect(res.body).not.toContain('£14,000.00');
    }
    // a statement that does not exist is still not found
    expect((await f.get(`${url}/statements/Q5/${a}`)).statusCode).toBe(404);
  });

  it('lets the host’s finance officers, administrators and board members see every partner’s', async () => {
    for (const [who, agent] of Object.entries(agents)) {
      if (who === 'partnerFinance') continue;
      const list = await agent.get(`${url}/statements`);
      expect(list.statusCode, who).toBe(200);
      expect(list.body).toContain(`href="statements/Q4/${a}"`);
      expect(list.body).toContain(`href="statements/Q4/${b}"`);
      expect(list.body).not.toContain('You see your own organisation’s statements');
      for (const org of [a, b])
        for (const suffix of ['', '/statement.csv', '/statement.pdf'])
          expect(
            (await agent.get(`${url}/statements/Q4/${org}${suffix}`)).statusCode,
            `${who} ${suffix}`,
          ).toBe(200);
      expect((await agent.get(`${url}/accounts/${accountCodes.contribution(a)}`)).statusCode, who).toBe(200);
    }
  });

  it('prints the statement as a PDF whose figures are the CSV’s, to the penny, with page numbers', async () => {
    const f = agents.partnerFinance;
    const page = await f.get(`${url}/statements/Q4/${b}`);
    expect(page.body).toContain(`href="${url}/statements/Q4/${b}/statement.pdf"`);
    const csv = (await f.get(`${url}/statements/Q4/${b}/statement.csv`)).body;
    const res = await f.get(`${url}/statements/Q4/${b}/statement.pdf`);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toContain('.pdf');
    const pages = await pdfPageTexts(res.rawPayload);
    const text = pages.join('\n');
    expect(text).toContain('Clinical commissioning group: statement for Q4 (January to March 2018)');
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    const expected = {
      'Contributions to the pool': ['£3,000.00', '£12,000.00'],
      'Spend incurred by the partner for the pool': ['£11,500.37', '£11,500.37'],
      'Contributions less spend incurred, year to date': ['£499.63'],
      'Annual contribution': ['£12,000.00'],
    };
    for (const [label, amounts] of Object.entries(expected)) {
      expect(csvAmounts(csv, label), label).toEqual(amounts);
      const line = text.split('\n').indexOf(label);
      expect(line, label).toBeGreaterThanOrEqual(0);
      expect(text.split('\n').slice(line + 1, line + 1 + amounts.length), label).toEqual(amounts);
    }
    for (const label of [
      'Forecast spend of the pool (£)',
      'Forecast variance of the pool (£)',
      'Forecast share of Clinical commissioning group (£)',
    ]) {
      const [amount] = csvAmounts(csv, label);
      expect(text, label).toContain(amount);
    }
    const [share] = csvAmounts(csv, 'Forecast share of Clinical commissioning group (£)');
    const shareLine = text.split('\n').indexOf('Forecast share of Clinical commissioning group');
    expect(text.split('\n')[shareLine + 1]).toBe(share);
  });
});
