import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { transaction } from '../../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { systemActor } from '../../audit/index.js';
import { makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { makeImportFund } from '../../../test/support/ledger.js';
import { closePeriod } from '../journal/index.js';
import { loadMonitoringReport } from '../monitoring/index.js';
import { importGeneralLedger, type ImportRequest } from './importGeneralLedger.js';

const actor = systemActor('test');
const HEADER = ['cost_centre', 'account_code', 'date', 'amount', 'description', 'supplier', 'reference'];

describe('importing extracts: XLSX, streams, references, and monitoring totals', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let fundId: number;
  let ccg: number;
  let council: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    ccg = await makeOrganisation(t.db, { name: 'CCG' });
    council = await makeOrganisation(t.db, { name: 'Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    ({ fundId } = await makeImportFund(t.db, pid, {
      host: council,
      partners: [ccg, council],
      schemes: ['S01', 'S02', 'S03'].map((code, i) => {
        const cc = `CC${i + 1}00`;
        return { code, costCentres: [[ccg, cc] as const, [council, cc] as const] };
      }),
    }));
  });
  afterAll(() => t.dispose());

  const request = (
    filename: string,
    content: ImportRequest['content'],
    organisationId = ccg,
  ): ImportRequest => ({
    db: t.db,
    actor,
    partnershipId: pid,
    fundId,
    organisationId,
    filename,
    content,
  });

  /** A workbook of the given rows under the standard header, as the bytes of an .xlsx file. */
  const workbook = async (rows: unknown[][]): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('GL extract');
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
    ws.getColumn(3).numFmt = 'dd/mm/yyyy';
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('imports an .xlsx extract to the same totals as the same rows in CSV', async () => {
    // Excel dates and text dates, amounts as numbers and as text
    const rows: unknown[][] = [
      ['CC100', '5100', new Date(Date.UTC(2017, 3, 30)), 1234.56, 'Invoice, April', 'Solent', 'X-1'],
      ['CC200', '5100', '31/05/2017', '(1,000.50)', 'Credit note', 'Solent', 'X-2'],
      ['CC100', '5100', '2017-06-15', 99.9, 'Invoice', 'Provider Ltd', 'X-3'],
      ['CC300', '5100', new Date(Date.UTC(2018, 2, 31)), 5000, 'Year end', 'Provider Ltd', 'X-4'],
    ];
    const fromXlsx = await importGeneralLedger(request('ccg-april.xlsx', await workbook(rows)));
    const csv = [
      HEADER.join(','),
      'CC100,5100,2017-04-30,1234.56,"Invoice, April",Solent,C-1',
      'CC200,5100,31/05/2017,"(1,000.50)",Credit note,Solent,C-2',
      'CC100,5100,2017-06-15,99.90,Invoice,Provider Ltd,C-3',
      'CC300,5100,2018-03-31,5000.00,Year end,Provider Ltd,C-4',
    ].join('\n');
    const fromCsv = await importGeneralLedger(request('ccg-april.csv', csv));
    // £1,234.56 - £1,000.50 + £99.90 + £5,000.00 = £5,333.96
    expect(fromXlsx).toMatchObject({ ok: true, rows: 4, totalPence: 533_396 });
    expect(fromCsv).toMatchObject({ ok: true, rows: 4, totalPence: 533_396 });
    if (fromXlsx.ok && fromCsv.ok)
      expect(fromXlsx.entries.map((e) => [e.period, e.rows])).toEqual(
        fromCsv.entries.map((e) => [e.period, e.rows]),
      );
    const lines = await t.db
      .selectFrom('postings')
      .select(['reference', 'amount_pence', 'period', 'import_line', 'description'])
      .where('reference', 'in', ['X-1', 'X-2', 'X-3', 'X-4'])
      .orderBy('reference')
      .execute();
    expect(lines).toEqual([
      { reference: 'X-1', amount_pence: 123_456, period: 1, import_line: 2, description: 'Invoice, April' },
      { reference: 'X-2', amount_pence: -100_050, period: 2, import_line: 3, description: 'Credit note' },
      { reference: 'X-3', amount_pence: 9_990, period: 3, import_line: 4, description: 'Invoice' },
      { reference: 'X-4', amount_pence: 500_000, period: 12, import_line: 5, description: 'Year end' },
    ]);
  });

  it('reports a bad cell of an .xlsx extract by row, column heading and cell, and writes nothing', async () => {
    const before = await t.db.selectFrom('postings').select('entry_id').execute();
    const out = await importGeneralLedger(
      request(
        'bad.xlsx',
        await workbook([
          ['CC100', '5100', '2017-05-01', 10, 'ok', 'Solent', 'B-1'],
          ['CC100', '5100', '2017-05-01', 'ten pounds', 'bad', 'Solent', 'B-2'],
          ['CC999', '5100', '2017-05-01', 10, 'unmapped', 'Solent', 'B-3'],
        ]),
      ),
    );
    expect(out.ok).toBe(false);
    if (!out.ok)
      expect(out.problems.map((p) => [p.line, p.column, p.cell])).toEqual([
        [3, 'amount', 'D3'],
        [4, 'cost_centre', 'A4'],
      ]);
    expect(await t.db.selectFrom('postings').select('entry_id').execute()).toHaveLength(before.length);
  });

  it('reads a stream that can be read only once, and reports references repeated in the file by line', async () => {
    const text = [
      HEADER.join(','),
      'CC100,5100,2017-07-01,10.00,a,s,STREAM-1',
      'CC100,5100,2017-07-02,20.00,b,s,STREAM-2',
      'CC200,5100,2017-07-03,30.00,c,s,STREAM-1',
    ].join('\r\n');
    const chunks = () => Readable.from([Buffer.from(text.slice(0, 50)), Buffer.from(text.slice(50))]);
    // (on PGlite, through its COPY from blobs: the database's refusal is reported the same way)
    const repeated = await importGeneralLedger({ ...request('stream.csv', chunks()), pglite: t.pglite });
    expect(repeated.ok).toBe(false);
    if (!repeated.ok)
      expect(repeated.problems).toEqual([
        {
          line: 4,
          column: 'reference',
          reason: 'Transaction reference STREAM-1 appears again (first on line 2)',
        },
      ]);
    const fixed = text.replace(/STREAM-1$/, 'STREAM-3');
    const out = await importGeneralLedger(
      request('stream.csv', Readable.from([Buffer.from(fixed.slice(0, 7)), Buffer.from(fixed.slice(7))])),
    );
    expect(out).toMatchObject({ ok: true, rows: 3, totalPence: 6_000 });
  });

  it('keeps the same references apart for different partners', async () => {
    const text = `${HEADER.join(',')}\nCC100,5100,2017-08-01,1.00,a,s,SHARED-1\n`;
    expect((await importGeneralLedger(request('ccg.csv', text, ccg))).ok).toBe(true);
    // (not the same bytes: a file is imported once per fund, whoever sends it)
    const theirs = text.replace(',a,', ',b,');
    expect((await importGeneralLedger(request('council.csv', theirs, council))).ok).toBe(true);
  });

  it('gives monitoring totals equal to the sum of the postings, for any set of rows', async () => {
    let run = 0;
    const row = fc.record({
      scheme: fc.constantFrom('CC100', 'CC200', 'CC300'),
      partner: fc.constantFrom(0, 1),
      month: fc.integer({ min: 0, max: 11 }),
      day: fc.integer({ min: 1, max: 28 }),
      amount: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((a) => a !== 0),
      bracketed: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (rows) => {
        run += 1;
        for (const [partner, org] of [ccg, council].entries()) {
          const mine = rows.filter((r) => r.partner === partner);
          if (mine.length === 0) continue;
          const lines = mine.map((r, i) => {
            const month = ((r.month + 3) % 12) + 1;
            const year = month >= 4 ? 2017 : 2018;
            const abs = Math.abs(r.amount);
            const pounds = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
            const amount = r.amount < 0 ? (r.bracketed ? `"(${pounds})"` : `-${pounds}`) : pounds;
            return `${r.scheme},5100,${year}-${String(month).padStart(2, '0')}-${String(r.day).padStart(2, '0')},${amount},x,y,P${run}-${partner}-${i}`;
          });
          const out = await importGeneralLedger({
            ...request(`p${run}-${partner}.csv`, [HEADER.join(','), ...lines].join('\n'), org),
            // every other run on PGlite by COPY from blobs, the others by arrays
            pglite: run % 2 === 0 ? t.pglite : undefined,
          });
          expect(out.ok).toBe(true);
        }
        const report = await loadMonitoringReport(t.db, pid, fundId, 12, 'profile');
        const postings = await t.db
          .selectFrom('postings')
          .select([
            'scheme_id',
            'organisation_id',
            'period',
            (eb) => eb.fn.sum<string>('amount_pence').as('total'),
          ])
          .where('partnership_id', '=', pid)
          .where('fund_id', '=', fundId)
          .where('scheme_id', 'is not', null)
          .groupBy(['scheme_id', 'organisation_id', 'period'])
          .execute();
        const sum = postings.reduce((a, p) => a + BigInt(p.total), 0n);
        expect(BigInt(report.total.actualToDatePence)).toBe(sum);
        for (const s of report.schemes) {
          const own = postings
            .filter((p) => p.scheme_id === s.schemeId)
            .reduce((a, p) => a + BigInt(p.total), 0n);
          expect(BigInt(s.actualToDatePence)).toBe(own);
        }
        const byPeriod = Array.from({ length: 12 }, (_, i) =>
          postings.filter((p) => p.period === i + 1).reduce((a, p) => a + BigInt(p.total), 0n),
        );
        expect(report.actualByPeriod.map(BigInt)).toEqual(byPeriod);
      }),
      { numRuns: 12 },
    );
  });

  it('lands rows for a closed period in the next open one, summaries with them', async () => {
    await transaction(t.db, (trx) => closePeriod(trx, actor, pid, fundId, 1));
    const out = await importGeneralLedger(
      request('late.csv', `${HEADER.join(',')}\nCC300,5100,2017-04-20,12.34,late,s,LATE-1\n`),
    );
    expect(out).toMatchObject({ ok: true, rows: 1, entries: [{ period: 2, rows: 1 }] });
    const posting = await t.db
      .selectFrom('postings')
      .select(['period'])
      .where('reference', '=', 'LATE-1')
      .executeTakeFirstOrThrow();
    expect(posting.period).toBe(2);
  });
});
