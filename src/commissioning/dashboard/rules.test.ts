import { describe, expect, it } from 'vitest';
import { isoDate } from '../../kernel/dates.js';
import { pence } from '../../kernel/money.js';
import {
  callInTile,
  contractsTile,
  describeVariance,
  outcomesTile,
  poolTile,
  procurementsTile,
  savingsTile,
  unitTile,
} from './rules.js';

const position = (budget: number, forecast: number) => ({
  fundName: 'Better Care Southampton',
  financialYear: 2017,
  period: 6,
  budgetPence: pence(budget),
  actualToDatePence: pence(Math.round(budget / 2)),
  forecastOutturnPence: pence(forecast),
  href: '/partnerships/1/funds/2/reports/3',
});

describe('dashboard tiles', () => {
  it('words a variance as an overspend or an underspend', () => {
    expect(describeVariance(150)).toBe('£1.50 overspend');
    expect(describeVariance(-1_000_000)).toBe('£10,000.00 underspend');
    expect(describeVariance(0)).toBe('No variance');
  });

  it('rates the pool by the monitoring report’s rule: within 1 % green, within 5 % amber, beyond red', () => {
    expect(poolTile(position(100_000_00, 100_900_00), '/f').status?.text).toBe('Within 1% of budget');
    expect(poolTile(position(100_000_00, 104_000_00), '/f').status?.text).toBe('Within 5% of budget');
    expect(poolTile(position(100_000_00, 94_000_00), '/f').status).toEqual({
      text: 'More than 5% from budget',
      colour: 'red',
    });
    const t = poolTile(position(100_000_00, 94_000_00), '/f');
    expect(t.headline).toBe('£6,000.00 underspend');
    expect(t.figures).toContainEqual({
      label: 'Report',
      value: 'Better Care Southampton, 2017-18, P6 (September)',
    });
    expect(t.link.href).toBe('/partnerships/1/funds/2/reports/3');
  });

  it('says so when nothing has been published, and links to the funds', () => {
    const t = poolTile(null, '/partnerships/1/funds');
    expect(t.headline).toMatch(/No monitoring report/);
    expect(t.status).toBeNull();
    expect(t.link.href).toBe('/partnerships/1/funds');
  });

  it('leads the savings tile with achieved against planned to date', () => {
    const t = savingsTile(
      {
        financialYear: 2016,
        asAt: 12,
        figures: {
          plannedPence: pence(640_000_000),
          plannedToDatePence: pence(640_000_000),
          achievedToDatePence: pence(600_000_000),
          forecastPence: pence(600_000_000),
          variancePence: pence(-40_000_000),
          rag: 'amber',
        },
      },
      '/s',
    );
    expect(t.headline).toBe('£6,000,000.00 achieved of £6,400,000.00 planned to date');
    expect(t.link.href).toBe('/s?year=2016-17');
  });

  it('counts decisions whose call-in period runs apart from those called in', () => {
    const t = callInTile(
      [
        { title: 'A', href: '/a', kind: 'window-open', on: isoDate('2018-04-20') },
        { title: 'B', href: '/b', kind: 'called-in', on: isoDate('2018-04-17') },
        { title: 'C', href: '/c', kind: 'window-open', on: isoDate('2018-04-23') },
      ],
      isoDate('2018-04-18'),
      '/d',
    );
    expect(t.headline).toBe('3 decisions not yet in effect');
    expect(t.figures).toEqual([
      { label: 'Call-in period running', value: '2' },
      { label: 'Called in', value: '1' },
    ]);
    expect(t.items[1]).toEqual({ text: 'B', href: '/b', hint: 'Called in on 17 April 2018' });
    expect(callInTile([], isoDate('2018-04-18'), '/d').headline).toBe(
      'No decision is waiting out a call-in period on 18 April 2018.',
    );
  });

  it('counts outcome measures on and off track, and says when none has a target', () => {
    const base = { measures: 3, onTrack: 1, offTrack: 1, noTarget: 1, specialCause: 2, path: '/o' };
    const t = outcomesTile(base);
    expect(t.headline).toBe('1 of 2 measures with a target on track');
    expect(t.status).toEqual({ text: '1 off track', colour: 'yellow' });
    expect(t.figures).toContainEqual({ label: 'Special-cause variation on the run chart', value: '2' });
    expect(outcomesTile({ ...base, onTrack: 0, offTrack: 0, noTarget: 3 }).headline).toBe(
      '3 measures, none with a target for its latest period',
    );
    expect(outcomesTile({ ...base, offTrack: 0 }).status?.text).toBe('All on track');
  });

  it('gives each procurement in flight its status and next date, and each ending contract its end', () => {
    const p = procurementsTile({
      inFlight: 1,
      items: [
        {
          reference: 'LBC-1',
          title: 'Health checks',
          status: 'evaluation',
          nextDate: isoDate('2018-05-25'),
          nextDateLabel: 'Evaluation ends',
          path: '/p/1',
        },
      ],
      path: '/p',
    });
    expect(p.headline).toBe('1 procurement in flight');
    expect(p.items[0]?.hint).toBe('Evaluation; next: Evaluation ends, 25 May 2018');
    const c = contractsTile({
      count: 2,
      items: [
        {
          reference: 'C1',
          title: 'Podiatry',
          provider: 'Solent NHS Trust',
          endDate: isoDate('2027-03-31'),
          path: '/c/1',
        },
        {
          reference: 'C2',
          title: 'Carers',
          provider: 'Carers Together',
          endDate: isoDate('2027-06-30'),
          path: '/c/2',
        },
      ],
      path: '/c',
    });
    expect(c.headline).toBe('2 contracts ending');
    expect(c.items.map((i) => i.hint)).toEqual([
      'Solent NHS Trust; ends 31 March 2027',
      'Carers Together; ends 30 June 2027',
    ]);
  });

  it('rates the unit over budget only when its cost exceeds the budget', () => {
    const u = { financialYear: 2017, costPence: pence(100_00), path: '/u' };
    expect(unitTile({ ...u, budgetPence: pence(100_00), variancePence: pence(0) }).status?.text).toBe(
      'Within budget',
    );
    expect(unitTile({ ...u, budgetPence: pence(99_99), variancePence: pence(-1) }).status?.text).toBe(
      'Over budget',
    );
    expect(unitTile({ ...u, budgetPence: pence(99_99), variancePence: pence(-1) }).figures).toContainEqual({
      label: 'Variance',
      value: '£0.01 overspend',
    });
    expect(unitTile({ ...u, budgetPence: null, variancePence: null }).headline).toBe(
      '£100.00 running cost; no budget set',
    );
  });
});
