/**
 * The search document of a decision follows what is public about it (migration 0016's triggers), whichever store
 * function changes the decision or its agenda item: an item made exempt takes its decision's text out of search,
 * and a title withheld takes the title out too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../../../test/support/steps.js';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { transaction } from '../../db/connection.js';
import { systemActor } from '../../audit/index.js';
import { makeBoardWithMeeting, makeOrganisation, makePartnership } from '../../../test/support/fixtures.js';
import { ITEM, addDecidedItems } from '../../../test/support/publicRecord.js';
import { listAgendaItems, updateAgendaItem } from '../meetings/index.js';
import { searchPublishedDecisions } from './searchStore.js';

const actor = systemActor('decision search test');

describe('the decision search document', steps, () => {
  let t: TestDatabase;
  let pid: number;
  let meetingId: number;
  let decisionId: number;
  const found = async (text: string) =>
    (await searchPublishedDecisions(t.db, pid, { text })).map((d) => d.id);

  beforeAll(async () => {
    t = await createTestDatabase();
    const a = await makeOrganisation(t.db, { name: 'Council S' });
    const b = await makeOrganisation(t.db, { name: 'CCG S' });
    pid = await makePartnership(t.db, [a, b]);
    ({ meetingId } = await makeBoardWithMeeting(t.db, pid, a, b, '2027-06-10'));
    const made = await addDecidedItems(t.db, pid, meetingId, [
      {
        item: { title: 'Reablement tender' },
        decision: 'To award the reablement contract to Wessex Homecare',
        reasons: 'Highest quality score',
        alternatives: 'Extending the current contract',
        decidedOn: '2017-07-18',
      },
    ]);
    decisionId = made[0]?.decisionId ?? 0;
  });
  afterAll(() => t.dispose());

  const setItem = (change: Partial<typeof ITEM>) =>
    transaction(t.db, async (trx) => {
      const item = (await listAgendaItems(trx, pid, meetingId)).find((i) => i.title === 'Reablement tender')!;
      await updateAgendaItem(trx, actor, pid, item, { ...ITEM, title: item.title, ...change }, false);
    });

  it('matches the title, decision, reasons and alternatives of a public item', async () => {
    for (const word of ['reablement', 'Wessex', 'quality', 'extending'])
      expect(await found(word)).toEqual([decisionId]);
  });

  it('matches only the title once the item is made exempt', async () => {
    await setItem({
      exempt: true,
      exemptParagraph: 3,
      publicInterestReason: 'Commercial',
      titlePublished: true,
    });
    expect(await found('reablement')).toEqual([decisionId]);
    for (const word of ['Wessex', 'quality', 'extending']) expect(await found(word), word).toEqual([]);
  });

  it('matches nothing once the title is withheld too, and everything again when the item is opened', async () => {
    await setItem({
      exempt: true,
      exemptParagraph: 3,
      publicInterestReason: 'Commercial',
      titlePublished: false,
    });
    expect(await found('reablement')).toEqual([]);
    expect((await searchPublishedDecisions(t.db, pid, {}))[0]?.public_title).toBe('Exempt item');
    await setItem({});
    expect(await found('Wessex')).toEqual([decisionId]);
  });
});
