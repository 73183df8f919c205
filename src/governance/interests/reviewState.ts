/**
 * Review before publication (DOMAIN.md §6), shared by the register of interests and of gifts and hospitality: an
 * entry is a draft until a democratic services officer reviews it, and any change returns it to draft.
 */

/** Who reviewed an entry: recorded by name (and user, when signed in) with the time. */
export interface Reviewer {
  userId: number | null;
  name: string;
}

/** The columns of an entry awaiting review: a new one, or one changed since it was reviewed. */
export const awaitingReview = {
  status: 'draft',
  reviewed_by: '',
  reviewed_by_user_id: null,
  reviewed_at: null,
} as const;

/** The columns of an entry once reviewed: who reviewed it, and when. */
export const reviewedBy = (reviewer: Reviewer, at: Date) =>
  ({
    status: 'reviewed',
    reviewed_by: reviewer.name,
    reviewed_by_user_id: reviewer.userId,
    reviewed_at: at,
  }) as const;
