import { describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/index.js';
import type { Role } from '../../auth/index.js';
import { fundSetupAccess, type FundHost } from './fundAccess.js';

const P = 10; // the partnership
const COUNCIL = 1; // the host
const CCG = 2; // the other partner

function person(roles: Role[], worksFor?: number, isSystemAdmin = false): Principal {
  return {
    userId: 1,
    name: 'Test',
    email: 't@test.example',
    isSystemAdmin,
    roles: new Map([[P, new Set(roles)]]),
    organisations: worksFor === undefined ? new Map() : new Map([[P, worksFor]]),
  };
}

const pooled: FundHost = { kind: 'pooled', hostOrganisationId: COUNCIL };
const aligned: FundHost = { kind: 'aligned', hostOrganisationId: null };

const TABLE: [
  who: string,
  principal: Principal | null,
  fund: FundHost,
  forOrganisation: number | undefined,
  allowed: boolean,
][] = [
  [
    'a finance officer of the host, on its pooled fund',
    person(['finance_officer'], COUNCIL),
    pooled,
    undefined,
    true,
  ],
  [
    'a finance officer of the other partner, on the pooled fund',
    person(['finance_officer'], CCG),
    pooled,
    undefined,
    false,
  ],
  ['a finance officer with no organisation recorded', person(['finance_officer']), pooled, undefined, false],
  [
    'a finance officer of the other partner, on an aligned budget',
    person(['finance_officer'], CCG),
    aligned,
    undefined,
    true,
  ],
  [
    'a finance officer of the other partner, on their own import profile',
    person(['finance_officer'], CCG),
    pooled,
    CCG,
    true,
  ],
  [
    'a finance officer of the other partner, on the host’s import profile',
    person(['finance_officer'], CCG),
    pooled,
    COUNCIL,
    false,
  ],
  [
    'an administrator of the partnership, working for no one',
    person(['administrator']),
    pooled,
    undefined,
    true,
  ],
  ['a system administrator', person([], undefined, true), pooled, undefined, true],
  [
    'a commissioning officer of the host',
    person(['commissioning_officer'], COUNCIL),
    pooled,
    undefined,
    false,
  ],
  ['a board member of the host', person(['board_member'], COUNCIL), aligned, undefined, false],
  ['the public', null, pooled, undefined, false],
];

describe('who may set up and change a fund', () => {
  for (const [who, principal, fund, forOrganisation, allowed] of TABLE) {
    it(`${allowed ? 'allows' : 'refuses'} ${who}`, () => {
      expect(fundSetupAccess(principal, P, fund, 'Southampton City Council', forOrganisation).allowed).toBe(
        allowed,
      );
    });
  }

  it('tells a finance officer of another partner who may, and what they can still do', () => {
    const a = fundSetupAccess(person(['finance_officer'], CCG), P, pooled, 'Southampton City Council');
    expect(a).toEqual({
      allowed: false,
      reason:
        'Only finance officers of the host partner, Southampton City Council, may set up and change this pooled fund. You can read it, its monitoring report and your organisation’s contributions.',
    });
  });

  it('tells a finance officer with no organisation to have it recorded', () => {
    const a = fundSetupAccess(person(['finance_officer']), P, pooled, 'Southampton City Council');
    expect(a.allowed ? '' : a.reason).toContain('your role records no organisation');
  });

  it('does not let a role in another partnership count', () => {
    const elsewhere: Principal = {
      ...person(['finance_officer'], COUNCIL),
      roles: new Map([[99, new Set<Role>(['finance_officer'])]]),
    };
    expect(fundSetupAccess(elsewhere, P, pooled, 'Southampton City Council').allowed).toBe(false);
  });
});
