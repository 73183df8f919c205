import { describe, expect, it } from 'vitest';
import { countByStage, mayMove, STAGE_ORDER, type ProjectChoices } from './rules.js';
import { readProjectForm, readStageMove } from './schema.js';

const choices: ProjectChoices = {
  partnerIds: new Set([1, 2]),
  priorityIds: new Set([10]),
  schemeIds: new Set([20, 21]),
  appraisalIds: new Set([30]),
  decisionIds: new Set([40]),
};

describe('the commissioning cycle', () => {
  it('moves on a stage, back one, or from review round to analyse; never skips', () => {
    expect(STAGE_ORDER).toEqual(['analyse', 'plan', 'do', 'review']);
    expect(mayMove('analyse', 'plan')).toBe(true);
    expect(mayMove('plan', 'analyse')).toBe(true);
    expect(mayMove('do', 'review')).toBe(true);
    expect(mayMove('review', 'analyse')).toBe(true);
    expect(mayMove('analyse', 'do')).toBe(false);
    expect(mayMove('analyse', 'review')).toBe(false);
    expect(mayMove('review', 'do')).toBe(false);
    expect(mayMove('plan', 'plan')).toBe(false);
  });
  it('refuses a move the cycle does not allow, saying which are', () => {
    expect(readStageMove({ stage: 'review' }, 'analyse')).toEqual({
      ok: false,
      problems: { stage: 'Select the stage to move to: from Analyse, Plan' },
    });
    expect(readStageMove({ stage: 'do', note: 'Business case approved' }, 'plan')).toEqual({
      ok: true,
      value: { to: 'do', note: 'Business case approved' },
    });
  });
  it('counts projects at each stage, with every stage present', () => {
    expect(countByStage(['plan', 'do', 'plan'])).toEqual({ analyse: 0, plan: 2, do: 1, review: 0 });
  });
});

describe('the project form', () => {
  it('reads a project with its scope, funding and governance', () => {
    const r = readProjectForm(
      {
        title: 'Reablement',
        priorityId: '10',
        leadOrganisationId: '2',
        services: ['reablement', 'hospital-discharge'],
        schemes: '20',
        'funding-1': 'pooled',
        'amount-1': '1,500,000.50',
        'funding-2': 'aligned',
        appraisals: '30',
        decisions: '40',
      },
      choices,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        title: 'Reablement',
        priorityId: 10,
        description: '',
        leadOrganisationId: 2,
        serviceKeys: ['reablement', 'hospital-discharge'],
        schemeIds: [20],
        funding: [
          { organisationId: 1, arrangement: 'pooled', amountPence: 150_000_050 },
          { organisationId: 2, arrangement: 'aligned', amountPence: null },
        ],
        appraisalIds: [30],
        decisionIds: [40],
      },
    });
  });
  it('names every bad field', () => {
    const r = readProjectForm(
      {
        title: '',
        priorityId: '99',
        services: 'not-a-service',
        schemes: '99',
        'funding-1': 'lent',
        'amount-2': '10',
        decisions: '41',
      },
      choices,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.problems).sort()).toEqual(
      ['decisions', 'funding-1', 'funding-2', 'priorityId', 'schemes', 'services', 'title'].sort(),
    );
  });
  it('refuses an amount that is not money', () => {
    const r = readProjectForm({ title: 'X', 'funding-1': 'pooled', 'amount-1': '12.345' }, choices);
    expect(r.ok || r.problems['amount-1']).toContain('Amount');
  });
});
