/**
 * The appraisal as a workbook for Excel (DESIGN.md: XLSX for every table a commissioning officer would take
 * into Excel): for each stage, the scoring matrix (criteria down, options across, with each criterion's weight
 * in the stage) and the ranked results with each group's contribution; then every score as given (who scored,
 * when, why, on what evidence) and the "Alternative options considered" text. Figures are numbers in the cells, not text, so that they can be checked by formula.
 */
import ExcelJS from 'exceljs';
import { alternativesConsidered } from './alternatives.js';
import { analyseStage } from './analyse.js';
import { cellKey } from '../criteria/index.js';
import { leafCriteria } from '../criteria/index.js';
import { rankLabel } from './results.js';
import { describeScale } from '../criteria/index.js';
import type { AppraisalRecord } from '../appraisals/index.js';

/** Excel's limits on sheet names: 31 characters, none of []:*?/\ */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function appraisalWorkbook(record: AppraisalRecord): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concordat';
  wb.title = record.appraisal.title;
  record.stages.forEach((stage, i) => {
    const a = analyseStage({ ...record, stage, combination: record.appraisal.combination });
    const leaves = leafCriteria(a.tree);
    const matrix = wb.addWorksheet(sheetName(`Stage ${i + 1} scores`));
    matrix.addRow([`${record.appraisal.title}: stage ${i + 1}, ${stage.name}`]).font = { bold: true };
    matrix.addRow([
      `Scores are the ${record.appraisal.combination} of the assessors' scores; money in pounds.`,
    ]);
    const head = matrix.addRow(['Criterion', 'Weight in stage', 'Scale', ...a.options.map((o) => o.name)]);
    head.font = { bold: true };
    for (const leaf of leaves) {
      const scores = a.options.map((o) => {
        const c = a.combined.get(cellKey(o.id, leaf.id));
        if (!c) return null;
        return leaf.scale?.kind === 'money' ? c.score / 100 : c.score;
      });
      const row = matrix.addRow([
        leaf.path.join(' › '),
        leaf.weight,
        leaf.scale ? describeScale(leaf.scale) : '',
        ...scores,
      ]);
      row.getCell(2).numFmt = '0.00%';
    }
    matrix.getColumn(1).width = 50;
    matrix.getColumn(2).width = 14;
    matrix.getColumn(3).width = 30;
    for (let c = 4; c < 4 + a.options.length; c++) matrix.getColumn(c).width = 22;

    const results = wb.addWorksheet(sheetName(`Stage ${i + 1} results`));
    results.addRow([`Weighted totals out of 100: stage ${i + 1}, ${stage.name}`]).font = { bold: true };
    if (!a.results) {
      results.addRow(['Results are shown once every level’s weights total 100 %:']);
      for (const p of a.weightProblems) results.addRow([p.message]);
      return;
    }
    results.addRow(['Rank', 'Option', 'Total', ...a.results.groups.map((g) => g.name)]).font = { bold: true };
    for (const r of a.results.ranked) results.addRow([rankLabel(r), r.name, r.total, ...r.contributions]);
    results.getColumn(2).width = 50;
    for (let c = 3; c <= 3 + a.results.groups.length; c++) {
      results.getColumn(c).width = 18;
      results.getColumn(c).numFmt = '0.00';
    }
  });
  // every score as given, superseded ones included: who scored which cell, when, why and on what evidence
  const history = wb.addWorksheet('Scores by assessor');
  history.addRow([
    'Stage',
    'Criterion',
    'Option',
    'Score',
    'Assessor',
    'Scored at',
    'Rationale',
    'Evidence',
  ]).font = { bold: true };
  const stageOf = new Map(record.criteria.map((c) => [c.id, c.stageId]));
  for (const s of record.scores) {
    const criterion = record.criteria.find((c) => c.id === s.criterion_id);
    const stage = record.stages.find((x) => x.id === stageOf.get(s.criterion_id));
    history.addRow([
      stage?.name ?? '',
      criterion?.name ?? '',
      record.options.find((o) => o.id === s.option_id)?.name ?? '',
      criterion?.scale?.kind === 'money' ? s.score / 100 : s.score,
      s.assessor,
      s.scored_at,
      s.rationale,
      s.evidence_url,
    ]);
  }
  history.getColumn(6).numFmt = 'yyyy-mm-dd hh:mm';
  for (const [c, w] of [30, 40, 40, 12, 30, 18, 60, 40].entries()) history.getColumn(c + 1).width = w;

  const alt = wb.addWorksheet('Alternatives considered');
  alt.addRow(['Alternative options considered']).font = { bold: true };
  const text = alternativesConsidered(record.stages, record.options, record.decisions);
  text.paragraphs.forEach((p, i) => {
    alt.addRow([`${i + 1}. ${p.text}`]);
    for (const item of p.items) alt.addRow([`   – ${item}`]);
  });
  alt.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
