import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAgreement,
  makeOrganisation,
  makePartnership,
  makeUser,
  startApp,
} from '../../../test/support/fixtures.js';
import type { Agent } from '../../../test/support/agent.js';
import { historyOf } from '../../audit/index.js';

const PDF = Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

describe('documents of an agreement', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let officer: Agent;
  let board: Agent;
  let pid: number;
  let agreementId: number;

  beforeAll(async () => {
    t = await startApp();
    const a = await makeOrganisation(t.db);
    const b = await makeOrganisation(t.db);
    pid = await makePartnership(t.db, [a, b]);
    agreementId = await makeAgreement(t.db, pid, [a, b]);
    await makeUser(t.db, 'dso@test.example', [[pid, 'democratic_services_officer']]);
    await makeUser(t.db, 'member@test.example', [[pid, 'board_member']]);
    officer = await t.signedIn('dso@test.example');
    board = await t.signedIn('member@test.example');
  });
  afterAll(() => t.close());

  it('stores an uploaded PDF and serves it back, byte for byte, with its content type and checksum', async () => {
    await officer.get(`/partnerships/${pid}/agreements/${agreementId}`);
    const res = await officer.postMultipart(
      `/partnerships/${pid}/agreements/${agreementId}/documents`,
      { title: 'Signed s75 agreement' },
      {
        field: 'document',
        filename: 'signed.pdf',
        type: 'application/pdf',
        content: PDF,
      },
    );
    expect(res.statusCode).toBe(303);
    const page = await board.get(`/partnerships/${pid}/agreements/${agreementId}`);
    const link = /href="(\/partnerships\/\d+\/documents\/(\d+))"/.exec(page.body);
    expect(link).not.toBeNull();
    const doc = await board.get(link![1]!);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.rawPayload.equals(PDF)).toBe(true);
    expect(doc.headers['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect((await historyOf(t.db, 'document', link![2]!))[0]?.action).toBe('create');
  });

  it('refuses a file that is not a PDF or Word document, whatever its name says, and saves nothing', async () => {
    const before = await t.db.selectFrom('documents').select('id').execute();
    await officer.get(`/partnerships/${pid}/agreements/${agreementId}`);
    const res = await officer.postMultipart(
      `/partnerships/${pid}/agreements/${agreementId}/documents`,
      { title: 'Not really a PDF' },
      {
        field: 'document',
        filename: 'script.pdf',
        type: 'application/pdf',
        content: Buffer.from('#!/bin/sh\necho hello\n'),
      },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The selected file must be a PDF or a Word document (DOCX)');
    expect(res.body).toContain('value="Not really a PDF"');
    expect(await t.db.selectFrom('documents').select('id').execute()).toHaveLength(before.length);
  });

  it('does not let a board member upload', async () => {
    await board.get(`/partnerships/${pid}/agreements/${agreementId}`);
    const res = await board.postMultipart(
      `/partnerships/${pid}/agreements/${agreementId}/documents`,
      { title: 'x' },
      { field: 'document', filename: 'a.pdf', type: 'application/pdf', content: PDF },
    );
    expect(res.statusCode).toBe(403);
  });
});
