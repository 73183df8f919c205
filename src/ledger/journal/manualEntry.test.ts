import { describe, expect, it } from 'vitest';
import { readManualEntry, type ChartAccount, type ManualLineInput } from './manualEntry.js';

const ACCOUNTS: ChartAccount[] = [
  { code: 'HOST', name: 'Host balance', kind: 'host_balance', organisationId: 1, schemeId: null },
  { code: 'RESERVE', name: 'Risk reserve', kind: 'reserve', organisationId: null, schemeId: null },
  { code: 'DEB-2', name: 'Due from partner 2', kind: 'debtor', organisationId: 2, schemeId: null },
  { code: 'EXP-SC01', name: 'Expenditure: nursing', kind: 'expenditure', organisationId: null, schemeId: 7 },
];
const line = (account: string, debit = '', credit = '', partner = ''): ManualLineInput => ({
  account,
  debit,
  credit,
  partner,
});
const empty = line('');
const read = (lines: ManualLineInput[], date = '2017-09-30') =>
  readManualEntry(
    { description: 'Recode a misposted invoice', decisionReference: '', entryDate: { value: date }, lines },
    ACCOUNTS,
    [1, 2],
    2017,
  );

describe('a manual journal entry', () => {
  it('accepts two lines that balance, debits positive and credits negative, ignoring blank lines', () => {
    const out = read([line('EXP-SC01', '1,234.56', '', '2'), empty, line('RESERVE', '', '1234.56'), empty]);
    expect(out).toEqual({
      ok: true,
      description: 'Recode a misposted invoice',
      decisionReference: null,
      entryDate: '2017-09-30',
      postings: [
        { accountCode: 'EXP-SC01', amountPence: 123_456, organisationId: 2, schemeId: 7 },
        { accountCode: 'RESERVE', amountPence: -123_456, organisationId: null, schemeId: null },
      ],
    });
  });

  it('refuses debits that do not equal credits, saying both totals and the difference', () => {
    const out = read([line('HOST', '100.00'), line('DEB-2', '', '99.99')]);
    expect(out).toEqual({
      ok: false,
      problems: {
        lines: 'Debits total £100.00 and credits total £99.99: they must be equal (a difference of £0.01)',
      },
    });
  });

  it('needs at least two lines', () => {
    expect(read([line('HOST', '5')])).toMatchObject({
      ok: false,
      problems: { lines: 'Enter at least two lines: a debit and a credit' },
    });
  });

  it('names the line and field of each problem', () => {
    const out = read([
      line('HOST', '5', '5'),
      line('NOPE', '', '5'),
      line('DEB-2'),
      line('EXP-SC01', '12.345'),
    ]);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toMatchObject({
      'debit-1': 'Line 1: enter a debit or a credit, not both',
      'account-2': 'Line 2: select an account of this fund',
      'debit-3': 'Line 3: enter a debit or a credit in pounds and pence, like 1234.56',
      'partner-4': 'Line 4: select the partner whose spend this is',
      'debit-4': 'Line 4: "12.345" is not an amount in pounds and pence; write it like 1234.56',
    });
  });

  it('refuses a zero or negative amount, and a date outside the fund’s year', () => {
    const out = read([line('HOST', '0'), line('DEB-2', '', '-3')], '2018-04-01');
    expect(out).toMatchObject({
      ok: false,
      problems: {
        entryDate: 'Date of the entry must be in 2017-18 (1 April 2017 to 31 March 2018)',
        'debit-1': 'Line 1: Debit must be more than £0.00 (a credit goes in the credit column)',
        'credit-2': 'Line 2: Credit must be more than £0.00 (a credit goes in the credit column)',
      },
    });
  });

  it('asks for a description and a date', () => {
    const out = readManualEntry(
      {
        description: ' ',
        decisionReference: '',
        entryDate: { value: null },
        lines: [line('HOST', '1'), line('DEB-2', '', '1')],
      },
      ACCOUNTS,
      [1, 2],
      2017,
    );
    expect(out).toEqual({
      ok: false,
      problems: {
        description: 'Enter a description of the adjustment',
        entryDate: 'Enter the date of the entry',
      },
    });
  });
});
