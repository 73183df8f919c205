import { describe, expect, it } from 'vitest';
import { isoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import { csvLines } from '../../kernel/csv.js';
import { TRANSPARENCY_COLUMNS, transparencyRows, type TransparencyContract } from './transparency.js';

const contract = (reference: string, valuePence: number, more: Partial<TransparencyContract> = {}) => ({
  reference,
  title: `Contract ${reference}`,
  department: 'Integrated Commissioning Unit',
  description: 'Home care, north of the city',
  provider: {
    name: 'Care Co Ltd',
    companiesHouseNumber: '01234567',
    charityNumber: null,
    sme: true,
    vcse: false,
  },
  valueLines: [
    {
      financialYear: 2026,
      organisationId: 1,
      arrangement: 'pooled' as const,
      amountPence: pence(valuePence),
    },
  ],
  irrecoverableVatPence: pence(0),
  startsOn: isoDate('2026-04-01'),
  endDate: isoDate('2029-03-31'),
  reviewOn: isoDate('2028-03-31'),
  procurementRoute: 'published_tender' as const,
  ...more,
});

describe('the Transparency Code contracts file', () => {
  it('has exactly the Code’s columns, in order', () => {
    expect(transparencyRows([])).toEqual([[...TRANSPARENCY_COLUMNS]]);
    expect(csvLines(transparencyRows([])).trim()).toBe(
      'Reference,Title,Department,Description,Supplier name,Supplier registration number,' +
        'Value over the life of the contract (£),Irrecoverable VAT (£),Start date,End date,Review date,' +
        'Invitation to quote or published tender,SME,VCSE',
    );
  });

  it('leaves out contracts of £5,000.00 or less, and keeps one a penny over', () => {
    const rows = transparencyRows([
      contract('C-AT', 5_000_00),
      contract('C-UNDER', 4_999_99),
      contract('C-OVER', 5_000_01),
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['C-OVER']);
    expect(rows[1]?.[6]).toBe('5000.01');
  });

  it('writes each field as the Code asks', () => {
    const [, row] = transparencyRows([
      contract('C-1', 123_456_78, {
        provider: {
          name: 'Age Well',
          companiesHouseNumber: null,
          charityNumber: '1012345',
          sme: true,
          vcse: true,
        },
        irrecoverableVatPence: pence(1_234_00),
        procurementRoute: 'invitation_to_quote',
        reviewOn: null,
      }),
    ]);
    expect(row).toEqual([
      'C-1',
      'Contract C-1',
      'Integrated Commissioning Unit',
      'Home care, north of the city',
      'Age Well',
      'Charity 1012345',
      '123456.78',
      '1234.00',
      '2026-04-01',
      '2029-03-31',
      '',
      'Invitation to quote',
      'Yes',
      'Yes',
    ]);
  });
});
