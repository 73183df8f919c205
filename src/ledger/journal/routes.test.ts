import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { systemActor } from '../../audit/index.js';
import { importGeneralLedger } from '../import/index.js';
import {
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';

const actor = systemActor('test');

describe('the journal through the web', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let finance: Agent;
  let base: string;
  let pid: number;
  let fundId: number;
  let host: number;

  const importFile = async (name: string, rows: string[]) => {
    const out = await importGeneralLedger({
      db: t.db,
      actor,
      partnershipId: pid,
      fundId,
      organisationId: host,
      filename: name,
      content: ['cost_centre,account_code,date,amount,description,supplier,reference', ...rows].join('\n'),
    });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    return out;
  };
  const entryCount = async () =>
    (await t.db.selectFrom('journal_entries').select('id').where('fund_id', '=', fundId).execute()).length;

  beforeAll(async () => {
    t = await startApp();
    host = await makeOrganisation(t.db, { name: 'Host Council' });
    const other = await makeOrganisation(t.db, { name: 'Partner CCG' });
    pid = await makePartnership(t.db, [host, other]);
    ({ fundId } = await makeFundWithScheme(t.db, pid, host, other));
    base = `/partnerships/${pid}/funds/${fundId}`;
    await makeUser(t.db, 'finance@journal.example', [[pid, 'finance_officer']]);
    finance = await t.signedIn('finance@journal.example');
    await importFile('april.csv', [
      `CC-${host},5100,2017-04-10,1000.00,Home care,Care Ltd,INV-1`,
      `CC-${host},5100,2017-04-20,234.56,Home care,Care Ltd,INV-2`,
    ]);
  });
  afterAll(() => t.close());

  it('lists the entries and shows an imported entry’s postings with their file and line', async () => {
    const list = await finance.get(`${base}/journal?source=import`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Import 1: april.csv, P1');
    expect(list.body).toContain('£1,234.56');
    const entry = await t.db
      .selectFrom('journal_entries')
      .select('id')
      .where('fund_id', '=', fundId)
      .executeTakeFirstOrThrow();
    const page = await finance.get(`${base}/journal/entries/${entry.id}`);
    expect(page.body).toContain('april.csv, line 3');
    expect(page.body).toContain('INV-2');
    expect(page.body).toContain('S01 Reablement');
  });

  it('reverses an entry with a reason, links the two, and refuses to reverse either again', async () => {
    const [original] = await t.db
      .selectFrom('journal_entries')
      .select('id')
      .where('fund_id', '=', fundId)
      .orderBy('id')
      .execute();
    const id = original!.id;
    const res = await finance.post(`${base}/journal/entries/${id}/reverse`, {
      reason: 'Invoice charged to the wrong scheme',
    });
    expect(res.statusCode).toBe(303);
    const reversal = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('reverses_entry_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(res.headers.location).toBe(`${base}/journal/entries/${reversal.id}`);
    expect(reversal.description).toBe(`Reversal of entry ${id}: Invoice charged to the wrong scheme`);
    expect((await finance.get(`${base}/journal/entries/${reversal.id}`)).body).toContain(
      `Reverses entry <a class="govuk-link" href="${base}/journal/entries/${id}">${id}</a>`,
    );
    const originalPage = await finance.get(`${base}/journal/entries/${id}`);
    expect(originalPage.body).toContain(
      `Reversed by entry <a class="govuk-link" href="${base}/journal/entries/${reversal.id}">${reversal.id}</a>`,
    );
    expect(originalPage.body).not.toContain('Reverse entry');
    const again = await finance.post(`${base}/journal/entries/${id}/reverse`, { reason: 'twice' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain(`Entry ${id} was already reversed by entry ${reversal.id}`);
    const ofReversal = await finance.post(`${base}/journal/entries/${reversal.id}/reverse`, {
      reason: 'undo',
    });
    expect(ofReversal.statusCode).toBe(400);
    expect(ofReversal.body).toContain('A reversal cannot itself be reversed');
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['after', 'actor_label'])
      .where('entity_type', '=', 'journal_reversal')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({
      reversesEntryId: id,
      reason: 'Invoice charged to the wrong scheme',
    });
  });

  it('asks for a reason before reversing', async () => {
    const before = await entryCount();
    const res = await finance.post(`${base}/journal/entries/999999/reverse`, { reason: '' });
    expect(res.statusCode).toBe(404);
    const [e] = await t.db
      .selectFrom('journal_entries')
      .select('id')
      .where('fund_id', '=', fundId)
      .where('source', '=', 'import')
      .orderBy('id', 'desc')
      .execute();
    const blank = await finance.post(`${base}/journal/entries/${e!.id}/reverse`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Enter the reason for reversing this entry');
    expect(await entryCount()).toBe(before);
  });

  const manual = (debit: string, credit: string) => ({
    description: 'Move the April overspend to the reserve',
    'entryDate-day': '30',
    'entryDate-month': '4',
    'entryDate-year': '2017',
    decisionReference: 'JCB 2017/05',
    'account-1': 'RESERVE',
    'debit-1': debit,
    'account-2': `CRE-${host}`,
    'credit-2': credit,
  });

  it('refuses a manual entry that does not balance, keeping what was typed and saving nothing', async () => {
    const before = await entryCount();
    const res = await finance.post(`${base}/journal`, manual('100.00', '99.99'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain(
      'Debits total £100.00 and credits total £99.99: they must be equal (a difference of £0.01)',
    );
    expect(res.body).toContain('value="99.99"');
    expect(res.body).toContain('value="Move the April overspend to the reserve"');
    expect(res.body).toMatch(/<option value="RESERVE" selected>/);
    expect(await entryCount()).toBe(before);
  });

  it('posts a balanced manual entry, audited, and the trial balance still sums to zero', async () => {
    const res = await finance.post(`${base}/journal`, manual('100.00', '100.00'));
    expect(res.statusCode).toBe(303);
    const entry = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('source', '=', 'manual')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ period: 1, entry_date: '2017-04-30', decision_reference: 'JCB 2017/05' });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('after')
      .where('entity_type', '=', 'journal_entry')
      .where('entity_id', '=', String(entry.id))
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ source: 'manual', postings: 2 });
    const tb = await finance.get(`${base}/trial-balance`);
    expect(tb.body).toContain('The journal balances:');
    expect(tb.body).toMatch(/id="total-debits">£([\d,.]+)<\/td>\s*<td[^>]*id="total-credits">£\1</);
    expect(tb.body).toContain('id="total-balance">£0.00');
    const account = await finance.get(`${base}/accounts/RESERVE`);
    expect(account.body).toContain('id="account-balance">£100.00');
  });

  it('closes periods in order, and posts a late item in the first open period, saying so', async () => {
    const outOfOrder = await finance.post(`${base}/periods/2/close`, {});
    expect(outOfOrder.statusCode).toBe(400);
    expect(outOfOrder.body).toContain('Close P1 first: periods close in order');
    expect((await finance.post(`${base}/periods/1/close`, {})).statusCode).toBe(303);
    const periods = await finance.get(`${base}/periods`);
    expect(periods.body).toMatch(/id="P1">[\s\S]*?Closed[\s\S]*?id="P2">[\s\S]*?Open[\s\S]*?Close P2/);
    const late = await importFile('april-late.csv', [
      `CC-${host},5100,2017-04-28,50.00,Late invoice,Care Ltd,INV-3`,
    ]);
    expect(late.entries).toEqual([expect.objectContaining({ period: 2 })]);
    const page = await finance.get(`${base}/journal/entries/${late.entries[0]!.entryId}`);
    expect(page.body).toContain('Dated P1, posted in P2 because P1 was closed.');
    const list = await finance.get(`${base}/journal?period=2`);
    expect(list.body).toContain('(dated P1; late)');
  });

  it('raises the contribution instalments from the journal page', async () => {
    const res = await finance.post(`${base}/contributions/instalments`, {});
    expect(res.statusCode).toBe(303);
    // P1 is closed, so the first instalment lands in P2
    const rows = await t.db
      .selectFrom('journal_entries')
      .select('period')
      .where('fund_id', '=', fundId)
      .where('source', '=', 'contribution')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.period)).toEqual([2, 4, 7, 10]);
    const tb = await finance.get(`${base}/trial-balance`);
    expect(tb.body).toContain(`DEB-${host}`);
    expect(tb.body).toContain('id="total-balance">£0.00');
  });

  it('records a contribution received into the host, and refuses a bad date or a reference used before', async () => {
    const form = {
      organisationId: String(host),
      amount: '3,000.00',
      'receivedOn-day': '20',
      'receivedOn-month': '7',
      'receivedOn-year': '2017',
      reference: 'BACS-77',
    };
    const bad = await finance.post(`${base}/contributions/receipts`, { ...form, 'receivedOn-year': '2019' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The date received must be in 2017-18');
    expect(bad.body).toContain('value="3,000.00"');
    const res = await finance.post(`${base}/contributions/receipts`, form);
    expect(res.statusCode).toBe(303);
    const entry = await finance.get(res.headers.location!);
    expect(entry.body).toContain('Contribution received from');
    expect(entry.body).toContain('BACS-77');
    const again = await finance.post(`${base}/contributions/receipts`, form);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Reference BACS-77 was recorded before for this partner');
    const tb = await finance.get(`${base}/trial-balance`);
    expect(tb.body).toMatch(/>HOST<\/a><\/th>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>£3,000.00</);
  });
});
