/**
 * One-way sensitivity of the winner to each weight, in closed form.
 *
 * Vary one criterion's weight t within its level, and rescale its siblings proportionally so that the level
 * still totals 100 % (sibling s gets l_s·(1−t)/(1−l), where l is the weight's current value). Every option's
 * total is then a straight line in t:
 *     T_a(t) = Out_a + P·( t·V_n(a) + (1−t)·Q_a ),   Q_a = Σ_{s≠n} l_s·V_s(a) / (1−l)
 * where P is the weight of the level in the whole stage, V the value of a criterion's subtree and Out_a what
 * lies outside the level. The winner w stays best while T_w(t) − T_b(t) ≥ 0 for every other option b: each
 * difference is a line, so each gives one threshold t* = −Δα/Δβ, a lower bound if the line rises and an upper
 * bound if it falls. The interval is the tightest of these within [0, 1], and the option whose line sets a
 * bound is the one that takes over there. No scanning, so the thresholds are exact up to float rounding.
 */
import { cellKey } from '../criteria/index.js';
import { eachNode, formatShare, shareOfLevel, type CriterionNode } from '../criteria/index.js';
import type { AppraisedOption } from './results.js';

const EPS = 1e-12;

export interface StableInterval {
  /** Lowest weight (fraction of its level) at which the winner still wins. */
  lower: number;
  upper: number;
  /** The options that take over just below `lower` (empty when the winner wins down to 0). */
  lowerTakers: number[];
  /** The options that take over just above `upper` (empty when the winner wins up to 1). */
  upperTakers: number[];
}

/**
 * The interval of t around `current` over which option `winner` keeps the highest total, where option a's
 * total is alpha[a] + beta[a]·t. Option indices in the result are positions in alpha/beta.
 */
export function stableInterval(
  alpha: readonly number[],
  beta: readonly number[],
  winner: number,
  current: number,
): StableInterval {
  let lower = 0;
  let upper = 1;
  let lowerTakers: number[] = [];
  let upperTakers: number[] = [];
  const aw = alpha[winner] ?? 0;
  const bw = beta[winner] ?? 0;
  alpha.forEach((ab, b) => {
    if (b === winner) return;
    const da = aw - ab;
    const db = bw - (beta[b] ?? 0);
    if (Math.abs(db) <= EPS) return; // parallel: the gap never changes
    const t = -da / db;
    if (db > 0) {
      // the winner's lead grows with t: below t it loses
      if (t > lower + EPS) {
        lower = Math.min(t, current);
        lowerTakers = [b];
      } else if (Math.abs(t - lower) <= EPS && t > EPS) lowerTakers.push(b);
    } else if (t < upper - EPS) {
      upper = Math.max(t, current);
      upperTakers = [b];
    } else if (Math.abs(t - upper) <= EPS && t < 1 - EPS) upperTakers.push(b);
  });
  return { lower, upper, lowerTakers, upperTakers };
}

export interface WeightSensitivity {
  criterionId: number;
  name: string;
  /** 'the top level' or 'under “Accountability”'. */
  level: string;
  currentBp: number;
  /** The weight as agreed, as a fraction of its level (renormalised when the stage uses a subset). */
  current: number;
  currentLabel: string;
  /** Fractions of the level (0 to 1). */
  lower: number;
  upper: number;
  lowerTakers: AppraisedOption[];
  upperTakers: AppraisedOption[];
}

export interface Sensitivity {
  winner: AppraisedOption;
  /** One entry per weight that can be varied (a criterion with at least one sibling), narrowest first. */
  weights: WeightSensitivity[];
}

/**
 * The one-way sensitivity of every weight in the tree for the option with the highest total (the first given
 * if several share it). `values` holds each cell's value from 0 to 1; unscored cells count as 0.
 */
export function oneWaySensitivity(
  roots: readonly CriterionNode[],
  options: readonly AppraisedOption[],
  values: ReadonlyMap<string, number>,
): Sensitivity | null {
  if (options.length < 2 || roots.length === 0) return null;
  const memo = new Map<string, number>();
  const subtreeValue = (node: CriterionNode, a: AppraisedOption): number => {
    const key = `${node.id}/${a.id}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const v =
      node.children.length === 0
        ? (values.get(cellKey(a.id, node.id)) ?? 0)
        : node.children.reduce((s, c) => s + shareOfLevel(c) * subtreeValue(c, a), 0);
    memo.set(key, v);
    return v;
  };
  const totals = options.map((a) => roots.reduce((s, r) => s + shareOfLevel(r) * subtreeValue(r, a), 0));
  let winner = 0;
  totals.forEach((t, i) => {
    if (t > (totals[winner] ?? 0) + 1e-12) winner = i;
  });

  // the weight of each node in the whole stage, to find P for each level
  const globalWeight = new Map<number, number>();
  const parents = new Map<number, CriterionNode | null>();
  for (const { node, parent } of eachNode(roots)) {
    parents.set(node.id, parent);
    const p = parent === null ? 1 : (globalWeight.get(parent.id) ?? 0);
    globalWeight.set(node.id, p * shareOfLevel(node));
  }

  const out: WeightSensitivity[] = [];
  for (const { node, parent } of eachNode(roots)) {
    const siblings = parent === null ? roots : parent.children;
    const l = shareOfLevel(node);
    if (siblings.length < 2 || l >= 1) continue; // nothing to rescale against
    const P = parent === null ? 1 : (globalWeight.get(parent.id) ?? 0);
    const alpha: number[] = [];
    const beta: number[] = [];
    options.forEach((a, i) => {
      let level = 0;
      let others = 0;
      for (const s of siblings) {
        const part = shareOfLevel(s) * subtreeValue(s, a);
        level += part;
        if (s !== node) others += part;
      }
      const outside = (totals[i] ?? 0) - P * level;
      const q = others / (1 - l);
      alpha.push(outside + P * q);
      beta.push(P * (subtreeValue(node, a) - q));
    });
    const iv = stableInterval(alpha, beta, winner, l);
    const pick = (ix: number[]) => ix.map((i) => options[i]).filter((o) => o !== undefined);
    out.push({
      criterionId: node.id,
      name: node.name,
      level: parent === null ? 'the top level' : `under “${parent.name}”`,
      currentBp: node.weightBp,
      current: l,
      currentLabel: formatShare(node),
      lower: iv.lower,
      upper: iv.upper,
      lowerTakers: pick(iv.lowerTakers),
      upperTakers: pick(iv.upperTakers),
    });
  }
  out.sort((a, b) => a.upper - a.lower - (b.upper - b.lower));
  const w = options[winner];
  return w ? { winner: w, weights: out } : null;
}
