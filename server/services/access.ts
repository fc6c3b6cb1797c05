import type { ExpressionBuilder } from 'kysely';
import { decisionRights, mayDecide, type NoApproval } from '../../lib/policy/may-decide';
import { reviewerTier, type Tier } from '../../lib/schemas/common';
import type { Database } from '../store/schema';
import { forbidden } from './errors';
import { firstApprover, type SuggestionRow } from './suggestion-rows';
import type { Actor } from './users';

/** Agents see what they proposed; reps what is unassigned or assigned to them or their team; managers and admins all. */
export function canView(actor: Actor, s: Pick<SuggestionRow, 'proposed_by' | 'assignee_user' | 'assignee_team'>) {
  switch (actor.role) {
    case 'admin':
    case 'manager':
      return true;
    case 'agent':
      return s.proposed_by === actor.id;
    case 'rep':
      return (
        (s.assignee_user === null && s.assignee_team === null) ||
        s.assignee_user === actor.id ||
        (actor.team !== null && s.assignee_team === actor.team)
      );
  }
}

/** The same rule as `canView`, as a SQL condition. */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'suggestions'>) => {
    switch (actor.role) {
      case 'admin':
      case 'manager':
        return eb.lit(true);
      case 'agent':
        return eb('proposed_by', '=', actor.id);
      case 'rep':
        return eb.or([
          eb.and([eb('assignee_user', 'is', null), eb('assignee_team', 'is', null)]),
          eb('assignee_user', '=', actor.id),
          ...(actor.team === null ? [] : [eb('assignee_team', '=', actor.team)]),
        ]);
    }
  };
}

/** Throws a 403, with the refusal that applies, unless the actor is a reviewer at `tier` or above. */
export function assertReviewerAt(actor: Actor, tier: string, refusal: { notReviewer: string; belowTier: string }) {
  if (!reviewerTier(actor.role)) throw forbidden(refusal.notReviewer);
  if (!mayDecide(actor.role, tier as Tier)) throw forbidden(refusal.belowTier);
}

const REFUSALS: Record<NoApproval, (tier: string) => string> = {
  not_reviewer: () => 'agents propose and read; only reviewers decide',
  tier: (tier) => `this item needs a reviewer at the ${tier} tier or above`,
  proposer: () => 'no one approves what they proposed',
  first_approver: () => 'a second, different approver is required',
};

/**
 * Throws a 403 unless the actor may take this decision on the item (`decisionRights`, the rule the extension follows
 * too): a reviewer at its tier or above; approving, neither its proposer nor the first of its two approvers.
 */
export function assertMayDecide(actor: Actor, s: SuggestionRow, approving: boolean) {
  const first = firstApprover(s);
  const rights = decisionRights(actor, {
    tier: s.tier as Tier,
    proposedBy: { id: s.proposed_by },
    firstApproval: first === null ? null : { by: { id: first } },
  });
  if (approving ? rights.approve : rights.refuse) return;
  throw forbidden(REFUSALS[rights.why ?? 'tier'](s.tier));
}
