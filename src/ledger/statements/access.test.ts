import { describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/index.js';
import type { Role } from '../../auth/index.js';
import { mayReadPartner, statementScope } from './access.js';

const P = 7;
const HOST = 1;
const OTHER = 2;
const pooled = { kind: 'pooled' as const, hostOrganisationId: HOST };

function person(roles: Role[], worksFor?: number, isSystemAdmin = false): Principal {
  return {
    userId: 1,
    name: 'X',
    email: 'x@example.test',
    isSystemAdmin,
    roles: new Map([[P, new Set(roles)]]),
    organisations: worksFor === undefined ? new Map() : new Map([[P, worksFor]]),
  };
}

describe('whose statements a user reads', () => {
  it('narrows a finance officer of another partner to their own organisation', () => {
    const scope = statementScope(person(['finance_officer'], OTHER), P, pooled);
    expect(scope).toEqual({ kind: 'own', organisationId: OTHER });
    expect(mayReadPartner(scope, OTHER)).toBe(true);
    expect(mayReadPartner(scope, HOST)).toBe(false);
  });

  it('lets the host’s finance officers, administrators, board members and system administrators read every partner’s', () => {
    for (const p of [
      person(['finance_officer'], HOST),
      person(['administrator'], OTHER),
      person(['board_member'], OTHER),
      person(['finance_officer', 'board_member'], OTHER),
      person([], undefined, true),
    ])
      expect(mayReadPartner(statementScope(p, P, pooled), HOST)).toBe(true);
  });

  it('does not narrow a finance officer with no organisation recorded, nor on an aligned budget', () => {
    expect(statementScope(person(['finance_officer']), P, pooled)).toEqual({ kind: 'all' });
    expect(
      statementScope(person(['finance_officer'], OTHER), P, { kind: 'aligned', hostOrganisationId: null }),
    ).toEqual({ kind: 'all' });
  });
});
