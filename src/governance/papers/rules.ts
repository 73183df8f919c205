/**
 * The rules of meeting papers, without I/O: the kinds of paper and how long each stays open to inspection, which
 * files are accepted (by their contents, not only their names), and how a paper is described and named when it is
 * served.
 */
import { isoDate, type IsoDate } from '../../kernel/dates.js';

export const PAPER_KINDS = {
  report: 'Report',
  appendix: 'Appendix',
  background_paper: 'Background paper',
  minutes: 'Minutes',
} as const;
export type PaperKind = keyof typeof PAPER_KINDS;
export const isPaperKind = (k: string): k is PaperKind => Object.hasOwn(PAPER_KINDS, k);

/** Order of kinds within an item's papers in the agenda pack: the report, then its appendices, then the rest. */
export const PAPER_KIND_ORDER: readonly PaperKind[] = ['minutes', 'report', 'appendix', 'background_paper'];

/**
 * Years a paper stays open to inspection, counted from the date of the meeting. LGA 1972 s100C: the minutes, the
 * agenda and the reports for the public part of a meeting are kept for six years beginning with the date of the
 * meeting (an appendix is part of its report); s100D(2): the background papers of a report for four years
 * (DOMAIN.md §5, "Retention").
 */
export const RETENTION_YEARS: Record<PaperKind, number> = {
  minutes: 6,
  report: 6,
  appendix: 6,
  background_paper: 4,
};

/**
 * The last day a paper must be kept: the day before the anniversary of the meeting `years` later (a period of
 * years "beginning with" the meeting's date includes that date). The anniversary of 29 February in a common year
 * is 1 March, so the period ends on 28 February.
 */
export function retainUntil(kind: PaperKind, meetsOn: IsoDate): IsoDate {
  const [y, m, d] = meetsOn.split('-').map(Number) as [number, number, number];
  // Date.UTC rolls 29 February of a common year over to 1 March
  const anniversary = new Date(Date.UTC(y + RETENTION_YEARS[kind], m - 1, d));
  anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return isoDate(anniversary.toISOString().slice(0, 10));
}

/** True when a paper's retention period has run out by `today`: it may be reviewed for disposal. */
export const pastRetention = (kind: PaperKind, meetsOn: IsoDate, today: IsoDate): boolean =>
  today > retainUntil(kind, meetsOn);

/** The files we accept, by content type, with the short name shown beside a link and the extensions they carry. */
export const PAPER_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'XLSX',
    extensions: ['xlsx'],
  },
  'application/vnd.oasis.opendocument.text': { label: 'ODT', extensions: ['odt'] },
  'text/plain; charset=utf-8': { label: 'Text', extensions: ['txt', 'text'] },
} as const;
export type PaperContentType = keyof typeof PAPER_TYPES;

/** The largest paper accepted: the server's upload limit, 20 MiB. */
export const MAX_PAPER_BYTES = 20 * 1024 * 1024;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ODT_MIMETYPE = 'mimetypeapplication/vnd.oasis.opendocument.text';

/** Plain text: valid UTF-8 with no control characters other than tab, line feed, form feed and carriage return. */
function isPlainText(content: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

const extensionOf = (filename: string) => /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';

/**
 * What a file is, read from its first bytes (its "magic"): `%PDF-` for a PDF; a ZIP archive holding
 * `word/document.xml` (DOCX), `xl/workbook.xml` (XLSX) or first the `mimetype` entry of an OpenDocument text (ODT).
 * Text has no signature, so it is accepted only under a `.txt` name and when its bytes are UTF-8 text.
 */
export function sniffPaperType(content: Buffer, filename: string): PaperContentType | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.subarray(0, 4).equals(ZIP_MAGIC)) {
    // the ODF specification puts an uncompressed "mimetype" entry first in the archive
    if (content.subarray(30, 30 + ODT_MIMETYPE.length).toString('latin1') === ODT_MIMETYPE)
      return 'application/vnd.oasis.opendocument.text';
    if (content.includes('word/document.xml'))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (content.includes('xl/workbook.xml'))
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return null;
  }
  if (['txt', 'text'].includes(extensionOf(filename)) && isPlainText(content))
    return 'text/plain; charset=utf-8';
  return null;
}

export type UploadCheck = { ok: true; contentType: PaperContentType } | { ok: false; problem: string };

/** Checks an uploaded file: present, within the limit, of an accepted type, and named as what it is. */
export function checkUpload(content: Buffer, filename: string): UploadCheck {
  if (content.length === 0) return { ok: false, problem: 'Select a file to upload' };
  if (content.length > MAX_PAPER_BYTES)
    return { ok: false, problem: 'The selected file must be smaller than 20MB' };
  const type = sniffPaperType(content, filename);
  if (type === null)
    return {
      ok: false,
      problem:
        'The selected file must be a PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) or text file',
    };
  const ext = extensionOf(filename);
  const known = Object.values(PAPER_TYPES).some((t) => (t.extensions as readonly string[]).includes(ext));
  if (known && !(PAPER_TYPES[type].extensions as readonly string[]).includes(ext))
    return {
      ok: false,
      problem: `The selected file is a ${PAPER_TYPES[type].label} file but its name ends .${ext}: rename it or choose the right file`,
    };
  return { ok: true, contentType: type };
}

/** A file name safe to store and show: no path, no control characters, at most 200 characters. */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001F\u007F"]/g, '').trim();
  return clean.slice(-200) || 'paper';
}

/** "245 KB", "1.2 MB", "900 bytes": the size shown beside a link (1 KB = 1,024 bytes). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "PDF, 245 KB": the type and size shown beside a paper's link (GOV.UK attachment pattern). */
export const describeFile = (contentType: PaperContentType, bytes: number): string =>
  `${PAPER_TYPES[contentType].label}, ${formatFileSize(bytes)}`;
