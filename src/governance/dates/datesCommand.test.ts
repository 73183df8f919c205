import { describe, expect, it } from 'vitest';
import { runDatesCommand } from './datesCommand.js';

const lines = (args: string[]): string[] => runDatesCommand(args).output.split('\n');

describe('concordat dates bank-holidays', () => {
  it('prints the year’s bank holidays one ISO date a line', () => {
    expect(runDatesCommand(['bank-holidays', '2026'])).toEqual({
      exitCode: 0,
      output: [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
      ].join('\n'),
    });
  });

  it.each([
    [['bank-holidays']],
    [['bank-holidays', '1977']],
    [['bank-holidays', 'twenty']],
    [['bank-holidays', '2026', '2027']],
  ])('refuses %j with exit code 2', (args) => {
    const { exitCode, output } = runDatesCommand(args);
    expect(exitCode).toBe(2);
    expect(output).toContain('Usage:');
  });
});

describe('concordat dates effective', () => {
  it('prints the day the 2013 Southampton decision took effect, then the days counted', () => {
    const [date, explanation, rule] = lines(['effective', '--published', '2013-10-15']);
    expect(date).toBe('2013-10-23');
    expect(explanation).toBe(
      'published Tue 15 Oct 2013; 5 clear working days: 16, 17, 18, 21, 22 Oct; effective Wed 23 Oct 2013',
    );
    expect(rule).toMatch(/^Rule call-in: /);
  });

  it('prints the day the 2017 Southampton decision took effect under the next-day notice rule', () => {
    const output = lines([
      'effective',
      '--published',
      '2017-07-18',
      '--rule',
      'call-in-from-next-day-notice',
    ]);
    expect(output[0]).toBe('2017-07-27');
    expect(output[1]).toContain('5 clear working days: 20, 21, 24, 25, 26 Jul');
  });

  it('explains a date that is not written YYYY-MM-DD', () => {
    const { exitCode, output } = runDatesCommand(['effective', '--published', '15/10/2013']);
    expect(exitCode).toBe(2);
    expect(output).toMatch(/^--published 15\/10\/2013 is not a calendar date written YYYY-MM-DD\./);
  });

  it('points to deadline when given a rule that counts back from a meeting', () => {
    const { exitCode, output } = runDatesCommand([
      'effective',
      '--published',
      '2013-10-15',
      '--rule',
      'agenda',
    ]);
    expect(exitCode).toBe(2);
    expect(output).toMatch(/^agenda counts back from a meeting; use deadline --meeting\./);
  });
});

describe('concordat dates deadline', () => {
  it('prints the last day to publish the agenda for a meeting on 14 December 2026', () => {
    expect(lines(['deadline', '--meeting', '2026-12-14', '--rule', 'agenda']).slice(0, 2)).toEqual([
      '2026-12-04',
      'publish by Fri 4 Dec 2026; 5 clear working days: 7, 8, 9, 10, 11 Dec; meeting Mon 14 Dec 2026',
    ]);
  });

  it('prints the forward plan deadline for a key decision', () => {
    expect(lines(['deadline', '--meeting', '2013-10-15', '--rule', 'forward-plan'])[0]).toBe('2013-09-16');
  });

  it.each([
    [['deadline', '--rule', 'agenda'], /^Give the date with --meeting YYYY-MM-DD\./],
    [['deadline', '--meeting', '2026-02-30'], /is not a calendar date/],
    [
      ['deadline', '--meeting', '2026-12-14', '--rule', 'no-such-rule'],
      /^No rule "no-such-rule"\. Rules for deadline: agenda,/,
    ],
    [['deadline', '--meeting', '2026-12-14', '--rule', 'call-in'], /^call-in runs after publication/],
    [['deadline', '--published', '2026-12-14'], /^deadline does not take --published\./],
    [['deadline', '--meeting', '1970-01-01'], /^Give a date from 1979 to 9998/],
  ])('refuses %j with a message and exit code 2', (args, message) => {
    const { exitCode, output } = runDatesCommand(args);
    expect(exitCode).toBe(2);
    expect(output).toMatch(message);
  });
});

describe('concordat dates, other input', () => {
  it('lists the notice rules with their sources', () => {
    const { exitCode, output } = runDatesCommand(['rules']);
    expect(exitCode).toBe(0);
    expect(output).toContain('forward-plan: Notice of a key decision in the forward plan 28 clear days');
    expect(output).toContain('Source: SI 2012/2089 reg 9.');
  });

  it('shows the usage when asked for help', () => {
    expect(runDatesCommand(['--help'])).toMatchObject({
      exitCode: 0,
      output: expect.stringMatching(/^Usage:/) as string,
    });
  });

  it.each([[[]], [['frobnicate']], [['effective', '--bogus', 'x']], [['effective', '--published']]])(
    'answers %j with the usage and exit code 2',
    (args) => {
      const { exitCode, output } = runDatesCommand(args);
      expect(exitCode).toBe(2);
      expect(output).toContain('Usage:');
    },
  );
});

describe('concordat dates with the bank holiday changes recorded in the database', () => {
  const extra = [{ kind: 'extra' as const, date: '2013-10-21' as never, name: 'Extra bank holiday (test)' }];
  it('lists an extra holiday and counts past it', () => {
    expect(runDatesCommand(['bank-holidays', '2013'], extra).output.split('\n')).toContain('2013-10-21');
    expect(runDatesCommand(['effective', '--published', '2013-10-15']).output.split('\n')[0]).toBe(
      '2013-10-23',
    );
    expect(runDatesCommand(['effective', '--published', '2013-10-15'], extra).output.split('\n')[0]).toBe(
      '2013-10-24',
    );
    expect(runDatesCommand(['deadline', '--meeting', '2013-10-24'], extra).output.split('\n')[0]).toBe(
      '2013-10-15',
    );
  });
});
