import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dateInput, errorSummary, formBody, moneyInput, parseForm, text } from './forms.js';

const schema = z
  .object({
    name: text('the name', 20),
    startsOn: dateInput('the start date', { required: true }),
    endsOn: dateInput('the end date'),
    amount: moneyInput('the amount'),
    partners: z.array(z.string()).min(1, 'Select at least one partner'),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn !== null && v.endsOn < v.startsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'The end date must be on or after the start date',
      });
  });

const good = {
  name: '  Reablement  ',
  'startsOn-day': '1',
  'startsOn-month': '4',
  'startsOn-year': '2026',
  'endsOn-day': '',
  'endsOn-month': '',
  'endsOn-year': '',
  amount: '1,234.56',
  partners: ['1', '2'],
};

describe('parseForm', () => {
  it('reads each field the schema names into a typed value', () => {
    expect(parseForm(schema, good)).toEqual({
      ok: true,
      value: {
        name: 'Reablement',
        startsOn: '2026-04-01',
        endsOn: null,
        amount: 123_456,
        partners: ['1', '2'],
      },
    });
  });

  it('gives one problem per field, keyed by its name, with the GOV.UK messages', () => {
    const read = parseForm(schema, {
      ...good,
      name: '',
      'startsOn-month': '',
      'endsOn-day': '31',
      'endsOn-month': '2',
      'endsOn-year': '2026',
      amount: '12.345',
      partners: [],
    });
    expect(read).toEqual({
      ok: false,
      problems: {
        name: 'Enter the name',
        startsOn: 'The start date must include a month',
        endsOn: 'The end date must be a real date',
        amount: expect.stringContaining(
          'The amount: "12.345" is not an amount in pounds and pence',
        ) as unknown,
        partners: 'Select at least one partner',
      },
    });
    if (!read.ok)
      expect(errorSummary(read.problems, ['startsOn', 'endsOn']).map((e) => e.href)).toEqual([
        '#name',
        '#startsOn-day',
        '#endsOn-day',
        '#amount',
        '#partners',
      ]);
  });

  it('checks across fields once each field is read', () => {
    const read = parseForm(schema, {
      ...good,
      'endsOn-day': '31',
      'endsOn-month': '3',
      'endsOn-year': '2026',
    });
    expect(read).toEqual({
      ok: false,
      problems: { endsOn: 'The end date must be on or after the start date' },
    });
  });

  it('reads a malformed body as an empty form, never throwing', () => {
    for (const body of [
      undefined,
      null,
      'name=x',
      42,
      ['a'],
      { name: { nested: true } },
      { partners: [{}, 3] },
    ])
      expect(parseForm(schema, body).ok).toBe(false);
  });

  it('takes multipart fields by their value', () => {
    expect(
      formBody({
        name: { value: 'Paper', fieldname: 'name' },
        file: { file: {} },
        tags: ['a', { value: 'b' }],
      }),
    ).toEqual({
      name: 'Paper',
      tags: ['a', 'b'],
    });
  });
});
