import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { steps } from '../../test/support/steps.js';
import { sql } from 'kysely';
import { transaction } from '../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { openConfiguredDatabase } from '../db/open.js';
import { readConfig } from '../config.js';
import { main } from '../main.js';
import { createOrganisation, updateOrganisation } from '../partnerships/index.js';
import { chainHash, GENESIS_HASH, verifyChain, type StoredEvent } from './rules.js';
import { historyOf, recordAuditEvent, systemActor, verifyAuditChain } from './store.js';

const actor = { userId: null, label: 'Fran Finance' };
const org = {
  name: 'NHS Test CCG',
  shortName: null,
  kind: 'ccg' as const,
  laTier: null,
  odsCode: '10X',
  gssCode: null,
  existsFrom: null,
  existsTo: null,
};

describe('the audit chain (pure)', steps, () => {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= 3; seq += 1) {
    const content = {
      occurredAt: `2026-01-0${seq}T10:00:00.000Z`,
      actorUserId: 1,
      actorLabel: 'A',
      action: 'update' as const,
      entityType: 'organisation',
      entityId: '7',
      partnershipId: null,
      before: { n: seq - 1 },
      after: { n: seq },
    };
    const hash = chainHash(prev, content);
    events.push({ ...content, seq, prevHash: prev, hash });
    prev = hash;
  }

  it('accepts an untouched chain', () => {
    expect(verifyChain(events)).toEqual({ ok: true, events: 3, lastHash: prev });
  });
  it('names the event whose content was altered', () => {
    const tampered = events.map((e) => (e.seq === 2 ? { ...e, after: { n: 99 } } : e));
    expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenAt: 2 });
  });
  it('names the event after one that was removed', () => {
    expect(verifyChain([events[0]!, events[2]!])).toMatchObject({ ok: false, brokenAt: 3 });
  });
  it('hashes the same content the same way whatever the order of its keys', () => {
    const a = events[0]!;
    expect(chainHash(GENESIS_HASH, { ...a, after: { y: 1, x: 2 } })).toBe(
      chainHash(GENESIS_HASH, { ...a, after: { x: 2, y: 1 } }),
    );
  });
});

describe('audit events in the database', steps, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.dispose());

  it('writes an event with the values before and after for each change, in the same transaction', async () => {
    const id = await transaction(t.db, (trx) => createOrganisation(trx, actor, org));
    await transaction(t.db, (trx) =>
      updateOrganisation(trx, actor, id, { ...org, name: 'NHS Test City CCG' }),
    );
    const history = await historyOf(t.db, 'organisation', id);
    expect(history.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({
      actorLabel: 'Fran Finance',
      before: { name: 'NHS Test CCG' },
      after: { name: 'NHS Test City CCG' },
    });
  });

  it('writes no event when the change is rolled back', async () => {
    const before = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      transaction(t.db, async (trx) => {
        await createOrganisation(trx, actor, { ...org, odsCode: '99Z', name: 'Rolled back' });
        throw new Error('something later failed');
      }),
    ).rejects.toThrow('something later failed');
    const after = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses to update or delete an audit event', async () => {
    await expect(sql`update audit_events set actor_label = 'someone else'`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('verifies a clean chain, and names the event whose row was altered behind its back', async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    const second = await t.db
      .selectFrom('audit_events')
      .select('seq')
      .orderBy('seq')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.db);
    await sql`update audit_events set after = jsonb_set(after, '{name}', '"Forged name"') where seq = ${second.seq}`.execute(
      t.db,
    );
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: second.seq });
  });
});

describe('concordat verify-audit', steps, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concordat-audit-'));
  let pg: TestDatabase | undefined;
  const output: string[] = [];

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      pg = await createTestDatabase();
      // point the command at this test's own database
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${(await sql<{ d: string }>`select current_database() as d`.execute(pg.db)).rows[0]!.d}`;
      process.env.DATABASE_URL = url.toString();
    } else {
      process.env.CONCORDAT_DATA = path.join(dataDir, 'data');
    }
    const opened = await openConfiguredDatabase(readConfig());
    await transaction(opened.db, async (trx) => {
      for (let i = 0; i < 5; i += 1)
        await recordAuditEvent(trx, systemActor('test'), {
          action: 'create',
          entityType: 'organisation',
          entityId: i,
          partnershipId: null,
          after: { i },
        });
    });
    await opened.close();
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void output.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void output.push(a.join(' ')));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await pg?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 0 on a clean chain and 1 naming the event when a row is altered', async () => {
    expect(await main(['verify-audit'])).toBe(0);
    expect(output.join('\n')).toContain('Audit chain intact: 5 events');
    const opened = await openConfiguredDatabase(readConfig());
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(opened.db);
    const third = await opened.db
      .selectFrom('audit_events')
      .select('seq')
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_events set actor_label = 'system: someone else' where seq = ${third.seq}`.execute(
      opened.db,
    );
    await opened.close();
    expect(await main(['verify-audit'])).toBe(1);
    expect(output.join('\n')).toContain(`Audit chain broken at event ${third.seq}`);
  });
});
