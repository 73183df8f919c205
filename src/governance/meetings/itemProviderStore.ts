/** The SQL of the providers an agenda item names, matched against registered interests (DOMAIN.md §6). */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import { normaliseName } from '../interests/index.js';

/** The providers each of these items names, in the order typed. */
export async function providersOfItems(
  db: Executor,
  partnershipId: number,
  itemIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('agenda_item_providers')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('agenda_item_id', 'in', itemIds)
    .orderBy('agenda_item_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.set(r.agenda_item_id, [...(out.get(r.agenda_item_id) ?? []), r.name]);
  return out;
}

/**
 * Replaces the providers an item names (one name per entry; a name repeated in other case or punctuation is kept
 * once), audited as a change to the item.
 */
export async function setItemProviders(
  trx: Executor,
  actor: Actor,
  partnershipId: number,
  itemId: number,
  names: readonly string[],
): Promise<void> {
  const before = (await providersOfItems(trx, partnershipId, [itemId])).get(itemId) ?? [];
  const seen = new Set<string>();
  const after: { name: string; key: string }[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const key = normaliseName(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    after.push({ name, key });
  }
  if (before.join('\n') === after.map((a) => a.name).join('\n')) return;
  await trx
    .deleteFrom('agenda_item_providers')
    .where('partnership_id', '=', partnershipId)
    .where('agenda_item_id', '=', itemId)
    .execute();
  if (after.length > 0)
    await trx
      .insertInto('agenda_item_providers')
      .values(
        after.map((a, index) => ({
          partnership_id: partnershipId,
          agenda_item_id: itemId,
          position: index + 1,
          name: a.name,
          name_key: a.key,
        })),
      )
      .execute();
  await recordAuditEvent(trx, actor, {
    action: 'update',
    entityType: 'agenda_item_providers',
    entityId: itemId,
    partnershipId,
    before: { providers: before },
    after: { providers: after.map((a) => a.name) },
  });
}
