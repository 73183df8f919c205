/**
 * A browser-like client for route tests: keeps cookies, reads the CSRF token from the last page, posts forms as
 * a browser would (url-encoded), all through Fastify's inject, against the real database.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type Form = Record<string, string | string[]>;

export class Agent {
  private readonly cookies = new Map<string, string>();
  private token: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.token = m[1];
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }),
    );
  }

  /** Posts a form with the CSRF token of the last page seen (fetching `tokenFrom` first if none yet). */
  async post(url: string, form: Form, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && this.token === undefined) await this.get('/sign-in');
    const params = new URLSearchParams();
    if (options.csrf !== false && this.token) params.append('_csrf', this.token);
    for (const [k, v] of Object.entries(form))
      for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: params.toString(),
      }),
    );
  }

  /** Posts multipart form data (file uploads). */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; filename: string; type: string; content: Buffer },
  ) {
    const boundary = `----concordat${Date.now()}`;
    const parts: Buffer[] = [];
    const all = { _csrf: this.token ?? '', ...fields };
    for (const [k, v] of Object.entries(all)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
      );
      parts.push(file.content, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(parts),
      }),
    );
  }

  /** Signs in and loads a page so that the next post has a token. */
  async signIn(email: string, password: string): Promise<void> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password, returnTo: '/partnerships' });
    if (res.statusCode !== 303) throw new Error(`Sign-in as ${email} failed: ${res.statusCode}`);
    await this.get('/partnerships');
  }
}
