import { describe, expect, it } from 'vitest';
import { pence } from '../../kernel/money.js';
import { readForecastForm } from './forecastForm.js';

const schemes = [
  { id: 5, budgets: [{ organisationId: 1, amountPence: pence(100) }] },
  { id: 6, budgets: [] },
];

describe('the manual forecast form', () => {
  it('reads a whole-scheme forecast in pounds and pence', () => {
    expect(
      readForecastForm(
        { schemeId: '5', organisationId: 'whole', period: '4', outturn: '£1,234.56', commentary: ' Rising ' },
        schemes,
        [1, 2],
      ),
    ).toEqual({
      ok: true,
      value: { schemeId: 5, organisationId: null, period: 4, outturnPence: 123_456, commentary: 'Rising' },
    });
  });

  it('names every field that is wrong', () => {
    const r = readForecastForm(
      { schemeId: '9', organisationId: '7', period: '13', outturn: 'abc' },
      schemes,
      [1, 2],
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(Object.keys(r.problems).sort()).toEqual([
        'commentary',
        'organisationId',
        'outturn',
        'period',
        'schemeId',
      ]);
  });

  it('asks for a partner when a scheme has no budget to share a whole-scheme forecast by', () => {
    const r = readForecastForm(
      { schemeId: '6', organisationId: 'whole', period: '4', outturn: '10', commentary: 'x' },
      schemes,
      [1, 2],
    );
    expect(r.ok ? '' : r.problems.organisationId).toContain('select the partner');
    expect(
      readForecastForm(
        { schemeId: '6', organisationId: '2', period: '4', outturn: '10', commentary: 'x' },
        schemes,
        [1, 2],
      ).ok,
    ).toBe(true);
  });
});
