import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import type { IsoDate } from '../../kernel/dates.js';
import {
  makeFundWithScheme,
  makeJournalEntry,
  makeOrganisation,
  makePartnership,
} from '../../../test/support/fixtures.js';
import { closeNextPeriod, correctionDate, reverseWithReason } from './corrections.js';
import { closePeriod } from './store.js';

const actor = systemActor('test');

describe('dating a correction', () => {
  it('uses today when today falls in the period the correction lands in', () => {
    expect(correctionDate(2017, 6, '2017-09-14' as IsoDate)).toBe('2017-09-14');
  });
  it('uses the first day of that period otherwise, so that date and period agree', () => {
    expect(correctionDate(2017, 6, '2026-11-23' as IsoDate)).toBe('2017-09-01');
    expect(correctionDate(2017, 11, '2017-09-14' as IsoDate)).toBe('2018-02-01');
  });
});

describe('corrections and period close', () => {
  let t: TestDatabase;
  let pid: number;
  let fund: { id: number; financial_year: number };
  let otherFund: { id: number; financial_year: number };

  beforeAll(async () => {
    t = await createTestDatabase();
    const a = await makeOrganisation(t.db);
    const b = await makeOrganisation(t.db);
    pid = await makePartnership(t.db, [a, b]);
    fund = { id: (await makeFundWithScheme(t.db, pid, a, b)).fundId, financial_year: 2017 };
    otherFund = { id: (await makeFundWithScheme(t.db, pid, a, b)).fundId, financial_year: 2017 };
  });
  afterAll(() => t.dispose());

  it('refuses to reverse an entry through another fund', async () => {
    const entryId = await makeJournalEntry(t.db, pid, fund.id);
    expect(await reverseWithReason(t.db, actor, pid, otherFund, entryId, 'wrong fund')).toEqual({
      ok: false,
      problem: `There is no entry ${entryId} in this fund`,
    });
  });

  it('dates a reversal of a closed period’s entry in the first open period', async () => {
    const entryId = await makeJournalEntry(t.db, pid, otherFund.id);
    await transaction(t.db, (trx) => closePeriod(trx, actor, pid, otherFund.id, 1));
    const done = await reverseWithReason(
      t.db,
      actor,
      pid,
      otherFund,
      entryId,
      'raised twice',
      '2026-11-23' as IsoDate,
    );
    expect(done).toMatchObject({ ok: true, value: { period: 2 } });
    const reversal = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('reverses_entry_id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(reversal).toMatchObject({ period: 2, entry_date: '2017-05-01', source: 'reversal' });
  });

  it('closes periods only in order, and never twice', async () => {
    expect(await closeNextPeriod(t.db, actor, pid, fund.id, 3)).toEqual({
      ok: false,
      problem: 'Close P1 first: periods close in order, P1 (April) to P12 (March)',
    });
    expect(await closeNextPeriod(t.db, actor, pid, fund.id, 1)).toEqual({ ok: true, value: 1 });
    expect(await closeNextPeriod(t.db, actor, pid, fund.id, 1)).toEqual({
      ok: false,
      problem: 'P1 is already closed',
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('entity_type', '=', 'fund_period_close')
      .execute();
    expect(audit.map((r) => r.entity_id)).toContain(`${fund.id}:P1`);
  });
});
