import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../test/support/steps.js';
import { makeUser, startApp, PASSWORD } from '../../test/support/fixtures.js';

describe('security and error pages', steps, () => {
  let t: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    t = await startApp();
    await makeUser(t.db, 'someone@test.example', [], true);
  });
  afterAll(() => t.close());

  it('sends secure headers with a content security policy', async () => {
    const res = await t.agent().get('/');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a form sent without its CSRF token, and saves nothing', async () => {
    const agent = await t.signedIn('someone@test.example');
    const before = await t.db.selectFrom('organisations').select('id').execute();
    const res = await agent.post('/organisations', { name: 'Forged', kind: 'other' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Your form has expired');
    expect(await t.db.selectFrom('organisations').select('id').execute()).toHaveLength(before.length);
  });

  it('says the same thing for a wrong password and an unknown email, and keeps the email typed', async () => {
    const a = t.agent();
    await a.get('/sign-in');
    const wrong = await a.post('/sign-in', { email: 'someone@test.example', password: 'not the password' });
    const unknown = await a.post('/sign-in', { email: 'nobody@test.example', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Enter a correct email address and password');
    }
    expect(wrong.body).toContain('value="someone@test.example"');
  });

  it('does not follow a sign-in return address to another site', async () => {
    const a = t.agent();
    await a.get('/sign-in');
    const res = await a.post('/sign-in', {
      email: 'someone@test.example',
      password: PASSWORD,
      returnTo: '//evil.example/',
    });
    expect(res.headers.location).toBe('/partnerships');
  });

  it('shows a plain 404 page', async () => {
    const res = await t.agent().get('/no/such/page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
  });

  it('shows an error page with the request id when the database fails, and no stack trace', async () => {
    await t.db.destroy();
    const res = await t.agent().get('/public/partnerships');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Sorry, there is a problem with the service');
    expect(res.body).toContain(String(res.headers['x-request-id']));
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
