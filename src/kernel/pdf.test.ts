import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { encodable, PdfWriter, stampPageNumbers, wrapText } from './pdf.js';
import { pdfPageTexts } from '../../test/support/pdfs.js';

describe('the PDF helpers', () => {
  it('wraps text at spaces to the width, keeping line breaks', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const lines = wrapText(
      'The pooled budget of at least £105m\nunder the section 75 agreement',
      font,
      11,
      120,
    );
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(120);
    expect(lines.join(' ').replace(/ +/g, ' ')).toBe(
      'The pooled budget of at least £105m under the section 75 agreement',
    );
  });

  it('cuts a word longer than the line rather than overflowing', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const lines = wrapText('x'.repeat(200), font, 11, 100);
    expect(lines.join('')).toBe('x'.repeat(200));
    for (const line of lines) expect(font.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(100);
  });

  it('replaces characters the standard fonts cannot draw', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    expect(encodable(font, 'Cabinet’s “decision” – £5 ✓ → next')).toBe('Cabinet’s “decision” – £5 ? -> next');
  });

  it('breaks onto new pages and numbers every page "Page N of M"', async () => {
    const w = await PdfWriter.create();
    for (let i = 1; i <= 120; i++) w.text(`Paragraph ${i} of the reasons for the decision.`);
    await stampPageNumbers(w.doc, 'Decision notice');
    const texts = await pdfPageTexts(await w.doc.save());
    expect(texts.length).toBeGreaterThanOrEqual(3);
    texts.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${texts.length}`));
    expect(texts.join('\n')).toContain('Paragraph 120 of the reasons');
  });
});
