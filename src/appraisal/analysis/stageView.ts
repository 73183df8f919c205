/**
 * What the appraisal page shows for one stage, worked out from the stored record: the criteria with their
 * weights, the scoring matrix, the results with their chart, the tornado chart and the SMAA run the user asked
 * for. Pure: the route loads the record and renders what this returns.
 */
import { analyseStage, smaaMatrix, type StageAnalysis } from './analyse.js';
import { cellKey } from '../criteria/index.js';
import { stackedResultsChart, tornadoChart, GROUP_COLOURS } from './charts.js';
import { eachNode, formatPercent, formatShare, leafCriteria, WHOLE_BP } from '../criteria/index.js';
import { rankLabel } from './results.js';
import { describeScale, describeScore } from '../criteria/index.js';
import type { SmaaQuery } from '../appraisals/index.js';
import { rankAcceptability } from './smaa.js';
import type { AppraisalRecord } from '../appraisals/index.js';

const pct = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;
const points = (x: number) => x.toFixed(1);

function smaaView(analysis: StageAnalysis, q: SmaaQuery) {
  const { leaves, values, weights } = smaaMatrix(analysis);
  const n = leaves.length;
  const m = analysis.options.length;
  let space: Parameters<typeof rankAcceptability>[0]['weights'] = { kind: 'simplex' };
  if (q.mode === 'ranking') {
    const order = Int32Array.from(
      [...Array(n).keys()].sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b),
    );
    space = { kind: 'ranking', order };
  } else if (q.mode === 'ranges') {
    const d = q.spread / 100;
    space = {
      kind: 'ranges',
      lower: weights.map((w) => Math.max(0, w - d)),
      upper: weights.map((w) => Math.min(1, w + d)),
    };
  }
  const r = rankAcceptability({
    options: m,
    criteria: n,
    values,
    samples: q.samples,
    seed: q.seed,
    weights: space,
  });
  if (!r.ok) return { error: r.error };
  const res = r.value;
  return {
    error: null,
    ranks: [...Array(m).keys()].map((r) => r + 1),
    leaves: leaves.map((l) => l.name),
    rows: analysis.options.map((o, a) => ({
      name: o.name,
      acceptability: [...Array(m).keys()].map((rank) => pct(res.rankAcceptability[a * m + rank] ?? 0)),
      firstCount: res.firstCounts[a] ?? 0,
      central:
        (res.firstCounts[a] ?? 0) > 0 ? leaves.map((_, j) => pct(res.centralWeights[a * n + j] ?? 0)) : null,
    })),
    draws: res.draws,
  };
}

export function stageView(record: AppraisalRecord, stageId: number, smaa: SmaaQuery | null) {
  const stage = record.stages.find((s) => s.id === stageId);
  if (!stage) return null;
  const analysis = analyseStage({ ...record, stage, combination: record.appraisal.combination });
  const leaves = leafCriteria(analysis.tree);
  const global = new Map(leaves.map((l) => [l.id, l.weight]));
  const criteria = eachNode(analysis.tree).map(({ node, parent, depth }) => ({
    id: node.id,
    name: node.name,
    description: record.criteria.find((c) => c.id === node.id)?.description ?? '',
    depth,
    parentName: parent?.name ?? null,
    isGroup: node.children.length > 0,
    weight: formatShare(node),
    /** For a subset stage: the weight as set at the stage the criterion comes from, before renormalising. */
    weightAsSet: node.levelTotalBp === undefined ? null : formatPercent(node.weightBp),
    weightInStage: global.has(node.id) ? pct(global.get(node.id) ?? 0) : '',
    scale: node.children.length === 0 && node.scale ? describeScale(node.scale) : '',
  }));
  const matrix = leaves.map((leaf) => ({
    id: leaf.id,
    name: leaf.name,
    path: leaf.path.join(' › '),
    weight: pct(leaf.weight),
    scale: leaf.scale ? describeScale(leaf.scale) : '',
    cells: analysis.options.map((o) => {
      const c = analysis.combined.get(cellKey(o.id, leaf.id));
      if (!c || !leaf.scale) return null;
      const latest = [...record.scores]
        .reverse()
        .find((s) => s.option_id === o.id && s.criterion_id === leaf.id);
      return {
        score: describeScore(leaf.scale, c.score),
        assessors: c.assessors,
        spread:
          c.range > 0
            ? `${describeScore(leaf.scale, c.lowest)} to ${describeScore(leaf.scale, c.highest)}`
            : '',
        rationale: latest?.rationale ?? '',
        evidenceUrl: latest?.evidence_url ?? '',
        /** Who gave the latest score for the cell, and when. */
        scoredBy: latest?.assessor ?? '',
        scoredAt: latest?.scored_at ?? null,
      };
    }),
  }));
  const results = analysis.results;
  const resultsView = results
    ? {
        complete: results.complete,
        groups: results.groups.map((g, i) => ({
          name: g.name,
          weight: formatShare(g),
          colour: GROUP_COLOURS[i % GROUP_COLOURS.length],
        })),
        rows: results.ranked.map((r) => ({
          name: r.name,
          rank: rankLabel(r),
          total: points(r.total),
          contributions: r.contributions.map(points),
          unscored: r.unscored,
        })),
        chart: stackedResultsChart(results, `Weighted totals out of 100, by criterion group: ${stage.name}`),
      }
    : null;
  const sens = analysis.sensitivity;
  const sensitivityView = sens
    ? {
        winner: sens.winner.name,
        rows: sens.weights.map((w) => ({
          name: w.name,
          level: w.level,
          current: w.currentLabel,
          lower: pct(w.lower),
          upper: pct(w.upper),
          lowerTakers: w.lowerTakers.map((o) => o.name).join(' and '),
          upperTakers: w.upperTakers.map((o) => o.name).join(' and '),
          robust: w.lower <= 1e-12 && w.upper >= 1 - 1e-12,
        })),
        chart: sens.weights.length > 0 ? tornadoChart(sens.weights, sens.winner.name) : null,
      }
    : null;
  const source = record.stages.find((s) => s.id === analysis.sourceStageId) ?? null;
  return {
    stage,
    source: source ? { id: source.id, name: source.name, position: source.position } : null,
    analysis,
    options: analysis.options,
    criteria,
    leaves,
    parents: criteria.filter((c) => c.isGroup || c.depth === 0).map((c) => ({ id: c.id, name: c.name })),
    weightProblems: analysis.weightProblems,
    valueProblems: analysis.valueProblems,
    matrix,
    results: resultsView,
    sensitivity: sensitivityView,
    smaa: smaa && results ? smaaView(analysis, smaa) : null,
    totalWeightBp: WHOLE_BP,
  };
}

export type StageView = NonNullable<ReturnType<typeof stageView>>;
