/**
 * The partnership's year across its arrangements as a workbook: a sheet each for the funds, the arrangements
 * (pooled and aligned) and the partners, each with SUM totals cached at Concordat's figures, and the
 * reconciliation of each fund with its imported files.
 */
import ExcelJS from 'exceljs';
import { sumPence, type Pence } from '../../kernel/money.js';
import {
  addTable,
  figureCells,
  FIGURE_COLUMNS,
  figureTotals,
  pounds,
  type PartnershipYearView,
  type Reconciliation,
} from '../monitoring/index.js';

export async function partnershipYearWorkbook(props: {
  title: string;
  view: PartnershipYearView;
  partnerName: (organisationId: number) => string;
  reconciliations: readonly (Reconciliation & { name: string })[];
}): Promise<Buffer> {
  const { view } = props;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concordat';
  wb.calcProperties.fullCalcOnLoad = true;
  const totals = {
    cells: figureTotals(view.total, 2),
    labels: { 0: 'Total', 6: view.total.rag.toUpperCase() },
  };
  const sheet = (name: string, header: string, rows: { label: string; figures: typeof view.total }[]) =>
    addTable(
      wb,
      name,
      [{ header, width: 52 }, ...FIGURE_COLUMNS],
      rows.map((r, i) => [r.label, ...figureCells(r.figures, i + 2, 2)]),
      totals,
    );
  sheet(
    'By fund',
    'Fund',
    view.byFund.map((f) => ({ label: `${f.name} (${f.kind})`, figures: f })),
  );
  sheet(
    'By arrangement',
    'Arrangement',
    view.byArrangement.map((a) => ({
      label: a.kind === 'pooled' ? 'Pooled funds' : 'Aligned budgets',
      figures: a,
    })),
  );
  sheet(
    'By partner',
    'Funding partner',
    view.byPartner.map((p) => ({ label: props.partnerName(p.organisationId), figures: p })),
  );
  const sum = (f: (r: Reconciliation) => Pence) => sumPence(props.reconciliations.map(f));
  addTable(
    wb,
    'Reconciliation',
    [
      { header: 'Fund', width: 52 },
      { header: 'Imported files (£)', width: 20, money: true },
      { header: 'Other entries (£)', width: 20, money: true },
      { header: 'Actual, all periods (£)', width: 22, money: true },
      { header: 'Later periods (£)', width: 20, money: true },
      { header: 'Actual to date (£)', width: 20, money: true },
    ],
    props.reconciliations.map((r) => [
      r.name,
      pounds(r.importedPence),
      pounds(r.otherEntriesPence),
      pounds(r.actualAllPeriodsPence),
      pounds(r.laterPeriodsPence),
      pounds(r.actualToDatePence),
    ]),
    {
      cells: {
        1: sum((r) => r.importedPence),
        2: sum((r) => r.otherEntriesPence),
        3: sum((r) => r.actualAllPeriodsPence),
        4: sum((r) => r.laterPeriodsPence),
        5: view.total.actualToDatePence,
      },
      labels: { 0: 'Total' },
    },
  );
  const notes = wb.addWorksheet('About');
  notes.getColumn(1).width = 100;
  notes.addRow([props.title]).font = { bold: true };
  notes.addRow([
    "Each fund's figures are those of its own monitoring report; the totals add them up to the penny.",
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
