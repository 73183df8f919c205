/** A settlement's working as CSV, for the finance officers' files: the figures, each partner's balance, the
 * transfers and the journal entries. */
import { csvLines } from '../../kernel/csv.js';
import { toDecimalString } from '../../kernel/money.js';
import type { SettlementRow } from './store.js';
import type { SettlementWorking } from './working.js';

/** Pounds as a number, not text: the CSV writer guards text that starts with a minus as a possible formula. */
const money = (p: number) => Number(toDecimalString(p));

export function settlementCsv(fundName: string, s: SettlementRow): string {
  const w = s.working as SettlementWorking;
  return csvLines([
    [`${fundName}: year-end settlement ${String(s.id)} (${s.status})`],
    ['Contributions (£)', money(w.contributionsPence)],
    ['Spend (£)', money(w.spendPence)],
    ['Variance (£)', money(w.variancePence)],
    ['Risk reserve drawn (£)', money(w.riskShare.reserveDrawnPence)],
    ['Unallocated (£)', money(w.riskShare.unallocatedPence)],
    [],
    ['Step', 'Working'],
    ...w.riskShare.steps.flatMap((st) => st.explanation.map((e) => [`${String(st.number)}. ${st.title}`, e])),
    [],
    [
      'Partner',
      'Contribution (£)',
      'Share of the variance (£)',
      'Bears for the year (£)',
      'Spend incurred (£)',
      'Balance (£)',
    ],
    ...w.partners.map((p) => [
      p.name,
      money(p.contributionDuePence),
      money(p.sharePence),
      money(p.bearsPence),
      money(p.spendIncurredPence),
      money(p.positionPence),
    ]),
    [],
    ['Transfers'],
    ...w.transfers.map((t) => [t.text]),
    ...w.notes.map((n) => [n]),
    [],
    ['Entry', 'Account', 'Description', 'Amount (£, debit positive)'],
    ...w.entries.flatMap((e, i) =>
      e.lines.map((l) => [
        s.postedEntryIds[i] ?? e.description,
        l.accountCode,
        l.description,
        money(l.amountPence),
      ]),
    ),
  ]);
}
