import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../db/connection.js';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { systemActor } from '../audit/index.js';
import {
  makeBoardWithMeeting,
  makeFundWithScheme,
  makeOrganisation,
  makePartnership,
} from '../../test/support/fixtures.js';
import { getPartnership, updatePartnership } from './store.js';

const actor = systemActor('test');
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.dispose();
});

async function dropPartner(partnershipId: number, keep: number[]) {
  const p = await getPartnership(t.db, partnershipId);
  if (!p) throw new Error('no partnership');
  return transaction(t.db, (trx) =>
    updatePartnership(trx, actor, partnershipId, {
      name: p.name,
      slug: p.slug,
      description: p.description,
      formedOn: p.formed_on,
      organisationIds: keep,
    }),
  );
}

describe('removing a partner from a partnership', () => {
  it('removes a partner that no record names', async () => {
    const [a, b, c] = [
      await makeOrganisation(t.db),
      await makeOrganisation(t.db),
      await makeOrganisation(t.db),
    ];
    const pid = await makePartnership(t.db, [a, b, c]);
    expect(await dropPartner(pid, [a, b])).toEqual({ kept: [] });
  });

  it('keeps a partner that sits on a board of the partnership', async () => {
    const [a, b, c] = [
      await makeOrganisation(t.db),
      await makeOrganisation(t.db),
      await makeOrganisation(t.db),
    ];
    const pid = await makePartnership(t.db, [a, b, c]);
    await makeBoardWithMeeting(t.db, pid, a, c);
    expect(await dropPartner(pid, [a, b])).toEqual({ kept: [c] });
  });

  it('keeps a partner that contributes to a fund, and still removes the others in the same change', async () => {
    const [a, b, c] = [
      await makeOrganisation(t.db),
      await makeOrganisation(t.db),
      await makeOrganisation(t.db),
    ];
    const pid = await makePartnership(t.db, [a, b, c]);
    await makeFundWithScheme(t.db, pid, a, b);
    expect(await dropPartner(pid, [a])).toEqual({ kept: [b] });
  });
});
