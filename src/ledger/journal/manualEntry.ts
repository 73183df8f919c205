/**
 * A manual journal entry as a finance officer types it: lines of account, debit or credit in pounds and pence.
 * Pure rules, no I/O: every problem is keyed by the field it concerns, and an entry is only accepted when its
 * debits equal its credits (double entry: DESIGN.md, "Data"; the database checks the balance again at commit).
 */
import { formatPounds, parsePounds, pence, sumPence, type Pence } from '../../kernel/money.js';
import { financialYearBounds, financialYearLabel, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { AccountKind } from '../funds/index.js';

/** How many lines the form offers (it works without JavaScript, so the rows are there from the start). */
export const MANUAL_ENTRY_LINES = 6;

export interface ManualLineInput {
  account: string;
  partner: string;
  debit: string;
  credit: string;
}

export interface ManualEntryInput {
  description: string;
  decisionReference: string;
  /** The entry date, already read from the date input, or the problem with it. */
  entryDate: { value: string | null; problem?: string };
  lines: readonly ManualLineInput[];
}

export interface ChartAccount {
  code: string;
  name: string;
  kind: AccountKind;
  organisationId: number | null;
  schemeId: number | null;
}

export interface ManualPosting {
  accountCode: string;
  amountPence: Pence;
  organisationId: number | null;
  schemeId: number | null;
}

export type ManualEntryOutcome =
  | {
      ok: true;
      description: string;
      decisionReference: string | null;
      entryDate: IsoDate;
      postings: ManualPosting[];
    }
  | { ok: false; problems: FieldProblems };

const blank = (l: ManualLineInput) => !l.account && !l.debit && !l.credit && !l.partner;

/**
 * Reads a manual entry against the fund's chart of accounts and partners. Blank lines are ignored; each other
 * line needs an account and either a debit or a credit (not both); an expenditure line names the partner whose
 * spend it is (so that the monitoring report can attribute it); at least two lines; debits equal credits.
 */
export function readManualEntry(
  input: ManualEntryInput,
  accounts: readonly ChartAccount[],
  partnerIds: readonly number[],
  financialYear: number,
): ManualEntryOutcome {
  const problems: FieldProblems = {};
  const description = input.description.trim();
  if (!description) problems.description = 'Enter a description of the adjustment';
  else if (description.length > 500) problems.description = 'Description must be 500 characters or fewer';
  const decisionReference = input.decisionReference.trim();
  if (decisionReference.length > 200)
    problems.decisionReference = 'Decision reference must be 200 characters or fewer';

  const { startsOn, endsOn } = financialYearBounds(financialYear);
  if (input.entryDate.problem) problems.entryDate = input.entryDate.problem;
  else if (!input.entryDate.value) problems.entryDate = 'Enter the date of the entry';
  else if (input.entryDate.value < startsOn || input.entryDate.value > endsOn)
    problems.entryDate = `Date of the entry must be in ${financialYearLabel(financialYear)} (1 April ${financialYear} to 31 March ${financialYear + 1})`;

  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const postings: ManualPosting[] = [];
  input.lines.forEach((line, i) => {
    const n = i + 1;
    if (blank(line)) return;
    const account = byCode.get(line.account);
    if (!line.account) problems[`account-${n}`] = `Select the account for line ${n}`;
    else if (!account) problems[`account-${n}`] = `Line ${n}: select an account of this fund`;
    let organisationId = account?.organisationId ?? null;
    if (account && account.kind === 'expenditure') {
      const partner = Number(line.partner);
      if (!line.partner) problems[`partner-${n}`] = `Line ${n}: select the partner whose spend this is`;
      else if (!partnerIds.includes(partner)) problems[`partner-${n}`] = `Line ${n}: select a partner`;
      else organisationId = partner;
    }
    const hasDebit = line.debit !== '';
    const hasCredit = line.credit !== '';
    if (hasDebit && hasCredit) {
      problems[`debit-${n}`] = `Line ${n}: enter a debit or a credit, not both`;
      return;
    }
    if (!hasDebit && !hasCredit) {
      problems[`debit-${n}`] = `Line ${n}: enter a debit or a credit in pounds and pence, like 1234.56`;
      return;
    }
    const field = hasDebit ? `debit-${n}` : `credit-${n}`;
    const side = hasDebit ? 'Debit' : 'Credit';
    const parsed = parsePounds(hasDebit ? line.debit : line.credit);
    if (!parsed.ok) {
      problems[field] = `Line ${n}: ${parsed.error}`;
      return;
    }
    if (parsed.value <= 0) {
      problems[field] = `Line ${n}: ${side} must be more than £0.00 (a credit goes in the credit column)`;
      return;
    }
    if (account)
      postings.push({
        accountCode: account.code,
        // debits are positive, credits negative (the journal's sign convention)
        amountPence: hasDebit ? parsed.value : pence(0 - parsed.value),
        organisationId,
        schemeId: account.schemeId,
      });
  });

  const lineCount = input.lines.filter((l) => !blank(l)).length;
  if (lineCount < 2) problems.lines = 'Enter at least two lines: a debit and a credit';
  else if (Object.keys(problems).length === 0) {
    const debits = sumPence(postings.filter((p) => p.amountPence > 0).map((p) => p.amountPence));
    const credits = sumPence(postings.filter((p) => p.amountPence < 0).map((p) => 0 - p.amountPence));
    if (debits !== credits)
      problems.lines = `Debits total ${formatPounds(debits)} and credits total ${formatPounds(credits)}: they must be equal (a difference of ${formatPounds(Math.abs(debits - credits))})`;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    description,
    decisionReference: decisionReference || null,
    entryDate: input.entryDate.value as IsoDate,
    postings,
  };
}
