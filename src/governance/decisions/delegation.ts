/**
 * Decisions by an individual member acting under delegation, with no meeting (DOMAIN.md §5 and §7; SI 2012/2089
 * reg 13: the same written statement as a decision at a meeting, produced by the member who took it).
 */
import type { FieldProblems } from '../../kernel/result.js';

export interface DelegationInput {
  subject: string;
  /** A board member's membership id, or 'other' for a named officer or member outside the board. */
  membershipId: string;
  delegatedTo: string;
  delegationAuthority: string;
  keyDecision: string;
  forwardPlanEntryId: string;
}

/** Problems with who took the decision and under what delegation, keyed by the form's field names. */
export function validateDelegation(
  d: Partial<DelegationInput>,
  members: ReadonlySet<string>,
  entries: ReadonlySet<string>,
): FieldProblems {
  const problems: FieldProblems = {};
  if (!d.subject?.trim()) problems.subject = 'Enter what the decision is about';
  if (!d.membershipId || (d.membershipId !== 'other' && !members.has(d.membershipId)))
    problems.membershipId = 'Select the board member who took the decision, or someone else';
  else if (d.membershipId === 'other' && !d.delegatedTo?.trim())
    problems.delegatedTo = 'Enter the name and post of the member or officer who took the decision';
  if (!d.delegationAuthority?.trim())
    problems.delegationAuthority =
      'Enter the delegation they acted under, for example the paragraph of the scheme';
  if (d.keyDecision !== 'yes' && d.keyDecision !== 'no')
    problems.keyDecision = 'Select whether it is a key decision';
  if (d.forwardPlanEntryId && !entries.has(d.forwardPlanEntryId))
    problems.forwardPlanEntryId = 'Select an entry in this board’s forward plan';
  return problems;
}
