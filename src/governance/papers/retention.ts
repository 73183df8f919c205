/**
 * The papers due for review because their time open to inspection has run (LGA 1972 ss100C, 100D: six years for
 * minutes and reports, four for background papers, from the meeting). Nothing is deleted automatically: an officer
 * reviews each under the partnership's records retention schedule.
 */
import type { Executor } from '../../db/connection.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import { retainUntil } from './rules.js';

/**
 * Every paper of the partnership whose retention period has ended by `today`, oldest meeting first, for an
 * officer to review (nothing is deleted automatically).
 */
export async function papersPastRetention(db: Executor, partnershipId: number, today: IsoDate) {
  const rows = await db
    .selectFrom('papers')
    .innerJoin('meetings', (j) =>
      j
        .onRef('meetings.partnership_id', '=', 'papers.partnership_id')
        .onRef('meetings.id', '=', 'papers.meeting_id'),
    )
    .innerJoin('boards', (j) =>
      j
        .onRef('boards.partnership_id', '=', 'meetings.partnership_id')
        .onRef('boards.id', '=', 'meetings.board_id'),
    )
    .leftJoin('agenda_items', (j) =>
      j
        .onRef('agenda_items.partnership_id', '=', 'papers.partnership_id')
        .onRef('agenda_items.id', '=', 'papers.agenda_item_id'),
    )
    .select([
      'papers.id',
      'papers.kind',
      'papers.title',
      'papers.meeting_id',
      'meetings.meets_on',
      'boards.name as board_name',
      'agenda_items.number as item_number',
    ])
    .where('papers.partnership_id', '=', partnershipId)
    // the longest period is six years: older meetings only, then the rule decides each paper
    .where('meetings.meets_on', '<', today)
    .orderBy('meetings.meets_on')
    .orderBy('papers.id')
    .execute();
  return rows
    .map((r) => ({ ...r, retainUntil: retainUntil(r.kind, isoDate(r.meets_on)) }))
    .filter((r) => r.retainUntil < today);
}
