import { describe, expect, it } from 'vitest';
import { compileReleases } from './ocdsMerge.js';

const base = { ocid: 'ocds-xxxxxx-1', initiationType: 'tender' };

describe('compiling releases', () => {
  it('applies releases in date order: later values replace earlier, arrays with ids merge by id', () => {
    const award = {
      ...base,
      id: 'a',
      date: '2026-02-01T00:00:00Z',
      tag: ['award'],
      parties: [{ id: 'org-1', name: 'Council', roles: ['buyer', 'payer'] }],
      awards: [{ id: 'award-1', status: 'active' }],
    };
    const tender = {
      ...base,
      id: 't',
      date: '2026-01-01T00:00:00Z',
      tag: ['tender'],
      parties: [
        { id: 'org-1', name: 'The council', roles: ['buyer'] },
        { id: 'org-2', name: 'CCG', roles: ['funder'] },
      ],
      tender: { id: 'T1', status: 'active', title: 'Home care' },
    };
    const closing = {
      ...base,
      id: 'c',
      date: '2026-03-01T00:00:00Z',
      tag: ['tenderUpdate'],
      tender: { id: 'T1', status: 'complete', title: null },
    };
    // given out of order on purpose
    const compiled = compileReleases([award, closing, tender]);
    expect(compiled).toEqual({
      ocid: 'ocds-xxxxxx-1',
      id: 'ocds-xxxxxx-1-2026-03-01T00:00:00Z',
      date: '2026-03-01T00:00:00Z',
      tag: ['compiled'],
      initiationType: 'tender',
      parties: [
        // same id: merged, the later name and roles win (an array of strings is replaced whole)
        { id: 'org-1', name: 'Council', roles: ['buyer', 'payer'] },
        { id: 'org-2', name: 'CCG', roles: ['funder'] },
      ],
      // null removed the title
      tender: { id: 'T1', status: 'complete' },
      awards: [{ id: 'award-1', status: 'active' }],
    });
  });

  it('refuses releases of different processes', () => {
    expect(() =>
      compileReleases([
        { ...base, id: '1', date: '2026-01-01T00:00:00Z' },
        { ...base, ocid: 'ocds-xxxxxx-2', id: '2', date: '2026-01-01T00:00:00Z' },
      ]),
    ).toThrow(/one ocid/);
  });
});
