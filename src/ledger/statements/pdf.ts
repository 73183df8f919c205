/**
 * A partner's quarterly statement as a PDF (DOMAIN.md §4: the pooled fund manager reports to each partner at least
 * quarterly), with the same figures as the statement page and its CSV: contributions and spend for the quarter and
 * the year to date, contributions less spend incurred, the annual contribution, and the forecast share of the
 * pool's under- or overspend with its working. Every amount is formatted from integer pence, so it is exact to the
 * penny; "Page N of M" is at the foot of every page.
 */
import { formatPounds } from '../../kernel/money.js';
import { A4, describeDocument, encodable, MARGIN, PdfWriter, stampPageNumbers } from '../../kernel/pdf.js';
import type { PartnerStatement } from './rules.js';

const COLUMN = 110;

/** A line of the table: its label wrapped at the left, and up to two amounts right-aligned in their columns. */
function amountRow(w: PdfWriter, label: string, amounts: (string | null)[], bold = false): void {
  const size = 10;
  const font = bold ? w.bold : w.regular;
  const { page, baseline } = w.text(label, {
    size,
    bold,
    width: w.contentWidth - COLUMN * amounts.length,
    after: 5,
  });
  amounts.forEach((amount, i) => {
    if (amount === null) return;
    const text = encodable(font, amount);
    const right = A4[0] - MARGIN - COLUMN * (amounts.length - 1 - i);
    page.drawText(text, { x: right - font.widthOfTextAtSize(text, size), y: baseline, size, font });
  });
}

export interface StatementPdfFacts {
  fundName: string;
  yearLabel: string;
  statement: PartnerStatement;
  policyRecorded: boolean;
}

export async function renderStatementPdf(f: StatementPdfFacts): Promise<Uint8Array> {
  const s = f.statement;
  const title = `${s.partner.name}: statement for ${s.label}`;
  const w = await PdfWriter.create();
  w.text(`${f.fundName}, ${f.yearLabel}`, { size: 12, after: 4 });
  w.heading(title, 16);
  w.heading('Contributions and spend', 12);
  amountRow(
    w,
    'Line',
    [`Quarter P${s.periods[0]}-P${s.periods[2]}`, `Year to date P1-P${s.periods[2]}`],
    true,
  );
  for (const r of s.rows)
    amountRow(w, r.label, [formatPounds(r.quarterPence), formatPounds(r.yearToDatePence)]);
  amountRow(
    w,
    'Contributions less spend incurred, year to date',
    [null, formatPounds(s.netYearToDatePence)],
    true,
  );
  amountRow(w, 'Annual contribution', [null, formatPounds(s.annualContributionPence)]);
  w.space(4);
  w.text(
    `${
      s.contributionBasis === 'journal'
        ? 'Contributions are those posted to the pool’s journal.'
        : `Contributions are the agreed annual contribution of ${formatPounds(s.annualContributionPence)} in four quarterly instalments, with any variation spread over the quarters from the one in which it takes effect.`
    } Spend on the schemes the partner commissions counts every partner’s spend on them; it overlaps the spend the partner incurred.`,
    { size: 9, after: 12 },
  );
  w.heading('Forecast share of the under- or overspend', 12);
  w.text(`Forecast outturn of the pool as at P${s.forecast.asAtPeriod} (by profile)`, { size: 10, after: 6 });
  amountRow(w, 'Forecast spend of the pool', [formatPounds(s.forecast.forecastSpendPence)]);
  amountRow(w, 'Forecast variance (positive is an overspend)', [formatPounds(s.forecast.variancePence)]);
  amountRow(w, `Forecast share of ${s.partner.name}`, [formatPounds(s.forecast.sharePence)], true);
  w.space(4);
  w.text(s.forecast.text, { size: 10, after: 8 });
  if (!f.policyRecorded)
    w.text(
      'No risk-share policy is recorded for this fund: the forecast share assumes shares in proportion to contributions.',
      { size: 10, after: 8 },
    );
  w.heading('How the forecast share is worked out', 12);
  for (const st of s.forecast.steps) {
    w.text(`${st.title}${st.applied ? '' : ' (does not apply)'}`, { size: 10, bold: true, after: 2 });
    for (const line of st.explanation) w.text(line, { size: 9, after: 2 });
    w.space(4);
  }
  describeDocument(w.doc, title);
  await stampPageNumbers(w.doc, `${f.fundName}: ${title}`);
  return w.doc.save();
}
