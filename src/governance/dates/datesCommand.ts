/**
 * `concordat dates ...`: bank holidays, when a decision takes effect, and the last day to publish a notice.
 * Pure: it returns the text and exit code, and the caller prints them (exit code 2 means the input was wrong).
 */
import { parseArgs } from 'node:util';
import {
  bankHolidaysInYear,
  FIRST_RULE_YEAR,
  LAST_RULE_YEAR,
  type BankHolidayChange,
} from '../../kernel/bankHolidays.js';
import { isIsoDate, type IsoDate } from '../../kernel/dates.js';
import { err, ok, type Result } from '../../kernel/result.js';
import {
  DEFAULT_NOTICE_RULES,
  effectiveFrom,
  findNoticeRule,
  publicationDeadline,
  type NoticeRule,
} from './noticeRules.js';

/** What the command prints (without a final newline) and the process exit code. */
export interface CommandOutcome {
  exitCode: number;
  output: string;
}

/** The help text, also shown after every input error. */
export const DATES_USAGE = [
  'Usage:',
  '  concordat dates bank-holidays YEAR',
  '      bank holidays in England and Wales, one ISO date a line',
  '  concordat dates effective --published DATE [--rule NAME]',
  '      when a decision takes effect if not called in (default rule: call-in)',
  '  concordat dates deadline --meeting DATE [--rule NAME]',
  '      the last day to publish before a meeting or decision (default rule: agenda)',
  '  concordat dates rules',
  '      the notice rules and where they come from',
  'Dates are written YYYY-MM-DD. Bank holidays include the one-off changes recorded in the database.',
].join('\n');

const usageError = (message: string): CommandOutcome => ({
  exitCode: 2,
  output: `${message}\n\n${DATES_USAGE}`,
});

function ruleNames(direction: 'before' | 'after'): string {
  return Object.values(DEFAULT_NOTICE_RULES)
    .filter((rule) => rule.direction === direction)
    .map((rule) => rule.name)
    .join(', ');
}

function readDate(value: string | undefined, option: string): Result<IsoDate> {
  if (value === undefined) return err(`Give the date with --${option} YYYY-MM-DD.`);
  if (!isIsoDate(value)) return err(`--${option} ${value} is not a calendar date written YYYY-MM-DD.`);
  const year = Number(value.slice(0, 4));
  // A year's margin either side, so that counting across a year end stays within the known bank holidays.
  if (year <= FIRST_RULE_YEAR || year >= LAST_RULE_YEAR) {
    return err(`Give a date from ${FIRST_RULE_YEAR + 1} to ${LAST_RULE_YEAR - 1}; ${value} is outside them.`);
  }
  return ok(value);
}

function bankHolidays(positionals: readonly string[], changes: readonly BankHolidayChange[]): CommandOutcome {
  const [text, ...rest] = positionals;
  if (text === undefined || rest.length > 0) return usageError('Give one year, e.g. bank-holidays 2026.');
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < FIRST_RULE_YEAR || year > LAST_RULE_YEAR) {
    return usageError(`${text} is not a year from ${FIRST_RULE_YEAR} to ${LAST_RULE_YEAR}.`);
  }
  return {
    exitCode: 0,
    output: bankHolidaysInYear(year, changes)
      .map((h) => h.date)
      .join('\n'),
  };
}

function effective(
  published: string | undefined,
  ruleName: string,
  changes: readonly BankHolidayChange[],
): CommandOutcome {
  const rule = findNoticeRule(ruleName);
  if (rule?.direction !== 'after') {
    const hint = rule
      ? `${ruleName} counts back from a meeting; use deadline --meeting.`
      : `No rule "${ruleName}".`;
    return usageError(`${hint} Rules for effective: ${ruleNames('after')}.`);
  }
  const date = readDate(published, 'published');
  if (!date.ok) return usageError(date.error);
  const result = effectiveFrom(date.value, rule, changes);
  return { exitCode: 0, output: [result.date, result.explanation, `Rule ${describeRule(rule)}`].join('\n') };
}

function deadline(
  meeting: string | undefined,
  ruleName: string,
  changes: readonly BankHolidayChange[],
): CommandOutcome {
  const rule = findNoticeRule(ruleName);
  if (rule?.direction !== 'before') {
    const hint = rule
      ? `${ruleName} runs after publication; use effective --published.`
      : `No rule "${ruleName}".`;
    return usageError(`${hint} Rules for deadline: ${ruleNames('before')}.`);
  }
  const date = readDate(meeting, 'meeting');
  if (!date.ok) return usageError(date.error);
  const result = publicationDeadline(date.value, rule, changes);
  return { exitCode: 0, output: [result.date, result.explanation, `Rule ${describeRule(rule)}`].join('\n') };
}

const describeRule = (rule: NoticeRule): string => `${rule.name}: ${rule.summary}. Source: ${rule.source}.`;

function listRules(): CommandOutcome {
  return { exitCode: 0, output: Object.values(DEFAULT_NOTICE_RULES).map(describeRule).join('\n') };
}

/**
 * Runs `concordat dates` with the arguments after `dates`, e.g. `['effective', '--published', '2013-10-15']`.
 * Never throws on bad input: it answers with a message and exit code 2. `changes` are the one-off bank holiday
 * changes recorded in the database (the built-in ones always apply).
 */
export function runDatesCommand(args: string[], changes: readonly BankHolidayChange[] = []): CommandOutcome {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        published: { type: 'string' },
        meeting: { type: 'string' },
        rule: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [subcommand, ...rest] = positionals;
  if (values.help || subcommand === 'help') return { exitCode: 0, output: DATES_USAGE };
  const unexpected = (allowed: readonly string[]): string | undefined => {
    const option = (['published', 'meeting', 'rule'] as const).find(
      (o) => values[o] !== undefined && !allowed.includes(o),
    );
    return option ? `--${option}` : undefined;
  };
  switch (subcommand) {
    case 'bank-holidays': {
      const extra = unexpected([]);
      return extra ? usageError(`bank-holidays does not take ${extra}.`) : bankHolidays(rest, changes);
    }
    case 'effective': {
      const extra = unexpected(['published', 'rule']) ?? (rest.length > 0 ? rest.join(' ') : undefined);
      if (extra) return usageError(`effective does not take ${extra}.`);
      return effective(values.published, values.rule ?? 'call-in', changes);
    }
    case 'deadline': {
      const extra = unexpected(['meeting', 'rule']) ?? (rest.length > 0 ? rest.join(' ') : undefined);
      if (extra) return usageError(`deadline does not take ${extra}.`);
      return deadline(values.meeting, values.rule ?? 'agenda', changes);
    }
    case 'rules':
      return listRules();
    case undefined:
      return usageError('Say what to work out.');
    default:
      return usageError(`Unknown dates command "${subcommand}".`);
  }
}
