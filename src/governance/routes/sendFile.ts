/**
 * Sending a stored or generated file: its content type, a Content-Disposition with its name (RFC 6266, with the
 * RFC 8187 form for a name that is not ASCII), an ETag from its SHA-256 so that a browser that has it already gets
 * 304 Not Modified, and `nosniff` so that the browser never second-guesses the type.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, etagOf, notModified } from '../papers.js';

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
