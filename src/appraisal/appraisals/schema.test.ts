import { describe, expect, it } from 'vitest';
import { buildTree, leafCriteria } from '../criteria/index.js';
import { moneyScale } from '../criteria/index.js';
import { readCriterionForm, readScore, readScoresForm, readSmaaQuery, readWeightsForm } from './schema.js';
import { southamptonShapedRows } from '../analysis/index.js';

const roots = buildTree(southamptonShapedRows());

describe('the weights form', () => {
  it('turns swing scores into weights level by level', () => {
    // top level 100 : 50 : 50 → 50 %, 25 %, 25 %; under efficiency 100 : 100 : 50 → 40 %, 40 %, 20 %;
    // under accountability 100 : 60 : 40 → 50 %, 30 %, 20 %
    const r = readWeightsForm(
      {
        method: 'swing',
        'w-1': '100',
        'w-2': '50',
        'w-3': '50',
        'w-21': '100',
        'w-22': '100',
        'w-23': '50',
        'w-31': '100',
        'w-32': '60',
        'w-33': '40',
      },
      roots,
    );
    expect(r.problems).toEqual({});
    expect(Object.fromEntries(r.weights.map((w) => [w.criterionId, w.weightBp]))).toEqual({
      1: 5000,
      2: 2500,
      3: 2500,
      21: 4000,
      22: 4000,
      23: 2000,
      31: 5000,
      32: 3000,
      33: 2000,
    });
  });

  it('names the criterion whose percentage cannot be read, and each level that does not total 100 %', () => {
    const r = readWeightsForm(
      {
        method: 'percent',
        'w-1': '40',
        'w-2': '35',
        'w-3': '20',
        'w-21': 'forty',
        'w-22': '30',
        'w-23': '20',
        'w-31': '40',
        'w-32': '30',
        'w-33': '30',
      },
      roots,
    );
    expect(r.problems).toEqual({
      'w-21': 'The weight for Financial benefit must be a percentage with up to 2 decimal places, like 33.33',
    });
    const r2 = readWeightsForm(
      {
        method: 'percent',
        'w-1': '40',
        'w-2': '35',
        'w-3': '20',
        'w-21': '50',
        'w-22': '30',
        'w-23': '20',
        'w-31': '40',
        'w-32': '30',
        'w-33': '30',
      },
      roots,
    );
    expect(r2.problems).toEqual({
      'level-top': 'Weights at the top level total 95 %: they must total 100 %',
    });
  });
});

describe('scores typed into the form', () => {
  it('reads pounds on a money scale as pence, and refuses an amount outside its range', () => {
    expect(readScore('1,250,000', moneyScale(0, 200_000_000))).toEqual({ ok: true, value: 125_000_000 });
    expect(readScore('3000000', moneyScale(0, 200_000_000))).toEqual({
      ok: false,
      error: 'must be from £0.00 to £2,000,000.00',
    });
  });

  it('names the criterion of a bad score and skips criteria left empty', () => {
    const leaves = leafCriteria(roots);
    const r = readScoresForm(
      { assessor: 'Ann', 's-1': '7.5', 's-22': 'eight', 'e-1': 'www.example.org' },
      leaves,
    );
    expect(r.problems).toEqual({
      's-22': 'The score for Effective decision making must be a number, like 7 or 7.5',
      'e-1': 'The evidence link for Resident and patient outcomes must start with https:// or http://',
    });
    const ok = readScoresForm({ assessor: 'Ann', 's-1': '7.5', 'r-1': 'Strong case' }, leaves);
    expect(ok.scores).toEqual([{ criterionId: 1, score: 7.5, rationale: 'Strong case', evidenceUrl: '' }]);
  });
});

describe('the criterion form', () => {
  it('reads a 1 to 5 scale with labelled levels', () => {
    const r = readCriterionForm(
      {
        name: 'Financial',
        weight: '25',
        scaleKind: 'points',
        min: '1',
        max: '5',
        direction: 'higher',
        levels: '1 = Pooled only\n5 = Pooled and aligned',
      },
      [],
    );
    expect(r.problems).toEqual({});
    expect(r.fields.scale).toEqual({
      kind: 'points',
      min: 1,
      max: 5,
      higherIsBetter: true,
      levels: [
        { value: 1, label: 'Pooled only' },
        { value: 5, label: 'Pooled and aligned' },
      ],
    });
  });

  it('refuses a money scale whose best and worst are the same', () => {
    const r = readCriterionForm(
      { name: 'Saving', weight: '40', scaleKind: 'money', worst: '0', best: '0' },
      [],
    );
    expect(r.problems).toEqual({ best: 'The worst and best amounts must differ' });
  });
});

describe('the robustness query', () => {
  it('takes defaults, and names a number of samples out of range', () => {
    expect(readSmaaQuery({}).query).toEqual({ samples: 10_000, seed: 1, mode: 'simplex', spread: 10 });
    expect(readSmaaQuery({ samples: '5' }).problems).toEqual({
      samples: 'The number of samples must be a whole number from 100 to 1,000,000',
    });
  });
});
