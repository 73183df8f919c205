/**
 * The agenda pack of a meeting as one PDF: a front sheet (board, date, time, venue, and the agenda with the page on
 * which each item's papers start), then each item's PDF papers merged in agenda order, then "Page N of M" on every
 * page. The public pack leaves out exempt items' papers and shows of such an item only its paragraph of Schedule
 * 12A (LGA 1972 s100B(2): exempt reports may be excluded from the copies open to inspection); the members' pack
 * has everything, with "Not for publication" on each page of an exempt paper. Papers that are not PDFs (DOCX,
 * XLSX, ODT, text) are listed on the front sheet as separate downloads.
 */
import { PDFDocument } from 'pdf-lib';
import type { Executor } from '../../db/connection.js';
import { formatLongDate } from '../../kernel/dates.js';
import { describeDocument, PdfWriter, stampHeader, stampPageNumbers } from '../../kernel/pdf.js';
import { getBoard } from '../boards/index.js';
import { getMeeting, listAgendaItems } from '../meetings/index.js';
import { getVersionContent, listPapersOfMeeting } from './store.js';
import { describeFile, PAPER_KINDS, type PaperContentType, type PaperKind } from './rules.js';

export type PackAudience = 'public' | 'members';

export interface PackPaper {
  kind: PaperKind;
  title: string;
  contentType: PaperContentType;
  sizeBytes: number;
  /** The bytes of a PDF paper to merge; null for a paper listed only. */
  content: Uint8Array | null;
}

export interface PackItem {
  number: number;
  title: string;
  exempt: boolean;
  exemptParagraph: number | null;
  papers: PackPaper[];
}

export interface PackMeeting {
  boardName: string;
  meetsOn: string;
  startsAt: string;
  venue: string;
  onlineLink: string;
  publishedOn: string | null;
}

export interface AgendaPack {
  bytes: Uint8Array;
  meetsOn: string;
  pageCount: number;
  frontSheetPages: number;
  /** The page on which each item's merged papers start (by item number), or null when it has none in the pack. */
  startPages: Map<number, number | null>;
}

const NOT_FOR_PUBLICATION = (paragraph: number | null) =>
  `NOT FOR PUBLICATION: exempt information under paragraph ${paragraph ?? '?'} of Schedule 12A to the Local Government Act 1972`;

/** A PDF paper loaded for merging, or the reason it cannot be merged. */
async function loadPdf(content: Uint8Array): Promise<PDFDocument | null> {
  try {
    return await PDFDocument.load(content, { updateMetadata: false });
  } catch {
    return null; // damaged or encrypted: listed as a separate download instead
  }
}

function drawFrontSheet(
  w: PdfWriter,
  meeting: PackMeeting,
  items: PackItem[],
  audience: PackAudience,
  startPages: Map<number, number | null>,
  merged: Set<PackPaper>,
): void {
  if (audience === 'members')
    w.text('Members’ pack: not for publication', { bold: true, size: 10, after: 6 });
  w.heading(meeting.boardName, 20);
  w.text('Agenda pack', { size: 14, after: 10 });
  w.field('Date', formatLongDate(meeting.meetsOn));
  w.field('Time', meeting.startsAt);
  w.field('Venue', meeting.venue || 'Online only');
  if (meeting.onlineLink) w.field('Online', meeting.onlineLink);
  if (meeting.publishedOn) w.field('Agenda published', formatLongDate(meeting.publishedOn));
  if (audience === 'public')
    w.text(
      'Reports containing exempt information (Local Government Act 1972, Schedule 12A) are not included in this pack.',
      { size: 10, after: 10 },
    );
  w.heading('Agenda', 14);
  for (const item of items) {
    const start = startPages.get(item.number) ?? null;
    w.row(`${item.number}. ${item.title}`, start === null ? '' : `Page ${start}`, { bold: true, size: 11 });
    if (item.exempt)
      w.text(
        audience === 'public'
          ? `Exempt: paragraph ${item.exemptParagraph ?? '?'} of Schedule 12A to the Local Government Act 1972. Its papers are not open to the public.`
          : `Exempt: paragraph ${item.exemptParagraph ?? '?'} of Schedule 12A. Not for publication.`,
        { size: 9, indent: 14, after: 2 },
      );
    for (const p of item.papers) {
      const where = merged.has(p) ? 'in this pack' : 'a separate download from the meeting’s page';
      w.text(`${PAPER_KINDS[p.kind]}: ${p.title} (${describeFile(p.contentType, p.sizeBytes)}), ${where}`, {
        size: 9,
        indent: 14,
        after: 2,
      });
    }
    w.space(6);
  }
}

/** Lays out and merges the pack. `items` must already be what the audience may see. */
export async function renderAgendaPack(
  meeting: PackMeeting,
  items: PackItem[],
  audience: PackAudience,
): Promise<AgendaPack> {
  const sources = new Map<PackPaper, PDFDocument>();
  for (const item of items)
    for (const p of item.papers)
      if (p.content !== null && p.contentType === 'application/pdf') {
        const pdf = await loadPdf(p.content);
        if (pdf) sources.set(p, pdf);
      }
  const merged = new Set(sources.keys());

  // the front sheet's length does not depend on the page numbers it shows (they sit in their own column): lay it
  // out once to count its pages, then again with the numbers
  const scratch = await PdfWriter.create();
  drawFrontSheet(scratch, meeting, items, audience, new Map(items.map((i) => [i.number, 999])), merged);
  const frontSheetPages = scratch.doc.getPageCount();

  const startPages = new Map<number, number | null>();
  let next = frontSheetPages + 1;
  for (const item of items) {
    const pages = item.papers.reduce((n, p) => n + (sources.get(p)?.getPageCount() ?? 0), 0);
    startPages.set(item.number, pages > 0 ? next : null);
    next += pages;
  }

  const w = await PdfWriter.create();
  drawFrontSheet(w, meeting, items, audience, startPages, merged);
  for (const item of items)
    for (const p of item.papers) {
      const source = sources.get(p);
      if (!source) continue;
      const pages = await w.doc.copyPages(source, source.getPageIndices());
      for (const page of pages) {
        w.doc.addPage(page);
        if (item.exempt) stampHeader(page, w.bold, NOT_FOR_PUBLICATION(item.exemptParagraph), 8);
      }
    }
  const when = formatLongDate(meeting.meetsOn);
  describeDocument(w.doc, `${meeting.boardName}, ${when}: agenda pack`);
  await stampPageNumbers(
    w.doc,
    `${meeting.boardName}, ${when}${audience === 'members' ? ' (members’ pack)' : ''}`,
  );
  const bytes = await w.doc.save();
  return { bytes, meetsOn: meeting.meetsOn, pageCount: w.doc.getPageCount(), frontSheetPages, startPages };
}

/**
 * Reads a meeting's agenda and papers for a pack. For the public only a published agenda is read, an exempt item
 * gives only its number and paragraph (and its title where the officer allowed it), and no exempt paper is read at
 * all. Returns null when there is no such meeting, or (for the public) its agenda is not yet published.
 */
export async function loadAgendaPack(
  db: Executor,
  partnershipId: number,
  meetingId: number,
  audience: PackAudience,
): Promise<AgendaPack | null> {
  const meeting = await getMeeting(db, partnershipId, meetingId);
  const board = meeting ? await getBoard(db, partnershipId, meeting.board_id) : undefined;
  if (!meeting || !board) return null;
  if (audience === 'public' && meeting.agenda_published_on === null) return null;
  const papers = await listPapersOfMeeting(db, partnershipId, meetingId);
  const items: PackItem[] = [];
  for (const i of await listAgendaItems(db, partnershipId, meetingId)) {
    const withheld = audience === 'public' && i.exempt;
    const own = withheld ? [] : papers.filter((p) => p.agenda_item_id === i.id);
    const packPapers: PackPaper[] = [];
    for (const p of own) {
      const content =
        p.content_type === 'application/pdf'
          ? ((await getVersionContent(db, partnershipId, p.paper_id, p.version))?.content ?? null)
          : null;
      packPapers.push({
        kind: p.kind,
        title: p.title,
        contentType: p.content_type,
        sizeBytes: p.size_bytes,
        content,
      });
    }
    items.push({
      number: i.number,
      title: withheld && !i.title_published ? 'Exempt item' : i.title,
      exempt: i.exempt,
      exemptParagraph: i.exempt_paragraph,
      papers: packPapers,
    });
  }
  return renderAgendaPack(
    {
      boardName: board.name,
      meetsOn: meeting.meets_on,
      startsAt: meeting.starts_at,
      venue: meeting.venue,
      onlineLink: meeting.online_link,
      publishedOn: meeting.agenda_published_on,
    },
    items,
    audience,
  );
}
