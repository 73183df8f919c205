/**
 * The roll-up by funding stream. Budgets are set per scheme, partner and stream, but the partners' ledgers
 * record spend per scheme and partner only, so a cell's profile, actual and forecast are attributed to its
 * streams in proportion to its budget by stream, by the largest-remainder rule: the streams' figures add up to
 * the cell's exactly, and the roll-up reconciles to the penny with the scheme table.
 */
import { apportionByWeights, pence, type Pence } from '../../kernel/money.js';
import { sumFigures, type Cell, type Figures, type ForecastMethod } from './figures.js';

/** The stream that spend with no budgeted stream (a cell with no budget) is reported under. */
export const UNBUDGETED_STREAM = 'Not budgeted';

export const STREAM_NOTE =
  "Partners' ledgers record spend by scheme and partner, not by funding stream: each partner's actual spend " +
  'and forecast on a scheme are attributed to its funding streams in proportion to its budget for that scheme ' +
  'by stream, rounded by the largest-remainder rule so that the streams add up to the penny. Spend with no ' +
  `budget behind it is shown as "${UNBUDGETED_STREAM}".`;

export type StreamFigures = Figures & { stream: string };

/** A cell's figures split between its streams (exactly: the parts sum to the cell). */
export function attributeToStreams(
  cell: Cell,
): (Omit<Figures, 'variancePence' | 'rag'> & { stream: string })[] {
  const streams = cell.streams.filter((s) => s.budgetPence > 0);
  if (streams.length === 0) {
    return [{ ...cell, stream: UNBUDGETED_STREAM }];
  }
  const only = streams.length === 1 ? streams[0] : undefined;
  if (only)
    // one stream takes the whole of each figure (what the split would give it)
    return [
      {
        stream: only.stream,
        budgetPence: only.budgetPence,
        profiledToDatePence: cell.profiledToDatePence,
        actualToDatePence: cell.actualToDatePence,
        forecastOutturnPence: cell.forecastOutturnPence,
        method: cell.method,
      },
    ];
  const weights = streams.map((s) => s.budgetPence);
  const split = (amount: Pence) => apportionByWeights(amount, weights);
  const profiled = split(cell.profiledToDatePence);
  const actual = split(cell.actualToDatePence);
  const forecast = split(cell.forecastOutturnPence);
  return streams.map((s, i) => ({
    stream: s.stream,
    budgetPence: s.budgetPence,
    profiledToDatePence: profiled[i] ?? pence(0),
    actualToDatePence: actual[i] ?? pence(0),
    forecastOutturnPence: forecast[i] ?? pence(0),
    method: cell.method,
  }));
}

/** Figures by funding stream, streams in name order with the unbudgeted line last. */
export function byStream(cells: readonly Cell[], method: ForecastMethod): StreamFigures[] {
  const partsOf = new Map<string, ReturnType<typeof attributeToStreams>>();
  for (const cell of cells)
    for (const part of attributeToStreams(cell)) {
      const parts = partsOf.get(part.stream);
      if (parts) parts.push(part);
      else partsOf.set(part.stream, [part]);
    }
  const names = [...partsOf.keys()].sort((a, b) =>
    a === UNBUDGETED_STREAM ? 1 : b === UNBUDGETED_STREAM ? -1 : a.localeCompare(b),
  );
  return names.map((stream) => ({ stream, ...sumFigures(partsOf.get(stream) ?? [], method) }));
}
