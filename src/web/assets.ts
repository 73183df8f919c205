/**
 * Front-end assets: our Sass compiled once per process (GOV.UK Frontend in Arial), GOV.UK Frontend's JavaScript
 * and our small enhancement script. Nothing of the GOV.UK brand (fonts, crown, crest) is served.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';
import type { FastifyInstance } from 'fastify';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const govukDist = path.join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');

let css: string | undefined;

/** The compiled stylesheet (about a second to compile, so it is compiled once and kept). */
export function applicationCss(): string {
  css ??= sass.compile(path.join(here, 'assets', 'application.scss'), {
    loadPaths: [path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
  }).css;
  return css;
}

const FILES: Record<string, { file: string; type: string }> = {
  'govuk-frontend.min.js': { file: path.join(govukDist, 'govuk-frontend.min.js'), type: 'text/javascript' },
  'application.js': { file: path.join(here, 'assets', 'application.js'), type: 'text/javascript' },
  'favicon.svg': { file: path.join(here, 'assets', 'favicon.svg'), type: 'image/svg+xml' },
};

export function setUpAssets(app: FastifyInstance): void {
  app.get('/assets/application.css', { config: { action: 'none' } }, async (_req, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(applicationCss()),
  );
  for (const [name, { file, type }] of Object.entries(FILES)) {
    const body = fs.readFileSync(file);
    app.get(`/assets/${name}`, { config: { action: 'none' } }, async (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').send(body),
    );
  }
  app.get('/favicon.ico', { config: { action: 'none' } }, async (_req, reply) =>
    reply.redirect('/assets/favicon.svg', 301),
  );
}
