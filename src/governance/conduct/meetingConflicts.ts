/**
 * The likely conflicts of interest at one meeting: its agenda items with the providers they name, the board's
 * members serving on the day, and their registered interests, put through `likelyConflicts` (DOMAIN.md §6).
 */
import type { Executor } from '../../db/connection.js';
import type { IsoDate } from '../../kernel/dates.js';
import { likelyConflicts, type LikelyConflict } from '../interests/index.js';
import { listInterests, membersWithRegime } from '../interests/index.js';
import { providersOfItems } from '../meetings/index.js';
import { listAgendaItems } from '../meetings/index.js';

export async function conflictsAtMeeting(
  db: Executor,
  partnershipId: number,
  meeting: { id: number; board_id: number; meetsOn: IsoDate },
): Promise<{ conflicts: LikelyConflict[]; providers: Map<number, string[]> }> {
  const items = await listAgendaItems(db, partnershipId, meeting.id);
  const providers = await providersOfItems(
    db,
    partnershipId,
    items.map((i) => i.id),
  );
  const conflicts = likelyConflicts(
    items.map((i) => ({
      itemId: i.id,
      number: i.number,
      title: i.title,
      providers: providers.get(i.id) ?? [],
    })),
    await membersWithRegime(db, partnershipId, meeting.board_id),
    await listInterests(db, partnershipId, meeting.board_id),
    meeting.meetsOn,
  );
  return { conflicts, providers };
}
