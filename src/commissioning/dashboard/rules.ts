/**
 * The partnership dashboard for the board (issue 6, scope 8): one tile per question a board member asks first —
 * where the pool stands, whether the savings are coming in, whether the outcomes are moving, what is being bought,
 * which contracts end soon and which decisions are still waiting out their call-in period. Each tile is plain data
 * (a headline, a few labelled figures, a status and the link to its detail), built here from figures the domain
 * stores already worked out, so that the same rules decide a tile and the page it links to.
 */
import { formatPounds, type Pence } from '../../kernel/money.js';
import { financialYearLabel, formatLongDate, type IsoDate } from '../../kernel/dates.js';
import { DEFAULT_RAG_BP, ragFor, type Rag as PoolRag } from '../../ledger/monitoring/index.js';
import { RAG_LABELS as SAVINGS_RAG_LABELS, periodLabel, type SavingsFigures } from '../savings/index.js';
import type { OutcomesTile } from '../outcomes/index.js';
import { STATUSES as PROCUREMENT_STATUSES, type ProcurementStatus } from '../procurement/index.js';
import { STAGES, STAGE_ORDER, type Stage } from '../projects/index.js';

/** A tile's status, shown as a tag with its words (never colour alone). */
export interface TileStatus {
  text: string;
  colour: 'green' | 'yellow' | 'red' | 'grey' | 'blue';
}

export interface TileFigure {
  label: string;
  value: string;
}

export interface TileItem {
  text: string;
  href: string;
  hint: string;
}

export interface Tile {
  key: string;
  title: string;
  /** The one figure or sentence the tile leads with. */
  headline: string;
  figures: TileFigure[];
  items: TileItem[];
  status: TileStatus | null;
  link: { href: string; text: string };
}

const RAG_COLOUR: Record<PoolRag, TileStatus['colour']> = { green: 'green', amber: 'yellow', red: 'red' };
/** The RAG in words, from the thresholds the monitoring report uses (DEFAULT_RAG_BP: 1 % and 5 % of budget). */
const POOL_RAG_TEXT: Record<PoolRag, string> = {
  green: `Within ${DEFAULT_RAG_BP.green / 100}% of budget`,
  amber: `Within ${DEFAULT_RAG_BP.amber / 100}% of budget`,
  red: `More than ${DEFAULT_RAG_BP.amber / 100}% from budget`,
};

/** A variance in words: "£1,234.00 overspend", "£1,234.00 underspend" or "On budget". */
export function describeVariance(variancePence: number): string {
  if (variancePence === 0) return 'No variance';
  return `${formatPounds(Math.abs(variancePence))} ${variancePence > 0 ? 'overspend' : 'underspend'}`;
}

export interface PoolPosition {
  fundName: string;
  financialYear: number;
  period: number;
  budgetPence: Pence;
  actualToDatePence: Pence;
  forecastOutturnPence: Pence;
  href: string;
}

/** The pool's position as the board last saw it: the latest published monitoring report. */
export function poolTile(position: PoolPosition | null, fundsHref: string): Tile {
  if (position === null)
    return {
      key: 'pool',
      title: 'Pooled fund position',
      headline: 'No monitoring report has been published to the board yet.',
      figures: [],
      items: [],
      status: null,
      link: { href: fundsHref, text: 'Pooled funds and monitoring' },
    };
  const variance = position.forecastOutturnPence - position.budgetPence;
  // the same rule as the monitoring report's own RAG (ledger/monitoring/figures.ts), so tile and report agree
  const rag = ragFor(variance, position.budgetPence);
  return {
    key: 'pool',
    title: 'Pooled fund position',
    headline: describeVariance(variance),
    figures: [
      {
        label: 'Report',
        value: `${position.fundName}, ${financialYearLabel(position.financialYear)}, ${periodLabel(position.period)}`,
      },
      { label: 'Budget', value: formatPounds(position.budgetPence) },
      { label: 'Actual to date', value: formatPounds(position.actualToDatePence) },
      { label: 'Forecast outturn', value: formatPounds(position.forecastOutturnPence) },
    ],
    items: [],
    status: { text: POOL_RAG_TEXT[rag], colour: RAG_COLOUR[rag] },
    link: { href: position.href, text: 'Open the monitoring report' },
  };
}

const SAVINGS_COLOUR: Record<SavingsFigures['rag'], TileStatus['colour']> = {
  green: 'green',
  amber: 'yellow',
  red: 'red',
  'not-due': 'grey',
};

/** Savings delivered against plan for the latest year with a plan, as at the latest month recorded. */
export function savingsTile(
  plan: { financialYear: number; asAt: number; figures: SavingsFigures } | null,
  href: string,
): Tile {
  if (plan === null)
    return {
      key: 'savings',
      title: 'Savings against plan',
      headline: 'No savings plan has been recorded.',
      figures: [],
      items: [],
      status: null,
      link: { href, text: 'Savings plans' },
    };
  const f = plan.figures;
  return {
    key: 'savings',
    title: 'Savings against plan',
    headline: `${formatPounds(f.achievedToDatePence)} achieved of ${formatPounds(f.plannedToDatePence)} planned to date`,
    figures: [
      { label: 'Year', value: financialYearLabel(plan.financialYear) },
      { label: 'As at', value: plan.asAt === 0 ? 'Nothing recorded yet' : periodLabel(plan.asAt) },
      { label: 'Planned for the year', value: formatPounds(f.plannedPence) },
      { label: 'Forecast for the year', value: formatPounds(f.forecastPence) },
    ],
    items: [],
    status: { text: SAVINGS_RAG_LABELS[f.rag], colour: SAVINGS_COLOUR[f.rag] },
    link: { href: `${href}?year=${financialYearLabel(plan.financialYear)}`, text: 'Open the savings plan' },
  };
}

export interface AwaitingCallIn {
  title: string;
  href: string;
  /** 'window-open': the call-in period is running; 'called-in': called in and not yet settled. */
  kind: 'window-open' | 'called-in';
  /** The last day a call-in may be asked for, or the day it was called in. */
  on: IsoDate;
}

/** Decisions that cannot yet be implemented: the call-in period is running, or they are called in (DOMAIN.md §5). */
export function callInTile(awaiting: readonly AwaitingCallIn[], asAt: IsoDate, href: string): Tile {
  const open = awaiting.filter((a) => a.kind === 'window-open').length;
  const called = awaiting.length - open;
  return {
    key: 'call-in',
    title: 'Decisions awaiting call-in',
    headline:
      awaiting.length === 0
        ? `No decision is waiting out a call-in period on ${formatLongDate(asAt)}.`
        : `${count(awaiting.length, 'decision')} not yet in effect`,
    figures: [
      { label: 'Call-in period running', value: String(open) },
      { label: 'Called in', value: String(called) },
    ],
    items: awaiting.map((a) => ({
      text: a.title,
      href: a.href,
      hint:
        a.kind === 'window-open'
          ? `Call-in may be asked for until ${formatLongDate(a.on)}`
          : `Called in on ${formatLongDate(a.on)}`,
    })),
    status: called > 0 ? { text: 'Called in', colour: 'yellow' } : null,
    link: { href, text: 'All decisions' },
  };
}

/**
 * Outcome measures against their targets at their latest period, and how many show special-cause variation on
 * their run chart (so that a board reads a signal, not noise: commissioning/outcomes/spc.ts).
 */
export function outcomesTile(o: OutcomesTile): Tile {
  const withTarget = o.onTrack + o.offTrack;
  return {
    key: 'outcomes',
    title: 'Outcomes against target',
    headline:
      o.measures === 0
        ? 'No outcome measure has been set up.'
        : withTarget === 0
          ? `${count(o.measures, 'measure')}, none with a target for its latest period`
          : `${o.onTrack} of ${count(withTarget, 'measure')} with a target on track`,
    figures: [
      { label: 'On track', value: String(o.onTrack) },
      { label: 'Off track', value: String(o.offTrack) },
      { label: 'No target for the latest period', value: String(o.noTarget) },
      { label: 'Special-cause variation on the run chart', value: String(o.specialCause) },
    ],
    items: [],
    status:
      o.offTrack > 0
        ? { text: `${o.offTrack} off track`, colour: 'yellow' }
        : withTarget > 0
          ? { text: 'All on track', colour: 'green' }
          : null,
    link: { href: o.path, text: 'Outcome measures' },
  };
}

export interface ProcurementsInFlight {
  inFlight: number;
  items: {
    reference: string;
    title: string;
    status: ProcurementStatus;
    nextDate: IsoDate | null;
    nextDateLabel: string | null;
    path: string;
  }[];
  path: string;
}

/** Procurements not yet awarded or cancelled, each with its stage and the next date in its timetable. */
export function procurementsTile(p: ProcurementsInFlight): Tile {
  return {
    key: 'procurements',
    title: 'Procurements in flight',
    headline:
      p.inFlight === 0 ? 'No procurement is in flight.' : count(p.inFlight, 'procurement') + ' in flight',
    figures: [],
    items: p.items.map((i) => ({
      text: `${i.reference}: ${i.title}`,
      href: i.path,
      hint:
        PROCUREMENT_STATUSES[i.status] +
        (i.nextDate ? `; next: ${i.nextDateLabel ?? 'date'}, ${formatLongDate(i.nextDate)}` : ''),
    })),
    status: null,
    link: { href: p.path, text: 'All procurements' },
  };
}

export interface ContractsEnding {
  count: number;
  items: { reference: string; title: string; provider: string; endDate: IsoDate; path: string }[];
  path: string;
}

/** Contracts that end within twelve months: each needs a decision to extend, re-procure or let it end. */
export function contractsTile(c: ContractsEnding): Tile {
  return {
    key: 'contracts',
    title: 'Contracts ending in the next 12 months',
    headline:
      c.count === 0 ? 'No contract ends in the next 12 months.' : count(c.count, 'contract') + ' ending',
    figures: [],
    items: c.items.map((i) => ({
      text: `${i.reference}: ${i.title}`,
      href: i.path,
      hint: `${i.provider}; ends ${formatLongDate(i.endDate)}`,
    })),
    status: c.count > 0 ? { text: `${c.count} ending`, colour: 'yellow' } : null,
    link: { href: c.path, text: 'Contracts ending within 12 months' },
  };
}

/** The commissioning projects by stage of the cycle (analyse, plan, do, review). */
export function projectsTile(p: { countsByStage: Record<Stage, number>; total: number; path: string }): Tile {
  return {
    key: 'projects',
    title: 'Commissioning projects',
    headline: p.total === 0 ? 'No commissioning project is recorded.' : count(p.total, 'project'),
    figures: STAGE_ORDER.map((s) => ({ label: STAGES[s].label, value: String(p.countsByStage[s]) })),
    items: [],
    status: null,
    link: { href: p.path, text: 'Commissioning projects' },
  };
}

/** The integrated commissioning unit's running cost for a year against its budget (issue 6, scope 7). */
export function unitTile(u: {
  financialYear: number;
  costPence: Pence;
  budgetPence: Pence | null;
  variancePence: Pence | null;
  path: string;
}): Tile {
  // the unit's variance is budget less cost (commissioning/unit/rules.ts againstBudget): negative is over
  const over = u.variancePence !== null && u.variancePence < 0;
  return {
    key: 'unit',
    title: 'Integrated commissioning unit',
    headline:
      u.budgetPence === null
        ? `${formatPounds(u.costPence)} running cost; no budget set`
        : `${formatPounds(u.costPence)} against a budget of ${formatPounds(u.budgetPence)}`,
    figures: [
      { label: 'Year', value: financialYearLabel(u.financialYear) },
      ...(u.variancePence === null
        ? []
        : [{ label: 'Variance', value: describeVariance(0 - u.variancePence) }]),
    ],
    items: [],
    status:
      u.budgetPence === null
        ? null
        : over
          ? { text: 'Over budget', colour: 'red' }
          : { text: 'Within budget', colour: 'green' },
    link: { href: u.path, text: 'The unit’s staff and costs' },
  };
}

/** "1 decision", "3 decisions". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : plural}`;
}
