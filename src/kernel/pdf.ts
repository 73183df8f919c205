/**
 * Small helpers for the PDFs Concordat prints (agenda packs, decision notices, statements, reports), over pdf-lib:
 * text wrapped to a width, a page break when the text reaches the bottom margin, and "Page N of M" in the footer
 * of every page. Text is drawn in the standard Helvetica fonts, so nothing is embedded; a character those fonts
 * cannot encode (WinAnsi) is replaced rather than failing the document.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** A4 in points. */
export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;
const FOOTER_Y = 28;

const characterSets = new WeakMap<PDFFont, Set<number>>();

/** The text with each character the font cannot encode replaced: typographic dashes and quotes are kept. */
export function encodable(font: PDFFont, text: string): string {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  const known = set;
  return Array.from(text.replace(/\u00A0/g, ' '))
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return known.has(code) ? c : code === 0x2192 ? '->' : '?';
    })
    .join('');
}

/**
 * Breaks text into lines no wider than `width` at `size`: at spaces where it can, within a word only when one word
 * is wider than the line. Line breaks in the text are kept; an empty paragraph is an empty line.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/).map((p) => encodable(font, p.replace(/\t/g, ' ')))) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // a word wider than the line is cut where it reaches the edge
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  /** Indent from the left margin, in points. */
  indent?: number;
  /** Space after the block, in points. */
  after?: number;
  /** Width of the column, in points (the page's width between the margins by default). */
  width?: number;
}

/**
 * A document written from the top down: each call draws below the last and starts a new page when the next line
 * would cross the bottom margin.
 */
export class PdfWriter {
  page!: PDFPage;
  y = 0;
  private pageStartHook: ((w: PdfWriter) => void) | null = null;

  private constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {}

  /** A new document (or pages added to `doc`) with Helvetica and Helvetica Bold, and its first page. */
  static async create(doc?: PDFDocument): Promise<PdfWriter> {
    const d = doc ?? (await PDFDocument.create());
    const w = new PdfWriter(
      d,
      await d.embedFont(StandardFonts.Helvetica),
      await d.embedFont(StandardFonts.HelveticaBold),
    );
    w.newPage();
    return w;
  }

  /** Runs on each new page after this call (a running header, say). */
  onPageStart(hook: (w: PdfWriter) => void): void {
    this.pageStartHook = hook;
  }

  get contentWidth(): number {
    return A4[0] - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    this.pageStartHook?.(this);
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensureSpace(height: number): void {
    if (this.y - height < MARGIN + 12) this.newPage();
  }

  /** Draws wrapped text; returns the page on which its first line fell and that line's baseline. */
  text(text: string, o: TextOptions = {}): { page: PDFPage; baseline: number } {
    const size = o.size ?? 11;
    const font = o.bold ? this.bold : this.regular;
    const indent = o.indent ?? 0;
    const leading = size * 1.35;
    const lines = wrapText(text, font, size, (o.width ?? this.contentWidth) - indent);
    let first: { page: PDFPage; baseline: number } | null = null;
    for (const line of lines) {
      this.ensureSpace(leading);
      this.y -= leading;
      const baseline = this.y + size * 0.25;
      first ??= { page: this.page, baseline };
      if (line) this.page.drawText(line, { x: MARGIN + indent, y: baseline, size, font });
    }
    this.y -= o.after ?? 4;
    return first ?? { page: this.page, baseline: this.y };
  }

  heading(text: string, size = 16): void {
    this.ensureSpace(size * 3);
    this.text(text, { size, bold: true, after: size * 0.5 });
  }

  /** A label in bold and its value beneath, as in a summary list. */
  field(label: string, value: string): void {
    this.ensureSpace(40);
    this.text(label, { bold: true, size: 10, after: 1 });
    this.text(value || 'None', { size: 11, after: 8 });
  }

  /** Text at the left with a short text (a page number) at the right margin, level with its first line. */
  row(text: string, right: string, o: TextOptions = {}): void {
    const size = o.size ?? 11;
    const font = o.bold ? this.bold : this.regular;
    const { page, baseline } = this.text(text, { ...o, width: this.contentWidth - 60 });
    const label = encodable(font, right);
    page.drawText(label, {
      x: A4[0] - MARGIN - font.widthOfTextAtSize(label, size),
      y: baseline,
      size,
      font,
    });
  }

  space(points: number): void {
    this.y -= points;
  }
}

/** Draws text centred near the top of a page, in red bold: "Not for publication". */
export function stampHeader(page: PDFPage, font: PDFFont, text: string, size = 10): void {
  const label = encodable(font, text);
  const { width, height } = page.getSize();
  page.drawText(label, {
    x: (width - font.widthOfTextAtSize(label, size)) / 2,
    y: height - 20,
    size,
    font,
    color: rgb(0.83, 0.22, 0.17),
  });
}

/**
 * Writes "Page N of M" at the foot of every page of the document, at the right margin, with an optional label
 * (the document's name) at the left, shortened to leave room for the number.
 */
export async function stampPageNumbers(doc: PDFDocument, left = ''): Promise<void> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = doc.getPages();
  const size = 9;
  pages.forEach((page, index) => {
    const { width } = page.getSize();
    const label = `Page ${index + 1} of ${pages.length}`;
    const w = font.widthOfTextAtSize(label, size);
    const x = width - MARGIN - w;
    // a white band behind the number, so that it reads over a merged page's own footer
    page.drawRectangle({ x: x - 4, y: FOOTER_Y - 4, width: w + 8, height: size + 6, color: rgb(1, 1, 1) });
    page.drawText(label, { x, y: FOOTER_Y, size, font });
    if (!left) return;
    let text = encodable(font, left);
    const room = x - MARGIN - 16;
    while (text.length > 1 && font.widthOfTextAtSize(text, 8) > room) text = `${text.slice(0, -2)}…`;
    page.drawText(text, { x: MARGIN, y: FOOTER_Y, size: 8, font, color: rgb(0.3, 0.3, 0.3) });
  });
}

/** Sets the document's title, language and producer, for screen readers and the file's properties. */
export function describeDocument(doc: PDFDocument, title: string): void {
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setLanguage('en-GB');
  doc.setProducer('Concordat');
  doc.setCreator('Concordat');
}
