/**
 * Sending a stored or generated file: its content type, a Content-Disposition with its name (RFC 6266, with the
 * RFC 8187 form for a name that is not ASCII), an ETag from its SHA-256 so that a browser that has it already gets
 * 304 Not Modified, and `nosniff` so that the browser never second-guesses the type.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface FileToSend {
  content: Uint8Array;
  contentType: string;
  filename: string;
  /** The stored checksum; computed from the content when absent (a generated PDF). */
  sha256?: string;
  disposition?: 'inline' | 'attachment';
  /** Cache-Control: `private` for members' files, `public` for the public site's. */
  audience: 'private' | 'public';
}

export function sendFile(req: FastifyRequest, reply: FastifyReply, f: FileToSend) {
  const sha = f.sha256 ?? createHash('sha256').update(f.content).digest('hex');
  const etag = etagOf(sha);
  reply
    .header('etag', etag)
    .header('cache-control', `${f.audience}, no-cache`)
    .header('x-content-type-options', 'nosniff');
  if (notModified(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply
    .type(f.contentType)
    .header('content-disposition', contentDisposition(f.filename, f.disposition ?? 'attachment'))
    .send(Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength));
}

/**
 * The Content-Disposition header of a download (RFC 6266): an ASCII fallback `filename` for old clients and, when
 * the name is not plain ASCII, `filename*` in the RFC 8187 encoding (UTF-8, percent-encoded).
 */
export function contentDisposition(
  filename: string,
  disposition: 'inline' | 'attachment' = 'attachment',
): string {
  const fallback =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7E]/g, '')
      .replace(/["\\%]/g, '_') || 'download';
  const printable = /^[\x20-\x7E]*$/.test(filename) && !/["\\%]/.test(filename);
  if (printable) return `${disposition}; filename="${filename}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The ETag of a stored file: its SHA-256, quoted (RFC 9110 §8.8.3, a strong validator). */
export const etagOf = (sha256: string): string => `"${sha256}"`;

/** True when the client's If-None-Match names this ETag (or `*`): the answer is 304 Not Modified. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
