/**
 * PDFs for tests: a small PDF of a given number of pages, and the text drawn on each page of a PDF read back with
 * pdf-lib (the strings of its text-showing operators, decoded from WinAnsi), so that a test can check what a
 * reader would see, such as "Page 3 of 7".
 */
import { PDFArray, PDFDocument, PDFRawStream, StandardFonts, decodePDFRawStream } from 'pdf-lib';

/** A PDF of `pages` A4 pages, each saying "<title>, page n". */
export async function makePdf(title: string, pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++)
    doc.addPage([595.28, 841.89]).drawText(`${title}, page ${n}`, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

const WIN_ANSI_EXTRAS: Record<number, string> = {
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
};

const decodeHex = (hex: string) =>
  (hex.match(/[0-9A-Fa-f]{2}/g) ?? [])
    .map((h) => {
      const code = parseInt(h, 16);
      return WIN_ANSI_EXTRAS[code] ?? String.fromCharCode(code);
    })
    .join('');

/** The text shown on each page, one string per page with its pieces joined by newlines. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => doc.context.lookup(ref))
        : contents
          ? [contents]
          : [];
    const pieces: string[] = [];
    for (const s of streams) {
      if (!(s instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
      for (const m of text.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:[^()\\]|\\.)*)\)\s*Tj/g))
        pieces.push(m[1] !== undefined ? decodeHex(m[1]) : (m[2] ?? ''));
    }
    return pieces.join('\n');
  });
}
