/**
 * Nunjucks over our templates (`src/<domain>/views/...`) and GOV.UK Frontend's macros, with the filters that
 * every page uses to show money and dates the same way.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import fastifyView from '@fastify/view';
import type { FastifyInstance } from 'fastify';
import { formatMillions, formatPounds, toDecimalString } from '../kernel/money.js';
import { financialYearLabel, formatLongDate } from '../kernel/dates.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '..');
const govuk = path.resolve(src, '..', 'node_modules', 'govuk-frontend', 'dist');

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

export function configureNunjucks(env: nunjucks.Environment): void {
  env.addFilter('pounds', (p: number) => formatPounds(p));
  env.addFilter('millions', (p: number) => formatMillions(p));
  env.addFilter('decimal', (p: number) => toDecimalString(p));
  env.addFilter('longDate', (d: string | null | undefined) => (d ? formatLongDate(d) : ''));
  env.addFilter('dateTime', (d: Date | string) =>
    london.format(new Date(d)).replace(' am', 'am').replace(' pm', 'pm'),
  );
  env.addFilter('financialYear', (y: number) => financialYearLabel(y));
  env.addFilter('json', (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 1)));
}

export async function setUpViews(app: FastifyInstance, reloadTemplates: boolean): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [src, govuk],
    options: {
      autoescape: true,
      noCache: reloadTemplates,
      throwOnUndefined: false,
      onConfigure: configureNunjucks,
    },
  });
}
