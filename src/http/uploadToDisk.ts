/**
 * File uploads that may be long (general-ledger extracts, issue 3 item 4) are streamed to a temporary file
 * rather than held in memory. A route asks for this with `config: { uploadToDisk: true }`; its file part then
 * carries `filepath` and `bytes` instead of a buffer. A route that keeps the file (a background import) calls
 * `claimUpload`; any file not claimed is deleted when the response has been sent.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Stream this route's uploaded file to a temporary file rather than into memory. */
    uploadToDisk?: boolean;
  }
}

export interface UploadOnDisk {
  filepath: string;
  bytes: number;
}

const uploadsOf = new WeakMap<FastifyRequest, string[]>();

/** The multipart plugin's `onFile`: to disk for routes that ask for it, in memory otherwise. */
export async function onFileUpload(this: FastifyRequest, part: MultipartFile): Promise<void> {
  if (!this.routeOptions.config.uploadToDisk) {
    await part.toBuffer();
    return;
  }
  const filepath = join(tmpdir(), `concordat-upload-${randomUUID()}`);
  const list = uploadsOf.get(this) ?? [];
  list.push(filepath);
  uploadsOf.set(this, list);
  let bytes = 0;
  part.file.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(part.file, createWriteStream(filepath));
  if (part.file.truncated) {
    const err = new this.server.multipartErrors.RequestFileTooLargeError();
    throw err;
  }
  Object.assign(part, { filepath, bytes } satisfies UploadOnDisk);
}

/** The route keeps the file (and must delete it itself). */
export function claimUpload(req: FastifyRequest, filepath: string): void {
  const list = uploadsOf.get(req);
  if (list)
    uploadsOf.set(
      req,
      list.filter((p) => p !== filepath),
    );
}

/** Deletes the files of a request that no route claimed. */
export function setUpUploadCleanup(app: FastifyInstance): void {
  app.addHook('onResponse', async (req) => {
    const list = uploadsOf.get(req);
    if (!list) return;
    uploadsOf.delete(req);
    await Promise.all(list.map((p) => rm(p, { force: true })));
  });
}
