/**
 * The SQL of the public decisions list: published decisions of a partnership with their meeting, board and agenda
 * item, filtered by board, date and key decision, and matched by full-text search (PostgreSQL text search,
 * `websearch_to_tsquery('english', ...)`) against the search document of migration 0016, which holds only what the
 * public may read. Of a decision on an exempt item (DOMAIN.md §5, Schedule 12A) no text leaves the database: the
 * decision text is selected as null and the title only where the officer allowed it.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection.js';
import { isoDate, type IsoDate } from '../../kernel/dates.js';
import type { CallInRequest } from './rules.js';

export interface DecisionSearchFilter {
  boardId?: number | undefined;
  /** Decided on or after. */
  from?: IsoDate | undefined;
  /** Decided on or before. */
  to?: IsoDate | undefined;
  keyOnly?: boolean | undefined;
  /** Words as a user types them into a search box: "quoted phrases", or, -not. */
  text?: string | undefined;
}

export type PublishedDecisionRow = Awaited<ReturnType<typeof searchPublishedDecisions>>[number];

/** Published decisions matching the filter: best match first when searching, otherwise newest first. */
export async function searchPublishedDecisions(db: Executor, partnershipId: number, f: DecisionSearchFilter) {
  const text = f.text?.trim() ?? '';
  const query = sql`websearch_to_tsquery('english', ${text})`;
  // a decision under delegation (reg 13) has no meeting or agenda item: its board, subject and key decision are
  // its own (migration 0014), and nothing of it is exempt
  const boardId = sql<number>`coalesce(m.board_id, d.board_id)`;
  const keyDecision = sql<boolean>`coalesce(i.key_decision, d.key_decision)`;
  let q = db
    .selectFrom('decisions as d')
    .leftJoin('agenda_items as i', (j) =>
      j.onRef('i.partnership_id', '=', 'd.partnership_id').onRef('i.id', '=', 'd.agenda_item_id'),
    )
    .leftJoin('meetings as m', (j) =>
      j.onRef('m.partnership_id', '=', 'd.partnership_id').onRef('m.id', '=', 'd.meeting_id'),
    )
    .innerJoin('boards as b', (j) =>
      j.onRef('b.partnership_id', '=', 'd.partnership_id').on('b.id', '=', boardId),
    )
    .select([
      'd.id',
      'd.meeting_id',
      'b.name as board_name',
      'm.meets_on',
      'i.number as item_number',
      'i.exempt_paragraph',
      'd.delegated_to',
      'd.decided_on',
      'd.published_on',
      'd.published_at',
      'd.call_in',
      'd.call_in_rule',
      'd.urgency_agreed_by',
    ])
    .select([
      boardId.as('board_id'),
      keyDecision.as('key_decision'),
      sql<boolean>`coalesce(i.exempt, false)`.as('exempt'),
    ])
    // the public title and decision text, worked out here so that exempt text is never read out
    .select(
      sql<string>`case when i.id is null then d.subject when i.exempt and not i.title_published then 'Exempt item' else i.title end`.as(
        'public_title',
      ),
    )
    .select(sql<string | null>`case when i.exempt then null else d.decision end`.as('public_decision'))
    .where('d.partnership_id', '=', partnershipId)
    .where('d.published_on', 'is not', null);
  if (f.boardId !== undefined) q = q.where(boardId, '=', f.boardId);
  if (f.from !== undefined) q = q.where('d.decided_on', '>=', f.from);
  if (f.to !== undefined) q = q.where('d.decided_on', '<=', f.to);
  if (f.keyOnly) q = q.where(keyDecision, '=', true);
  if (text !== '') {
    q = q
      .innerJoin('decision_search as s', (j) =>
        j.onRef('s.partnership_id', '=', 'd.partnership_id').onRef('s.decision_id', '=', 'd.id'),
      )
      .where(sql<boolean>`s.document @@ ${query}`)
      .orderBy(sql`ts_rank(s.document, ${query})`, 'desc');
  }
  const rows = await q.orderBy('d.decided_on', 'desc').orderBy('i.number').orderBy('d.id', 'desc').execute();
  return rows.map((r) => ({
    ...r,
    meetsOn: r.meets_on === null ? null : isoDate(r.meets_on),
    decidedOn: isoDate(r.decided_on),
    publishedOn: isoDate(r.published_on ?? r.decided_on),
  }));
}

/** The call-in requests of several decisions at once, keyed by decision. */
export async function callInRequestsOf(
  db: Executor,
  partnershipId: number,
  decisionIds: readonly number[],
): Promise<Map<number, CallInRequest[]>> {
  const byDecision = new Map<number, CallInRequest[]>(decisionIds.map((id) => [id, []]));
  if (decisionIds.length === 0) return byDecision;
  const rows = await db
    .selectFrom('call_in_requests')
    .select(['decision_id', 'member_name', 'grounds', 'requested_on'])
    .where('partnership_id', '=', partnershipId)
    .where('decision_id', 'in', decisionIds)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  for (const r of rows)
    byDecision.get(r.decision_id)?.push({
      memberName: r.member_name,
      grounds: r.grounds,
      requestedOn: isoDate(r.requested_on),
    });
  return byDecision;
}
