/**
 * The contracts a council publishes under the Local Government Transparency Code 2015 (DOMAIN.md §10): every
 * contract over £5,000, with reference, title, department, description, supplier name and details, value over the
 * life of the contract, irrecoverable VAT, start, end and review dates, whether it followed an invitation to quote
 * or a published invitation to tender, whether the supplier is an SME or a voluntary or community organisation,
 * and its registration number. Pure: contracts in, CSV rows out.
 */
import { toDecimalString, type Pence } from '../../kernel/money.js';
import { totalValuePence, type ProcurementRoute, type ValueLine } from './rules.js';
import type { IsoDate } from '../../kernel/dates.js';

/** The Code's threshold: contracts whose value exceeds £5,000 are published; £5,000.00 or less is not. */
export const TRANSPARENCY_THRESHOLD_PENCE = 5_000_00;

/** The columns, in the Code's order. */
export const TRANSPARENCY_COLUMNS = [
  'Reference',
  'Title',
  'Department',
  'Description',
  'Supplier name',
  'Supplier registration number',
  'Value over the life of the contract (£)',
  'Irrecoverable VAT (£)',
  'Start date',
  'End date',
  'Review date',
  'Invitation to quote or published tender',
  'SME',
  'VCSE',
] as const;

export interface TransparencyContract {
  reference: string;
  title: string;
  department: string;
  description: string;
  provider: {
    name: string;
    companiesHouseNumber: string | null;
    charityNumber: string | null;
    sme: boolean;
    vcse: boolean;
  };
  valueLines: readonly ValueLine[];
  irrecoverableVatPence: Pence;
  startsOn: IsoDate;
  /** The end date with exercised extensions. */
  endDate: IsoDate;
  reviewOn: IsoDate | null;
  procurementRoute: ProcurementRoute;
}

const ROUTE: Record<ProcurementRoute, string> = {
  invitation_to_quote: 'Invitation to quote',
  published_tender: 'Published invitation to tender',
  direct_award: 'Neither (direct award)',
};

/** `Companies House 01234567; Charity 1012345`: the registers the supplier is on, or empty. */
export function registrationNumbers(p: TransparencyContract['provider']): string {
  return [
    p.companiesHouseNumber ? `Companies House ${p.companiesHouseNumber}` : null,
    p.charityNumber ? `Charity ${p.charityNumber}` : null,
  ]
    .filter((x) => x !== null)
    .join('; ');
}

/** The rows of the published file: contracts over the threshold, in reference order, header first. */
export function transparencyRows(contracts: readonly TransparencyContract[]): string[][] {
  const published = contracts
    .map((c) => ({ c, value: totalValuePence(c.valueLines) }))
    .filter(({ value }) => value > TRANSPARENCY_THRESHOLD_PENCE)
    .sort((a, b) => a.c.reference.localeCompare(b.c.reference));
  return [
    [...TRANSPARENCY_COLUMNS],
    ...published.map(({ c, value }) => [
      c.reference,
      c.title,
      c.department,
      c.description,
      c.provider.name,
      registrationNumbers(c.provider),
      toDecimalString(value),
      toDecimalString(c.irrecoverableVatPence),
      c.startsOn,
      c.endDate,
      c.reviewOn ?? '',
      ROUTE[c.procurementRoute],
      c.provider.sme ? 'Yes' : 'No',
      c.provider.vcse ? 'Yes' : 'No',
    ]),
  ];
}
