import { describe, expect, it } from 'vitest';
import { isoDate } from '../../kernel/dates.js';
import { contentDisposition, notModified } from '../../http/sendFile.js';
import {
  checkUpload,
  cleanFilename,
  describeFile,
  pastRetention,
  retainUntil,
  sniffPaperType,
} from './rules.js';

const zip = (...entries: string[]) =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.alloc(26),
    Buffer.from(entries.join(''), 'latin1'),
  ]);

describe('retention of papers (LGA 1972 ss100C, 100D)', () => {
  it('keeps minutes and reports for six years beginning with the day of the meeting', () => {
    expect(retainUntil('minutes', isoDate('2018-04-12'))).toBe('2024-04-11');
    expect(retainUntil('report', isoDate('2018-04-12'))).toBe('2024-04-11');
    expect(retainUntil('appendix', isoDate('2018-04-12'))).toBe('2024-04-11');
  });

  it('keeps background papers for four years', () => {
    expect(retainUntil('background_paper', isoDate('2018-04-12'))).toBe('2022-04-11');
  });

  it('ends the period of a meeting on 29 February on the last day of February', () => {
    expect(retainUntil('minutes', isoDate('2024-02-29'))).toBe('2030-02-28');
    expect(retainUntil('background_paper', isoDate('2024-02-29'))).toBe('2028-02-28');
    expect(retainUntil('report', isoDate('2024-03-01'))).toBe('2030-02-28');
  });

  it('is past its retention only the day after the last day', () => {
    expect(pastRetention('report', isoDate('2018-04-12'), isoDate('2024-04-11'))).toBe(false);
    expect(pastRetention('report', isoDate('2018-04-12'), isoDate('2024-04-12'))).toBe(true);
    expect(pastRetention('background_paper', isoDate('2018-04-12'), isoDate('2022-04-12'))).toBe(true);
  });
});

describe('the type of an uploaded file, from its bytes', () => {
  it('knows a PDF by %PDF-, whatever it is called', () => {
    expect(sniffPaperType(Buffer.from('%PDF-1.7\n...'), 'report.bin')).toBe('application/pdf');
  });

  it('tells DOCX, XLSX and ODT apart inside their ZIP archives', () => {
    expect(sniffPaperType(zip('[Content_Types].xml', 'word/document.xml'), 'a.docx')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sniffPaperType(zip('[Content_Types].xml', 'xl/workbook.xml'), 'a.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sniffPaperType(zip('mimetypeapplication/vnd.oasis.opendocument.text'), 'a.odt')).toBe(
      'application/vnd.oasis.opendocument.text',
    );
    expect(sniffPaperType(zip('something/else.xml'), 'a.zip')).toBeNull();
  });

  it('accepts text only under a .txt name and only when it is UTF-8 text', () => {
    expect(sniffPaperType(Buffer.from('Minutes: £105m agreed'), 'minutes.txt')).toBe(
      'text/plain; charset=utf-8',
    );
    expect(sniffPaperType(Buffer.from('Minutes'), 'minutes.pdf')).toBeNull();
    expect(sniffPaperType(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'virus.txt')).toBeNull();
    expect(sniffPaperType(Buffer.from([0xff, 0xfe, 0x41]), 'latin.txt')).toBeNull();
  });

  it('refuses an executable renamed .pdf, saying what is accepted', () => {
    const check = checkUpload(Buffer.from([0x4d, 0x5a, 0x90, 0x00]), 'report.pdf');
    expect(check).toEqual({
      ok: false,
      problem:
        'The selected file must be a PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) or text file',
    });
  });

  it('refuses a PDF named as a Word document', () => {
    expect(checkUpload(Buffer.from('%PDF-1.4'), 'report.docx')).toEqual({
      ok: false,
      problem: 'The selected file is a PDF file but its name ends .docx: rename it or choose the right file',
    });
  });

  it('refuses an empty file and one over 20MB', () => {
    expect(checkUpload(Buffer.alloc(0), 'a.pdf')).toEqual({ ok: false, problem: 'Select a file to upload' });
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    big.write('%PDF-');
    expect(checkUpload(big, 'a.pdf')).toEqual({
      ok: false,
      problem: 'The selected file must be smaller than 20MB',
    });
  });
});

describe('serving a paper', () => {
  it('describes a file as a GOV.UK attachment does', () => {
    expect(describeFile('application/pdf', 250_880)).toBe('PDF, 245 KB');
    expect(describeFile('application/vnd.oasis.opendocument.text', 900)).toBe('ODT, 900 bytes');
    expect(describeFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 3_250_000)).toBe(
      'XLSX, 3.1 MB',
    );
  });

  it('names an ASCII file plainly and encodes any other name by RFC 6266 with an ASCII fallback', () => {
    expect(contentDisposition('Better Care Fund 2018-19.pdf')).toBe(
      'attachment; filename="Better Care Fund 2018-19.pdf"',
    );
    expect(contentDisposition('Adroddiad ar ofal – Caerdydd.pdf', 'inline')).toBe(
      `inline; filename="Adroddiad ar ofal  Caerdydd.pdf"; filename*=UTF-8''Adroddiad%20ar%20ofal%20%E2%80%93%20Caerdydd.pdf`,
    );
    expect(contentDisposition('Café "final".pdf')).toBe(
      `attachment; filename="Cafe _final_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22final%22.pdf`,
    );
  });

  it('keeps only the name of an uploaded file, without its path or control characters', () => {
    expect(cleanFilename('C:\\Users\\officer\\Report "v2".pdf')).toBe('Report v2.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('')).toBe('paper');
  });

  it('answers 304 when the browser already has the version', () => {
    expect(notModified('"abc"', '"abc"')).toBe(true);
    expect(notModified('W/"abc", "def"', '"abc"')).toBe(true);
    expect(notModified('*', '"abc"')).toBe(true);
    expect(notModified('"def"', '"abc"')).toBe(false);
    expect(notModified(undefined, '"abc"')).toBe(false);
  });
});
