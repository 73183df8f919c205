import { describe, expect, it } from 'vitest';
import { alternativesConsidered, type StageDecision } from './alternatives.js';

// Southampton City Council Cabinet, 18 July 2017: eight options, three rejected at the first stage, three more
// at the second, one chosen (seed 001, "Alternative options considered").
const options = [
  { id: 1, name: 'Do nothing' },
  { id: 2, name: 'Continue current arrangements' },
  { id: 3, name: 'Joint commissioning by a Combined Authority' },
  { id: 4, name: 'Joint commissioning hosted by the CCG or the Council' },
  { id: 5, name: 'Commissioning overseen by the Health and Wellbeing Board' },
  { id: 6, name: 'A Regulation 10 committee under a section 75 agreement' },
  { id: 7, name: 'A Joint Commissioning Board with executive powers' },
];
const stages = [
  { id: 20, name: 'shortlisting', position: 2 },
  { id: 10, name: 'long list', position: 1 },
];
const longList = 'Did not deliver the same benefits as other options on the weighted benefit criteria';
const decisions: StageDecision[] = [
  ...[1, 2, 3].map((optionId) => ({ optionId, stageId: 10, status: 'rejected' as const, reason: longList })),
  ...[4, 5, 6, 7].map((optionId) => ({
    optionId,
    stageId: 10,
    status: 'carried_forward' as const,
    reason: '',
  })),
  { optionId: 4, stageId: 20, status: 'rejected', reason: 'Less integration than a joint board' },
  {
    optionId: 5,
    stageId: 20,
    status: 'rejected',
    reason:
      'The Health and Wellbeing Board is a committee of Council, not the Executive, and cannot exercise Executive powers.',
  },
  {
    optionId: 6,
    stageId: 20,
    status: 'rejected',
    reason: 'Would limit decisions to pooled budget items only',
  },
  { optionId: 7, stageId: 20, status: 'preferred', reason: '' },
];

describe('the “Alternative options considered” text', () => {
  const alt = alternativesConsidered(stages, options, decisions);

  it('lists every rejected option with its stage and its reason', () => {
    expect(alt.paragraphs[1]).toEqual({
      text: 'Stage 1, long list: 7 options were considered; the options rejected at this stage were:',
      items: [1, 2, 3].map((id) => `${options[id - 1]!.name}: ${longList}.`),
    });
    expect(alt.paragraphs[2]!.text).toBe(
      'Stage 2, shortlisting: 4 options were considered; the options rejected at this stage were:',
    );
    expect(alt.paragraphs[2]!.items).toEqual([
      'Joint commissioning hosted by the CCG or the Council: Less integration than a joint board.',
      'Commissioning overseen by the Health and Wellbeing Board: The Health and Wellbeing Board is a committee of Council, not the Executive, and cannot exercise Executive powers.',
      'A Regulation 10 committee under a section 75 agreement: Would limit decisions to pooled budget items only.',
    ]);
    for (const d of decisions.filter((x) => x.status === 'rejected')) expect(alt.text).toContain(d.reason);
  });

  it('opens with the count and closes with the preferred option', () => {
    expect(alt.paragraphs[0]!.text).toBe('7 options were appraised in 2 stages.');
    expect(alt.paragraphs[3]!.text).toBe(
      'The preferred option was A Joint Commissioning Board with executive powers.',
    );
  });

  it('numbers the paragraphs and indents the options in the plain text', () => {
    expect(alt.text.split('\n')[0]).toBe('1. 7 options were appraised in 2 stages.');
    expect(alt.text).toContain('\n   - Do nothing: Did not deliver');
  });

  it('says so when a stage rejected nothing', () => {
    const a = alternativesConsidered(stages, options.slice(0, 1), [
      { optionId: 1, stageId: 10, status: 'carried_forward', reason: '' },
    ]);
    expect(a.paragraphs[1]!.text).toBe(
      'Stage 1, long list: One option was considered and none was rejected at this stage.',
    );
  });
});
