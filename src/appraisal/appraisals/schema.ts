/**
 * Reading the appraisal's forms and query strings: each problem keyed by the field it concerns, so that the
 * form comes back with the GOV.UK error summary and what the user typed.
 */
import { field, type FormBody } from '../../kernel/forms.js';
import { parsePounds } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import type { OptionStageStatus } from '../analysis/index.js';
import {
  buildTree,
  levelName,
  weightProblems,
  type CriterionNode,
  type LeafCriterion,
} from '../criteria/index.js';
import { scaleProblem, valueOf, type Scale, type ScaleLevel } from '../criteria/index.js';
import { parsePercent, rankOrderCentroidWeights, swingWeights } from '../criteria/index.js';

const MAX_TEXT = 200;

function required(body: FormBody, name: string, label: string, problems: FieldProblems): string {
  const v = field(body, name);
  if (v === '') problems[name] = `Enter ${label}`;
  else if (v.length > MAX_TEXT)
    problems[name] =
      `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${MAX_TEXT} characters or fewer`;
  return v;
}

export function readAppraisalForm(body: FormBody) {
  const problems: FieldProblems = {};
  const title = required(body, 'title', 'a title', problems);
  const combination = field(body, 'combination') || 'mean';
  if (combination !== 'mean' && combination !== 'median') problems.combination = 'Select mean or median';
  return {
    problems,
    fields: {
      title,
      proposal: field(body, 'proposal'),
      decisionReference: field(body, 'decisionReference') || null,
      combination: combination === 'median' ? ('median' as const) : ('mean' as const),
    },
  };
}

export function readNamedForm(body: FormBody, what: string) {
  const problems: FieldProblems = {};
  const name = required(body, 'name', `a name for the ${what}`, problems);
  return { problems, fields: { name, description: field(body, 'description') } };
}

export function readDecisionForm(body: FormBody, optionIds: readonly number[]) {
  const problems: FieldProblems = {};
  const optionId = Number(field(body, 'optionId'));
  if (!optionIds.includes(optionId))
    problems.optionId = 'Select an option still in the running at this stage';
  const status = field(body, 'status');
  if (!['carried_forward', 'rejected', 'preferred'].includes(status))
    problems.status = 'Select carried forward, rejected or preferred';
  const reason = field(body, 'reason');
  if (status === 'rejected' && reason === '') problems.reason = 'Enter the reason the option was rejected';
  return { problems, fields: { optionId, status: status as OptionStageStatus, reason } };
}

/** `1 = Poor` lines as labelled levels. */
function readLevels(text: string, problems: FieldProblems): ScaleLevel[] {
  const levels: ScaleLevel[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*[=:-]\s*(.+)$/.exec(line);
    if (!m)
      problems.levels = problems.levels ?? `Line ${i + 1} of the labelled levels must look like 1 = Poor`;
    else levels.push({ value: Number(m[1]), label: (m[2] ?? '').trim() });
  });
  return levels;
}

export function readCriterionForm(body: FormBody, parentIds: readonly number[]) {
  const problems: FieldProblems = {};
  const name = required(body, 'name', 'a name for the criterion', problems);
  const parentRaw = field(body, 'parentId');
  const parentId = parentRaw === '' ? null : Number(parentRaw);
  if (parentId !== null && !parentIds.includes(parentId))
    problems.parentId = 'Select a group of this stage, or none';
  const weight = parsePercent(field(body, 'weight'), 'this criterion');
  if (!weight.ok) problems.weight = weight.error;
  const kind = field(body, 'scaleKind') || 'points';
  let scale: Scale = { kind: 'points', min: 0, max: 10, higherIsBetter: true, levels: [] };
  if (kind === 'money') {
    const worst = parsePounds(field(body, 'worst'));
    const best = parsePounds(field(body, 'best'));
    if (!worst.ok) problems.worst = 'Enter the worst amount in pounds, like 0 or 1250000';
    if (!best.ok) problems.best = 'Enter the best amount in pounds, like 2000000';
    if (worst.ok && best.ok) scale = { kind: 'money', worstPence: worst.value, bestPence: best.value };
  } else if (kind === 'points') {
    const min = Number(field(body, 'min') || '0');
    const max = Number(field(body, 'max') || '10');
    if (!Number.isFinite(min)) problems.min = 'The bottom of the scale must be a number, like 0';
    if (!Number.isFinite(max)) problems.max = 'The top of the scale must be a number, like 10';
    scale = {
      kind: 'points',
      min,
      max,
      higherIsBetter: field(body, 'direction') !== 'lower',
      levels: readLevels(field(body, 'levels'), problems),
    };
  } else problems.scaleKind = 'Select a points scale or an amount in pounds';
  const sp = scaleProblem(scale);
  if (sp && !problems.min && !problems.max && !problems.worst && !problems.best)
    problems[scale.kind === 'money' ? 'best' : 'max'] = sp;
  return {
    problems,
    fields: {
      parentId,
      name,
      description: field(body, 'description'),
      weightBp: weight.ok ? weight.value : 0,
      scale,
    },
  };
}

export type WeightMethod = 'percent' | 'swing' | 'ranking';

/** The anchor of a level's fieldset in the weights form. */
export const levelAnchor = (parentId: number | null) => `level-${parentId ?? 'top'}`;

/**
 * The weights form: one input per criterion (`w-<id>`), read as percentages, swing scores or ranks by the
 * method chosen, and turned into basis points level by level. Problems name the criterion or the level.
 */
export function readWeightsForm(body: FormBody, roots: readonly CriterionNode[]) {
  const problems: FieldProblems = {};
  const method = (field(body, 'method') || 'percent') as WeightMethod;
  if (!['percent', 'swing', 'ranking'].includes(method)) problems.method = 'Select how the weights are given';
  const weights = new Map<number, number>();
  const levels: { parent: CriterionNode | null; siblings: readonly CriterionNode[] }[] = [];
  const collect = (siblings: readonly CriterionNode[], parent: CriterionNode | null) => {
    if (siblings.length === 0) return;
    levels.push({ parent, siblings });
    for (const s of siblings) collect(s.children, s);
  };
  collect(roots, null);
  for (const { parent, siblings } of levels) {
    if (method === 'percent') {
      for (const c of siblings) {
        const r = parsePercent(field(body, `w-${c.id}`), c.name);
        if (r.ok) weights.set(c.id, r.value);
        else problems[`w-${c.id}`] = r.error;
      }
      continue;
    }
    const raw = siblings.map((c) => field(body, `w-${c.id}`));
    const bad = raw.findIndex((x) => !/^\d{1,3}$/.test(x));
    if (bad >= 0) {
      const c = siblings[bad];
      if (c)
        problems[`w-${c.id}`] =
          method === 'swing'
            ? `Enter a swing score from 0 to 100 for ${c.name}`
            : `Enter a rank from 1 to ${siblings.length} for ${c.name}`;
      continue;
    }
    const derived =
      method === 'swing' ? swingWeights(raw.map(Number)) : rankOrderCentroidWeights(raw.map(Number));
    if (!derived.ok) {
      problems[levelAnchor(parent?.id ?? null)] = `${derived.error} (${levelName(parent)})`;
      continue;
    }
    siblings.forEach((c, i) => weights.set(c.id, derived.value[i] ?? 0));
  }
  if (Object.keys(problems).length === 0) {
    const rows = levels.flatMap((l) => l.siblings).map((c) => ({ ...c, weightBp: weights.get(c.id) ?? 0 }));
    for (const p of weightProblems(buildTree(rows))) problems[levelAnchor(p.parentId)] = p.message;
  }
  return {
    method,
    problems,
    weights: [...weights].map(([criterionId, weightBp]) => ({ criterionId, weightBp })),
  };
}

/** A score typed for a criterion: a number on a points scale, pounds on a money scale (stored as pence). */
export function readScore(
  input: string,
  scale: Scale,
): { ok: true; value: number } | { ok: false; error: string } {
  if (scale.kind === 'money') {
    const p = parsePounds(input);
    if (!p.ok) return { ok: false, error: 'must be an amount in pounds, like 1250000' };
    const v = valueOf(scale, p.value);
    return v.ok ? { ok: true, value: p.value } : { ok: false, error: v.error.replace(/^The amount /, '') };
  }
  if (!/^-?\d+(\.\d{1,2})?$/.test(input)) return { ok: false, error: 'must be a number, like 7 or 7.5' };
  const n = Number(input);
  const v = valueOf(scale, n);
  return v.ok ? { ok: true, value: n } : { ok: false, error: v.error.replace(/^The score /, '') };
}

/** The scores form for one option: `s-<id>` (blank to leave a criterion unscored), `r-<id>` and `e-<id>`. */
export function readScoresForm(body: FormBody, leaves: readonly LeafCriterion[]) {
  const problems: FieldProblems = {};
  const assessor = required(body, 'assessor', 'the assessor’s name', problems);
  const scores: { criterionId: number; score: number; rationale: string; evidenceUrl: string }[] = [];
  for (const leaf of leaves) {
    const raw = field(body, `s-${leaf.id}`);
    if (raw === '' || !leaf.scale) continue;
    const r = readScore(raw, leaf.scale);
    if (!r.ok) {
      problems[`s-${leaf.id}`] = `The score for ${leaf.name} ${r.error}`;
      continue;
    }
    const evidenceUrl = field(body, `e-${leaf.id}`);
    if (evidenceUrl !== '' && !/^https?:\/\/\S+$/.test(evidenceUrl))
      problems[`e-${leaf.id}`] = `The evidence link for ${leaf.name} must start with https:// or http://`;
    scores.push({
      criterionId: leaf.id,
      score: r.value,
      rationale: field(body, `r-${leaf.id}`),
      evidenceUrl,
    });
  }
  if (scores.length === 0 && !problems.assessor && Object.keys(problems).length === 0)
    problems.form = 'Enter at least one score';
  return { problems, assessor, scores };
}

export interface SmaaQuery {
  samples: number;
  seed: number;
  mode: 'simplex' | 'ranking' | 'ranges';
  /** Ranges: each weight ± this many percentage points. */
  spread: number;
}

/** The robustness form's query string, with defaults; problems name the field. */
export function readSmaaQuery(q: Record<string, string | undefined>): {
  query: SmaaQuery;
  problems: FieldProblems;
} {
  const problems: FieldProblems = {};
  const int = (name: string, fallback: number, min: number, max: number, message: string) => {
    const raw = (q[name] ?? '').trim();
    if (raw === '') return fallback;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems[name] = message;
      return fallback;
    }
    return Number(raw);
  };
  const samples = int(
    'samples',
    10_000,
    100,
    1_000_000,
    'The number of samples must be a whole number from 100 to 1,000,000',
  );
  const seed = int('seed', 1, 0, 4_294_967_295, 'The seed must be a whole number from 0 to 4,294,967,295');
  const spread = int(
    'spread',
    10,
    1,
    100,
    'The spread must be a whole number of percentage points from 1 to 100',
  );
  const rawMode = q.mode ?? 'simplex';
  const mode = rawMode === 'ranking' || rawMode === 'ranges' ? rawMode : 'simplex';
  return { query: { samples, seed, mode, spread }, problems };
}
