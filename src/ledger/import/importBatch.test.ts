import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { makeImportFund } from '../../../test/support/ledger.js';
import { importExtracts } from './importBatch.js';
import type { ImportOutcome } from './importGeneralLedger.js';

const actor = systemActor('test');
const HEADER = 'cost_centre,account_code,date,amount,description,supplier,reference';

/** An extract of `rows` rows in one month, amounts 1p to 997p by row, references `prefix-1`, `prefix-2`... */
function extract(rows: number, prefix: string, month: string, costCentres: readonly string[]): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i += 1) {
    const p = (i % 997) + 1;
    const amount = `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
    lines.push(
      `${costCentres[i % costCentres.length]},5100,${month}-15,${amount},Invoice ${i},Provider Ltd,${prefix}-${i}`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** What an extract made by `extract` adds up to, in pence. */
const totalOf = (rows: number) => {
  let total = 0;
  for (let i = 1; i <= rows; i += 1) total += (i % 997) + 1;
  return total;
};

describe('importing several extracts at once', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let fundId: number;
  let ccg: number;
  let council: number;
  const CCG_CENTRES = ['CC100', 'CC200'];
  const COUNCIL_CENTRES = ['K100', 'K200'];

  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, { name: 'CCG' });
    council = await makeOrganisation(t.db, { name: 'Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    ({ fundId } = await makeImportFund(t.db, pid, {
      host: council,
      partners: [ccg, council],
      schemes: ['S01', 'S02'].map((code, i) => ({
        code,
        costCentres: [[ccg, CCG_CENTRES[i] ?? ''] as const, [council, COUNCIL_CENTRES[i] ?? ''] as const],
      })),
    }));
  });
  afterAll(() => t.dispose());

  const request = (organisationId: number, filename: string, content: string) => ({
    actor,
    partnershipId: pid,
    fundId,
    organisationId,
    filename,
    content,
    pglite: t.pglite,
  });

  /** The imports recorded under `filenames`, with their rows and totals, and the postings they wrote. */
  const recorded = async (filenames: string[]) => {
    const imports = await t.db
      .selectFrom('ledger_imports')
      .select(['filename', 'row_count', 'total_pence'])
      .where('partnership_id', '=', pid)
      .where('filename', 'in', filenames)
      .orderBy('filename')
      .execute();
    const written = await sql<{ filename: string; rows: string; spend: string; total: string }>`
      select i.filename, count(*) filter (where p.scheme_id is not null) as rows,
             coalesce(sum(p.amount_pence) filter (where p.scheme_id is not null), 0) as spend,
             coalesce(sum(p.amount_pence), 0) as total
        from ledger_imports i
        join journal_entries e on e.partnership_id = i.partnership_id and e.import_id = i.id
        join postings p on p.partnership_id = e.partnership_id and p.entry_id = e.id
       where i.partnership_id = ${pid} and i.filename in (${sql.join(filenames)})
       group by i.filename order by i.filename`.execute(t.db);
    return {
      imports: imports.map((i) => ({
        filename: i.filename,
        rows: i.row_count,
        total: i.total_pence,
      })),
      written: written.rows.map((w) => ({
        filename: w.filename,
        rows: Number(w.rows),
        spend: Number(w.spend),
        total: Number(w.total),
      })),
    };
  };

  const refusal = (o: ImportOutcome | undefined) => (o && !o.ok ? o.problems.map((p) => p.reason) : []);

  it("lands every partner's files, each whole, and gives the outcomes in the order of the files", async () => {
    const files = [
      request(ccg, 'ccg-apr.csv', extract(3000, 'CA', '2017-04', CCG_CENTRES)),
      request(council, 'council-apr.csv', extract(2500, 'KA', '2017-04', COUNCIL_CENTRES)),
      request(ccg, 'ccg-may.csv', extract(2000, 'CM', '2017-05', CCG_CENTRES)),
      request(council, 'council-may.csv', extract(1500, 'KM', '2017-05', COUNCIL_CENTRES)),
      request(ccg, 'ccg-jun.csv', extract(1000, 'CJ', '2017-06', CCG_CENTRES)),
    ];
    const seen: number[] = [];
    const outcomes = await importExtracts(t.db, files, { concurrency: 3, onOutcome: (i) => seen.push(i) });
    expect(outcomes.map((o) => (o.ok ? o.rows : -1))).toEqual([3000, 2500, 2000, 1500, 1000]);
    expect(outcomes.map((o) => (o.ok ? Number(o.totalPence) : -1))).toEqual(
      [3000, 2500, 2000, 1500, 1000].map(totalOf),
    );
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    const { imports, written } = await recorded(files.map((f) => f.filename));
    expect(imports).toHaveLength(5);
    // each file's spend postings are its rows, and its entries balance with the partner's creditor posting
    for (const w of written) {
      const rows = outcomes[files.findIndex((f) => f.filename === w.filename)];
      expect(w.rows, w.filename).toBe(rows?.ok ? rows.rows : -1);
      expect(w.spend, w.filename).toBe(rows?.ok ? rows.totalPence : -1);
      expect(w.total, w.filename).toBe(0);
      expect(imports.find((i) => i.filename === w.filename)?.total, w.filename).toBe(w.spend);
    }
    // the monitoring summaries hold each partner's spend, to the penny
    const actuals = await t.db
      .selectFrom('scheme_actuals')
      .select(['organisation_id', (eb) => eb.fn.sum<string>('actual_pence').as('spend')])
      .where('partnership_id', '=', pid)
      .groupBy('organisation_id')
      .execute();
    const spendOf = (org: number) => Number(actuals.find((a) => a.organisation_id === org)?.spend ?? 0);
    expect(spendOf(ccg)).toBe(totalOf(3000) + totalOf(2000) + totalOf(1000));
    expect(spendOf(council)).toBe(totalOf(2500) + totalOf(1500));
  });

  it('refuses a file with a bad row, with its line and column, and lands the others', async () => {
    const bad = extract(2000, 'BX', '2017-07', CCG_CENTRES).split('\r\n');
    bad[700] = bad[700]?.replace(/,2017-07-15,/, ',2017-07-45,') ?? '';
    const files = [
      request(ccg, 'good-jul.csv', extract(2000, 'GX', '2017-07', CCG_CENTRES)),
      request(ccg, 'bad-jul.csv', bad.join('\r\n')),
      request(council, 'good-council-jul.csv', extract(2000, 'KX', '2017-07', COUNCIL_CENTRES)),
    ];
    const outcomes = await importExtracts(t.db, files, { concurrency: 2 });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const refused = outcomes[1];
    expect(refused && !refused.ok ? refused.problems.map((p) => [p.line, p.column]) : []).toEqual([
      [701, 'date'],
    ]);
    const { imports } = await recorded(files.map((f) => f.filename));
    expect(imports.map((i) => i.filename)).toEqual(['good-council-jul.csv', 'good-jul.csv']);
  });

  it('refuses the second of two files that share transaction references, and the same file given twice', async () => {
    // the same references in both files, in opposite orders: whichever lands first, the other is refused
    const first = extract(3000, 'SH', '2017-08', CCG_CENTRES);
    const [header, ...rows] = first.trimEnd().split('\r\n');
    const second = [header, ...rows.reverse()].join('\r\n').replaceAll('2017-08-15', '2017-09-15') + '\r\n';
    const twice = extract(500, 'TW', '2017-10', COUNCIL_CENTRES);
    const files = [
      request(ccg, 'shared-a.csv', first),
      request(ccg, 'shared-b.csv', second),
      request(council, 'twice-1.csv', twice),
      request(council, 'twice-2.csv', twice),
    ];
    const outcomes = await importExtracts(t.db, files, { concurrency: 2 });
    const landed = outcomes.map((o) => o.ok);
    expect(landed.slice(0, 2).filter(Boolean)).toHaveLength(1);
    expect(landed.slice(2).filter(Boolean)).toHaveLength(1);
    const sharedRefusal = refusal(outcomes[landed[0] ? 1 : 0]);
    expect(sharedRefusal.length).toBeGreaterThan(0);
    expect(sharedRefusal.every((r) => /Transaction reference SH-\d+ was imported already/.test(r))).toBe(
      true,
    );
    expect(refusal(outcomes[landed[2] ? 3 : 2]).join()).toMatch(/imported already/);
    const { imports, written } = await recorded(files.map((f) => f.filename));
    expect(imports).toHaveLength(2);
    expect(written.map((w) => w.rows).sort()).toEqual([3000, 500].sort());
  });

  it('says what is wrong with the number of files at once', async () => {
    await expect(importExtracts(t.db, [], { concurrency: 0 })).rejects.toThrow(/1 or more/);
  });
});
