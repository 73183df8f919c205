import { describe, expect, it } from 'vitest';
import { validateDelegation } from './delegation.js';

describe('who took a decision under delegation', () => {
  const members = new Set(['7']);
  const entries = new Set(['3']);
  const base = {
    subject: 'Quarterly return',
    membershipId: '7',
    delegatedTo: '',
    delegationAuthority: 'Terms of reference, 4.2',
    keyDecision: 'no',
    forwardPlanEntryId: '',
  };
  it('accepts a board member, or someone else named, acting under a named delegation', () => {
    expect(validateDelegation(base, members, entries)).toEqual({});
    expect(
      validateDelegation(
        { ...base, membershipId: 'other', delegatedTo: 'Director of Quality' },
        members,
        entries,
      ),
    ).toEqual({});
  });
  it('names each missing part', () => {
    expect(
      validateDelegation({ ...base, membershipId: 'other', delegationAuthority: ' ' }, members, entries),
    ).toEqual({
      delegatedTo: 'Enter the name and post of the member or officer who took the decision',
      delegationAuthority: 'Enter the delegation they acted under, for example the paragraph of the scheme',
    });
    expect(
      Object.keys(
        validateDelegation(
          { ...base, membershipId: '8', keyDecision: '', forwardPlanEntryId: '9' },
          members,
          entries,
        ),
      ),
    ).toEqual(['membershipId', 'keyDecision', 'forwardPlanEntryId']);
  });
});
