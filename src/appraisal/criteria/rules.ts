/**
 * The criteria tree of an appraisal stage: groups of criteria with weights at each level, and the scored
 * criteria (the leaves) beneath them. Weights are stored exactly, as whole basis points (10,000 = 100 %) of the
 * level they sit in (DESIGN.md, "Data": weights are never floats that are later summed).
 */
import type { Scale } from './scales.js';

/** 100 % in basis points. */
export const WHOLE_BP = 10_000;

/** A criterion as stored: a flat row that names its parent (null at the top level). */
export interface CriterionRow {
  id: number;
  parentId: number | null;
  name: string;
  /** This criterion's share of its level, in basis points. */
  weightBp: number;
  position: number;
  /** How a leaf is scored; groups (criteria with children) are not scored. */
  scale: Scale | null;
}

export interface CriterionNode extends CriterionRow {
  children: CriterionNode[];
  /**
   * What this criterion's weight is a share of: 10,000 basis points (100 %) when not given. A stage that uses a
   * subset of another stage's criteria sets it to the total of the chosen siblings, so that the chosen weights
   * are renormalised exactly (see `renormalise`).
   */
  levelTotalBp?: number;
}

/** A criterion's share of its level as a fraction of 1: its basis points over its level's total. */
export const shareOfLevel = (node: Pick<CriterionNode, 'weightBp' | 'levelTotalBp'>): number => {
  const total = node.levelTotalBp ?? WHOLE_BP;
  return total === 0 ? 0 : node.weightBp / total;
};

/** A share of a level for people: whole basis points as stored ('40 %'), a renormalised share to 0.01 %. */
export const formatShare = (node: Pick<CriterionNode, 'weightBp' | 'levelTotalBp'>): string =>
  (node.levelTotalBp ?? WHOLE_BP) === WHOLE_BP
    ? formatPercent(node.weightBp)
    : `${(shareOfLevel(node) * 100).toFixed(2)} %`;

/** A scored criterion with its weight in the whole appraisal (the product of the weights on its path). */
export interface LeafCriterion {
  id: number;
  name: string;
  /** The names from the top-level group down to this criterion. */
  path: string[];
  /** The top-level criterion this one sits under (itself at the top level). */
  groupId: number;
  /** Weight in the whole stage as a fraction of 1 (the exact product of basis points ÷ 10,000 per level). */
  weight: number;
  scale: Scale | null;
}

/** The rows as a tree, siblings in their stored order. Rows whose parent is missing are a programming error. */
export function buildTree(rows: readonly CriterionRow[]): CriterionNode[] {
  const nodes = new Map<number, CriterionNode>();
  for (const r of rows) nodes.set(r.id, { ...r, children: [] });
  const roots: CriterionNode[] = [];
  for (const node of nodes.values()) {
    if (node.parentId === null) roots.push(node);
    else {
      const parent = nodes.get(node.parentId);
      if (!parent)
        throw new Error(`Criterion ${node.id} names a parent ${node.parentId} that is not in the tree`);
      parent.children.push(node);
    }
  }
  const order = (list: CriterionNode[]) => {
    list.sort((a, b) => a.position - b.position || a.id - b.id);
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

/** One level of the tree whose weights do not total 100 %. */
export interface WeightProblem {
  /** The group whose children are out (null: the top level). */
  parentId: number | null;
  /** 'the top level' or 'under “Accountability”'. */
  level: string;
  totalBp: number;
  message: string;
}

/** Basis points as a percentage for people: 3333 → '33.33 %', 10000 → '100 %'. */
export function formatPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  const sign = bp < 0 && whole === 0 ? '-' : '';
  return rest === 0
    ? `${sign}${whole} %`
    : `${sign}${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')} %`;
}

export const levelName = (parent: { name: string } | null): string =>
  parent === null ? 'the top level' : `under “${parent.name}”`;

/**
 * Every level whose weights do not total exactly 100 % (10,000 basis points), each problem naming its level,
 * and every negative weight. An empty list means the weights are sound.
 */
export function weightProblems(roots: readonly CriterionNode[]): WeightProblem[] {
  const problems: WeightProblem[] = [];
  const check = (siblings: readonly CriterionNode[], parent: CriterionNode | null) => {
    if (siblings.length === 0) return;
    const level = levelName(parent);
    const totalBp = siblings.reduce((sum, n) => sum + n.weightBp, 0);
    const negative = siblings.find((n) => n.weightBp < 0);
    if (negative) {
      problems.push({
        parentId: parent?.id ?? null,
        level,
        totalBp,
        message: `The weight of “${negative.name}” must not be negative`,
      });
    } else if (totalBp !== WHOLE_BP) {
      problems.push({
        parentId: parent?.id ?? null,
        level,
        totalBp,
        message: `Weights ${parent === null ? 'at the top level' : level} total ${formatPercent(totalBp)}: they must total 100 %`,
      });
    }
    for (const n of siblings) check(n.children, n);
  };
  check(roots, null);
  return problems;
}

/** The scored criteria in tree order, each with its weight in the whole stage. */
export function leafCriteria(roots: readonly CriterionNode[]): LeafCriterion[] {
  const leaves: LeafCriterion[] = [];
  const walk = (node: CriterionNode, weight: number, path: string[], groupId: number) => {
    const w = weight * shareOfLevel(node);
    const p = [...path, node.name];
    if (node.children.length === 0) {
      leaves.push({ id: node.id, name: node.name, path: p, groupId, weight: w, scale: node.scale });
    } else for (const c of node.children) walk(c, w, p, groupId);
  };
  for (const r of roots) walk(r, 1, [], r.id);
  return leaves;
}

/** Every node of the tree, depth first, with its parent (null at the top). */
export function eachNode(
  roots: readonly CriterionNode[],
): { node: CriterionNode; parent: CriterionNode | null; depth: number }[] {
  const out: { node: CriterionNode; parent: CriterionNode | null; depth: number }[] = [];
  const walk = (node: CriterionNode, parent: CriterionNode | null, depth: number) => {
    out.push({ node, parent, depth });
    for (const c of node.children) walk(c, node, depth + 1);
  };
  for (const r of roots) walk(r, null, 0);
  return out;
}

/**
 * The part of a stage's tree that another stage uses: the chosen scored criteria with the groups above them
 * (a group is kept when at least one criterion beneath it is chosen). Each kept criterion's weight is
 * renormalised exactly within its level: its stored basis points over the total of the kept siblings' basis
 * points, a ratio of whole numbers that is never rounded to basis points first. A level of kept criteria that
 * all weigh 0 % has nothing to share out, and is reported.
 */
export function renormalise(
  roots: readonly CriterionNode[],
  chosenLeafIds: ReadonlySet<number>,
): { roots: CriterionNode[]; problems: WeightProblem[] } {
  const problems: WeightProblem[] = [];
  const keep = (siblings: readonly CriterionNode[], parent: CriterionNode | null): CriterionNode[] => {
    const kept = siblings.flatMap((n): CriterionNode[] => {
      if (n.children.length === 0) return chosenLeafIds.has(n.id) ? [{ ...n, children: [] }] : [];
      const children = keep(n.children, n);
      return children.length > 0 ? [{ ...n, children }] : [];
    });
    const totalBp = kept.reduce((sum, n) => sum + n.weightBp, 0);
    if (kept.length > 0 && totalBp === 0)
      problems.push({
        parentId: parent?.id ?? null,
        level: levelName(parent),
        totalBp,
        message: `The criteria chosen ${parent === null ? 'at the top level' : levelName(parent)} all weigh 0 %: choose one with a weight`,
      });
    for (const n of kept) n.levelTotalBp = totalBp;
    return kept;
  };
  return { roots: keep(roots, null), problems };
}
