import { reviewerTier, tierRank, type Role, type Tier } from '../schemas/common';
import type { Suggestion } from '../schemas/suggestion';

// Who may decide what: the server refuses anything else (server/services/access.ts `assertMayDecide` applies this
// rule), and the extension offers only the decisions the server will take.

/** Whether someone with `role` may decide an item at `tier` at all: a reviewer at that tier or above. */
export function mayDecide(role: Role, tier: Tier): boolean {
  const own = reviewerTier(role);
  return own !== null && tierRank(own) >= tierRank(tier);
}

/** Who is deciding: the signed-in user, as the background's session names them. */
export interface Decider {
  id: string;
  role: Role;
}

/** Why someone may not approve an item: below its tier (or not a reviewer), its proposer, or its first approver. */
export type NoApproval = 'not_reviewer' | 'tier' | 'proposer' | 'first_approver';

export interface DecisionRights {
  /** Approve, modify, partial, conditional, and confirming a condition. */
  approve: boolean;
  /** Reject, escalate, dismiss, and cancelling a condition: anyone at the item's tier, its proposer included. */
  refuse: boolean;
  /** Why not approve; null when `approve`. */
  why: NoApproval | null;
}

type Item = Pick<Suggestion, 'tier'> & {
  proposedBy: Pick<Suggestion['proposedBy'], 'id'>;
  firstApproval: { by: Pick<Suggestion['proposedBy'], 'id'> } | null;
};

/** What `user` may decide on the item; the server refuses the rest with a 403. */
export function decisionRights(user: Decider, s: Item): DecisionRights {
  if (!mayDecide(user.role, s.tier)) {
    return { approve: false, refuse: false, why: reviewerTier(user.role) === null ? 'not_reviewer' : 'tier' };
  }
  if (s.proposedBy.id === user.id) return { approve: false, refuse: true, why: 'proposer' };
  // At a tier that needs two approvers, the second must be someone else.
  if (s.firstApproval?.by.id === user.id) return { approve: false, refuse: true, why: 'first_approver' };
  return { approve: true, refuse: true, why: null };
}
