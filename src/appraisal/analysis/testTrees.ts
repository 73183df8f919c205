/**
 * Criteria trees shared by the appraisal tests, shaped like Southampton's 2017 criteria (Cabinet decision of
 * 18 July 2017, "Alternative options considered" para 1). Test support only.
 */
import type { CriterionRow } from '../criteria/index.js';
import { moneyScale, pointsScale } from '../criteria/index.js';

const tenPoint = pointsScale(0, 10);

/** Outcomes 40 %; efficiency 35 % (financial 50, decisions 30, ease 20); accountability 25 % (40, 30, 30). */
export function southamptonShapedRows(): CriterionRow[] {
  return [
    {
      id: 1,
      parentId: null,
      name: 'Resident and patient outcomes',
      weightBp: 4000,
      position: 1,
      scale: tenPoint,
    },
    {
      id: 2,
      parentId: null,
      name: 'System efficiency and sustainability',
      weightBp: 3500,
      position: 2,
      scale: null,
    },
    { id: 3, parentId: null, name: 'Accountability', weightBp: 2500, position: 3, scale: null },
    {
      id: 21,
      parentId: 2,
      name: 'Financial benefit',
      weightBp: 5000,
      position: 1,
      scale: moneyScale(0, 200_000_000),
    },
    { id: 22, parentId: 2, name: 'Effective decision making', weightBp: 3000, position: 2, scale: tenPoint },
    { id: 23, parentId: 2, name: 'Ease of delivery', weightBp: 2000, position: 3, scale: tenPoint },
    { id: 31, parentId: 3, name: 'Democratic accountability', weightBp: 4000, position: 1, scale: tenPoint },
    { id: 32, parentId: 3, name: 'Strategic alignment', weightBp: 3000, position: 2, scale: tenPoint },
    {
      id: 33,
      parentId: 3,
      name: 'Legal and regulatory compliance',
      weightBp: 3000,
      position: 3,
      scale: tenPoint,
    },
  ];
}

/** A flat tree of leaves scored 0 to 1 directly, with the given weights in basis points. */
export function flatRows(weightsBp: readonly number[]): CriterionRow[] {
  return weightsBp.map((w, i) => ({
    id: i + 1,
    parentId: null,
    name: `Criterion ${i + 1}`,
    weightBp: w,
    position: i + 1,
    scale: pointsScale(0, 1),
  }));
}
