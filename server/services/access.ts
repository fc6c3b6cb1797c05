import type { ExpressionBuilder } from 'kysely';
import { reviewerTier, tierRank, type Tier } from '../../lib/schemas/common';
import type { Database } from '../store/schema';
import { forbidden } from './errors';
import type { SuggestionRow } from './suggestion-rows';
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
  const own = reviewerTier(actor.role);
  if (!own) throw forbidden(refusal.notReviewer);
  if (tierRank(own) < tierRank(tier as Tier)) throw forbidden(refusal.belowTier);
}

/** Throws a 403 unless the actor may decide this item: a reviewer at its tier or above, and not its proposer. */
export function assertMayDecide(actor: Actor, s: SuggestionRow, approving: boolean) {
  assertReviewerAt(actor, s.tier, {
    notReviewer: 'agents propose and read; only reviewers decide',
    belowTier: `this item needs a reviewer at the ${s.tier} tier or above`,
  });
  if (approving && s.proposed_by === actor.id) throw forbidden('no one approves what they proposed');
}
